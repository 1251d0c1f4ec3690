"""What changed between two charter texts: clause by clause, words inserted and deleted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from django.utils.safestring import SafeString, mark_safe

from charters.rendering import ParsedClause, anchor_for, parse_clauses

# a word or a run of punctuation, with the spaces after it (half as many tokens as splitting spaces off)
TOKEN = re.compile(r"\w+\s*|[^\w\s]+\s*|\s+")
PREAMBLE = ""


@dataclass(frozen=True, slots=True)
class ClauseDiff:
    number: str  # "" for the text before the first clause
    title: str
    status: str  # added, removed, changed, unchanged
    html: SafeString
    tags_added: tuple[str, ...] = ()
    tags_removed: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return anchor_for(self.number) if self.number else "preamble"

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


def word_diff_html(old: str, new: str) -> SafeString:
    """HTML of ``new`` with deleted words in <del> and inserted words in <ins>."""
    if old == new:
        return mark_safe(escape(new))
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out: list[str] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        gone, added = "".join(deleted), "".join(inserted)
        tail = _common_space_suffix(gone, added)
        if tail:
            gone, added = gone[: -len(tail)], added[: -len(tail)]
        if gone:
            out.append(f"<del>{escape(gone)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
        out.append(escape(tail))
        deleted.clear()
        inserted.clear()

    # compare words without their trailing spaces ("salariés." and "salariés et" share "salariés")
    keys_a, keys_b = [t.rstrip() for t in a], [t.rstrip() for t in b]
    opcodes = SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = "".join(b[j1:j2])
            between_changes = (deleted or inserted) and index + 1 < len(opcodes)
            if between_changes and not same.strip():
                # a lone space between two changes: one readable change instead of confetti
                deleted.append(same)
                inserted.append(same)
                continue
            flush()
            out.append(escape(same))
            continue
        deleted.extend(a[i1:i2])
        inserted.extend(b[j1:j2])
    flush()
    return mark_safe("".join(out))


def _common_space_suffix(a: str, b: str) -> str:
    """The trailing whitespace both sides share: kept outside the marks, so words read naturally."""
    if not a or not b:
        return ""
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size] and a[-1 - size].isspace():
        size += 1
    return a[len(a) - size :] if size else ""


def _merged_order(old: list[ParsedClause], new: list[ParsedClause]) -> list[str]:
    """New clauses in their order, each removed clause right after its old predecessor."""
    order = [c.number for c in new]
    present = set(order)
    previous: str | None = None
    for clause in old:
        if clause.number not in present:
            at = order.index(previous) + 1 if previous is not None and previous in order else 0
            order.insert(at, clause.number)
            present.add(clause.number)
        previous = clause.number
    return order


def diff_texts(old_source: str, new_source: str) -> list[ClauseDiff]:
    old_pre, old_clauses = parse_clauses(old_source)
    new_pre, new_clauses = parse_clauses(new_source)
    old_by, new_by = {c.number: c for c in old_clauses}, {c.number: c for c in new_clauses}
    diffs: list[ClauseDiff] = []
    if old_pre or new_pre:
        status = "unchanged" if old_pre == new_pre else "changed"
        diffs.append(ClauseDiff(PREAMBLE, "", status, word_diff_html(old_pre, new_pre)))
    for number in _merged_order(old_clauses, new_clauses):
        before, after = old_by.get(number), new_by.get(number)
        if before is None:
            assert after is not None
            diffs.append(ClauseDiff(number, after.title, "added", word_diff_html("", after.text), after.tags))
        elif after is None:
            diffs.append(
                ClauseDiff(number, before.title, "removed", word_diff_html(before.text, ""), tags_removed=before.tags)
            )
        else:
            same = before.text == after.text and before.tags == after.tags
            diffs.append(
                ClauseDiff(
                    number,
                    after.title,
                    "unchanged" if same else "changed",
                    word_diff_html(before.text, after.text),
                    tuple(t for t in after.tags if t not in before.tags),
                    tuple(t for t in before.tags if t not in after.tags),
                )
            )
    return diffs

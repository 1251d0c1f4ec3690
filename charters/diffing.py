"""What changed between two charter texts: clause by clause, words inserted and deleted.

Each side of a clause is rendered by the charter pipeline (Markdown -> sanitised HTML, charters.rendering)
and cut into its blocks (headings, paragraphs, list items, table rows, code): the reader sees headings
and lists, not Markdown marks. Blocks are matched between the two sides, then a changed block is
diffed word by word on its plain text. Insertions and deletions are <ins> and <del>, each opened by a
visually hidden label so that screen readers say them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from charters.rendering import ParsedClause, anchor_for, parse_clauses, render_markdown

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


def marked(tag: str, text: str) -> str:
    """``text`` escaped in <ins> or <del>, opened by a label only screen readers read."""
    label = _("inserted:") if tag == "ins" else _("deleted:")
    return f'<{tag}><span class="visually-hidden">{escape(label)} </span>{escape(text)}</{tag}>'


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
            out.append(marked("del", gone))
        if added:
            out.append(marked("ins", added))
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


# --- rendered blocks ------------------------------------------------------------------------------
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "pre", "tr"}


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # heading, p, li, pre, row
    text: str  # plain text as the reader sees it
    list_tag: str = ""  # ul or ol for list items


class _BlockReader(HTMLParser):
    """The leaf blocks of sanitised charter HTML, in order, with their plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._lists: list[str] = []
        self._kind = ""
        self._list_tag = ""
        self._parts: list[str] = []

    def _open(self, kind: str, list_tag: str = "") -> None:
        self._close()
        self._kind, self._list_tag = kind, list_tag

    def _close(self) -> None:
        raw = "".join(self._parts)
        text = raw.strip("\n") if self._kind == "pre" else " ".join(raw.split())
        if self._kind and text.strip():
            self.blocks.append(Block(self._kind, text, self._list_tag))
        self._kind, self._list_tag, self._parts = "", "", []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._lists.append(tag)
        if tag == "p" and self._kind == "li":
            return  # the paragraph of a loose list item belongs to the item
        if tag in BLOCKS:
            kind = "heading" if tag in HEADINGS else "row" if tag == "tr" else tag
            self._open(kind, self._lists[-1] if tag == "li" and self._lists else "")
        elif tag in ("td", "th") and self._kind == "row" and "".join(self._parts).strip():
            self._parts.append(" | ")
        elif tag == "br":
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and not (tag == "p" and self._kind == "li"):
            self._close()
        if tag in ("ul", "ol") and self._lists:
            self._close()
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if not self._kind and data.strip():
            self._open("p")  # text outside any block (e.g. after a nested list)
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._close()


def rendered_blocks(source: str) -> list[Block]:
    """The blocks of ``source`` as the charter pages render it (Markdown, sanitised)."""
    reader = _BlockReader()
    reader.feed(render_markdown(source))
    reader.close()
    return reader.blocks


def _block_html(kind: str, inner: str) -> str:
    if kind == "heading":
        return f'<h4 class="diff-heading">{inner}</h4>'
    if kind == "pre":
        return f"<pre>{inner}</pre>"
    if kind == "row":
        return f'<p class="diff-row">{inner}</p>'
    return f"<{kind}>{inner}</{kind}>" if kind == "li" else f"<p>{inner}</p>"


def blocks_diff_html(old: list[Block], new: list[Block]) -> SafeString:
    """HTML of the new blocks with the old ones matched: changed blocks diffed word by word, removed
    blocks struck through, added ones inserted; consecutive list items stay in one list."""
    pieces: list[tuple[Block, str]] = []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            pieces += [(b, escape(b.text)) for b in new[j1:j2]]
            continue
        before, after = old[i1:i2], new[j1:j2]
        for index in range(max(len(before), len(after))):
            a = before[index] if index < len(before) else None
            b = after[index] if index < len(after) else None
            if a is not None and b is not None:
                pieces.append((b, word_diff_html(a.text, b.text)))
            elif b is not None:
                pieces.append((b, marked("ins", b.text)))
            elif a is not None:
                pieces.append((a, marked("del", a.text)))
    out: list[str] = []
    open_list = ""
    for block, inner in pieces:
        wanted = block.list_tag if block.kind == "li" else ""
        if open_list and wanted != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if wanted and not open_list:
            out.append(f"<{wanted}>")
            open_list = wanted
        out.append(_block_html(block.kind if block.kind != "li" or wanted else "p", inner))
    if open_list:
        out.append(f"</{open_list}>")
    return mark_safe("".join(out))


def _clause_diff_html(old_source: str, new_source: str) -> SafeString:
    """Rendered diff of one clause; its own heading is left out when unchanged (the diff's section says it)."""
    old, new = rendered_blocks(old_source), rendered_blocks(new_source)
    old_heading = old[0] if old and old[0].kind == "heading" else None
    new_heading = new[0] if new and new[0].kind == "heading" else None
    if old_heading is not None and (new_heading is None or new_heading == old_heading or not new_source.strip()):
        old = old[1:]
    if new_heading is not None and (old_heading is None or new_heading == old_heading or not old_source.strip()):
        new = new[1:]
    return blocks_diff_html(old, new)


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
        html = blocks_diff_html(rendered_blocks(old_pre), rendered_blocks(new_pre))
        diffs.append(ClauseDiff(PREAMBLE, "", status, html))
    for number in _merged_order(old_clauses, new_clauses):
        before, after = old_by.get(number), new_by.get(number)
        if before is None:
            assert after is not None
            diffs.append(ClauseDiff(number, after.title, "added", _clause_diff_html("", after.text), after.tags))
        elif after is None:
            diffs.append(
                ClauseDiff(
                    number, before.title, "removed", _clause_diff_html(before.text, ""), tags_removed=before.tags
                )
            )
        else:
            same = before.text == after.text and before.tags == after.tags
            diffs.append(
                ClauseDiff(
                    number,
                    after.title,
                    "unchanged" if same else "changed",
                    _clause_diff_html(before.text, after.text),
                    tuple(t for t in after.tags if t not in before.tags),
                    tuple(t for t in before.tags if t not in after.tags),
                )
            )
    return diffs

"""Registered confidential terms in any case, accent, inflection, hashtag, CamelCase, possessive or light
obfuscation (H-E-R-O-N, Her0n); a lower-case common-word homonym needs a cue that it means the term."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext, TermEntry
from compliance.folding import fold
from compliance.rules.base import Finding, Rule, Severity, folded, sentence_bounds

LEET = {"o": "o0", "i": "i1!|", "l": "l1|", "e": "e3€", "a": "a4@", "s": "s5$", "t": "t7", "g": "g9", "b": "b8"}
SEP = r"[\-\.\s_*·/]"
CUES = (
    "projet",
    "project",
    "programme",
    "program",
    "code",
    "nom de code",
    "codename",
    "dossier",
    "gamme",
    "prototype",
    "lancement",
    "launch",
    "sous nda",
    "under nda",
    "client",
    "partenaire",
    "partner",
)
STOP = frozenset(
    "les des une pour avec dans sur par est sont the and for with from that this into not nous vous "
    "chez tout plus mais lui elle leur leurs notre".split()
)


def _letter(ch: str) -> str:
    return "[" + re.escape(LEET.get(ch, ch)) + "]" if ch.isalnum() else re.escape(ch)


def _term_pattern(term: str) -> str:
    words = re.findall(r"[^\W_]+", fold(term))
    plain = r"[\s\-_'’]*".join("".join(_letter(c) for c in w) for w in words)
    spaced = f"{SEP}?".join(_letter(c) for c in "".join(words))
    spaced_strict = SEP.join(_letter(c) for c in "".join(words))
    body = f"(?:{plain}|{spaced_strict})" if len(spaced) < 200 else plain
    return rf"(?<![^\W_]){body}(?:['’]?s|x|es)?(?![^\W_])"


ORG_KINDS = frozenset({"client", "partner", "other"})
# Generic words of organisation names: "Acme Foods" is also called "Acme".
GENERIC_ORG_WORDS = frozenset(
    "foods food stores store hotels hotel labs lab group groupe distribution sa sas sarl ltd inc gmbh llc plc "
    "company compagnie fonderies fonderie industries industrie holding partners systems technologies solutions "
    "services studio studios retail international france europe uk".split()
)


def aliases(entry: TermEntry) -> list[str]:
    """Shorter names an organisation goes by: its name without generic words ("Acme Foods" -> "Acme")."""
    if entry.kind not in ORG_KINDS:
        return []
    words = entry.term.split()
    kept = [w for w in words if fold(w) not in GENERIC_ORG_WORDS]
    if len(words) < 2 or not kept or len(kept) == len(words) or len("".join(kept)) < 4:
        return []
    return [" ".join(kept)]


def _compile(context: CheckerContext) -> tuple[re.Pattern[str] | None, dict[str, TermEntry]]:
    groups: dict[str, TermEntry] = {}
    parts = []
    n = 0
    for entry in context.terms:
        if not re.search(r"[^\W_]", entry.term):
            continue
        for name in (entry.term, *aliases(entry)):
            groups[f"t{n}"] = entry if name == entry.term else TermEntry(name, entry.kind, entry.note)
            parts.append(f"(?P<t{n}>{_term_pattern(name)})")
            n += 1
    return (re.compile("|".join(parts)) if parts else None), groups


def note_keywords(note: str) -> frozenset[str]:
    return frozenset(w[:6] for w in re.findall(r"[^\W\d_]{5,}", fold(note)) if w not in STOP)


class ConfidentialTermRule(Rule):
    rule_id = "confidential_term.registry"
    category = "confidentiality.confidential_term"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        pattern, groups = context.memo("confidential_term.pattern", lambda: _compile(context))
        if pattern is None:
            return
        text, low = doc.text, folded(doc)
        for m in pattern.finditer(low):
            entry = groups[m.lastgroup or ""]
            if self._is_homonym(entry, text, low, m.start(), m.end()):
                continue
            yield self.finding(m.start(), m.end(), term=entry.term, kind=entry.kind)

    def _is_homonym(self, entry: TermEntry, text: str, low: str, start: int, end: int) -> bool:
        if len(re.findall(r"[^\W_]+", entry.term)) > 1 or entry.kind in ("person",):
            return False
        surface = text[start:end]
        if not surface[:1].islower():
            return False  # capitalised, ALL CAPS, hashtag-free obfuscation written in capitals
        if re.search(r"[\d@$!|€\-\._*·]", surface) or " " in surface:
            return False  # obfuscated on purpose
        s, e = sentence_bounds(low, start)
        window = low[max(s, start - 60) : min(e, end + 60)]
        if any(re.search(rf"(?<![^\W_]){re.escape(c)}(?![^\W_])", window) for c in CUES):
            return False
        keywords = note_keywords(entry.note)
        around = {w[:6] for w in re.findall(r"[^\W\d_]{5,}", low[s:e])}
        return len(keywords & around) < 2

"""A long quotation (about 25+ words) of a third party with no source. A short quotation, or one whose
author or source is given, is fine (right of short quotation); "a wise man once said" is not a source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.folding import fold
from compliance.rules.base import Finding, Rule, Severity, folded

QUOTED = re.compile(
    r"«([^»]{20,})»|“([^”]{20,})”|\"([^\"]{20,})\"|„([^“”]{20,})[“”]|"
    # single quotes (straight or curly), with apostrophes inside words allowed: 'It's a long way...'
    r"(?:(?<=[\s:(])|^)['‘]((?:[^'‘’\n]|(?<=\w)['’](?=\w)){20,}?)['’](?!\w)"
)
GROUPS = 5
# A block quote in chat or Markdown style: consecutive lines starting with ">".
BLOCK = re.compile(r"(?m)(?:^[ \t]*>[^\n]*(?:\n|$))+")
VAGUE = re.compile(
    r"comme (?:l'a|le) (?:dit|ecrit|disait|chantait)|comme (?:dit|disait) (?:un|une|quelqu'un)|"
    r"(?:texte|citation|phrase|message) (?:qui circule|entendue?|lue?|trouvee?)|"
    r"as (?:a|an|my|someone|somebody|one)\b[^.:\n]{0,40}(?:said|says|told me|wrote|put it)|"
    r"(?:un|une) (?:sage|ami|amie|collegue|consultant|consultante|expert|experte)\b"
    r"[^.:\n]{0,30}(?:a dit|disait|a ecrit)|"
    r"someone once said|quelqu'un a dit|on m'a dit un jour"
)
_STRONG = (
    r"(?i:source|sources|via|selon|d['’]apr[eè]s|according to|dixit|cit[eé]e? par|quoted in|tir[eé]e? de|"
    r"extrait de|from|by|sign[eé]e? par)"
)
_MEDIA = (
    r"(?i:article|livre|book|texte|interview|entretien|rapport|report|discours|speech|chronique|column|tribune|"
    r"essai|essay|roman|novel|podcast|[eé]mission|film|s[eé]rie|chanson|song|po[eè]me|poem|abonn[eé]s|subscribers|"
    r"magazine|journal|newspaper|blog|thread|vid[eé]o|conf[eé]rence|talk|keynote)\s+(?i:de|du|des|d['’]|by|in|dans|"
    r"from|of)"
)
# A named publication or author's piece: "the Ouest Tribune article", "Jane Roe's column".
_NAMED_PIECE = (
    r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,3}(?:['’]s)?\s(?i:article|piece|interview|column|editorial|op-ed|"
    r"report|book|essay|podcast|newsletter|chronique|tribune|[eé]dito)"
)
_SAID = r"[A-Z][\w-]+(?:\s[A-Z][\w-]+)?\s(?i:said|says|wrote|writes|a dit|a [eé]crit|[eé]crit|explique|explains)"
SOURCE = re.compile(
    rf"(?:{_STRONG}|{_MEDIA})\s*:?\s*(?:l['’]|le |la |les |the )?[\"«“]?[A-Z@]|{_SAID}|{_NAMED_PIECE}|"
    r"(?i:said|wrote|a dit|a [eé]crit|explique)\s+[A-Z]|https?://|www\.|\([A-Z][^)]{2,60}\)|[—–-]\s*[A-Z@]"
)
MIN_WORDS = 25


def _word_count(s: str) -> int:
    return len(re.findall(r"[^\W_]+", s))


class UnattributedQuoteRule(Rule):
    rule_id = "unattributed_quote.long"
    category = "copyright.unattributed_quote"
    severity = Severity.MEDIUM

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        text, low = doc.text, folded(doc)
        min_words = self.options.get("min_words", MIN_WORDS)
        for m in QUOTED.finditer(text):
            g = next(i for i in range(1, GROUPS + 1) if m.group(i) is not None)
            if _word_count(m.group(g)) < min_words:
                continue
            before, after = text[max(0, m.start() - 160) : m.start()], text[m.end() : m.end() + 80]
            vague = VAGUE.search(low, max(0, m.start() - 160), m.start())
            outside = low[: m.start()] + " " + low[m.end() :]
            if vague or not (self._sourced(before, after) or self._names_registered_work(outside, context)):
                yield self.finding(*m.span(), words=str(_word_count(m.group(g))))
        for b in BLOCK.finditer(text):
            body = re.sub(r"(?m)^\s*>\s?", "", b.group())
            if _word_count(body) < min_words or QUOTED.search(body):
                continue
            before, after = text[max(0, b.start() - 160) : b.start()], text[b.end() : b.end() + 80]
            if not self._sourced(before, after):
                yield self.finding(b.start(), b.end(), words=str(_word_count(body)))
        for v in VAGUE.finditer(low):
            end = min([i for i in (text.find(c, v.end()) for c in ("\n\n", "»", "”")) if i != -1] or [len(text)])
            passage = text[v.end() : end]
            stop = re.search(r"[.!?](?:\s|$)", passage)
            passage = passage[: stop.end()] if stop else passage
            if _word_count(passage) >= min_words and not QUOTED.search(passage):
                yield self.finding(v.start(), v.end() + len(passage), words=str(_word_count(passage)))

    @staticmethod
    def _names_registered_work(low: str, context: CheckerContext) -> bool:
        names = context.memo(
            "quote.work_names",
            lambda: [
                fold(n)
                for w in context.works
                if w.kind == "protected"
                for n in (w.title.split("–")[0].strip(), w.author)
                if len(n) >= 4
            ],
        )
        return any(n in low for n in names)

    @staticmethod
    def _sourced(before: str, after: str) -> bool:
        return bool(SOURCE.search(after.lstrip()[:120]) or SOURCE.search(before[-160:]))

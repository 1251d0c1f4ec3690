"""The company's confirmed exceptions, applied by the engine as a last step on the findings.

Rules stay untouched: an allow-list entry removes a finding after the fact when the flagged passage is
a term used in a harmless sense, part of an already-published fact, on an allowed domain, or an allowed
address or number. Pure and immutable; loaded once per context (the registry's version counter moves
when an entry is confirmed, so every process rebuilds its context and this list with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compliance.folding import fold
from compliance.rules.base import Finding

# How far around a term the words that give its harmless sense are looked for (characters).
SENSE_WINDOW = 120
DOMAIN_RE = re.compile(r"((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
EMAIL_DOMAIN_RE = re.compile(r"@((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@dataclass(frozen=True, slots=True)
class AllowRule:
    kind: str  # term_sense | public_fact | domain | address (AllowListEntry.Kind)
    value: str
    sense: tuple[str, ...] = ()
    category: str = ""  # "" = any category

    @classmethod
    def make(cls, kind: str, value: str, sense: str = "", category: str = "") -> AllowRule:
        words = tuple(w for w in _norm(sense).split() if len(w) >= 3)
        return cls(kind, value.strip(), words, category)

    def permits(self, finding: Finding, text: str) -> bool:
        if self.category and self.category != finding.category:
            return False
        excerpt = text[finding.start : finding.end]
        if self.kind == "term_sense":
            return self._same_term(excerpt) and self._in_sense(text, finding)
        if self.kind == "public_fact":
            e = _norm(excerpt)
            return len(e) >= 2 and f" {e} " in f" {_norm(self.value)} "
        if self.kind == "domain":
            domains = [d.lower() for d in (EMAIL_DOMAIN_RE if "@" in excerpt else DOMAIN_RE).findall(excerpt)]
            value = self.value.lower().lstrip("@.")
            return bool(domains) and all(d == value or d.endswith("." + value) for d in domains)
        if self.kind == "address":
            return self._same_address(excerpt)
        return False

    def _same_term(self, excerpt: str) -> bool:
        e, v = _norm(excerpt), _norm(self.value)
        return bool(e and v) and (f" {v} " in f" {e} " or f" {e} " in f" {v} ")

    def _in_sense(self, text: str, finding: Finding) -> bool:
        around = _norm(text[max(0, finding.start - SENSE_WINDOW) : finding.end + SENSE_WINDOW]).split()
        return any(word in around for word in self.sense)

    def _same_address(self, excerpt: str) -> bool:
        if "@" in self.value:
            return self.value.lower() in excerpt.lower()
        digits = _digits(self.value)
        if len(digits) >= 6 and len(digits) >= len(re.sub(r"\W", "", self.value)) // 2:
            return digits in _digits(excerpt)
        return _norm(self.value) in _norm(excerpt)


@dataclass(frozen=True, slots=True)
class AllowList:
    rules: tuple[AllowRule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rules)

    def filter(self, findings: Iterable[Finding], text: str) -> list[Finding]:
        """The findings no entry allows."""
        return [f for f in findings if not any(r.permits(f, text) for r in self.rules)]

    @classmethod
    def of(cls, entries: Sequence[tuple[str, str, str, str]]) -> AllowList:
        return cls(tuple(AllowRule.make(*entry) for entry in entries))


def allow_list_load() -> AllowList:
    """The active entries of the registry (called once per CheckerContext)."""
    from compliance.models import AllowListEntry

    rows = AllowListEntry.objects.filter(status=AllowListEntry.Status.ACTIVE).values_list(
        "kind", "value", "sense", "category"
    )
    return AllowList.of(list(rows))

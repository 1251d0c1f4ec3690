"""What a rule is and what it reports. Rules are pure: a parsed post and the company context in,
findings out (no database, no settings, no network)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from compliance.folding import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from compliance.context import CheckerContext


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    category: str
    start: int
    end: int
    severity: Severity
    params: Mapping[str, str] = field(default_factory=dict)


class Rule(ABC):
    rule_id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.HIGH
    languages: ClassVar[frozenset[str]] = frozenset({"fr", "en"})
    # A rule reading the trained model gets it from the engine in ``doc.user_data["model"]`` (a LoadedModel).
    uses_model: ClassVar[bool] = False

    def __init__(self, **options: Any) -> None:
        self.options = options

    @abstractmethod
    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]: ...

    def finding(self, start: int, end: int, severity: Severity | None = None, **params: str) -> Finding:
        return Finding(self.rule_id, self.category, start, end, severity or self.severity, params)


def folded(doc: Doc) -> str:
    """The post folded (lower case, no accents), same offsets; computed once per post."""
    value = doc.user_data.get("folded")
    if value is None:
        value = doc.user_data["folded"] = fold(doc.text)
    return value


def author_role(doc: Doc) -> str:
    return doc.user_data.get("author_role", "employee")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence (or line) around ``pos``, by punctuation: cheap and model-free."""
    start = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, pos) for c in ".!?\n") if i != -1]
    return start, (min(ends) + 1 if ends else len(text))


def words_alternation(words: list[str]) -> str:
    """A regex alternation of folded words/phrases, longest first, with flexible spaces."""
    parts = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"[\s\-]+") for p in parts)

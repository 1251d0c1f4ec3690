"""A substantial passage (about 25+ words, verbatim or with small edits) of a registered protected work.
Naming the author does not cure it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.copying import copied_passages
from compliance.rules.base import Finding, Rule, Severity


class ProtectedWorkRule(Rule):
    rule_id = "protected_work.passage"
    category = "copyright.protected_work"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        for p in copied_passages(doc.text, context, kind="protected", min_words=self.options.get("min_words", 18)):
            work = context.works[p.work]
            yield self.finding(p.start, p.end, title=work.title, author=work.author, words=str(p.words))

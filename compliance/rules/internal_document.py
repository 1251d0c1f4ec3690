"""A passage of about 20+ consecutive words of an internal document, verbatim or nearly, in any post language."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.copying import copied_passages
from compliance.rules.base import Finding, Rule, Severity


class InternalDocumentRule(Rule):
    rule_id = "internal_document.passage"
    category = "confidentiality.internal_document"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        for p in copied_passages(doc.text, context, kind="internal", min_words=self.options.get("min_words", 16)):
            yield self.finding(p.start, p.end, title=context.works[p.work].title, words=str(p.words))

"""The trained classifier's findings: the categories whose breach is in a sentence's meaning.

The model reads the draft in windows of sentences (``compliance.learning.units``, as in training), with the
company's name masked. A category over its threshold in a window is reported on the sentence of that window
the model finds most telling, with the category's clause, message and fix like any rule's finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import NUMBER_RE, CheckerContext, normalize_number
from compliance.learning.labels import EMPLOYEE_ONLY
from compliance.learning.units import Piece, company_mask, masked, sentences, window_cats
from compliance.rules.base import Finding, Rule, Severity, author_role

SEVERITY = {"confidentiality": Severity.HIGH, "copyright": Severity.MEDIUM, "conduct": Severity.MEDIUM}


class LearnedMeaningRule(Rule):
    rule_id = "model"
    category = "model"  # each finding carries the category the model found
    uses_model = True

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        loaded = doc.user_data.get("model")  # resolved by the engine (or its fallback, or None)
        if loaded is None or loaded.nlp is None:
            return
        text = doc.text
        sents = sentences(text)
        mask = context.memo("learning.company_mask", lambda: company_mask(context.company_name))
        employee = author_role(doc) == "employee"
        nlp = loaded.nlp
        for win, cats in window_cats(nlp, text, mask, sents):
            inside = [s for s in sents if win.start <= s.start and s.end <= win.end]
            sentence_docs = None
            for label, score in sorted(cats.items()):
                if score < loaded.threshold(label) or (label in EMPLOYEE_ONLY and not employee):
                    continue
                if len(inside) > 1 and sentence_docs is None:
                    sentence_docs = [nlp(masked(text[s.start : s.end], mask)) for s in inside]
                span = _best(inside, sentence_docs, label) if sentence_docs else win
                if label == "confidentiality.financial" and _only_public_figures(text[span.start : span.end], context):
                    continue
                yield Finding(
                    f"model.{label.split('.', 1)[1]}",
                    label,
                    span.start,
                    span.end,
                    SEVERITY.get(label.split(".", 1)[0], Severity.MEDIUM),
                    {"score": f"{score:.2f}"},
                )


def _only_public_figures(sentence: str, context: CheckerContext) -> bool:
    """A sentence whose every figure the company has published discloses nothing (the model does not know them)."""
    figures = {normalize_number(m.group()) for m in NUMBER_RE.finditer(sentence)}
    return bool(figures) and figures <= context.public_numbers


def _best(pieces: list[Piece], docs: list[Doc], label: str) -> Piece:
    return max(zip(pieces, docs, strict=True), key=lambda pd: pd[1].cats.get(label, 0.0))[0]

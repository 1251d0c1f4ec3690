"""The one entry point of the checker: a draft in, a verdict and findings out. Nothing is stored."""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings

from compliance.allowlist import AllowList, allow_list_load
from compliance.clauses import clause_for
from compliance.context import CheckerContext, get_context
from compliance.language import detect_language
from compliance.learning.store import model_for
from compliance.messages import message_and_fix
from compliance.nlp import get_nlp
from compliance.normalizing import normalize
from compliance.rulebook import get_rules, verdict_for
from compliance.rules.base import Finding, Rule, Severity

TOO_COMPLEX = "checker.too_complex"
MODEL_RULE_PREFIX = "model."
# Past this, the check stops and asks the author to shorten the draft instead of holding a worker.
DEFAULT_TIME_BUDGET_MS = 2000

# A finding of the key category makes overlapping findings of these categories redundant.
SUPERSEDES = {
    "copyright.protected_work": {"confidentiality.financial"},
    "confidentiality.internal_document": {"copyright.unattributed_quote"},
    "confidentiality.personal_data": {"confidentiality.financial"},
}


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    lang: str
    verdict: str
    findings: tuple[Finding, ...]
    # Said with the result when the check ran degraded, e.g. "model_unavailable": the rules alone ran.
    notices: tuple[str, ...] = ()

    @property
    def categories(self) -> set[str]:
        return {f.category for f in self.findings}


def analyze(
    text: str,
    lang: str | None = None,
    author_role: str = "employee",
    *,
    context: CheckerContext | None = None,
    rules: Sequence[Rule] | None = None,
    allow_list: AllowList | None = None,
) -> Analysis:
    own_context = context is None
    context = context if context is not None else get_context()
    lang = lang if lang in ("fr", "en") else detect_language(text, default=context.company_language or "fr")
    # loading the pipeline and the rules is the process's one-time start-up, not this draft's cost
    nlp = get_nlp(lang)
    rules = rules if rules is not None else get_rules()
    # the trained model, loaded once per process (and per company model), off the clock; only if a rule reads it
    model = model_for(context) if any(r.uses_model for r in rules) else None
    budget_ms = getattr(settings, "COMPLIANCE_TIME_BUDGET_MS", DEFAULT_TIME_BUDGET_MS)
    deadline = time.monotonic() + budget_ms / 1000
    normalized = normalize(text)
    doc = nlp(normalized.text)
    doc.user_data["author_role"] = author_role
    doc.user_data["model"] = model
    found: list[Finding] = []
    for rule in rules:
        if time.monotonic() > deadline:
            # rules left unchecked: say so, and keep what the checked ones found (a block stays a block)
            found.append(Finding(TOO_COMPLEX, TOO_COMPLEX, 0, len(normalized.text), Severity.MEDIUM))
            break
        if lang in rule.languages:
            found.extend(rule.check(doc, context))
    # The model adds the categories the rules missed; where a rule found the category, its finding is the
    # precise one (its span, its message), and the model's sentence would only hide it.
    by_rules = {f.category for f in found if not f.rule_id.startswith(MODEL_RULE_PREFIX)}
    found = [f for f in found if not (f.rule_id.startswith(MODEL_RULE_PREFIX) and f.category in by_rules)]
    found = [replace(f, start=s, end=e) for f in found for s, e in [normalized.span(f.start, f.end)]]
    findings = _dedupe(found)
    # Last step: the company's confirmed exceptions (loaded with this process's context; explicit in tests).
    if allow_list is None and own_context:
        allow_list = context.memo("allow_list", allow_list_load)
    if allow_list:
        findings = allow_list.filter(findings, text)
    notices = (model.notice,) if model is not None and model.notice else ()
    return Analysis(text, lang, verdict_for({f.category for f in findings}), tuple(findings), notices)


def warm_up() -> None:
    """Load pipelines, build the context and compile every rule's patterns before timing anything."""
    from compliance.rulebook import DEFAULT_VERDICTS

    for lang, text in (("fr", "Bonjour à tous, belle journée."), ("en", "Hello everyone, lovely day.")):
        analysis = analyze(text, lang)
        for f in analysis.findings:
            finding_render(f, text)
    for category in DEFAULT_VERDICTS:
        clause_for(category)
        message_and_fix("", category, {})


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Drop repeats, findings superseded by an overlapping one, and findings inside one of their category.

    O(n log n): a post with hundreds of findings must not cost a quadratic scan.
    """
    unique = {(f.rule_id, f.category, f.start, f.end): f for f in found}
    found = sorted(unique.values(), key=lambda f: (f.start, -f.end, f.category))
    # Per superseding category: starts in order and the furthest end reached so far.
    reach: dict[str, tuple[list[int], list[int]]] = {}
    for f in found:
        if f.category in SUPERSEDES:
            starts, ends = reach.setdefault(f.category, ([], []))
            starts.append(f.start)
            ends.append(max(f.end, ends[-1]) if ends else f.end)
    furthest: dict[str, int] = {}  # category -> furthest end of a kept finding (kept ones start earlier)
    kept = []
    for f in found:
        if any(_overlaps(reach[c], f) for c in reach if f.category in SUPERSEDES[c]):
            continue
        if furthest.get(f.category, -1) >= f.end:
            continue
        kept.append(f)
        furthest[f.category] = max(furthest.get(f.category, -1), f.end)
    return kept


def _overlaps(reach: tuple[list[int], list[int]], f: Finding) -> bool:
    starts, ends = reach
    before = bisect.bisect_left(starts, f.end)  # findings starting before f ends
    return before > 0 and ends[before - 1] > f.start


def finding_render(finding: Finding, text: str) -> dict[str, Any]:
    """A finding as shown to a reader, in the active language (call inside the reader's translation)."""
    message, fix = message_and_fix(finding.rule_id, finding.category, finding.params)
    return {
        "category": finding.category,
        "rule": finding.rule_id,
        "start": finding.start,
        "end": finding.end,
        "excerpt": text[finding.start : finding.end],
        "severity": str(finding.severity),
        "message": message,
        "fix": fix,
        "clause": clause_for(finding.category),
    }

"""The rules in force, built once per process from ``settings.COMPLIANCE_RULES`` (dotted path + OPTIONS),
and the verdict per category."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from compliance.rules.base import Rule

DEFAULT_RULES = [
    {"NAME": "compliance.rules.confidential_term.ConfidentialTermRule"},
    {"NAME": "compliance.rules.personal_identifiers.PersonalIdentifiersRule"},
    {"NAME": "compliance.rules.personal_situation.PersonalSituationRule"},
    {"NAME": "compliance.rules.financial.FinancialFiguresRule"},
    {"NAME": "compliance.rules.internal_document.InternalDocumentRule"},
    {"NAME": "compliance.rules.security.SecretsRule"},
    {"NAME": "compliance.rules.insider.InsiderEventRule"},
    {"NAME": "compliance.rules.protected_work.ProtectedWorkRule"},
    {"NAME": "compliance.rules.unattributed_quote.UnattributedQuoteRule"},
    {"NAME": "compliance.rules.third_party_media.ThirdPartyMediaRule"},
    {"NAME": "compliance.rules.insult.InsultRule"},
    {"NAME": "compliance.rules.unauthorized_statement.UnauthorizedStatementRule"},
    {"NAME": "compliance.rules.crisis_topic.CrisisTopicRule"},
    {"NAME": "compliance.rules.learned.LearnedMeaningRule"},
]
DEFAULT_VERDICTS = {
    "confidentiality.confidential_term": "block",
    "confidentiality.personal_data": "block",
    "confidentiality.financial": "block",
    "confidentiality.internal_document": "block",
    "confidentiality.security": "block",
    "confidentiality.insider": "block",
    "copyright.protected_work": "block",
    "copyright.unattributed_quote": "review",
    "copyright.third_party_media": "review",
    "conduct.insult": "review",
    "conduct.unauthorized_statement": "review",
    "conduct.crisis_topic": "review",
}
VERDICT_ORDER = {"ok": 0, "review": 1, "block": 2}


@lru_cache(maxsize=1)
def get_rules() -> tuple[Rule, ...]:
    specs = getattr(settings, "COMPLIANCE_RULES", None) or DEFAULT_RULES
    return tuple(import_string(spec["NAME"])(**spec.get("OPTIONS", {})) for spec in specs)


@lru_cache(maxsize=1)
def get_verdicts() -> dict[str, str]:
    return {**DEFAULT_VERDICTS, **getattr(settings, "COMPLIANCE_VERDICTS", {})}


def verdict_for(categories: set[str]) -> str:
    verdicts = get_verdicts()
    return max((verdicts.get(c, "review") for c in categories), key=VERDICT_ORDER.__getitem__, default="ok")


def clear(**_: object) -> None:
    get_rules.cache_clear()
    get_verdicts.cache_clear()

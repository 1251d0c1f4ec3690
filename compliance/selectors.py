"""Reads of the checker's registry (for the registry page)."""

from __future__ import annotations

from django.db.models import QuerySet

from compliance.models import ConfidentialTerm, ContextVersion, InternalDocument, ProtectedWork, PublicFact, QuietTopic


def confidential_term_list() -> QuerySet[ConfidentialTerm]:
    return ConfidentialTerm.objects.order_by("kind", "term")


def quiet_topic_list() -> QuerySet[QuietTopic]:
    return QuietTopic.objects.order_by("-active", "topic")


def public_fact_list() -> QuerySet[PublicFact]:
    return PublicFact.objects.order_by("position", "id")


def registry_summary() -> dict[str, int]:
    return {
        "internal_documents": InternalDocument.objects.count(),
        "protected_works": ProtectedWork.objects.count(),
        "version": ContextVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0,
    }


def checker_model_health() -> dict[str, object]:
    """Which model the checker uses in this process, or why it runs on the rules alone (for /healthz)."""
    from compliance.context import get_context
    from compliance.learning.store import model_health

    try:
        return model_health(get_context())
    except Exception:  # never let the checker's state turn /healthz into a 500
        return {"checker_model": "unknown"}

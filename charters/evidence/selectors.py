"""Reads for legal's evidence pages: versions with evidence, exports, certificates by code."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from charters import ledger
from charters.evidence.documents import code_prefix
from charters.models import Acknowledgement, CharterVersion, EvidenceExport, LedgerEntry


def evidence_version_list() -> QuerySet[CharterVersion]:
    """Published (or since superseded, archived) versions, with their number of acknowledgements."""
    return (
        CharterVersion.objects.filter(status__in=CharterVersion.FROZEN)
        .select_related("charter")
        .annotate(acknowledgement_count=Count("acknowledgements"))
        .order_by("charter__name", "-number")
    )


def evidence_version_get(pk: int) -> CharterVersion | None:
    return CharterVersion.objects.filter(pk=pk, status__in=CharterVersion.FROZEN).select_related("charter").first()


def evidence_export_list() -> QuerySet[EvidenceExport]:
    return EvidenceExport.objects.select_related("version__charter", "requested_by").order_by("-created_at", "-pk")


def evidence_export_get(pk: int) -> EvidenceExport | None:
    return evidence_export_list().filter(pk=pk).first()


def acknowledgement_for_code(code: str) -> tuple[Acknowledgement, LedgerEntry] | None:
    """The acknowledgement whose certificate prints ``code`` (the start of its ledger entry's hash)."""
    prefix = code_prefix(code)
    if not prefix:
        return None
    entry = LedgerEntry.objects.filter(event=ledger.Event.ACKNOWLEDGED, entry_hash__startswith=prefix).first()
    if entry is None or entry.object_id is None:
        return None
    ack = (
        Acknowledgement.objects.filter(pk=entry.object_id)
        .select_related("employee__user", "employee__department", "version__charter")
        .first()
    )
    return (ack, entry) if ack is not None else None


def acknowledgement_for_certificate(pk: int) -> Acknowledgement | None:
    return Acknowledgement.objects.filter(pk=pk).select_related("version__charter").first()

"""Asking for a dossier export: the ledger snapshot it is taken at, the request (once per snapshot),
what it holds, and handing back to the queue the exports whose worker died.

``evidence_export_request`` returns the export of a version for the current ledger snapshot, creating
and enqueuing it only the first time (asking again retries a failed one). ``evidence_exports_requeue``
re-enqueues exports whose heartbeat stopped; the atomic claim makes a duplicate delivery harmless.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charters import ledger
from charters.models import CharterVersion, EvidenceExport, LedgerEntry
from policy_portal.errors import Conflict, PermissionDenied
from policy_portal.roles import can

Status = EvidenceExport.Status
Step = EvidenceExport.Step
LANGUAGES = ("fr", "en")


def ledger_snapshot(version: CharterVersion) -> tuple[int, str]:
    """The last ledger entry about the version, exports excluded: (position, hash), (0, genesis) if none.
    Pending events are chained first, so the snapshot holds every evidence committed until now."""
    ledger.ledger_seal()
    entry = (
        LedgerEntry.objects.filter(version_id=version.pk)
        .exclude(event=ledger.Event.EXPORTED)
        .order_by("-sequence")
        .only("sequence", "entry_hash")
        .first()
    )
    return (entry.sequence, entry.entry_hash) if entry else (0, ledger.GENESIS_HASH)


def evidence_export_request(*, version: CharterVersion, by: Any, language: str = "fr") -> tuple[EvidenceExport, bool]:
    """The dossier of ``version`` at the current ledger snapshot; (export, created). Asking twice gives the same."""
    if not can(by, "export_evidence"):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))
    if not version.is_frozen:
        raise Conflict(_("Only published versions have evidence to export."))
    language = language if language in LANGUAGES else "fr"
    sequence, entry_hash = ledger_snapshot(version)
    now = timezone.now()
    try:
        with transaction.atomic():
            export, created = EvidenceExport.objects.get_or_create(
                version=version,
                language=language,
                ledger_sequence=sequence,
                defaults={"ledger_hash": entry_hash, "requested_by": by, "heartbeat_at": now, "created_at": now},
            )
            if not created and export.status == Status.FAILED:  # asking again retries a failed export
                EvidenceExport.objects.filter(pk=export.pk, status=Status.FAILED).update(
                    status=Status.QUEUED, step=Step.WAITING, attempts=0, heartbeat_at=now, error=""
                )
                created = True
            if created:
                enqueue_export_on_commit(export.pk)
    except IntegrityError:  # the same request at the same moment: theirs
        export, created = (
            EvidenceExport.objects.get(version=version, language=language, ledger_sequence=sequence),
            False,
        )
    export.refresh_from_db()
    return export, created


def enqueue_export_on_commit(export_id: int) -> None:
    from charters.evidence.tasks import enqueue_export

    transaction.on_commit(lambda: enqueue_export(export_id))


def export_acknowledgement_ids(export: EvidenceExport) -> list[int]:
    """Acknowledgements of the version recorded in the ledger up to the export's snapshot."""
    ids = (
        LedgerEntry.objects.filter(
            event=ledger.Event.ACKNOWLEDGED, version_id=export.version_id, sequence__lte=export.ledger_sequence
        )
        .order_by("sequence")
        .values_list("object_id", flat=True)
    )
    return [ack_id for ack_id in ids if ack_id is not None]


def evidence_exports_requeue(*, now: datetime | None = None) -> list[int]:
    """Hand back to the queue the exports whose worker stopped beating (or whose message was lost).

    Each is re-enqueued; the atomic claim makes a duplicate delivery harmless. After
    EVIDENCE_EXPORT_MAX_ATTEMPTS attempts an export is marked failed instead.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=int(getattr(settings, "EVIDENCE_EXPORT_STALE_SECONDS", 180)))
    max_attempts = int(getattr(settings, "EVIDENCE_EXPORT_MAX_ATTEMPTS", 3))
    EvidenceExport.objects.filter(status=Status.RUNNING, heartbeat_at__lt=stale, attempts__gte=max_attempts).update(
        status=Status.FAILED, error="worker stopped too many times", finished_at=now
    )
    requeued = []
    candidates = EvidenceExport.objects.filter(status__in=[Status.RUNNING, Status.QUEUED], heartbeat_at__lt=stale)
    for export in candidates.only("pk", "status", "attempts"):
        if EvidenceExport.objects.filter(
            pk=export.pk, status=export.status, attempts=export.attempts, heartbeat_at__lt=stale
        ).update(status=Status.QUEUED, step=Step.WAITING, heartbeat_at=now):
            requeued.append(export.pk)
            enqueue_export_on_commit(export.pk)
    return requeued

"""When a worker dies: jobs handed back to the queue, and what it left in the evidence storage deleted.

Exports are re-queued by ``services.evidence_exports_requeue``. Here: the same for the checks of
uploaded dossiers, and the storage sweep. Both run as periodic jobs (policy_portal/schedules.py)
and are safe to run twice or concurrently (every change is a conditional UPDATE).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from charters.evidence import services
from charters.evidence.storage import evidence_modified_at, evidence_path, is_temporary
from charters.models import EvidenceExport
from charters.models.evidence import EvidenceVerification

logger = logging.getLogger(__name__)
VerifyStatus = EvidenceVerification.Status


def _stale_seconds() -> int:
    return int(getattr(settings, "EVIDENCE_EXPORT_STALE_SECONDS", 180))


def evidence_verifications_requeue(*, now: datetime | None = None) -> list[int]:
    """Hand back to the queue the checks whose worker stopped beating (or whose message was lost).

    After EVIDENCE_EXPORT_MAX_ATTEMPTS attempts a check is failed instead, with a message saying the
    workers stopped (the page asks to upload the file again), and its upload is deleted.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=_stale_seconds())
    max_attempts = int(getattr(settings, "EVIDENCE_EXPORT_MAX_ATTEMPTS", 3))
    dead = EvidenceVerification.objects.filter(
        status=VerifyStatus.RUNNING, heartbeat_at__lt=stale, attempts__gte=max_attempts
    )
    for job in dead:
        if dead.filter(pk=job.pk, attempts=job.attempts).update(
            status=VerifyStatus.FAILED,
            error=f"{EvidenceVerification.WORKER_STOPPED} {job.attempts} times while checking this file",
            finished_at=now,
        ):
            logger.warning("verification %s failed: its worker stopped %s times", job.pk, job.attempts)
            services.evidence_verification_discard_upload(job)
    requeued = []
    candidates = EvidenceVerification.objects.filter(
        status__in=[VerifyStatus.RUNNING, VerifyStatus.QUEUED], heartbeat_at__lt=stale
    )
    for job in candidates.only("pk", "status", "attempts"):
        if EvidenceVerification.objects.filter(
            pk=job.pk, status=job.status, attempts=job.attempts, heartbeat_at__lt=stale
        ).update(status=VerifyStatus.QUEUED, heartbeat_at=now):
            requeued.append(job.pk)
            services.enqueue_verification_on_commit(job.pk)
    return requeued


def evidence_storage_sweep(*, now: datetime | None = None) -> int:
    """Delete what killed workers left in the evidence storage; returns the number of files deleted.

    - half-written files (``.*.part``) untouched for EVIDENCE_EXPORT_STALE_SECONDS: their writer is dead
      (a live writer's file is fresh: PDFs are written at once, a dossier is appended to continuously);
    - leftovers of finished exports whose worker died before tidying them (their register lines remain);
    - uploads of finished checks whose worker died before deleting them.
    """
    now = now or timezone.now()
    stale = now.timestamp() - _stale_seconds()
    deleted = 0
    root = evidence_path("")
    if root.is_dir():
        for path in root.rglob(".*.part"):
            if is_temporary(path) and evidence_modified_at(path) < stale:
                path.unlink(missing_ok=True)
                deleted += 1
    for export_id in EvidenceExport.objects.filter(status=EvidenceExport.Status.DONE).values_list("pk", flat=True):
        if evidence_path(f"exports/{export_id}/register-lines.json").exists():
            deleted += services.evidence_export_tidy(export_id, now=now)
    finished = EvidenceVerification.objects.filter(status__in=[VerifyStatus.DONE, VerifyStatus.FAILED]).exclude(file="")
    for job in finished:
        services.evidence_verification_discard_upload(job)
        deleted += 1
    return deleted

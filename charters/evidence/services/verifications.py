"""Checking an uploaded dossier or certificate in a worker (too long for a web request).

The upload is stored in the evidence storage and its check queued on commit; the worker claims it
atomically, reports progress on a heartbeat fenced by the attempt number, and deletes the upload
once checked (it is never kept).
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from charters.evidence.services.exports import LANGUAGES
from charters.evidence.storage import evidence_delete, evidence_path, evidence_writer
from charters.models.evidence import EvidenceVerification
from policy_portal.errors import PermissionDenied
from policy_portal.roles import can

logger = logging.getLogger(__name__)


VERIFY_INLINE_MAX_BYTES = 5 * 1024 * 1024  # above this (or any ZIP), the check runs in a worker
VerifyStatus = EvidenceVerification.Status


def evidence_verification_needs_job(upload: Any) -> bool:
    """A dossier ZIP or a large file is checked in the background; a certificate PDF right away."""
    head = upload.read(4)
    upload.seek(0)
    return head.startswith(b"PK") or (upload.size or 0) > VERIFY_INLINE_MAX_BYTES


def evidence_verification_request(*, upload: Any, by: Any, language: str = "fr") -> EvidenceVerification:
    """Store the upload in the evidence storage and queue its check (on commit)."""
    if not can(by, "export_evidence"):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))
    file = f"verifications/{uuid.uuid4().hex}.upload"
    with evidence_writer(file) as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    with transaction.atomic():
        job = EvidenceVerification.objects.create(
            requested_by=by,
            file=file,
            name=(upload.name or "")[:255],
            language=language if language in LANGUAGES else "fr",
            heartbeat_at=timezone.now(),
            created_at=timezone.now(),
        )
        enqueue_verification_on_commit(job.pk)
    return job


def enqueue_verification_on_commit(job_id: int) -> None:
    from charters.evidence.tasks import enqueue_verification

    transaction.on_commit(lambda: enqueue_verification(job_id))


def _report_json(report: Any) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "sha256": report.sha256,
        "ok": report.ok,
        "problems": [{"where": f.where, "message": f.message} for f in report.problems],
        "checked": list(report.checked[:200]),
        "timestamps": [
            {"where": t.where, "authority": t.authority, "at": t.at, "long_term": t.long_term}
            for t in report.timestamps[:200]
        ],
    }


class VerificationTakenOver(RuntimeError):
    """This attempt no longer owns the verification (it was re-queued and claimed again): stop quietly."""


def evidence_verification_claim(job_id: int) -> EvidenceVerification | None:
    """QUEUED -> RUNNING for exactly one caller (its attempt number is the fencing token); None for others."""
    claimed = EvidenceVerification.objects.filter(pk=job_id, status=VerifyStatus.QUEUED).update(
        status=VerifyStatus.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now(), done=0
    )
    return EvidenceVerification.objects.get(pk=job_id) if claimed == 1 else None


def evidence_verification_run(job_id: int) -> str:
    """Check a queued upload; a second delivery (the job already claimed) or a stale attempt does nothing.

    Progress beats the heartbeat; every write is fenced by the attempt number, so an attempt that was
    re-queued while it stalled can neither finish the job nor delete the upload the new attempt reads.
    """
    from django.utils import translation

    from charters.evidence.checks import check_evidence

    job = evidence_verification_claim(job_id)
    if job is None:
        return "skipped"
    owned = EvidenceVerification.objects.filter(pk=job_id, status=VerifyStatus.RUNNING, attempts=job.attempts)
    last = [timezone.now()]

    def progress(done: int, total: int) -> None:
        now = timezone.now()
        if done == total or done == 1 or now - last[0] > timedelta(seconds=2):
            last[0] = now
            if not owned.update(done=done, total=total, heartbeat_at=now):
                raise VerificationTakenOver(f"verification {job_id}: attempt {job.attempts} no longer owns it")

    try:
        with translation.override(job.language), evidence_path(job.file).open("rb") as stream:
            report = check_evidence(stream, name=job.name, progress=progress)
    except VerificationTakenOver:
        logger.warning("verification %s was taken over by a newer attempt", job_id)
        return "taken over"
    except Exception as error:
        logger.exception("verification %s of %s failed", job_id, job.name)
        finished = owned.update(status=VerifyStatus.FAILED, error=repr(error)[:2000], finished_at=timezone.now())
        status = VerifyStatus.FAILED
    else:
        finished = owned.update(status=VerifyStatus.DONE, report=_report_json(report), finished_at=timezone.now())
        status = VerifyStatus.DONE
    if not finished:
        return "taken over"
    evidence_verification_discard_upload(job)
    return str(status)


def evidence_verification_discard_upload(job: EvidenceVerification) -> None:
    """Delete a finished check's upload (it is never kept once checked)."""
    if job.file:
        evidence_delete(job.file)
    EvidenceVerification.objects.filter(pk=job.pk).update(file="")

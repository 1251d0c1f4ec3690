"""django-q2 entry points of the evidence export (thin: they take ids and call a service).

Heavy imports (WeasyPrint, pyHanko) happen inside the jobs, so that web processes enqueuing a
certificate when an acknowledgement is recorded do not load them.
"""

from __future__ import annotations

import logging

from django_q.tasks import async_task

logger = logging.getLogger(__name__)


def enqueue_certificate(acknowledgement_id: int) -> None:
    """Called on commit of an acknowledgement: render and seal its certificate in a worker.

    Never fails the acknowledgement: if the queue cannot take the job, the export renders the
    missing certificate later (and with ``Q_CLUSTER["sync"]`` a failing job is only logged).
    """
    try:
        async_task("charters.evidence.tasks.run_certificate", acknowledgement_id, task_name="evidence-certificate")
    except Exception:
        logger.exception(
            "certificate of acknowledgement %s not rendered now; the export will render it", acknowledgement_id
        )


def enqueue_export(export_id: int) -> None:
    """Called on commit of an export request; a lost message is re-queued by run_evidence_exports_requeue."""
    try:
        async_task("charters.evidence.tasks.run_evidence_export", export_id, task_name="evidence-export")
    except Exception:
        logger.exception("evidence export %s did not run now; the periodic re-queue will retry it", export_id)


def enqueue_export_helper(export_id: int, helper: int) -> None:
    try:
        async_task("charters.evidence.tasks.run_evidence_export_helper", export_id, helper, task_name="evidence-help")
    except Exception:
        logger.exception("helper %s of evidence export %s not queued; the export renders alone", helper, export_id)


def run_certificate(acknowledgement_id: int, language: str = "fr") -> int:
    """Render, seal and store one acknowledgement's certificate; idempotent. Returns the file's id."""
    from charters.evidence.services import certificate_store

    return certificate_store(acknowledgement_id=acknowledgement_id, language=language).pk


def run_evidence_export(export_id: int) -> str:
    """Build a queued dossier; a second delivery (or a stale attempt) does nothing."""
    from charters.evidence.services import evidence_export_run

    return evidence_export_run(export_id)


def run_evidence_export_helper(export_id: int, helper: int = 1) -> int:
    """Render register parts of a running export in parallel with its own job (scales out with workers)."""
    from charters.evidence.services import evidence_export_help

    return evidence_export_help(export_id, helper)


def run_evidence_exports_requeue() -> list[int]:
    """Periodic: re-queue exports whose worker died (stale heartbeat). Safe to run twice."""
    from charters.evidence.services import evidence_exports_requeue

    return evidence_exports_requeue()


def enqueue_verification(job_id: int) -> None:
    """Called on commit of an uploaded dossier's verification job; a lost message is re-queued by
    run_evidence_verifications_requeue."""
    try:
        async_task("charters.evidence.tasks.run_evidence_verification", job_id, task_name="evidence-verify")
    except Exception:
        logger.exception("verification %s not queued now; the periodic re-queue will retry it", job_id)


def run_evidence_verification(job_id: int) -> str:
    """Check an uploaded dossier; a second delivery does nothing."""
    from charters.evidence.services import evidence_verification_run

    return evidence_verification_run(job_id)


def run_evidence_verifications_requeue() -> list[int]:
    """Periodic: re-queue checks of uploaded dossiers whose worker died (stale heartbeat). Safe to run twice."""
    from charters.evidence.recovery import evidence_verifications_requeue

    return evidence_verifications_requeue()


def run_evidence_storage_sweep() -> int:
    """Periodic: delete half-written files and leftovers of killed workers from the evidence storage."""
    from charters.evidence.recovery import evidence_storage_sweep

    return evidence_storage_sweep()

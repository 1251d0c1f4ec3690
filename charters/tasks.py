"""django-q2 entry points of the charters app (thin: they call a service)."""

from __future__ import annotations

from django_q.tasks import async_task

from charters import ledger
from charters.acknowledgements.reminders import reminder_batch_send, reminder_batches_requeue, reminders_send_due
from charters.acknowledgements.services import campaigns_ensure
from charters.evidence.tasks import enqueue_certificate
from charters.services import charter_versions_activate_due


def run_charter_activation() -> list[int]:
    """Put in force the published versions whose effective date has come. Idempotent."""
    return [version.pk for version in charter_versions_activate_due()]


def run_acknowledgement_reminders() -> dict[str, int]:
    """Start any missing campaign, then send the reminders and escalations due. Safe to run twice."""
    started = campaigns_ensure()
    run = reminders_send_due()
    return {"campaigns_started": started, "reminders": run.reminders, "escalations": run.escalations}


def run_reminder_batch(batch_id: int) -> int:
    """HR's "send reminders now": e-mail everyone of the batch's campaign due or overdue. Safe to run twice."""
    return reminder_batch_send(batch_id=batch_id)


def run_reminder_batches_requeue() -> list[int]:
    """Queue again the "send reminders now" batches whose job was lost (every few minutes)."""
    return reminder_batches_requeue()


def enqueue_ledger_seal() -> None:
    """Queue the sealing of pending ledger entries (called on commit of evidence, see charters.ledger._kick)."""
    async_task("charters.tasks.run_ledger_seal", task_name="ledger-seal")


ledger.ledger_sealing_queue_set(lambda: enqueue_ledger_seal())  # looked up when called, so it can be replaced


def run_ledger_seal() -> int:
    """Give pending evidence events their place in the hash chain, then queue the certificates of the
    acknowledgements just chained (a certificate quotes its ledger position). Safe to run twice."""
    sealed = ledger.ledger_seal_queued()
    for entry in sealed:
        if entry.event == ledger.Event.ACKNOWLEDGED and entry.object_id is not None:
            enqueue_certificate(entry.object_id)
    return len(sealed)


def enqueue_acknowledgement_receipt_mail(acknowledgement_id: int, language: str) -> None:
    """Queue the e-mail copy of a receipt (called on commit by charters.acknowledgements.receipts)."""
    async_task(
        "charters.tasks.run_acknowledgement_receipt_mail", acknowledgement_id, language, task_name="receipt-mail"
    )


def run_acknowledgement_receipt_mail(acknowledgement_id: int, language: str = "fr") -> bool:
    """E-mail a signer the copy of their receipt (with the sealed certificate) they asked for."""
    from charters.acknowledgements.receipts import receipt_mail_send

    return receipt_mail_send(acknowledgement_id=acknowledgement_id, language=language)

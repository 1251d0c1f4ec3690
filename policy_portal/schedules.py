"""Every periodic job of the portal, declared in one place.

``manage.py ensure_schedules`` makes django-q2's schedule table match this list (idempotent);
the run script and deployments call it after ``migrate``. Apps add their jobs here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: str
    cron: str  # minute hour day month weekday


PERIODIC_JOBS: list[PeriodicJob] = [
    # every minute: proves to /healthz that a worker is alive
    PeriodicJob("portal.worker_heartbeat", "policy_portal.tasks.run_worker_heartbeat", "* * * * *"),
    # every day at 00:05 (and again hourly, harmless): charter versions whose effective date has come go in force
    PeriodicJob("charters.activate_due_versions", "charters.tasks.run_charter_activation", "5 * * * *"),
    # every day at 09:15: acknowledgement reminders and escalations due today (each step sent once, DB-unique)
    PeriodicJob("charters.acknowledgement_reminders", "charters.tasks.run_acknowledgement_reminders", "15 9 * * *"),
    # every 5 minutes: "send reminders now" batches whose job was lost are queued again (sending twice is harmless)
    PeriodicJob("charters.reminder_batches_requeue", "charters.tasks.run_reminder_batches_requeue", "*/5 * * * *"),
    # every minute: evidence events not chained yet (a lost sealing job) get their ledger position
    PeriodicJob("charters.ledger_seal", "charters.tasks.run_ledger_seal", "* * * * *"),
    # every minute: evidence exports whose worker died are re-queued
    # (heartbeat older than EVIDENCE_EXPORT_STALE_SECONDS)
    PeriodicJob(
        "charters.evidence_exports_requeue", "charters.evidence.tasks.run_evidence_exports_requeue", "* * * * *"
    ),
    # every minute: checks of uploaded dossiers whose worker died are re-queued (same stale delay;
    # failed after EVIDENCE_EXPORT_MAX_ATTEMPTS attempts)
    PeriodicJob(
        "charters.evidence_verifications_requeue",
        "charters.evidence.tasks.run_evidence_verifications_requeue",
        "* * * * *",
    ),
    # every 10 minutes: half-written files and leftovers of killed workers leave the evidence storage
    PeriodicJob(
        "charters.evidence_storage_sweep", "charters.evidence.tasks.run_evidence_storage_sweep", "*/10 * * * *"
    ),
    # every day at 03:30: erase the text of drafts submitted for review more than REVIEW_RETENTION_DAYS ago
    PeriodicJob("compliance.review_retention", "compliance.tasks.run_review_retention", "30 3 * * *"),
]

"""django-q2 entry points of the charters app (thin: they call a service)."""

from __future__ import annotations

from charters.acknowledgements.reminders import reminders_send_due
from charters.acknowledgements.services import campaigns_ensure
from charters.services import charter_versions_activate_due


def run_charter_activation() -> list[int]:
    """Put in force the published versions whose effective date has come. Idempotent."""
    return [version.pk for version in charter_versions_activate_due()]


def run_acknowledgement_reminders() -> dict[str, int]:
    """Start any missing campaign, then send the reminders and escalations due. Safe to run twice."""
    started = campaigns_ensure()
    run = reminders_send_due()
    return {"campaigns_started": started, "reminders": run.reminders, "escalations": run.escalations}

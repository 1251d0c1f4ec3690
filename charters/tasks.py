"""django-q2 entry points of the charters app (thin: they call a service)."""

from __future__ import annotations

from charters.services import charter_versions_activate_due


def run_charter_activation() -> list[int]:
    """Put in force the published versions whose effective date has come. Idempotent."""
    return [version.pk for version in charter_versions_activate_due()]

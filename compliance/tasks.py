"""django-q2 entry points of the checker (thin: they call a service)."""

from __future__ import annotations

from compliance.review.services import submissions_purge_expired


def run_review_retention() -> int:
    """Erase submitted drafts older than REVIEW_RETENTION_DAYS (decisions remain as counts). Idempotent."""
    return submissions_purge_expired()

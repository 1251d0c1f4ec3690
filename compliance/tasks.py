"""django-q2 entry points of the checker (thin: they take ids and call a service)."""

from __future__ import annotations

import logging

from django_q.tasks import async_task

logger = logging.getLogger(__name__)


def run_review_retention() -> int:
    """Erase submitted drafts older than REVIEW_RETENTION_DAYS (decisions remain as counts). Idempotent."""
    from compliance.review.services import submissions_purge_expired

    return submissions_purge_expired()


def enqueue_submission_notice(submission_id: int) -> None:
    """Called on commit of a decision: e-mail the author from a worker. Never fails the decision
    (the home page shows it anyway)."""
    try:
        async_task("compliance.tasks.run_submission_notice", submission_id, task_name="review-notice")
    except Exception:
        logger.exception(
            "decision notice of submission %s not queued; the author sees it on the home page", submission_id
        )


def run_submission_notice(submission_id: int) -> bool:
    from compliance.review.services import submission_notify

    return submission_notify(submission_id=submission_id)


def enqueue_checker_retrain(model_id: int) -> None:
    """Called on commit of a new training row: a worker fine-tunes the model (it can take minutes)."""
    async_task("compliance.tasks.run_checker_retrain", model_id, task_name=f"checker-retrain-{model_id}")


def run_checker_retrain(model_id: int) -> str:
    from compliance.learning.retrain import checker_retrain_run

    return checker_retrain_run(model_id=model_id)

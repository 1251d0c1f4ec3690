"""django-q2 entry points of the crisis response cycle (thin: they take ids and call a service)."""

from __future__ import annotations

import logging

from django_q.tasks import async_task

logger = logging.getLogger(__name__)


def enqueue_statement_mail(statement_id: int) -> None:
    """Called on commit of a submission: e-mail the company's voice from a worker. Never fails the submission
    (the voice's home page and notifications show it anyway)."""
    try:
        async_task("compliance.crisis.tasks.run_statement_mail", statement_id, task_name="crisis-statement-mail")
    except Exception:
        logger.exception("e-mail of statement %s not queued; the voice sees it in their notifications", statement_id)


def run_statement_mail(statement_id: int) -> int:
    from compliance.crisis.services import statement_mail_send

    return statement_mail_send(statement_id=statement_id)

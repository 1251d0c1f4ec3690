"""Shared helpers of the review, crisis and reporting tests (not a test module)."""

from __future__ import annotations

from typing import Any

from compliance.models import Submission
from compliance.review import services


def submit(author: Any, text: str = "Réunion Mistral ce matin, on avance !", **kwargs: Any) -> Submission:
    return services.submission_create(author=author.user, text=text, lang=kwargs.pop("lang", "fr"), **kwargs)


def decide(submission: Submission, reviewer: Any, decision: str = "approved", **kwargs: Any) -> Submission:
    services.submission_claim(submission=submission, by=reviewer.user)
    return services.submission_decide(submission=submission, by=reviewer.user, decision=decision, **kwargs)

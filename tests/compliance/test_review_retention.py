"""Retention: submitted drafts are erased after REVIEW_RETENTION_DAYS by a periodic job; decisions remain as counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from compliance.models import Submission, SubmissionFinding
from compliance.reporting.selectors import report_build
from compliance.review import services
from compliance.review.services import submissions_purge_expired
from compliance.services import context_bundle_import
from compliance.tasks import run_review_retention
from policy_portal.schedules import PERIODIC_JOBS
from tests.compliance.conftest import write_bundle
from tests.compliance.review_fixtures import decide, submit

pytestmark = pytest.mark.django_db
CANARY = "Quorbix-5521-retention-canary"


@pytest.fixture(autouse=True)
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


def _age(submission: Submission, days: int) -> None:
    Submission.objects.filter(pk=submission.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def test_drafts_older_than_the_retention_are_erased_but_the_decision_stays(employee_bob, reviewer_rita):
    # given: a decided post of 91 days with a canary, and a recent one
    old = submit(employee_bob, f"{CANARY} Réunion Mistral ce matin", comment=CANARY)
    decide(old, reviewer_rita, "rejected", reason=CANARY)
    finding = services.finding_feedback_set(
        finding=old.findings.get(), by=reviewer_rita.user, feedback="false_positive"
    )
    services.allow_list_propose_from_finding(
        finding=finding, by=reviewer_rita.user, kind="term_sense", value=CANARY, sense="canary"
    )
    recent = submit(employee_bob, "Réunion Mistral demain")
    _age(old, 91)
    _age(recent, 89)
    # when
    erased = run_review_retention()
    # then: the old text is gone from every table, the decision and its finding's rule remain
    assert erased == 1
    old.refresh_from_db()
    assert (old.text, old.comment, old.reason, old.status) == ("", "", "", "rejected")
    assert (old.author, old.claimed_by) == (None, None)
    assert old.purged_at is not None
    assert list(old.findings.values_list("rule", flat=True)) == ["confidential_term.registry"]
    for table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            assert CANARY not in repr(cursor.fetchall()), table
    assert Submission.objects.get(pk=recent.pk).text == "Réunion Mistral demain"
    assert report_build(weeks=52).decisions == {"rejected": 1}


def test_the_retention_is_configurable(employee_bob, settings):
    settings.REVIEW_RETENTION_DAYS = 7
    s = submit(employee_bob)
    _age(s, 8)
    assert submissions_purge_expired() == 1


def test_a_post_never_reviewed_expires_and_leaves_the_queue(employee_bob, reviewer_rita):
    waiting, claimed = submit(employee_bob), submit(employee_bob)
    from compliance.review.services import submission_claim

    submission_claim(submission=claimed, by=reviewer_rita.user)
    _age(waiting, 100)
    _age(claimed, 100)
    assert submissions_purge_expired() == 2
    assert set(Submission.objects.values_list("status", flat=True)) == {"expired"}


def test_the_job_is_idempotent(employee_bob):
    s = submit(employee_bob)
    _age(s, 120)
    assert run_review_retention() == 1
    assert run_review_retention() == 0
    assert SubmissionFinding.objects.filter(submission=s).count() == 1


def test_the_job_is_scheduled_daily():
    job = next(j for j in PERIODIC_JOBS if j.func == "compliance.tasks.run_review_retention")
    assert job.cron == "30 3 * * *"

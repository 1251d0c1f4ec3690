"""The demo seeder of the review queue and crisis mode: a few decided posts, one waiting, a closed crisis."""

from __future__ import annotations

import io

import pytest

from compliance.demo import seed_review_and_crisis
from compliance.models import Crisis, QuietTopic, Submission

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_submissions_and_a_closed_crisis_once(personas):
    out = io.StringIO()
    seed_review_and_crisis(out)
    events_after_first_seed = Crisis.objects.get().events.count()
    seed_review_and_crisis(out)
    statuses = sorted(Submission.objects.values_list("status", flat=True))
    assert statuses == ["approved", "changes_requested", "rejected", "submitted"]
    crisis = Crisis.objects.get()
    # the demo crisis went through the whole response cycle, and seeding twice added nothing
    assert crisis.status == "closed" and crisis.events.count() == events_after_first_seed
    kinds = set(crisis.events.values_list("kind", flat=True))
    assert {"opened", "closed"} <= kinds and len(kinds) >= 5
    assert not QuietTopic.objects.filter(crises=crisis, active=True).exists()
    assert "already there" in out.getvalue()
    # and the dashboard has six weeks of anonymous counts to show
    from compliance.reporting.selectors import report_build

    report = report_build(weeks=8)
    assert report.by_category[0].label == "confidentiality.confidential_term"
    assert sum(1 for week in report.week_totals if week.value) == 6

"""The compliance dashboard: its numbers, its CSV, and no post content anywhere in it."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import DailyCategoryCount, Submission
from compliance.reporting.selectors import report_build
from compliance.review import services
from compliance.services import context_bundle_import
from policy_portal.roles import Role
from tests.compliance.conftest import write_bundle
from tests.compliance.review_fixtures import decide, submit
from tests.factories import DepartmentFactory, person

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
CANARY = "Plomquist-8812-dashboard-canary"


@pytest.fixture(autouse=True)
def count_every_department(settings):
    settings.REPORTING_MIN_GROUP_SIZE = 1  # pooling of small departments has its own test


@pytest.fixture(autouse=True)
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


@pytest.fixture
def seller_sue(db):
    return person(None, first_name="Sue", email="sue@example.org", department=DepartmentFactory(code="sales"))


def _check(client, text: str) -> None:
    assert client.post(reverse("compliance:checker"), {"text": text, "platform": "x", "lang": "fr"}).status_code == 200


def test_findings_are_counted_per_category_department_and_rule(as_user, employee_bob, seller_sue):
    # given: two checks in General with a codename, one in Sales with an insult, one clean
    _check(as_user(employee_bob), "Réunion Mistral ce matin")
    _check(as_user(employee_bob), "Point Mistral demain")
    _check(as_user(seller_sue), "Une bande de fainéants, ces gens-là")
    _check(as_user(seller_sue), "Belle journée")
    # when
    report = report_build(weeks=4)
    # then
    assert [(b.label, b.value) for b in report.by_category] == [
        ("confidentiality.confidential_term", 2),
        ("conduct.insult", 1),
    ]
    assert report.by_department == {"general": {"confidentiality.confidential_term": 2}, "sales": {"conduct.insult": 1}}
    assert [(b.label, b.value) for b in report.top_rules] == [("confidential_term.registry", 2), ("insult.lexicon", 1)]
    assert report.by_category[0].percent == 100 and report.by_category[1].percent == 50


def test_departments_too_small_to_stay_anonymous_are_pooled(settings, seller_sue):
    # given: Operations has two active people, Sales only Sue; the minimum group is two people
    settings.REPORTING_MIN_GROUP_SIZE = 2
    ops = DepartmentFactory(code="ops")
    person(None, first_name="Ana", email="ana@example.org", department=ops)
    person(None, first_name="Ben", email="ben@example.org", department=ops)
    for department in ("ops", "sales"):
        DailyCategoryCount.objects.create(
            day=timezone.localdate(), category="conduct.insult", department=department, count=1
        )
    # when
    report = report_build(weeks=1)
    # then Sales is not shown on its own
    assert report.by_department == {"Small departments (pooled)": {"conduct.insult": 1}, "ops": {"conduct.insult": 1}}


def test_findings_are_grouped_by_week(db):
    today = date(2026, 11, 18)  # a Wednesday
    for day, n in ((date(2026, 11, 16), 2), (date(2026, 11, 18), 3), (date(2026, 11, 10), 4), (date(2026, 9, 1), 9)):
        DailyCategoryCount.objects.create(day=day, category="conduct.insult", department="sales", count=n)
    report = report_build(weeks=2, today=today)
    assert report.weeks == [date(2026, 11, 9), date(2026, 11, 16)]
    assert report.by_week == {date(2026, 11, 9): {"conduct.insult": 4}, date(2026, 11, 16): {"conduct.insult": 5}}
    assert report.week_rows == [(date(2026, 11, 9), [4]), (date(2026, 11, 16), [5])]


def test_review_turnaround_and_false_positive_rate_per_rule(employee_bob, reviewer_rita):
    now = timezone.now()
    posts = [submit(employee_bob, "Réunion Mistral") for _ in range(3)]
    for s, hours in zip(posts, (2, 4, 9), strict=True):
        decide(s, reviewer_rita, "approved")
        Submission.objects.filter(pk=s.pk).update(submitted_at=now - timedelta(hours=hours), decided_at=now)
    services.finding_feedback_set(finding=posts[0].findings.get(), by=reviewer_rita.user, feedback="false_positive")
    submit(employee_bob, "Réunion Mistral")  # waiting: not in the rates
    report = report_build(weeks=4)
    assert (report.turnaround_median_h, report.turnaround_mean_h) == (4.0, 5.0)
    assert report.decisions == {"approved": 3} and report.waiting == 1
    assert [(b.label, b.value, b.extra) for b in report.false_positive_rates] == [
        ("confidential_term.registry", 33.3, "1/3")
    ]


def test_the_page_shows_the_numbers_in_english_without_any_post_content(
    as_user, employee_bob, reviewer_rita, seller_sue
):
    s = submit(employee_bob, f"{CANARY} Réunion Mistral", comment=CANARY)
    decide(s, reviewer_rita, "rejected", reason=CANARY)
    _check(as_user(seller_sue), f"{CANARY} Une bande de fainéants")
    html = as_user(reviewer_rita).get(reverse("compliance:reports"), **EN).content.decode()
    assert "Compliance dashboard" in html and "Findings per department" in html and "False positives per rule" in html
    assert "sales" in html and "conduct.insult" in html and "confidential_term.registry" in html
    assert (
        CANARY not in html
        and "Mistral" not in html
        and "employee_bob" not in html
        and "Bob" not in html[html.index("<main") :]
    )


def test_the_csv_export(as_user, seller_sue, reviewer_rita):
    _check(as_user(seller_sue), "Une bande de fainéants, ces gens-là")
    response = as_user(reviewer_rita).get(reverse("compliance:reports-csv") + "?weeks=4")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "week", "department", "key", "value"]
    assert ["findings_by_department", "", "sales", "conduct.insult", "1"] in rows
    assert ["rule_triggers", "", "", "insult.lexicon", "1"] in rows


def test_only_reviewers_and_admins_see_the_dashboard(as_user, employee_bob, db):
    assert as_user(employee_bob).get(reverse("compliance:reports")).status_code == 403
    admin = person(Role.ADMIN, first_name="Adam", email="adam@example.org")
    assert as_user(admin).get(reverse("compliance:reports")).status_code == 200

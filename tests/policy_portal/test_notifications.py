"""Notifications on the home page: HR authors hear of decisions on their versions, employees of the review
of their posts and of HR's answers; a notice is read by opening it or marking it; the menu counts them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from charters import services as charters
from charters.acknowledgements.services import feedback_answer, feedback_create
from compliance.services import context_bundle_import
from policy_portal.models import Notification
from policy_portal.services import notification_create
from tests.charters.conftest import campaign, published_small, small_charter  # noqa: F401
from tests.compliance.conftest import write_bundle
from tests.compliance.review_fixtures import decide, submit

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _in_review(charter, author):
    version = charter.versions.get(number=1)
    charters.charter_version_update(
        version=version, by=author, effective_date=timezone.localdate(), change_summary="Résumé"
    )
    return charters.charter_version_submit(version=version, by=author)


def _open_link(notice: Notification) -> str:
    return reverse("notification-open", kwargs={"pk": notice.pk})


# --- HR authors -------------------------------------------------------------------------------------
def test_hr_author_is_told_on_her_home_page_that_her_version_was_approved(
    as_user, hr_alice, approver_victor, small_charter  # noqa: F811
):
    # given: Alice's version is in review
    version = _in_review(small_charter, hr_alice.user)
    # when Victor approves it
    charters.charter_version_approve(version=version, by=approver_victor.user)
    # then Alice's home lists it, with a link, and her menu counts it
    notice = Notification.objects.get(recipient=hr_alice.user)
    home = as_user(hr_alice).get(reverse("home"), **EN).content.decode()
    assert "What changed for you" in home
    assert f'<a href="{_open_link(notice)}">Version 1 of Petite charte was approved: it can be published.</a>' in home
    assert "1 new notification<" in home
    # the approver, who asked for nothing, has no notice
    assert not Notification.objects.filter(recipient=approver_victor.user).exists()


def test_opening_the_notice_leads_to_the_version_and_reads_it(
    as_user, hr_alice, approver_victor, small_charter  # noqa: F811
):
    version = _in_review(small_charter, hr_alice.user)
    charters.charter_version_approve(version=version, by=approver_victor.user)
    notice = Notification.objects.get(recipient=hr_alice.user)
    client = as_user(hr_alice)
    # when she opens it
    response = client.get(_open_link(notice), **EN)
    # then she is on the version's page and the notice is gone from her home and her menu
    assert response.status_code == 302 and response["Location"] == reverse(
        "charters:version-read", kwargs={"slug": "small", "number": 1}
    )
    assert client.get(response["Location"], **EN).status_code == 200
    home = client.get(reverse("home"), **EN).content.decode()
    assert "What changed for you" not in home and "new notification" not in home
    notice.refresh_from_db()
    assert notice.is_read


def test_hr_author_reads_in_french_that_her_version_was_sent_back(
    as_user, hr_alice, approver_victor, small_charter  # noqa: F811
):
    version = _in_review(small_charter, hr_alice.user)
    charters.charter_version_request_changes(version=version, by=approver_victor.user, comment="Préciser le §2.")
    notice = Notification.objects.get(recipient=hr_alice.user)
    assert notice.kind == Notification.Kind.VERSION_SENT_BACK
    assert notice.url == reverse("charters:version-edit", kwargs={"slug": "small", "number": 1})
    home = as_user(hr_alice).get(reverse("home"), **FR).content.decode()
    assert "Ce qui a changé pour vous" in home
    assert "La version 1 de « Petite charte » vous a été renvoyée : des modifications sont demandées." in home
    assert "1 nouvelle notification<" in home


def test_a_version_sent_back_twice_tells_its_author_twice(as_user, hr_alice, approver_victor, small_charter):  # noqa: F811
    version = _in_review(small_charter, hr_alice.user)
    charters.charter_version_request_changes(version=version, by=approver_victor.user, comment="Un.")
    charters.charter_version_submit(version=version, by=hr_alice.user)
    charters.charter_version_request_changes(version=version, by=approver_victor.user, comment="Deux.")
    assert Notification.objects.filter(recipient=hr_alice.user, read_at__isnull=True).count() == 2
    assert "2 new notifications<" in as_user(hr_alice).get(reverse("home"), **EN).content.decode()


def test_a_refused_approval_tells_nobody(hr_alice, small_charter):  # noqa: F811
    from policy_portal.errors import PermissionDenied

    version = _in_review(small_charter, hr_alice.user)
    with pytest.raises(PermissionDenied):
        charters.charter_version_approve(version=version, by=hr_alice.user)  # the author cannot approve
    assert not Notification.objects.exists()


# --- employees who asked for a review -------------------------------------------------------------------
@pytest.fixture
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


def test_employee_is_told_of_the_review_of_his_post_and_reading_it_reads_the_notice(
    as_user, employee_bob, reviewer_rita, bundle
):
    # given Bob asked a reviewer about his draft
    submission = submit(employee_bob)
    # when Rita asks for changes
    decide(submission, reviewer_rita, "changes_requested", suggested_text="Réunion ce matin, on avance !")
    # then Bob's home says so, with a link to the decision
    notice = Notification.objects.get(recipient=employee_bob.user)
    assert notice.url == reverse("compliance:submission-detail", kwargs={"pk": submission.pk})
    client = as_user(employee_bob)
    home = client.get(reverse("home"), **EN).content.decode()
    day = timezone.localtime(submission.submitted_at).date()
    shown = date_format(day, "DATE_FORMAT")  # e.g. "Dec. 3, 2026" (tests speak English outside requests)
    assert f"A reviewer asks for changes to the post you submitted on {shown}." in home
    # opening the decision from his list of posts (not from the notice) reads the notice too
    assert client.get(notice.url, **EN).status_code == 200
    assert "What changed for you" not in client.get(reverse("home"), **EN).content.decode()


@pytest.mark.parametrize(
    "decision,kwargs,words",
    [
        ("approved", {}, "Un relecteur a approuvé la publication"),
        ("rejected", {"reason": "Nom de code."}, "Un relecteur a refusé la publication"),
    ],
)
def test_each_decision_has_its_words(as_user, employee_bob, reviewer_rita, bundle, decision, kwargs, words):
    decide(submit(employee_bob), reviewer_rita, decision, **kwargs)
    assert words in as_user(employee_bob).get(reverse("home"), **FR).content.decode()


# --- employees who asked HR a question ----------------------------------------------------------------
def test_employee_is_told_that_hr_answered_her_question_and_marks_it_read(
    as_user, campaign, employee_emma_en, hr_alice  # noqa: F811
):
    # given Emma asked HR a question about the charter
    question = feedback_create(
        assignment=campaign.assignments.get(employee=employee_emma_en), kind="question", text="Does it cover X?"
    )
    # when HR answers
    feedback_answer(feedback=question, by=hr_alice.user, answer="Yes, it does.")
    # then her home says so; the link leads to the answer on the charter's page
    notice = Notification.objects.get(recipient=employee_emma_en.user)
    client = as_user(employee_emma_en)
    home = client.get(reverse("home"), **EN).content.decode()
    assert "HR answered your message about Petite charte (version 1)." in home
    opened = client.get(_open_link(notice), **EN)
    assert opened["Location"] == reverse("charters:ack-read", kwargs={"slug": "small", "number": 1}) + "#feedback-title"
    assert "Yes, it does." in client.get(opened["Location"], **EN).content.decode()


def test_marking_a_notice_read_removes_it_from_the_home_page(as_user, campaign, employee_emma_en, hr_alice):  # noqa: F811
    assignment = campaign.assignments.get(employee=employee_emma_en)
    question = feedback_create(assignment=assignment, kind="question", text="?")
    feedback_answer(feedback=question, by=hr_alice.user, answer="Yes.")
    notice = Notification.objects.get(recipient=employee_emma_en.user)
    client = as_user(employee_emma_en)
    assert "Mark as read" in client.get(reverse("home"), **EN).content.decode()
    # when she marks it read (a form, POST)
    response = client.post(reverse("notification-read", kwargs={"pk": notice.pk}), **EN)
    # then
    assert response.status_code == 302 and response["Location"].startswith(reverse("home"))
    assert "HR answered" not in client.get(reverse("home"), **EN).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None
    # reading it from a link (GET) is not the way to mark it: only the form is
    assert client.get(reverse("notification-read", kwargs={"pk": notice.pk})).status_code == 405


def test_mark_all_as_read(as_user, hr_alice, approver_victor, small_charter):  # noqa: F811
    version = _in_review(small_charter, hr_alice.user)
    charters.charter_version_request_changes(version=version, by=approver_victor.user, comment="Un.")
    charters.charter_version_submit(version=version, by=hr_alice.user)
    charters.charter_version_approve(version=version, by=approver_victor.user)
    client = as_user(hr_alice)
    assert "Mark all as read" in client.get(reverse("home"), **EN).content.decode()
    client.post(reverse("notifications-read-all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "What changed for you" not in client.get(reverse("home"), **EN).content.decode()


# --- nobody else's ------------------------------------------------------------------------------------
def test_nobody_opens_or_marks_someone_elses_notice(as_user, hr_alice, approver_victor, employee_bob, small_charter):  # noqa: F811
    version = _in_review(small_charter, hr_alice.user)
    charters.charter_version_approve(version=version, by=approver_victor.user)
    notice = Notification.objects.get(recipient=hr_alice.user)
    bob = as_user(employee_bob)
    assert bob.get(_open_link(notice)).status_code == 404
    assert bob.post(reverse("notification-read", kwargs={"pk": notice.pk})).status_code == 404
    bob.post(reverse("notifications-read-all"))
    notice.refresh_from_db()
    assert notice.read_at is None
    assert "Petite charte" not in bob.get(reverse("home"), **EN).content.decode()


def test_the_header_has_no_count_without_unread_notices(as_user, employee_bob):
    home = as_user(employee_bob).get(reverse("home"), **EN).content.decode()
    assert "new notification" not in home and 'class="count"' not in home


# --- the database holds the rules -----------------------------------------------------------------------
def test_one_event_makes_one_notice(hr_alice):
    first = notification_create(recipient=hr_alice.user, kind="version_approved", source_id=7, url="/charters/")
    again = notification_create(recipient=hr_alice.user, kind="version_approved", source_id=7, url="/charters/")
    assert first == again and Notification.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=hr_alice.user, kind="version_approved", source_id=7, url="/x/")


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "gossip"},
        {"url": "https://elsewhere.example/"},
        {"url": "//elsewhere.example/"},
        {"url": "/\\elsewhere.example/"},
        {"read_at": timezone.now() - timedelta(days=1)},
    ],
    ids=["unknown kind", "another site", "protocol-relative", "backslash", "read before it was written"],
)
def test_the_database_refuses_a_notice_that_breaks_a_rule(hr_alice, fields):
    row = {"kind": "version_approved", "source_id": 1, "url": "/charters/", "created_at": timezone.now(), **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=hr_alice.user, **row)

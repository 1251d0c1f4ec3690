"""An employee acknowledges a version: every evidence field, refusals, idempotency, the ledger entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from charters import ledger
from charters.acknowledgements import selectors as ack_selectors
from charters.acknowledgements.services import acknowledgement_evidence, feedback_answer, feedback_create
from charters.hashing import text_sha256
from charters.models import Acknowledgement, Assignment, Feedback
from charters.selectors import charter_version_text
from policy_portal.errors import ApplicationError, PermissionDenied
from tests.charters.conftest import acknowledge, read_through


def _assignment(campaign, employee) -> Assignment:
    return Assignment.objects.select_related("campaign__version__charter", "employee__user").get(
        campaign=campaign, employee=employee
    )


def test_acknowledgement_records_every_evidence_field(campaign, employee_emma_en, settings):
    # given Emma read the English text for three minutes, then acknowledges ten minutes after opening it
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    opened = timezone.now() - timedelta(minutes=10)
    assignment = read_through(_assignment(campaign, employee_emma_en), opened=opened)
    # when
    ack, created = acknowledge(assignment, typed_name="  emma TEST ")
    # then
    text = charter_version_text(campaign.version, "en")
    assert created
    assert ack.language == "en"
    assert ack.text_sha256 == text_sha256(text.body) and len(ack.text_sha256) == 64
    assert ack.content_sha256 == campaign.version.content_sha256
    assert "I have read the charter" in ack.consent_text
    assert ack.consent_sha256 == text_sha256(ack.consent_text)
    assert ack.typed_name == "emma TEST"
    assert ack.opened_at == opened and ack.end_reached_at == opened + timedelta(minutes=3)
    assert ack.time_spent_seconds >= 600
    assert ack.ip_address == "203.0.113.7" and ack.user_agent == "pytest-browser/1.0"
    assert ack.auth_method == "session"
    assert ack.quiz_score is None and ack.quiz_passed is None
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACKNOWLEDGED and assignment.acknowledgement == ack
    entry = ledger.ledger_entry_for(event=ledger.Event.ACKNOWLEDGED, object_id=ack.pk)
    assert entry is not None and entry.payload == acknowledgement_evidence(ack)
    assert entry.employee_id == employee_emma_en.pk and entry.version_id == campaign.version_id


def test_french_reader_gets_the_french_text_and_consent(campaign, employee_bob):
    assignment = read_through(_assignment(campaign, employee_bob))
    ack, _ = acknowledge(assignment)
    assert ack.language == "fr"
    assert ack.text_sha256 == text_sha256(campaign.version.body_fr)


def test_a_second_submit_returns_the_first_receipt(campaign, employee_bob):
    assignment = read_through(_assignment(campaign, employee_bob))
    first, created = acknowledge(assignment)
    again, created_again = acknowledge(assignment, typed_name="not even my name")
    assert created and not created_again and again.pk == first.pk
    assert Acknowledgement.objects.filter(employee=employee_bob).count() == 1
    assert ledger.LedgerEntry.objects.filter(event="acknowledged").count() == 1


def test_the_database_refuses_a_second_acknowledgement_of_the_same_version(campaign, employee_bob):
    assignment = read_through(_assignment(campaign, employee_bob))
    ack, _ = acknowledge(assignment)
    duplicate = Acknowledgement.objects.get(pk=ack.pk)
    duplicate.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_refused_without_reaching_the_end_of_the_text(campaign, employee_bob):
    assignment = _assignment(campaign, employee_bob)
    with pytest.raises(ApplicationError, match="to the end"):
        acknowledge(assignment)


def test_refused_before_the_minimum_reading_time(campaign, employee_bob, settings):
    settings.ACK_MIN_READING_SECONDS = 120
    now = timezone.now()
    assignment = read_through(
        _assignment(campaign, employee_bob), opened=now - timedelta(seconds=30), end=now - timedelta(seconds=5)
    )
    with pytest.raises(ApplicationError) as refused:
        acknowledge(assignment, now=now)
    assert refused.value.extra["wait_seconds"] == 90
    ack, created = acknowledge(assignment, now=now + timedelta(seconds=90))
    assert created and ack.time_spent_seconds == 120


def test_default_reading_time_grows_with_the_text(campaign):
    from charters.acknowledgements.services import min_reading_seconds

    assert min_reading_seconds(campaign, "mot " * 600) > min_reading_seconds(campaign, "mot " * 100)


@pytest.mark.parametrize(
    "typed,ok",
    [
        ("Bob Test", True),
        ("bob test", True),
        ("Test Bob", True),
        ("Böb  Tèst", True),
        ("Bob", False),
        ("Robert Test", False),
        ("", False),
    ],
)
def test_typed_name_is_checked_against_the_directory(campaign, employee_bob, typed, ok):
    assignment = read_through(_assignment(campaign, employee_bob))
    if ok:
        assert acknowledge(assignment, typed_name=typed)[1]
    else:
        with pytest.raises(ApplicationError, match="as it appears on your account: Bob Test"):
            acknowledge(assignment, typed_name=typed)


def test_an_old_sign_in_needs_the_password_again(campaign, employee_bob, settings):
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    assignment = read_through(_assignment(campaign, employee_bob))
    old_login = timezone.now() - timedelta(hours=2)
    with pytest.raises(PermissionDenied, match="password"):
        acknowledge(assignment, login_at=old_login)
    with pytest.raises(PermissionDenied):
        acknowledge(assignment, login_at=old_login, password="wrong")
    ack, created = acknowledge(assignment, login_at=old_login, password="correct horse battery")
    assert created and ack.auth_method == "session+password"


def test_the_campaign_consent_text_is_the_one_stored(campaign, employee_bob):
    campaign.consent_text = "Je m'engage à respecter la charte."
    campaign.save()
    assignment = read_through(_assignment(campaign, employee_bob))
    ack, _ = acknowledge(assignment)
    assert ack.consent_text == "Je m'engage à respecter la charte."
    assert ack.consent_sha256 == text_sha256("Je m'engage à respecter la charte.")


def test_decline_and_question_need_a_text_and_hr_answers(campaign, employee_bob, employee_emma_en, hr_alice):
    bob = _assignment(campaign, employee_bob)
    with pytest.raises(ApplicationError):
        feedback_create(assignment=bob, kind="decline", text="   ")
    feedback_create(assignment=bob, kind="decline", text="Je refuse la clause 2.")
    bob.refresh_from_db()
    assert bob.status == Assignment.Status.DECLINED
    question = feedback_create(
        assignment=_assignment(campaign, employee_emma_en),
        kind="question",
        text="May I mention my employer on LinkedIn?",
    )
    with pytest.raises(PermissionDenied):
        feedback_answer(feedback=question, by=employee_bob.user, answer="Oui")
    answered = feedback_answer(feedback=question, by=hr_alice.user, answer="Yes, see §1.")
    assert answered.answered_by == hr_alice.user and answered.answered_at is not None
    events = list(ledger.LedgerEntry.objects.values_list("event", flat=True))
    assert events == ["declined", "question", "answered"]
    assert [f.kind for f in ack_selectors.feedback_list(campaign=campaign, unanswered=False)] == [
        Feedback.Kind.QUESTION,
        Feedback.Kind.DECLINE,
    ]


def test_someone_who_declined_may_still_acknowledge(campaign, employee_bob):
    bob = _assignment(campaign, employee_bob)
    feedback_create(assignment=bob, kind="decline", text="Non.")
    bob = read_through(_assignment(campaign, employee_bob))
    _ack, created = acknowledge(bob)
    bob.refresh_from_db()
    assert created and bob.status == Assignment.Status.ACKNOWLEDGED

"""The crisis cell's response cycle: the official statement approved by the company's voice only, the removal log,
closing with the lessons learned and a charter revision; every step on the timeline and in the ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from charters import services as charter_services
from charters.ledger import ledger_seal, ledger_verify
from charters.models import CharterVersion, LedgerEntry
from compliance.crisis import services
from compliance.models import ContentRemoval, Crisis, OfficialStatement
from policy_portal.errors import ApplicationError, Conflict, PermissionDenied
from policy_portal.models import Notification
from policy_portal.roles import Role
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.factories import person

pytestmark = pytest.mark.django_db
STATEMENT = "Un incident technique a eu lieu à Brécy ; aucun blessé. Nous informerons dès que possible."


@pytest.fixture
def crisis(crisis_cleo) -> Crisis:
    return services.crisis_open(
        title="Fuite de gaz à Brécy",
        instructions="Ne publiez rien sur l'incident.",
        topics=["fuite de gaz à Brécy"],
        holding_statement="Un incident est en cours de traitement.",
        by=crisis_cleo.user,
    )


@pytest.fixture
def submitted(crisis, crisis_cleo, voice_vera, django_capture_on_commit_callbacks) -> OfficialStatement:
    draft = services.statement_draft_save(crisis=crisis, text=STATEMENT, by=crisis_cleo.user)
    with django_capture_on_commit_callbacks(execute=True):
        return services.statement_submit(statement=draft, by=crisis_cleo.user)


@pytest.fixture
def charter(hr_alice, approver_victor):
    charter = charter_services.charter_create(
        name="Charte réseaux sociaux", slug="social", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    return charter


def _kinds(crisis: Crisis) -> list[str]:
    return list(crisis.events.values_list("kind", flat=True))


def test_submitting_notifies_and_emails_the_voice_in_their_language(submitted, voice_vera, crisis_cleo):
    assert submitted.status == "submitted"
    notice = Notification.objects.get(recipient=voice_vera.user)
    assert notice.kind == "statement_to_approve"
    assert "“Fuite de gaz à Brécy” awaits your approval" in notice.message
    (message,) = mail.outbox
    assert message.to == ["vera.voice@example.org"]
    assert message.subject == "Déclaration officielle à approuver : Fuite de gaz à Brécy"
    assert STATEMENT in message.body and "/crises/statements/" in message.body


def test_an_english_speaking_voice_gets_the_email_in_english(crisis, crisis_cleo, django_capture_on_commit_callbacks):
    person(Role.VOICE, first_name="Ceo", email="ceo@example.org", language="en")
    draft = services.statement_draft_save(crisis=crisis, text=STATEMENT, by=crisis_cleo.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_submit(statement=draft, by=crisis_cleo.user)
    assert mail.outbox[0].subject == "Official statement to approve: Fuite de gaz à Brécy"


def test_only_the_voice_approves_and_the_cell_then_publishes(
    submitted, crisis, crisis_cleo, voice_vera, spokesperson_sam
):
    for someone in (crisis_cleo, spokesperson_sam):
        with pytest.raises(PermissionDenied):
            services.statement_approve(statement=submitted, by=someone.user)
    with pytest.raises(Conflict):  # not before approval
        services.statement_publish(statement=submitted, by=crisis_cleo.user)
    services.statement_approve(statement=submitted, by=voice_vera.user)
    with pytest.raises(PermissionDenied):  # the voice approves, the crisis cell publishes
        services.statement_publish(statement=submitted, by=voice_vera.user)
    published = services.statement_publish(statement=submitted, by=crisis_cleo.user)
    assert published.status == "published" and published.decided_by == voice_vera.user
    assert Notification.objects.filter(recipient=crisis_cleo.user, kind="statement_approved").exists()
    assert _kinds(crisis)[-4:] == [
        "statement_drafted",
        "statement_submitted",
        "statement_approved",
        "statement_published",
    ]
    crisis.refresh_from_db()
    assert crisis.holding_statement == "Un incident est en cours de traitement."  # stays for spokespeople


def test_a_voice_who_drafted_the_statement_cannot_approve_it(crisis, voice_vera):
    # someone holding both roles (the crisis cell and the voice) drafts: another voice must approve
    both = person(Role.CRISIS, first_name="Both", email="both@example.org")
    both.user.groups.add(*type(both.user.groups.first()).objects.filter(name=Role.VOICE))
    draft = services.statement_draft_save(crisis=crisis, text=STATEMENT, by=both.user)
    services.statement_submit(statement=draft, by=both.user)
    with pytest.raises(PermissionDenied, match="someone else must approve it"):
        services.statement_approve(statement=draft, by=both.user)
    services.statement_approve(statement=draft, by=voice_vera.user)


def test_the_database_refuses_a_statement_approved_by_its_author(crisis, voice_vera):
    draft = OfficialStatement.objects.create(crisis=crisis, number=1, text="x", drafted_by=voice_vera.user)
    draft.status, draft.decided_by, draft.decided_at = "approved", voice_vera.user, timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_sent_back_needs_a_comment_and_the_next_draft_is_a_new_version(submitted, crisis, crisis_cleo, voice_vera):
    with pytest.raises(ApplicationError, match="Say what should change"):
        services.statement_send_back(statement=submitted, by=voice_vera.user, comment="  ")
    services.statement_send_back(statement=submitted, by=voice_vera.user, comment="Mention the neighbours.")
    notice = Notification.objects.get(recipient=crisis_cleo.user)
    assert notice.kind == "statement_sent_back" and "sent back with a comment" in notice.message
    second = services.statement_draft_save(crisis=crisis, text=STATEMENT + " Riverains prévenus.", by=crisis_cleo.user)
    assert second.number == 2 and second.status == "draft"
    submitted.refresh_from_db()
    assert submitted.status == "sent_back" and submitted.text == STATEMENT and submitted.comment
    events = list(crisis.events.filter(kind="statement_sent_back"))
    assert [e.description for e in events] == ["Official statement sent back (version 1): Mention the neighbours."]


def test_a_statement_awaiting_approval_cannot_be_edited_or_submitted_twice(submitted, crisis, crisis_cleo):
    with pytest.raises(Conflict):
        services.statement_draft_save(crisis=crisis, text="Autre chose", by=crisis_cleo.user)
    with pytest.raises(Conflict):
        services.statement_submit(statement=submitted, by=crisis_cleo.user)


def test_a_newer_published_statement_replaces_the_last(submitted, crisis, crisis_cleo, voice_vera):
    services.statement_approve(statement=submitted, by=voice_vera.user)
    services.statement_publish(statement=submitted, by=crisis_cleo.user)
    second = services.statement_draft_save(crisis=crisis, text="Mise à jour : l'activité reprend.", by=crisis_cleo.user)
    services.statement_submit(statement=second, by=crisis_cleo.user)
    services.statement_approve(statement=second, by=voice_vera.user)
    services.statement_publish(statement=second, by=crisis_cleo.user)
    assert dict(crisis.statements.values_list("number", "status")) == {1: "superseded", 2: "published"}


def test_no_voice_named_means_no_submission(crisis, crisis_cleo):
    draft = services.statement_draft_save(crisis=crisis, text=STATEMENT, by=crisis_cleo.user)
    with pytest.raises(Conflict, match="No one holds the role"):
        services.statement_submit(statement=draft, by=crisis_cleo.user)
    draft.refresh_from_db()
    assert draft.status == "draft" and not mail.outbox


REMOVAL = {
    "content": "Vidéo de l'évacuation",
    "reason": "Visages de collègues visibles",
    "public_explanation": "Retirée pour protéger la vie privée des salariés.",
    "decided_by": "Direction de la communication",
}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"content": " "}, "Say what was removed"),
        ({"public_explanation": ""}, "Say what was removed"),
        ({"decided_by": ""}, "Say what was removed"),
        ({"url": "", "platform": ""}, "Say where"),
        ({"url": "javascript:alert(1)"}, "http:// or https://"),
        ({"url": "video.example/x"}, "http:// or https://"),
        ({"decided_at": timezone.now() + timedelta(days=1)}, "in the future"),
    ],
)
def test_a_removal_log_entry_says_what_where_why_and_who(crisis, crisis_cleo, change, message):
    with pytest.raises(ApplicationError, match=message):
        services.content_removal_record(
            crisis=crisis, by=crisis_cleo.user, **{**REMOVAL, "url": "https://video.example/x", **change}
        )
    assert not ContentRemoval.objects.exists()


def test_a_removal_is_logged_on_the_timeline_and_in_the_ledger(crisis, crisis_cleo):
    removal = services.content_removal_record(crisis=crisis, by=crisis_cleo.user, platform=" Video.example ", **REMOVAL)
    assert removal.platform == "Video.example" and removal.url == ""
    assert crisis.events.last().description == "Content removed: Video.example"
    entry = LedgerEntry.objects.filter(event="content_removed", object_id=crisis.pk).get()
    assert entry.payload["decided_by"] == "Direction de la communication" and entry.payload["removal"] == removal.pk
    with pytest.raises(PermissionDenied):
        services.content_removal_record(
            crisis=crisis, by=person(None, first_name="E", email="e@x.org").user, platform="x", **REMOVAL
        )


def test_closing_needs_the_lessons_learned(crisis, crisis_cleo):
    with pytest.raises(ApplicationError, match="lessons learned"):
        services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons=" ")
    crisis.refresh_from_db()
    assert crisis.status == "open"


def test_closing_by_hr_starts_a_new_draft_of_the_charter_and_links_it(crisis, charter, hr_alice):
    # HR is also in the crisis cell: the revision starts at once
    hr_alice.user.groups.add(*type(hr_alice.user.groups.first()).objects.filter(name=Role.CRISIS))
    closed = services.crisis_close(
        crisis=crisis, by=hr_alice.user, lessons="Prévenir les équipes.", revise_charter=charter
    )
    version = closed.revision_version
    assert version.charter == charter and version.number == 2 and version.status == "draft"
    assert version.author == hr_alice.user
    assert list(version.crises.all()) == [closed]
    assert _kinds(closed)[-2:] == ["closed", "revision_started"]


def test_closing_by_the_cell_asks_hr_who_starts_the_revision(crisis, charter, crisis_cleo, hr_alice):
    closed = services.crisis_close(
        crisis=crisis, by=crisis_cleo.user, lessons="Rappeler qui parle.", revise_charter=charter
    )
    assert closed.revision_charter == charter and closed.revision_version is None
    notice = Notification.objects.get(recipient=hr_alice.user, kind="crisis_revision")
    assert "asks for a revision of Charte réseaux sociaux" in notice.message
    with pytest.raises(PermissionDenied):  # the crisis cell cannot write charters
        services.crisis_revision_start(crisis=closed, by=crisis_cleo.user)
    version = services.crisis_revision_start(crisis=closed, by=hr_alice.user)
    assert version.number == 2 and version.status == "draft"
    assert services.crisis_revision_start(crisis=closed, by=hr_alice.user) == version  # once
    assert CharterVersion.objects.filter(charter=charter).count() == 2


def test_a_draft_already_in_progress_is_linked_not_duplicated(crisis, charter, crisis_cleo, hr_alice):
    existing = charter_services.charter_version_start(charter=charter, by=hr_alice.user)
    closed = services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons="Leçons.", revise_charter=charter)
    assert closed.revision_version == existing
    assert CharterVersion.objects.filter(charter=charter).count() == 2
    assert closed.events.last().description == "Charter revision started (version 2): Charte réseaux sociaux"


def test_every_step_is_in_the_ledger_and_the_chain_verifies(
    submitted, crisis, crisis_cleo, voice_vera, charter, hr_alice
):
    services.statement_approve(statement=submitted, by=voice_vera.user)
    services.statement_publish(statement=submitted, by=crisis_cleo.user)
    services.content_removal_record(crisis=crisis, by=crisis_cleo.user, platform="X", **REMOVAL)
    services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons="Leçons.", revise_charter=charter)
    services.crisis_revision_start(crisis=crisis, by=hr_alice.user)
    ledger_seal()
    steps = list(
        LedgerEntry.objects.filter(object_id=crisis.pk, event__startswith="crisis_")
        .order_by("sequence")
        .values_list("payload__step", flat=True)
    )
    assert steps == [
        "opened",
        "topic_added",
        "statement_drafted",
        "statement_submitted",
        "statement_approved",
        "statement_published",
        "closed",
        "revision_requested",
        "revision_started",
    ]
    assert crisis.events.count() == len(steps) + 1  # + the removal (its own ledger event)
    assert ledger_verify().ok

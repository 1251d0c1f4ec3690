"""The response cycle's pages: who reaches what, and what each person reads, in French and English."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from charters import services as charter_services
from compliance.crisis import services
from compliance.models import ContentRemoval, Crisis, OfficialStatement
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def crisis(crisis_cleo) -> Crisis:
    return services.crisis_open(
        title="Gas leak at Brécy",
        instructions="Do not post about it.",
        topics=["fuite de gaz à Brécy"],
        holding_statement="HOLDING-1",
        by=crisis_cleo.user,
    )


def _detail(crisis: Crisis) -> str:
    return reverse("compliance:crisis-detail", kwargs={"pk": crisis.pk})


def test_the_statement_goes_from_the_cell_to_the_voice_and_out_to_employees(
    as_user, crisis, crisis_cleo, voice_vera, employee_bob, spokesperson_sam
):
    cell, voice = as_user(crisis_cleo), as_user(voice_vera)
    cell.post(_detail(crisis), {"action": "statement_save", "text": "OFFICIAL-1: nobody was hurt."})
    statement = OfficialStatement.objects.get()
    cell.post(_detail(crisis), {"action": "statement_submit", "statement": statement.pk})
    # the voice reads it on their page, in French
    page = voice.get(reverse("compliance:statement-list"), **FR).content.decode()
    assert "Déclarations officielles à approuver" in page and "OFFICIAL-1: nobody was hurt." in page
    # sending back without a comment is refused with a message, nothing changes
    response = voice.post(
        reverse("compliance:statement-list"), {"statement": statement.pk, "decision": "send_back"}, follow=True, **EN
    )
    assert "Say what should change" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == "submitted"
    voice.post(reverse("compliance:statement-list"), {"statement": statement.pk, "decision": "approve"})
    instructions = reverse("compliance:crisis-instructions")
    assert "OFFICIAL-1" not in as_user(employee_bob).get(instructions, **EN).content.decode()  # not yet published
    cell.post(_detail(crisis), {"action": "statement_publish", "statement": statement.pk})
    employee_page = as_user(employee_bob).get(instructions, **FR).content.decode()
    assert "Déclaration officielle de l'entreprise" in employee_page and "OFFICIAL-1" in employee_page
    assert "HOLDING-1" not in employee_page  # the holding statement stays for spokespeople
    spokes_page = as_user(spokesperson_sam).get(instructions, **EN).content.decode()
    assert "OFFICIAL-1" in spokes_page and "HOLDING-1" in spokes_page
    timeline = cell.get(_detail(crisis), **EN).content.decode()
    for words in (
        "Official statement drafted (version 1)",
        "Official statement approved (version 1)",
        "Official statement published (version 1)",
    ):
        assert words in timeline
    assert "statement_published" not in timeline  # words, not codes


def test_the_crisis_cell_cannot_reach_the_voices_page_nor_approve(as_user, crisis, crisis_cleo, voice_vera):
    draft = services.statement_draft_save(crisis=crisis, text="Texte", by=crisis_cleo.user)
    services.statement_submit(statement=draft, by=crisis_cleo.user)
    cell = as_user(crisis_cleo)
    assert cell.get(reverse("compliance:statement-list")).status_code == 403
    response = cell.post(reverse("compliance:statement-list"), {"statement": draft.pk, "decision": "approve"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_the_voice_cannot_open_the_crisis_page(as_user, crisis, voice_vera):
    assert as_user(voice_vera).get(_detail(crisis)).status_code == 403


def test_a_removal_logged_on_the_page_is_listed_and_exported(as_user, crisis, crisis_cleo):
    cell = as_user(crisis_cleo)
    fields = {
        "action": "removal",
        "content": '=HYPERLINK("x") video of the evacuation',
        "url": "https://video.example/v",
        "platform": "Video.example",
        "reason": "Faces of colleagues",
        "public_explanation": "Removed for privacy.",
        "decided_by": "Head of communications",
    }
    response = cell.post(_detail(crisis), {**fields, "url": "ftp://nope"}, follow=True, **EN)
    assert "http:// or https://" in response.content.decode() and not ContentRemoval.objects.exists()
    cell.post(_detail(crisis), fields)
    page = cell.get(_detail(crisis), **EN).content.decode()
    assert "Removed for privacy." in page and "Content removed: https://video.example/v" in page
    export = cell.get(reverse("compliance:crisis-removals-csv", kwargs={"pk": crisis.pk}), **EN)
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["When it was decided", "Who decided", "What was removed"]
    assert rows[1][1:4] == [
        "Head of communications",
        '\'=HYPERLINK("x") video of the evacuation',
        "https://video.example/v",
    ]
    french = cell.get(reverse("compliance:crisis-removals-csv", kwargs={"pk": crisis.pk}), **FR)
    assert french.content.decode("utf-8-sig").splitlines()[0].startswith("Date de la décision;Qui a décidé;")


def test_closing_on_the_page_asks_hr_who_starts_the_revision_shown_on_both_sides(
    as_user, crisis, crisis_cleo, hr_alice, approver_victor
):
    charter = charter_services.charter_create(
        name="Charte réseaux sociaux",
        slug="social",
        by=hr_alice.user,
        body_fr=SMALL_FR,
        translations={"en": SMALL_EN},
        name_en="Social media charter",
    )
    publish(charter.versions.get(), author=hr_alice.user, approver=approver_victor.user)
    cell = as_user(crisis_cleo)
    response = cell.post(_detail(crisis), {"action": "close", "lessons": "", "charter": charter.pk}, follow=True, **EN)
    assert "Lessons learned: This field is required." in response.content.decode()
    cell.post(_detail(crisis), {"action": "close", "lessons": "Warn teams first.", "charter": charter.pk})
    crisis.refresh_from_db()
    assert crisis.status == "closed" and crisis.revision_charter == charter
    revision = reverse("compliance:crisis-revision", kwargs={"pk": crisis.pk})
    assert cell.get(revision).status_code == 403  # the crisis cell does not write charters
    hr = as_user(hr_alice)
    page = hr.get(revision, **FR).content.decode()
    assert "Warn teams first." in page and "Commencer la révision" in page
    response = hr.post(revision)
    crisis.refresh_from_db()
    version = crisis.revision_version
    assert version.number == 2 and response["Location"] == reverse(
        "charters:version-edit", kwargs={"slug": "social", "number": 2}
    )
    edit = hr.get(response["Location"], **EN).content.decode()
    assert "This version revises the charter after the crisis “Gas leak at Brécy”." in edit
    assert "Warn teams first." in edit
    closed = cell.get(_detail(crisis), **EN).content.decode()
    assert "Charter revision:" in closed and "Social media charter v2" in closed

"""In a real browser, on a desktop in French and on a 390 px phone in English: the crisis cell drafts the official
statement, the company's voice approves it, the cell publishes it and logs a removal, closes the crisis with its
lessons and asks for a charter revision, which HR starts. Keyboard only for the key buttons; axe finds nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from charters import services as charter_services
from compliance.crisis import services
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fr-FR": {
        "draft": "Déclaration officielle (brouillon)",
        "save": "Enregistrer le brouillon",
        "submit": "Soumettre à approbation",
        "approve": "Approuver",
        "publish": "Publier la déclaration",
        "log": "Consigner un retrait",
        "what": "Ce qui a été retiré",
        "url": "Adresse (URL)",
        "why": "Pourquoi il a été retiré",
        "explanation": "Explication donnée publiquement",
        "who": "Qui a décidé",
        "log_button": "Consigner le retrait",
        "lessons": "Retour d'expérience",
        "charter": "Ouvrir une révision de la charte",
        "close": "Clore et archiver",
        "start": "Commencer la révision",
        "published": "Déclaration officielle publiée (version 1)",
        "removed": "Contenus retirés : https://video.example/v",
        "origin": "Cette version révise la charte après la crise",
        "awaits": "attend votre approbation",
        "asks": "demande une révision",
    },
    "en-GB": {
        "draft": "Official statement (draft)",
        "save": "Save the draft",
        "submit": "Send for approval",
        "approve": "Approve",
        "publish": "Publish the statement",
        "log": "Log a removal",
        "what": "What was removed",
        "url": "Address (URL)",
        "why": "Why it was removed",
        "explanation": "Public explanation given",
        "who": "Who decided",
        "log_button": "Log the removal",
        "lessons": "Lessons learned",
        "charter": "Open a revision of the charter",
        "close": "Close and archive",
        "start": "Start the revision",
        "published": "Official statement published (version 1)",
        "removed": "Content removed: https://video.example/v",
        "origin": "This version revises the charter after the crisis",
        "awaits": "awaits your approval",
        "asks": "asks for a revision",
    },
}


@pytest.fixture
def crisis_rows_go_first(real_transactions):  # noqa: F811
    """The crises point at charter versions: delete them before real_transactions empties the charters tables."""
    yield
    from compliance.models import Crisis

    Crisis.objects.all().delete()


def _press(page, name: str) -> None:
    """Reach a button with the keyboard and press it."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    page.keyboard.press("Enter")


def _sign_in(page, email: str, locale: str) -> None:
    """People read the portal in their own language (theirs is French); the English run switches to English."""
    sign_in(page, email)
    if locale.startswith("en"):
        page.locator(".language-switcher").get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("locale, phone", [("fr-FR", False), ("en-GB", True)], ids=["desktop-fr", "phone-en"])
def test_statement_approved_removal_logged_crisis_closed_charter_revision_started(
    new_page, crisis_rows_go_first, locale, phone, crisis_cleo, voice_vera, hr_alice, approver_victor
):
    w = WORDS[locale]
    charter = charter_services.charter_create(
        name="Charte réseaux sociaux",
        slug="social",
        by=hr_alice.user,
        body_fr=SMALL_FR,
        translations={"en": SMALL_EN},
        name_en="Social media charter",
    )
    publish(charter.versions.get(), author=hr_alice.user, approver=approver_victor.user)
    crisis = services.crisis_open(
        title="Fuite de gaz à Brécy",
        instructions="Ne publiez rien.",
        topics=["fuite de gaz à Brécy"],
        by=crisis_cleo.user,
    )
    detail = f"/checker/crises/{crisis.pk}/"

    # the crisis cell drafts the statement and sends it for approval
    cell = new_page(locale=locale, phone=phone, name="cell")
    _sign_in(cell, "cleo.crisis@example.org", locale)
    cell.goto(cell.base_url + detail)
    cell.get_by_label(w["draft"]).fill("Un incident technique a eu lieu à Brécy ; aucun blessé.")
    _press(cell, w["save"])
    _press(cell, w["submit"])
    expect(cell.get_by_role("button", name=w["submit"])).to_have_count(0)
    assert_accessible(cell, "crisis with a statement awaiting approval")
    if phone:
        _no_sideways_scroll(cell)

    # the company's voice follows the notice from their home page and approves
    voice = new_page(locale=locale, phone=phone, name="voice")
    _sign_in(voice, "vera.voice@example.org", locale)
    voice.get_by_role("link", name=re.compile(w["awaits"])).click()
    expect(voice.get_by_text("Un incident technique a eu lieu à Brécy ; aucun blessé.")).to_be_visible()
    assert_accessible(voice, "statements to approve")
    screenshot(voice, "voice-approves")
    if phone:
        _no_sideways_scroll(voice)
    _press(voice, w["approve"])
    expect(voice.get_by_role("button", name=w["approve"])).to_have_count(0)

    # the cell publishes it, logs a removal, closes the crisis with a charter revision
    cell.goto(cell.base_url + detail)
    _press(cell, w["publish"])
    expect(cell.locator(".timeline")).to_contain_text(w["published"])
    cell.get_by_text(w["log"], exact=True).focus()
    cell.keyboard.press("Enter")
    cell.get_by_label(w["what"], exact=True).fill("Vidéo de l'évacuation")
    cell.get_by_label(w["url"]).fill("https://video.example/v")
    cell.get_by_label(w["why"]).fill("Visages de collègues visibles")
    cell.get_by_label(w["explanation"]).fill("Retirée pour protéger la vie privée des salariés.")
    cell.get_by_label(w["who"], exact=True).fill("Direction de la communication")
    _press(cell, w["log_button"])
    expect(cell.locator(".timeline")).to_contain_text(w["removed"])
    cell.get_by_label(w["lessons"], exact=True).fill("Prévenir les équipes avant toute déclaration.")
    cell.get_by_label(w["charter"]).select_option(
        label="Charte réseaux sociaux" if locale == "fr-FR" else "Social media charter"
    )
    _press(cell, w["close"])
    expect(cell.get_by_text("Prévenir les équipes avant toute déclaration.")).to_be_visible()
    cell.reload()  # the base template's flash messages are not ours to check
    assert_accessible(cell, "closed crisis")
    screenshot(cell, "crisis-closed")
    if phone:
        _no_sideways_scroll(cell)

    # HR follows the notice, reads the lessons and starts the revision: the new draft names the crisis
    hr = new_page(locale=locale, phone=phone, name="hr")
    _sign_in(hr, "alice.hr@example.org", locale)
    hr.get_by_role("link", name=re.compile(w["asks"])).click()
    expect(hr.get_by_text("Prévenir les équipes avant toute déclaration.")).to_be_visible()
    assert_accessible(hr, "charter revision after a crisis")
    _press(hr, w["start"])
    expect(hr).to_have_url(re.compile(r"/charters/social/v2/edit/$"))
    expect(hr.get_by_text(w["origin"])).to_be_visible()
    screenshot(hr, "revision-started")
    crisis.refresh_from_db()
    assert crisis.revision_version.number == 2 and crisis.revision_version.status == "draft"

"""In a real browser: an employee reads the charter to the end, acknowledges it and gets a receipt,
in French (the authoritative text) and in English (a translation)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from charters import services
from charters.acknowledgements.services import campaign_start
from charters.hashing import text_sha256
from charters.models import Acknowledgement
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_FR = SMALL_FR + "\n" + "\n\n".join(f"Paragraphe {n} de la charte." for n in range(60))
LONG_EN = SMALL_EN + "\n" + "\n\n".join(f"Paragraph {n} of the charter." for n in range(60))


@dataclass(frozen=True)
class Reader:
    """One employee and the words of the interface in their language."""

    email: str
    typed_name: str
    language: str
    body: str
    todo: str
    other_language_link: str
    acknowledge: str
    reached: str
    name_label: str
    consent_label: str
    receipt: str
    see_receipt: str


FRENCH = Reader(
    email="bob@example.org",
    typed_name="bob test",
    language="fr",
    body=LONG_FR,
    todo="À faire : signer Petite charte v1",
    other_language_link="Lire en anglais",
    acknowledge="Je signe cette charte",
    reached="Vous avez atteint la fin du texte",
    name_label="Saisissez vos prénom et nom pour signer",
    consent_label="J'accepte la déclaration ci-dessus",
    receipt="Accusé de réception",
    see_receipt="Voir votre accusé de réception",
)
ENGLISH = Reader(
    email="emma@example.org",
    typed_name="emma test",
    language="en",
    body=LONG_EN,
    todo="To do: acknowledge Petite charte v1",
    other_language_link="Read the authoritative French text",
    acknowledge="I acknowledge this charter",
    reached="You reached the end of the text",
    name_label="Type your full name to sign",
    consent_label="I agree to the statement above",
    receipt="Acknowledgement receipt",
    see_receipt="See your receipt",
)


@pytest.fixture
def running_campaign(
    real_transactions,  # noqa: F811
    hr_alice,
    approver_victor,
    employee_bob,
    employee_emma_en,
    settings,
):
    settings.ACK_MIN_READING_SECONDS = 0
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    charter = services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=LONG_FR, translations={"en": LONG_EN}
    )
    version = publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    return campaign_start(version=version)


@pytest.mark.parametrize("reader", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_an_employee_reads_to_the_end_acknowledges_and_gets_a_receipt(page, running_campaign, reader):
    # given the employee signed in (interface in their preferred language)
    sign_in(page, reader.email)
    expect(page.locator("html")).to_have_attribute("lang", reader.language)
    # when they follow their home card, with the keyboard
    page.get_by_role("link", name=reader.todo).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Petite charte v1")).to_be_visible()
    expect(page.get_by_role("link", name=reader.other_language_link)).to_be_visible()
    expect(page.locator("article.charter-text")).to_have_attribute("lang", reader.language)
    acknowledge = page.get_by_role("button", name=reader.acknowledge)
    expect(acknowledge).to_be_hidden()  # the form waits for the end of the text
    assert_accessible(page, f"reading page ({reader.language})")
    screenshot(page, "reading-page")
    # then scrolling to the end reveals the form
    page.keyboard.press("End")
    expect(acknowledge).to_be_visible()
    expect(page.get_by_text(reader.reached)).to_be_attached()
    page.get_by_label(reader.consent_label).focus()
    page.keyboard.press("Space")
    expect(page.get_by_label(reader.consent_label)).to_be_checked()
    page.get_by_label(reader.name_label).focus()
    page.keyboard.type(reader.typed_name)
    screenshot(page, "signing")
    page.keyboard.press("Enter")
    # and the receipt carries the hash of the very text they read
    expect(page.get_by_role("heading", name=reader.receipt)).to_be_visible()
    ack = Acknowledgement.objects.get(employee__user__email=reader.email)
    assert ack.language == reader.language and ack.text_sha256 == text_sha256(reader.body)
    expect(page.get_by_text(ack.text_sha256)).to_be_visible()
    assert ack.end_reached_at >= ack.opened_at and ack.typed_name == reader.typed_name
    assert "Chrom" in ack.user_agent or "Headless" in ack.user_agent
    assert_accessible(page, f"receipt ({reader.language})")
    screenshot(page, "receipt")
    # a second visit to the reading page shows the receipt, not the form
    page.go_back()
    page.reload()
    expect(page.get_by_role("link", name=reader.see_receipt)).to_be_visible()
    expect(acknowledge).to_have_count(0)


@pytest.mark.parametrize(
    ("email", "locale", "wait", "done", "acknowledge", "receipt"),
    [
        (
            "bob@example.org",
            "fr-FR",
            "Merci d'attendre la fin du temps de lecture minimum avant de signer.",
            "Le temps de lecture minimum est écoulé : vous pouvez signer.",
            "Je signe cette charte",
            "Accusé de réception",
        ),
        (
            "emma@example.org",
            "en-GB",
            "Please wait until the end of the minimum reading time before signing.",
            "The minimum reading time has passed: you can sign.",
            "I acknowledge this charter",
            "Acknowledgement receipt",
        ),
    ],
    ids=["fr", "en"],
)
def test_the_minimum_reading_time_counts_down_and_an_early_enter_keeps_what_was_typed(
    new_page, running_campaign, settings, email, locale, wait, done, acknowledge, receipt
):
    # given a few seconds of minimum reading time
    settings.ACK_MIN_READING_SECONDS = 8
    page = new_page(locale=locale)
    sign_in(page, email)
    version = running_campaign.version
    page.goto(f"{page.base_url}/charters/{version.charter.slug}/v{version.number}/acknowledge/")
    # when the reader reaches the end, ticks the box, types their name and presses Enter at once
    page.keyboard.press("End")
    button = page.get_by_role("button", name=acknowledge)
    expect(button).to_be_visible()
    countdown = page.locator("#reading-countdown")
    expect(countdown).to_be_visible()
    assert 1 <= int(countdown.locator(".countdown-value").inner_text()) <= 8
    expect(button).to_have_attribute("aria-disabled", "true")
    page.locator("#consent").focus()
    page.keyboard.press("Space")
    page.locator("#typed-name").focus()
    page.keyboard.type("Someone")
    page.keyboard.press("Enter")
    # then the page stays, says to wait, and keeps what was typed
    expect(page.locator("#reading-status")).to_have_text(wait)
    expect(page.locator("#typed-name")).to_have_value("Someone")
    expect(page.locator("#consent")).to_be_checked()
    # and once the time has passed, signing goes through
    expect(countdown).to_have_text(done, timeout=15_000)
    expect(button).not_to_have_attribute("aria-disabled", "true")
    assert_accessible(page, f"reading page after the countdown ({locale})")
    page.locator("#typed-name").fill("")
    page.locator("#typed-name").focus()
    page.keyboard.type(email.split("@")[0] + " test")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=receipt)).to_be_visible()

"""In a real browser: an employee reads the charter to the end, acknowledges it and gets a receipt."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from charters import services
from charters.acknowledgements.services import campaign_start
from charters.models import Acknowledgement
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def running_campaign(
    real_transactions,  # noqa: F811
    hr_alice,
    approver_victor,
    employee_emma_en,
    settings,
):
    settings.ACK_MIN_READING_SECONDS = 0
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    charter = services.charter_create(
        name="Petite charte",
        slug="small",
        by=hr_alice.user,
        body_fr=SMALL_FR,
        translations={"en": SMALL_EN + "\n" + "\n\n".join(f"Paragraph {n} of the charter." for n in range(60))},
    )
    version = publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    return campaign_start(version=version)


def test_an_employee_reads_to_the_end_acknowledges_and_gets_a_receipt(page, running_campaign, employee_emma_en):
    # given Emma signed in (English interface)
    sign_in(page, "emma@example.org")
    # when she follows her home card
    page.get_by_role("link", name="To do: acknowledge Petite charte v1").click()
    expect(page.get_by_role("heading", name="Petite charte v1")).to_be_visible()
    expect(page.get_by_role("link", name="Read the authoritative French text")).to_be_visible()
    acknowledge = page.get_by_role("button", name="I acknowledge this charter")
    expect(acknowledge).to_be_hidden()  # the form waits for the end of the text
    assert_accessible(page, "reading page (en)")
    # then scrolling to the end reveals the form
    page.keyboard.press("End")
    expect(acknowledge).to_be_visible()
    expect(page.get_by_text("You reached the end of the text")).to_be_attached()
    page.get_by_label("Type your full name to sign").fill("emma test")
    acknowledge.press("Enter")
    expect(page.get_by_role("heading", name="Acknowledgement receipt")).to_be_visible()
    ack = Acknowledgement.objects.get(employee=employee_emma_en)
    expect(page.get_by_text(ack.text_sha256)).to_be_visible()
    assert ack.language == "en" and ack.end_reached_at >= ack.opened_at
    assert "Chrom" in ack.user_agent or "Headless" in ack.user_agent
    assert_accessible(page, "receipt")
    # a second visit to the reading page shows the receipt, not the form
    page.go_back()
    page.reload()
    expect(page.get_by_role("link", name="See your receipt")).to_be_visible()

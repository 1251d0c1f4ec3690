"""On a 390 px phone, in French and English: no page scrolls sideways, the links fold behind a Menu
button, the reading page of a published charter (with its SHA-256) fits the screen, and a check's
result is shown (focused, in view) without scrolling past the form, its clause one tap away."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from charters import services
from charters.acknowledgements.services import campaign_start
from compliance.services import context_bundle_import
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.compliance.conftest import write_bundle
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(real_transactions, hr_alice, approver_victor, employee_bob, employee_emma_en):  # noqa: F811
    charter = services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    version = publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign_start(version=version)
    return version


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize(
    "email,locale,menu,home_link",
    [("bob@example.org", "fr-FR", "Menu", "Accueil"), ("emma@example.org", "en-GB", "Menu", "Home")],
)
def test_an_employee_on_a_phone_reads_the_charter_without_sideways_scrolling(
    new_page, published, email, locale, menu, home_link
):
    phone = new_page(locale=locale, phone=True)
    sign_in(phone, email)
    _no_sideways_scroll(phone)
    # the navigation links are folded behind a Menu button, opened from the keyboard
    expect(phone.get_by_role("link", name=home_link, exact=True)).to_be_hidden()
    phone.locator(".nav-menu > summary").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("link", name=home_link, exact=True)).to_be_visible()
    assert_accessible(phone, f"home on a phone ({locale})")
    # the published version's page, with its long SHA-256, fits the screen
    phone.goto(phone.base_url + f"/charters/small/v{published.number}/")
    expect(phone.locator("code", has_text=published.content_sha256)).to_be_visible()
    _no_sideways_scroll(phone)
    assert_accessible(phone, f"published version on a phone ({locale})")
    screenshot(phone, f"phone-version-{locale}")


@pytest.mark.parametrize(
    "email,locale,check,verdict,clause",
    [
        ("bob@example.org", "fr-FR", "Vérifier", "Ne pas publier", "§2 Confidentialité"),
        ("emma@example.org", "en-GB", "Check", "Do not publish", "§2 Confidentiality"),
    ],
)
def test_on_a_phone_the_result_of_a_check_comes_into_view_with_the_focus(
    new_page, published, tmp_path, email, locale, check, verdict, clause
):
    # given: the small charter is in force (its clause 2 governs confidentiality) and Mistral is a codename
    context_bundle_import(folder=write_bundle(tmp_path))
    phone = new_page(locale=locale, phone=True)
    sign_in(phone, email)
    phone.goto(phone.base_url + "/checker/")
    # when the employee types a draft and presses the Check button
    phone.locator("#id_text").fill("Belle réunion ce matin sur Mistral, notre futur robot !")
    phone.get_by_role("button", name=check, exact=True).click()
    # then the result region has the focus and its verdict is on the screen, without scrolling
    expect(phone.locator("#result")).to_be_focused()
    expect(phone.get_by_role("heading", name=verdict)).to_be_in_viewport()
    _no_sideways_scroll(phone)
    assert_accessible(phone, f"check result on a phone ({locale})")
    screenshot(phone, f"phone-check-{locale}")
    # and the finding's clause opens the charter at that clause
    phone.locator("ol.findings .clause a", has_text=clause).click()
    phone.wait_for_url(f"**/charters/small/v{published.number}/**#clause-2")
    expect(phone.locator("#clause-2")).to_be_in_viewport()


def test_on_a_phone_the_menu_button_counts_unread_notifications(new_page, published, hr_alice):
    # given: HR answered Bob's question about the charter
    from charters.acknowledgements.services import feedback_answer, feedback_create

    question = feedback_create(assignment=published.campaign.assignments.get(employee__user__email="bob@example.org"),
                               kind="question", text="Et les photos d'équipe ?")
    feedback_answer(feedback=question, by=hr_alice.user, answer="Avec l'accord de chacun.")
    phone = new_page(locale="fr-FR", phone=True)
    sign_in(phone, "bob@example.org")
    # then the folded menu shows the count, and opened from the keyboard it links to the notification
    count = phone.locator(".nav-menu > summary .count")
    expect(count.locator("[aria-hidden=true]")).to_have_text("1")
    expect(count.locator(".visually-hidden")).to_have_text("1 nouvelle notification")  # what a screen reader says
    phone.locator(".nav-menu > summary").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("link", name="1 nouvelle notification", exact=True)).to_be_visible()
    notice = phone.get_by_role("link", name="Les RH ont répondu à votre message sur « Petite charte » (version 1).")
    expect(notice).to_be_visible()
    _no_sideways_scroll(phone)
    assert_accessible(phone, "home with a notification on a phone")
    screenshot(phone, "phone-notification")
    # opening it leads to HR's answer, and the count is gone
    notice.click()
    expect(phone.get_by_text("Avec l'accord de chacun.")).to_be_visible()
    expect(phone.locator(".nav-menu > summary .count")).to_have_count(0)

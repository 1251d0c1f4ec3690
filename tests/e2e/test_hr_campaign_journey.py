"""In a real browser, with the keyboard: HR follows a charter's signatures from the home page to its campaign,
reads the completion over time, sends reminders now (once, however often the button is pressed), and
searches the people, page after page. In French and in English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from charters import services
from charters.acknowledgements.services import campaign_start
from charters.models import Assignment, ReminderLog
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import DepartmentFactory, crowd

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Words:
    language: str
    locale: str
    overview: str
    chart_title: str
    send: str
    confirm: str
    sent: str
    search_label: str
    next_page: str
    page_2: str


FRENCH = Words(
    language="fr",
    locale="fr-FR",
    overview="Signatures des chartes en vigueur",
    chart_title="Signatures par jour et avancement cumulé",
    send="Envoyer les rappels maintenant",
    confirm="Oui, envoyer 63 rappels",
    sent="63 rappels envoyés.",
    search_label="Nom, e-mail, service ou matricule",
    next_page="Suivant",
    page_2="Page 2 sur 2",
)
ENGLISH = Words(
    language="en",
    locale="en-GB",
    overview="Signatures of the charters in force",
    chart_title="Signatures per day and cumulative completion",
    send="Send reminders now",
    confirm="Yes, send 63 reminders",
    sent="63 reminders sent.",
    search_label="Name, e-mail, department or employee id",
    next_page="Next",
    page_2="Page 2 of 2",
)


@pytest.fixture
def late_campaign(real_transactions, hr_alice, approver_victor):  # noqa: F811
    """120 people at the plant and in Sales, plus HR and the approver; everyone is overdue but HR."""
    small_charter = services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    crowd(120, departments=[DepartmentFactory(code="plant", name="Usine"), DepartmentFactory(code="sales")])
    version = publish(small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign = campaign_start(version=version)
    yesterday = timezone.localdate() - timedelta(days=1)
    Assignment.objects.filter(campaign=campaign).exclude(employee=hr_alice).update(due_on=yesterday)
    # 58 of the crowd have been reminded by the scheduler a minute ago: "now" skips them
    recent = Assignment.objects.filter(campaign=campaign, employee__user__email__startswith="crowd.").order_by("pk")
    ReminderLog.objects.bulk_create(
        ReminderLog(assignment=a, step="overdue:1", kind="reminder", recipient="x@example.org", sent_at=timezone.now())
        for a in recent[:58]
    )
    return campaign


@pytest.mark.parametrize("words", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_hr_follows_signatures_sends_reminders_once_and_searches_people(new_page, late_campaign, hr_alice, words):
    hr_alice.preferred_language = words.language  # the interface speaks the signed-in person's language
    hr_alice.save(update_fields=["preferred_language"])
    page = new_page(locale=words.locale)
    sign_in(page, "alice.hr@example.org")
    # the home page sums up the version in force and links to its campaign
    overview = page.get_by_role("table", name=words.overview)
    expect(overview).to_contain_text("Petite charte v1")
    assert_accessible(page, f"HR home ({words.locale})")
    overview.get_by_role("link", name="Petite charte v1").focus()
    page.keyboard.press("Enter")
    # the campaign page draws the completion over time, titled for screen readers
    chart = page.get_by_role("img", name=words.chart_title)
    expect(chart).to_be_visible()
    assert_accessible(page, f"campaign ({words.locale})")
    # reminders: the summary opens the confirmation from the keyboard, its button sends
    page.locator("details.confirm > summary").filter(has_text=words.send).focus()
    page.keyboard.press("Enter")
    confirm = page.get_by_role("button", name=words.confirm)
    expect(confirm).to_be_visible()
    screenshot(page, "confirm-reminders")
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(words.sent)
    # 121 overdue (120 and the approver), 58 reminded a minute ago: 63 e-mails, each to a different person
    assert len(mail.outbox) == 63 and len({m.to[0] for m in mail.outbox}) == 63
    # pressing again (the page sent back, a double click) sends nothing more
    page.go_back()
    page.reload()
    expect(page.get_by_role("button", name=words.confirm)).to_have_count(0)
    assert len(mail.outbox) == 63
    # the people: a search by department, kept on the next page, from the keyboard
    page.get_by_label(words.search_label).focus()
    page.keyboard.type("usine")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=words.next_page).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(words.page_2)).to_be_visible()
    expect(page.get_by_label(words.search_label)).to_have_value("usine")
    assert "q=usine" in page.url and "page=2" in page.url
    screenshot(page, "people-page-2")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_phone_hr_pages_do_not_scroll_sideways(new_page, late_campaign, hr_alice, language):
    hr_alice.preferred_language = language
    hr_alice.save(update_fields=["preferred_language"])
    phone = new_page(locale="fr-FR" if language == "fr" else "en-GB", phone=True)
    sign_in(phone, "alice.hr@example.org")
    for path in ("/", "/charters/campaigns/small/v1/?q=usine", "/directory/?q=usine"):
        phone.goto(phone.base_url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    expect(phone.get_by_role("navigation", name="Pages")).to_be_visible()  # the directory's pages, reachable

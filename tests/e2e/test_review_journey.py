"""In a real browser: a compliance reviewer claims a submitted post and rejects it; the author reads why."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from compliance.review.services import submission_create
from compliance.services import context_bundle_import
from tests.compliance.conftest import write_bundle
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _in_english(page) -> None:
    page.locator(".language-switcher").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_reviewer_claims_and_rejects_a_post_and_the_author_reads_why(page, employee_bob, reviewer_rita, tmp_path):
    # given: Bob submitted a draft naming a codename
    context_bundle_import(folder=write_bundle(tmp_path))
    submission = submission_create(author=employee_bob.user, text="Réunion Mistral ce matin", lang="fr", comment="OK?")
    # when: Rita opens the queue, claims the post and rejects it with a reason
    sign_in(page, "rita.reviewer@example.org")
    _in_english(page)
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Posts submitted for review")).to_be_visible()
    assert_accessible(page, "review queue")
    page.get_by_role("button", name=f"Claim #{submission.pk}").click()
    expect(page.get_by_role("heading", name="Your decision")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Mistral")
    assert_accessible(page, "review detail")
    screenshot(page, "review-detail")
    page.get_by_label("Rejected").check()
    page.get_by_label("Reason or what to change").fill("Mistral is a codename under embargo.")
    page.get_by_role("button", name="Send the decision").click()
    expect(page.get_by_text("Decision sent to the author.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    # then: Bob's menu counts a notification, his home page lists it, and he reads the reason
    sign_in(page, "bob@example.org")
    _in_english(page)
    expect(page.get_by_role("link", name="1 new notification", exact=True)).to_be_visible()
    notice = page.get_by_role("link", name=re.compile(r"^A reviewer rejected the post you submitted on "))
    expect(notice).to_be_visible()
    assert_accessible(page, "home with a notification")
    notice.click()
    expect(page.get_by_text("Mistral is a codename under embargo.")).to_be_visible()
    assert_accessible(page, "my submitted post")
    screenshot(page, "author-reads-the-decision")
    # opening it read it: the home page and the menu no longer show it
    page.goto(page.base_url + "/")
    expect(page.get_by_role("heading", name="What you have to do")).to_be_visible()
    expect(page.get_by_text("A reviewer rejected")).to_have_count(0)
    expect(page.get_by_role("link", name="1 new notification")).to_have_count(0)


def test_the_crisis_cell_opens_a_crisis_and_employees_see_the_banner(page, crisis_cleo, employee_bob, reviewer_rita):
    sign_in(page, "cleo.crisis@example.org")
    _in_english(page)
    page.get_by_role("link", name="Crises").click()
    assert_accessible(page, "crises")
    page.get_by_label("Title").fill("Gas leak at Brécy")
    page.get_by_label("Quiet topics, one a line").fill("fuite de gaz à Brécy")
    page.get_by_label("Instructions for employees").fill("Do not post about the incident.")
    page.get_by_role("button", name="Open the crisis").click()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    page.reload()  # the base template's flash messages (<ul role="status">) are not ours to check
    assert_accessible(page, "crisis detail")
    screenshot(page, "crisis-opened")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "bob@example.org")
    _in_english(page)
    banner = page.get_by_role("region", name="Crisis in progress")
    expect(banner).to_contain_text("Gas leak at Brécy")
    expect(banner).to_contain_text("Do not post about the incident.")
    assert_accessible(page, "home with the crisis banner")
    screenshot(page, "crisis-banner")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "rita.reviewer@example.org")
    _in_english(page)
    page.get_by_role("link", name="Compliance dashboard").click()
    expect(page.get_by_role("heading", name="Findings per department")).to_be_visible()
    assert_accessible(page, "compliance dashboard")

"""In a real browser, under the Content-Security-Policy: the pages that had inline code, htmx, Swagger UI
and the Django admin work, and Chromium blocks nothing (the ``page`` fixture fails on any CSP report)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from policy_portal.roles import Role
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_with_a_crisis(real_transactions, personas):  # noqa: F811
    from charters.demo import seed_acknowledgements, seed_charters
    from compliance.crisis.services import crisis_open
    from compliance.demo import seed_review_and_crisis

    for seed in (seed_charters, seed_acknowledgements, seed_review_and_crisis):
        seed(io.StringIO())
    crisis_open(
        title="Incident à l'usine",
        instructions="Ne publiez rien à ce sujet.",
        topics=["incident à l'usine"],
        by=personas[Role.CRISIS].user,
    )
    return personas


def test_an_administrator_goes_through_the_pages_that_had_inline_code(page, demo_with_a_crisis):
    sign_in(page, "ada.admin@example.org")
    banner = page.get_by_role("region", name="Crise en cours")
    expect(banner).to_be_visible()
    expect(banner).to_have_css("background-color", "rgb(253, 240, 239)")  # from portal.css, no style=""
    page.goto(page.base_url + "/charters/campaigns/")
    bar = page.locator(".bar-ok").first
    expect(bar).to_be_visible()
    assert bar.bounding_box()["width"] > 0  # the width class applies
    page.goto(page.base_url + "/checker/reports/")
    expect(page.locator(".hbar").first).to_be_visible()
    page.goto(page.base_url + "/charters/social-media/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # htmx (allowEval off, no injected <style>) still posts the draft and swaps the verdict in
    page.goto(page.base_url + "/checker/")
    page.locator("#id_text").fill("Réunion sur le projet demain, vivement !")
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("#result [role=status]")).to_be_visible()
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.locator("head style").count() == 0


def test_swagger_ui_renders_the_api_under_the_policy(page, employee_bob):
    sign_in(page, "bob@example.org")
    page.goto(page.base_url + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Charter portal API")
    expect(page.locator(".opblock").first).to_be_visible()


def test_the_django_admin_works_under_the_policy(page, db):
    from policy_portal.auth import totp_provision

    totp_provision(user=UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    sign_in(page, "root@example.org")  # the admin site signs in through allauth, with a second factor
    page.goto(page.base_url + "/admin/auth/user/add/")
    expect(page.locator("#id_username")).to_be_visible()
    page.goto(page.base_url + "/admin/auth/user/")
    page.locator("#action-toggle").check()  # admin's actions.js, loaded from a file
    expect(page.locator("input.action-select").first).to_be_checked()

"""In a real browser: a privileged person's first sign-in (enrolling an authenticator), then the code step."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from policy_portal.roles import Role
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import person, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_new_legal_person_enrols_an_authenticator_then_signs_in_with_a_code(page, browser, live_server):
    carla = person(Role.LEGAL, first_name="Carla", email="carla.legal@example.org", language="en", mfa=False)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill("carla.legal@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/2fa/totp/activate/**")
    assert_accessible(page, "activate authenticator")
    page.goto(page.base_url + "/charters/")
    assert "/accounts/2fa/totp/activate/" in page.url
    page.context.clear_cookies()
    sign_in(page, "carla.legal@example.org")  # enrols from the secret shown on the page
    assert Authenticator.objects.filter(user=carla.user, type="totp").exists()
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-mail").or_(page.get_by_label("Adresse e-mail")).first.fill("carla.legal@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    assert_accessible(page, "two-factor code")
    page.locator("input[name=code]").fill(totp_code(carla.user, 1))
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/")
    expect(page.locator("main h1").first).to_be_visible()

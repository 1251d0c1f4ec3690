"""The security headers and cookie flags of every response (README "Security headers")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from http.cookies import Morsel
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# What policy_portal/settings.py computes when DEBUG is off (checked below in a fresh interpreter).
PRODUCTION_LIKE = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
}


def test_production_settings_turn_on_hsts_and_secure_cookies():
    names = [*PRODUCTION_LIKE, "SECURE_SSL_REDIRECT"]
    names += [
        f"{cookie}_COOKIE_{flag}" for cookie in ("SESSION", "CSRF", "LANGUAGE") for flag in ("HTTPONLY", "SAMESITE")
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_COOKIES", "SECURE_HSTS_SECONDS")}
    env.update(DEBUG="0", SECRET_KEY="x" * 50)
    code = f"import json, policy_portal.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    # a fresh interpreter: the settings module is read once per process, and tests run with DEBUG on
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(out.stdout)
    assert {k: values[k] for k in PRODUCTION_LIKE} == PRODUCTION_LIKE
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"] and values["LANGUAGE_COOKIE_HTTPONLY"]
    assert {values[f"{c}_COOKIE_SAMESITE"] for c in ("SESSION", "CSRF", "LANGUAGE")} == {"Lax"}
    assert values["SECURE_SSL_REDIRECT"] is True


@pytest.mark.django_db
def test_every_response_carries_the_browser_protections():
    response = Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_json_and_error_responses_are_covered_too(employee_bob):
    from tests.conftest import client_for

    client = client_for(employee_bob.user)
    for response in (client.get(reverse("api:me")), client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")):
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@override_settings(**PRODUCTION_LIKE)
def test_hsts_is_sent_over_https_with_production_settings():
    response = Client().get(reverse("account_login"), secure=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def _assert_locked_down(cookie: Morsel) -> None:
    assert cookie["secure"] is True, f"{cookie.key} is not Secure"
    assert cookie["httponly"] is True, f"{cookie.key} is readable by scripts"
    assert cookie["samesite"] == "Lax", f"{cookie.key} SameSite={cookie['samesite']!r}"


@pytest.mark.django_db
@override_settings(**PRODUCTION_LIKE)
def test_session_csrf_and_language_cookies_are_secure_httponly_and_same_site(employee_emma_en):
    client = Client()
    page = client.get(reverse("account_login"), secure=True, HTTP_ACCEPT_LANGUAGE="en")
    _assert_locked_down(page.cookies["csrftoken"])
    signed_in = client.post(
        reverse("account_login"),
        {"login": "emma@example.org", "password": "correct horse battery"},
        secure=True,
    )  # fmt: skip
    assert signed_in.status_code == 302
    _assert_locked_down(signed_in.cookies["sessionid"])
    _assert_locked_down(signed_in.cookies["django_language"])
    switched = client.post(reverse("set-language"), {"language": "fr", "next": "/"}, secure=True)
    assert switched.status_code == 302
    _assert_locked_down(switched.cookies["django_language"])


def test_single_sign_on_providers_may_receive_the_sign_in_redirect():
    """The SSO "continue" form redirects to the identity provider: form-action must allow its origin."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "SAML_", "CSP_"))}
    env.update(
        OIDC_SERVER_URL="https://login.example.com/realms/acme",
        OIDC_CLIENT_ID="portal",
        OIDC_CLIENT_SECRET="s",
        CSP_EXTRA_FORM_ACTION="https://auth.example.net",
        DEBUG="1",
    )
    code = "import json, policy_portal.settings as s; print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
    code += "['form-action']))"
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == ["'self'", "https://auth.example.net", "https://login.example.com"]

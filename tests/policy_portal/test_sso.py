"""Single sign-on (OIDC, SAML) from environment settings: buttons only when configured, directory people only.

The identity provider is replaced at allauth's level: the test builds the SocialLogin allauth would build
from the provider's answer (its userinfo), and runs allauth's own completion, so no network is used.
"""

from __future__ import annotations

import pytest
from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.urls import reverse

from policy_portal.roles import Role
from tests.factories import person

OIDC = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "company",
                "name": "Lumen SSO",
                "client_id": "portal",
                "secret": "s3cret",
                "settings": {"server_url": "https://idp.example.org/realms/lumen"},
            }
        ],
    }
}
SAML = {
    "saml": {
        "APPS": [
            {
                "client_id": "company",
                "name": "Lumen SAML",
                "settings": {
                    "idp": {
                        "entity_id": "https://idp.example.org/saml",
                        "sso_url": "https://idp.example.org/saml/sso",
                        "x509cert": "MIIB",
                    },
                    "attribute_mapping": {"uid": "uid", "email": "email"},
                },
            }
        ]
    }
}


class FakeSamlResponse:
    """The parts of python3-saml's OneLogin_Saml2_Auth that allauth reads once the assertion is validated."""

    def __init__(self, attributes: dict[str, list[str]], name_id: str) -> None:
        self.attributes, self.name_id = attributes, name_id

    def get_attributes(self) -> dict[str, list[str]]:
        return self.attributes

    def get_nameid(self) -> str:
        return self.name_id

    def get_nameid_format(self) -> str:
        return "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"


def sso_login(email: str, *, sub: str = "idp-user-1", saml: FakeSamlResponse | None = None):
    """What allauth does when the provider answers (OIDC userinfo, or a SAML response), through our adapters."""
    request = RequestFactory().get("/accounts/oidc/company/login/callback/", HTTP_ACCEPT_LANGUAGE="en")
    for middleware in (SessionMiddleware, AuthenticationMiddleware, MessageMiddleware):
        middleware(lambda r: None).process_request(request)
    with context.request_context(request):
        if saml is not None:  # SAML apps are found by their "organisation slug" (client_id)
            provider = get_adapter().get_provider(request, "saml", client_id="company")
            answer: object = saml
        else:
            provider = get_adapter().get_provider(request, "company")
            answer = {"sub": sub, "email": email, "email_verified": True, "given_name": "X"}
        sociallogin = provider.sociallogin_from_response(request, answer)
        sociallogin.state = {"process": "login"}
        response = complete_social_login(request, sociallogin)
    return request, response


@pytest.mark.django_db
def test_no_sso_button_without_configuration(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "sso-buttons" not in page and "company account" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("providers,label", [(OIDC, "Lumen SSO"), (SAML, "Lumen SAML")])
def test_a_configured_provider_shows_its_button(client, settings, providers, label):
    settings.SOCIALACCOUNT_PROVIDERS = providers
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "sso-buttons" in page and label in page and 'method="post"' in page


def providers_from_environment(monkeypatch, **variables: str) -> dict:
    """SOCIALACCOUNT_PROVIDERS exactly as policy_portal/settings.py builds it from these variables."""
    import importlib

    import policy_portal.settings as portal_settings

    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    try:
        return importlib.reload(portal_settings).SOCIALACCOUNT_PROVIDERS
    finally:
        for name in variables:
            monkeypatch.delenv(name)
        importlib.reload(portal_settings)


@pytest.mark.django_db
def test_a_saml_login_is_matched_by_the_email_attribute_entra_id_sends(settings, monkeypatch, employee_bob):
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_environment(
        monkeypatch,
        SAML_IDP_ENTITY_ID="https://sts.windows.net/tenant/",
        SAML_IDP_SSO_URL="https://login.example/saml",
        SAML_IDP_X509_CERT="MIIB",
    )
    claims = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/"
    saml = FakeSamlResponse({claims + "emailaddress": ["bob@example.org"], claims + "givenname": ["Bob"]}, "n-1")
    request, response = sso_login("", saml=saml)
    assert response.status_code == 302 and request.user == employee_bob.user
    stranger = FakeSamlResponse({claims + "emailaddress": ["nobody@example.org"]}, "n-2")
    request, response = sso_login("", saml=stranger)
    assert response.status_code == 403 and not request.user.is_authenticated


def test_settings_build_the_providers_from_environment_variables(monkeypatch):
    import importlib

    import policy_portal.settings as portal_settings

    monkeypatch.setenv("OIDC_SERVER_URL", "https://idp.example.org/realms/lumen")
    monkeypatch.setenv("OIDC_CLIENT_ID", "portal")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "s3cret")
    monkeypatch.setenv("SAML_IDP_ENTITY_ID", "https://idp.example.org/saml")
    monkeypatch.setenv("SAML_IDP_METADATA_URL", "https://idp.example.org/saml/metadata")
    try:
        reloaded = importlib.reload(portal_settings)
        oidc = reloaded.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
        assert oidc["client_id"] == "portal" and oidc["settings"]["server_url"].endswith("/lumen")
        saml = reloaded.SOCIALACCOUNT_PROVIDERS["saml"]["APPS"][0]["settings"]
        assert saml["idp"] == {
            "entity_id": "https://idp.example.org/saml",
            "metadata_url": "https://idp.example.org/saml/metadata",
        }
    finally:
        monkeypatch.undo()
        importlib.reload(portal_settings)


@pytest.mark.django_db
def test_an_unknown_email_is_refused_and_no_account_is_created(settings, employee_bob):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    users_before = get_user_model().objects.count()
    request, response = sso_login("stranger@example.org")
    assert response.status_code == 403
    assert "no active person in the portal's directory" in response.content.decode()
    assert get_user_model().objects.count() == users_before and not SocialAccount.objects.exists()
    assert not request.user.is_authenticated


@pytest.mark.django_db
def test_a_person_who_left_is_refused_by_sso_too(settings, employee_bob):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    employee_bob.user.is_active = False
    employee_bob.user.save()
    request, response = sso_login("bob@example.org")
    assert response.status_code == 403 and not request.user.is_authenticated


@pytest.mark.django_db
def test_a_directory_person_is_matched_by_email_and_signed_in(settings, employee_bob):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    request, response = sso_login("Bob@Example.org")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert request.user == employee_bob.user
    assert SocialAccount.objects.get(uid="idp-user-1").user == employee_bob.user
    again_request, again = sso_login("bob@example.org")  # the link is kept: next time by uid
    assert again.status_code == 302 and again_request.user == employee_bob.user


@pytest.mark.django_db
def test_a_privileged_person_still_gives_their_second_factor_after_sso(settings):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    person(Role.LEGAL, first_name="Lou", email="lou.legal@example.org")
    request, response = sso_login("lou.legal@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not request.user.is_authenticated

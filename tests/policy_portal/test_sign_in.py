"""Signing in (django-allauth): by e-mail, lockout per account, mandatory MFA for privileged roles, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from policy_portal.roles import Role
from tests.factories import person, totp_code

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # allauth counts failed sign-ins in the cache
    yield
    cache.clear()


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra: object):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, HTTP_ACCEPT_LANGUAGE="en", **extra
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- password sign-in -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_sign_in_page_is_styled_and_translated(client):
    assert "Se connecter" in client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in" in page and "portal.css" in page and 'for="id_login"' in page and "<script>" not in page
    assert "style=" not in page


@pytest.mark.django_db
def test_the_old_address_leads_to_the_sign_in_page(client):
    response = client.get("/login/?next=/charters/")
    assert response.status_code == 302 and response["Location"] == reverse("account_login") + "?next=/charters/"


@pytest.mark.django_db
def test_an_employee_signs_in_by_email_whatever_its_case(client, employee_bob):
    response = sign_in(client, "BOB@Example.org")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in(client)


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_clear_message(client, employee_bob):
    response = sign_in(client, "bob@example.org", "wrong password")
    assert response.status_code == 200 and not signed_in(client)
    assert "email address and/or password you specified are not correct" in response.content.decode()


@pytest.mark.django_db
def test_a_person_who_left_cannot_sign_in(client, employee_bob):
    employee_bob.user.is_active = False
    employee_bob.user.save()
    response = sign_in(client, "bob@example.org")
    assert not signed_in(client)
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_nobody_can_sign_up(client):
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign Up Closed" in page.content.decode()
    client.post(reverse("account_signup"), {"email": "new@example.org", "password1": "a long new password 1"})
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
def test_an_english_speaking_employee_sees_english_after_signing_in(client, employee_emma_en):
    client.post(
        reverse("account_login"), {"login": "emma@example.org", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert client.cookies["django_language"].value == "en"
    assert "What you have to do" in client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()


@pytest.mark.django_db
def test_password_reset_sends_a_link_by_email(client, employee_bob):
    client.post(reverse("account_reset_password"), {"email": "bob@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bob@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


# --- lockout per account ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_wrong_passwords_lock_that_account_but_not_a_colleague_on_the_same_ip(
    client, settings, employee_bob, employee_emma_en
):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        sign_in(client, "bob@example.org", "guess")
    locked = sign_in(client, "bob@example.org")  # even the right password, for now
    assert not signed_in(client) and "Too many failed login attempts" in locked.content.decode()
    colleague = Client(REMOTE_ADDR="127.0.0.1")  # same office, same address
    assert sign_in(colleague, "emma@example.org").status_code == 302 and signed_in(colleague)


@pytest.mark.django_db
def test_the_lock_lifts_after_the_lockout_period(client, settings, employee_bob):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        sign_in(client, "bob@example.org", "guess")
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)):
        assert sign_in(client, "bob@example.org").status_code == 302 and signed_in(client)


# --- mandatory MFA for privileged roles ----------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HR, Role.APPROVER, Role.LEGAL, Role.ADMIN])
def test_a_privileged_person_without_an_authenticator_must_set_one_up_first(client, role):
    employee = person(role, first_name="Priv", email=f"{role}@example.org", mfa=False)
    response = sign_in(client, employee.user.email)
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("mfa_activate_totp"))
    api = client.get(reverse("api:me"))
    assert api.status_code == 403 and api.json()["error"]["code"] == "mfa_required"
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, Role.REVIEWER, Role.CRISIS, Role.SPOKESPERSON])
def test_other_people_are_not_forced_to_use_mfa(client, role):
    employee = person(role, first_name="Plain", email="plain@example.org")
    sign_in(client, employee.user.email)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_enrolling_an_authenticator_then_lets_a_privileged_person_in(client):
    employee = person(Role.HR, first_name="Nina", email="nina.hr@example.org", mfa=False)
    sign_in(client, employee.user.email)
    page = client.get(reverse("mfa_activate_totp"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    secret = page.context["form"].secret
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Authenticator.objects.filter(user=employee.user, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_privileged_person_cannot_remove_their_authenticator(client, hr_alice):
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=hr_alice.user, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(totp) is False


@pytest.mark.django_db
def test_a_privileged_person_signs_in_with_password_then_code(client, legal_carol):
    response = sign_in(client, "carol.legal@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200 and not signed_in(client)
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(legal_carol)})
    assert done.status_code == 302 and signed_in(client)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_replaces_a_lost_phone_once(client, admin_ada):
    code = RecoveryCodes(Authenticator.objects.get(user=admin_ada.user, type="recovery_codes")).get_unused_codes()[0]
    sign_in(client, "ada.admin@example.org")
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302 and signed_in(client)
    other = Client()
    sign_in(other, "ada.admin@example.org")
    reused = other.post(reverse("mfa_authenticate"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert reused.status_code == 200 and not signed_in(other)


# --- session limits ---------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_session_idle_for_longer_than_the_limit_is_signed_out(client, settings, employee_bob):
    sign_in(client, "bob@example.org")
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=settings.SESSION_IDLE_MINUTES - 1), tick=False):
        assert client.get(reverse("home")).status_code == 200  # activity resets the idle clock
    with time_machine.travel(start + timedelta(minutes=2 * settings.SESSION_IDLE_MINUTES - 3), tick=False):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=3 * settings.SESSION_IDLE_MINUTES), tick=False):
        response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)


@pytest.mark.django_db
def test_a_session_ends_after_the_absolute_limit_even_when_busy(client, settings, employee_bob):
    settings.SESSION_IDLE_MINUTES = 30
    settings.SESSION_MAX_HOURS = 2
    sign_in(client, "bob@example.org")
    start = timezone.now()
    for minutes in range(20, 120, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timedelta(hours=2, minutes=1), tick=False):
        assert client.get(reverse("home")).status_code == 302
    assert not signed_in(client)


@pytest.mark.django_db
def test_an_expired_api_session_gets_a_json_error(client, settings, employee_bob):
    settings.SESSION_MAX_HOURS = 1
    sign_in(client, "bob@example.org")
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        response = client.get(reverse("api:me"))
    assert response.status_code == 401 and response.json()["error"]["code"] == "session_expired"


@pytest.mark.django_db
def test_signing_out_ends_every_session_of_that_person(employee_bob, employee_emma_en):
    laptop, phone, colleague = Client(), Client(), Client()
    for device in (laptop, phone):
        sign_in(device, "bob@example.org")
        assert device.get(reverse("home")).status_code == 200
    sign_in(colleague, "emma@example.org")
    laptop.post(reverse("account_logout"))
    assert phone.get(reverse("home")).status_code == 302
    assert colleague.get(reverse("home")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_deactivating_a_person_ends_their_sessions(employee_bob):
    device = Client()
    sign_in(device, "bob@example.org")
    assert device.get(reverse("home")).status_code == 200
    employee_bob.user.is_active = False
    employee_bob.user.save()
    from django.contrib.sessions.models import Session

    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(employee_bob.user.pk)]
    assert device.get(reverse("home")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_directory_import_marking_someone_left_ends_their_sessions(employee_bob, hr_alice):
    from policy_portal.models import DirectoryImport
    from policy_portal.services import directory_import

    device = Client()
    sign_in(device, "bob@example.org")
    assert device.get(reverse("home")).status_code == 200
    csv = (
        "employee_id,email,first_name,last_name,department,manager_id,language,status,roles\n"
        f"{hr_alice.employee_id},alice.hr@example.org,Alice,Test,general,,fr,active,hr\n"
    ).encode()
    directory_import(data=csv, filename="d.csv", source=DirectoryImport.Source.COMMAND, full_sync=True)
    assert device.get(reverse("home")).status_code == 302


# --- the pages themselves -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_every_account_page_renders_in_the_portal_layout_without_inline_code(client, hr_alice):
    anonymous_pages = ["account_login", "account_reset_password", "account_signup", "account_inactive"]
    for name in anonymous_pages:
        page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en")
        html = page.content.decode()
        assert page.status_code == 200 and 'class="site-header"' in html, name
        assert "<script>" not in html and "style=" not in html, name
    sign_in(client, "alice.hr@example.org")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(hr_alice)})
    for name in [
        "mfa_index",
        "mfa_view_recovery_codes",
        "usersessions_list",
        "account_change_password",
        "account_reauthenticate",
        "mfa_reauthenticate",
    ]:
        page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en")
        html = page.content.decode()
        assert page.status_code == 200 and 'class="site-header"' in html, name
        assert "<script" not in html.replace('<script src="/static/', "") and "style=" not in html, name


@pytest.mark.django_db
def test_email_addresses_cannot_be_changed_here(as_user, employee_bob):
    assert as_user(employee_bob).get("/accounts/email/").status_code == 404


@pytest.mark.django_db
def test_api_tokens_keep_working_for_a_privileged_account_without_mfa(client):
    from rest_framework.authtoken.models import Token

    integration = person(Role.HR, first_name="Hris", email="hris.bot@example.org", mfa=False)
    token = Token.objects.create(user=integration.user)
    assert client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


@pytest.mark.django_db
def test_a_new_person_from_the_directory_sets_a_first_password_by_email(client, employee_bob):
    employee_bob.user.set_unusable_password()
    employee_bob.user.save()
    client.post(reverse("account_reset_password"), {"email": "bob@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_an_expired_htmx_request_sends_the_whole_page_to_sign_in(client, settings, employee_bob):
    sign_in(client, "bob@example.org")
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.SESSION_IDLE_MINUTES + 1)):
        response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith(reverse("account_login"))

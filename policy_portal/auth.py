"""How django-allauth fits the portal: people come from the HR directory, never from a sign-up form.

- Accounts: sign-in by e-mail, no sign-up; after signing in the interface switches to the person's
  preferred language.
- MFA: TOTP (with recovery codes) is mandatory for privileged roles (roles.PRIVILEGED_ROLES): they cannot
  remove it, and MfaEnrolmentMiddleware sends them to set it up before anything else.
- SSO (OIDC / SAML): a login from the identity provider is matched to an *active* directory person by
  e-mail; an unknown e-mail is refused, never turned into a new account.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from policy_portal import selectors
from policy_portal.roles import is_privileged


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # accounts are created by the HR directory import

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Setting up MFA right after signing in (which privileged people must do) asks no password again."""
        if app == "allauth.mfa" and _signed_in_within(allauth_settings.REAUTHENTICATION_TIMEOUT):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        employee = selectors.employee_for_user(user)
        if employee is not None:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                employee.preferred_language,
                max_age=365 * 24 * 3600,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def _signed_in_within(seconds: int) -> bool:
    request = context.request
    records = get_authentication_records(request, request.user) if request is not None else []
    return bool(records) and time.time() - records[-1]["at"] < seconds


class MfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and is_privileged(authenticator.user):
            return False  # their role requires it; an administrator can reset it in the admin site
        return super().can_delete_authenticator(authenticator)


def mfa_enrolled(user: AbstractBaseUser) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def directory_person_for_email(emails: list[str]) -> AbstractBaseUser | None:
    """The one active account with one of these e-mails (case-insensitive), else None."""
    for email in {e.strip().lower() for e in emails if e and e.strip()}:
        matches = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
        if len(matches) == 1:
            return matches[0]
    return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False  # SSO never creates accounts

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Link a first SSO login to the directory person with that e-mail, or refuse it."""
        if sociallogin.is_existing:
            return  # already linked; allauth refuses it if the person has left (inactive)
        emails = [address.email for address in sociallogin.email_addresses]
        emails.append(getattr(sociallogin.user, "email", "") or "")
        user = directory_person_for_email(emails)
        if user is None:
            raise ImmediateHttpResponse(
                render(request, "socialaccount/unknown_person.html", {"emails": [e for e in emails if e]}, status=403)
            )
        sociallogin.connect(request, user)


def totp_provision(*, user: AbstractBaseUser) -> str:
    """Give this person an authenticator (TOTP) and recovery codes if they have none; returns the secret.

    For the demo and tests only: real people enrol themselves on the MFA page (they scan the QR code).
    """
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    existing = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return totp_secret(existing)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    if not Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
    return secret


def totp_secret(authenticator: Authenticator) -> str:
    from allauth.mfa.utils import decrypt

    return decrypt(authenticator.data["secret"])


def totp_codes(*, user: AbstractBaseUser, at: float | None = None) -> list[str]:
    """The codes this person's authenticator app shows now, then the next and previous ones.

    A code is accepted once (allauth remembers used codes), so a script signing in twice within 30 s tries
    the next one; MFA_TOTP_TOLERANCE accepts the neighbouring windows.
    """
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    authenticator = Authenticator.objects.get(user_id=user.pk, type=Authenticator.Type.TOTP)
    secret = totp_secret(authenticator)
    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD
    return [format_hotp_value(hotp_value(secret, counter + step)) for step in (0, 1, -1)]


def reauthentication_choices(request: HttpRequest, *, next_url: str) -> list[dict[str, str]]:
    """How a person without a password (SSO only) proves again it is them: their second factor, or SSO again.

    Each choice: label, url, and method ("get": a link; "post": a form button, as SSO starts by POST).
    Empty for people with a password: they type it where it is asked.
    """
    from allauth.socialaccount.models import SocialAccount
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _

    user = request.user
    if not user.is_authenticated or user.has_usable_password():
        return []
    choices = []
    if mfa_enrolled(user):
        choices.append(
            {
                "label": _("Confirm with your authenticator app"),
                "method": "get",
                "url": reverse("mfa_reauthenticate") + "?" + urlencode({"next": next_url}),
            }
        )
    for account in SocialAccount.objects.filter(user_id=user.pk):
        try:
            provider = account.get_provider(request)
        except Exception:  # noqa: S112 - a provider removed from the configuration offers no choice
            continue
        choices.append(
            {
                "label": _("Sign in again with %(provider)s") % {"provider": provider.name},
                "method": "post",
                "url": provider.get_login_url(request, process="login", next=next_url),
            }
        )
    return choices

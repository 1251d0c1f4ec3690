"""Site-wide request handling: page methods, domain refusals mapped to a clear page, session limits, mandatory MFA."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils.translation import gettext as _

from policy_portal import sessions
from policy_portal.auth import mfa_enrolled
from policy_portal.errors import ApplicationError
from policy_portal.roles import is_privileged


class PageMethodsMiddleware:
    """Pages are HTML forms: they take GET, HEAD and POST. PUT, PATCH and DELETE belong to the API (/api/),
    where each view declares its own; anywhere else they answer 405, including third-party pages
    (django-allauth's form views would otherwise treat PUT like POST)."""

    API_PREFIX = "/api/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("PUT", "PATCH", "DELETE") and not request.path.startswith(self.API_PREFIX):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        return self.get_response(request)


class ApplicationErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        return render(
            request,
            "policy_portal/error.html",
            {"status": exception.status_code, "message": exception.message},
            status=exception.status_code,
        )


class SessionLimitsMiddleware:
    """Signs out a session idle for SESSION_IDLE_MINUTES, or older than SESSION_MAX_HOURS since sign-in.

    The sign-in time is written by ``sessions.session_mark_signed_in`` (user_logged_in signal); the last
    activity is refreshed at most once a minute so that reading pages does not write the session each time.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and sessions.session_expired(request):
            return sessions.session_end_expired(request)
        return self.get_response(request)


# Pages a privileged person without a second factor may still open: setting it up, and leaving.
MFA_ENROLMENT_ALLOWED = (
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_logout",
    "account_reauthenticate",
    "set-language",
)


class MfaEnrolmentMiddleware:
    """A privileged person (roles.PRIVILEGED_ROLES) without TOTP is sent to set it up before any other page.

    API calls in such a session get a 403 JSON error; API token authentication is not affected (DRF
    authenticates tokens in the view, after this middleware, which only sees session sign-ins).
    """

    SESSION_KEY = "portal_mfa_enrolled"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.session.get(self.SESSION_KEY):
            return self.get_response(request)
        if not is_privileged(user):
            return self.get_response(request)
        if mfa_enrolled(user):
            request.session[self.SESSION_KEY] = True
            return self.get_response(request)
        match = request.resolver_match or _resolve(request.path_info)
        if match is not None and match.view_name in MFA_ENROLMENT_ALLOWED:
            return self.get_response(request)
        if request.path_info.startswith(("/static/", "/media/")) or request.path_info == "/healthz":
            return self.get_response(request)
        message = _("Your role requires two-factor sign-in: set up an authenticator app to continue.")
        if request.path_info.startswith("/api/"):
            return JsonResponse({"error": {"code": "mfa_required", "message": message}}, status=403)
        messages.warning(request, message, fail_silently=True)
        return redirect_to_login(request.get_full_path(), reverse("mfa_activate_totp"), "next")


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None

"""Session limits: idle and absolute expiry, and ending every session of a person.

allauth.usersessions keeps one row per signed-in session (UserSession), which is what lets signing out
and deactivation end a person's sessions on every device.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "portal_signed_in_at"
SEEN_AT = "portal_seen_at"
SEEN_AT_RESOLUTION = timedelta(minutes=1)


def _stamp(request: HttpRequest, key: str) -> datetime | None:
    value = request.session.get(key)
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def session_mark_signed_in(sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any) -> None:
    """user_logged_in receiver: the start of the absolute limit and of the idle clock."""
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now().isoformat()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def session_expired(request: HttpRequest) -> bool:
    """True when the session is past a limit; otherwise records the activity (at most once a minute)."""
    now = timezone.now()
    signed_in_at, seen_at = _stamp(request, SIGNED_IN_AT), _stamp(request, SEEN_AT)
    if signed_in_at is None:  # a session from before these limits: its clocks start now
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = now.isoformat()
        return False
    if now - signed_in_at > timedelta(hours=settings.SESSION_MAX_HOURS):
        return True
    if seen_at is not None and now - seen_at > timedelta(minutes=settings.SESSION_IDLE_MINUTES):
        return True
    if seen_at is None or now - seen_at >= SEEN_AT_RESOLUTION:
        request.session[SEEN_AT] = now.isoformat()
    return False


def session_end_expired(request: HttpRequest) -> HttpResponse:
    """Sign this session out and send the person to the sign-in page, saying why."""
    logout(request)
    message = _("Your session has expired. Please sign in again.")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"error": {"code": "session_expired", "message": message}}, status=401)
    messages.info(request, message, fail_silently=True)
    response = redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if request.headers.get("HX-Request") == "true":  # an HTMX fragment: the whole page goes to sign-in
        hx_response = HttpResponse(status=204)
        hx_response["HX-Redirect"] = response["Location"]
        return hx_response
    return response


def sessions_end_all(*, user: AbstractBaseUser) -> int:
    """End every session of this person (every device); returns how many were ended."""
    ended = 0
    for user_session in UserSession.objects.filter(user_id=user.pk):
        user_session.end()
        ended += 1
    return ended


def sessions_end_when_deactivated(sender: Any, instance: AbstractBaseUser, **kwargs: Any) -> None:
    """post_save receiver on the user model: a person marked inactive loses every session, once committed."""
    if instance.is_active or instance.pk is None:
        return
    user_pk = instance.pk
    transaction.on_commit(lambda: sessions_end_all(user=type(instance)(pk=user_pk)))

"""Page-view guard: a capability or a clear 403 page (never a stack trace)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from policy_portal.errors import PermissionDenied
from policy_portal.roles import CAPABILITIES, can

View = TypeVar("View", bound=Callable[..., HttpResponse])


def capability_required(capability: str) -> Callable[[View], View]:
    if capability not in CAPABILITIES:
        raise KeyError(capability)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, capability):
                from django.utils.translation import gettext as _

                raise PermissionDenied(_("Your role does not allow this action."))
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator

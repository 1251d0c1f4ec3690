from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from policy_portal.roles import CAPABILITIES, can
from policy_portal.selectors import notification_unread_count


class _Capabilities:
    """Lazy ``{% if caps.author_charters %}`` in templates."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    def __getitem__(self, name: str) -> bool:
        return name in CAPABILITIES and can(self._request.user, name)


def portal(request: HttpRequest) -> dict[str, object]:
    return {
        "company_name": settings.PORTAL_COMPANY_NAME,
        "caps": _Capabilities(request),
        # counted once, and only on pages that show it (the header's menu, for signed-in people)
        "unread_notifications": SimpleLazyObject(lambda: notification_unread_count(request.user)),
        # This response's Content-Security-Policy nonce (django-csp), under the name django-htmx's
        # {% htmx_script %} and Django's own CSP support read: <script nonce="{{ csp_nonce }}">.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }

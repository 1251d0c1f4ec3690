from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from policy_portal.roles import CAPABILITIES, can


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
        # This response's Content-Security-Policy nonce (django-csp), under the name django-htmx's
        # {% htmx_script %} and Django's own CSP support read: <script nonce="{{ csp_nonce }}">.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }

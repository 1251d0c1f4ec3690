"""What a request tells the evidence: the client's IP (behind trusted proxies only) and user agent."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _trusted(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks:
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, unless it is a trusted proxy: then the right-most untrusted X-Forwarded-For hop."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = list(getattr(settings, "TRUSTED_PROXIES", []) or [])
    if _trusted(remote, proxies):
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        for hop in reversed(hops):
            if not _trusted(hop, proxies):
                remote = hop
                break
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return None


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:500]

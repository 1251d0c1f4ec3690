"""``{% crisis_banner %}``: the site-wide banner of open crises (included in base.html's banner block)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("compliance/crisis/_banner_body.html", takes_context=True)
def crisis_banner(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"crises": []}
    from compliance.crisis.selectors import crisis_open_list

    return {"crises": list(crisis_open_list().values("title", "instructions", "contacts"))}


@register.inclusion_tag("compliance/crisis/_revision_origin.html", takes_context=True)
def crisis_revision_origin(context: dict[str, Any], version: Any) -> dict[str, Any]:
    """On a charter version's pages: the crises whose lessons this version revises (for HR and the crisis cell)."""
    from compliance.crisis.selectors import crisis_for_charter_version
    from policy_portal.roles import can

    user = getattr(context.get("request"), "user", None)
    hr, cell = (user is not None and can(user, cap) for cap in ("author_charters", "manage_crisis"))
    if not (hr or cell):
        return {"crises": []}
    return {"crises": list(crisis_for_charter_version(version)), "hr": hr, "cell": cell}

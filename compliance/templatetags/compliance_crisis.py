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

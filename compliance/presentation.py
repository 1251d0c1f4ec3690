"""How a check reads on the page: the verdict in plain words and the draft with its findings marked."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from compliance.clauses import clause_url_for
from compliance.engine import finding_render
from compliance.rules.base import Finding


def finding_shown(finding: Finding, text: str) -> dict[str, Any]:
    """A finding as the reader sees it (engine.finding_render), with a link to its charter clause ("" if none)."""
    return {**finding_render(finding, text), "clause_url": clause_url_for(finding.category)}


def verdict_text(verdict: str) -> str:
    return {
        "ok": _("Nothing in this draft breaches the charter. You can publish it."),
        "review": _("Have a second look: some passages may breach the charter. Fix them or ask a reviewer."),
        "block": _("Do not publish this draft: it discloses information or content that must not be published."),
    }[verdict]


def highlight(text: str, findings: list[dict[str, Any]]) -> SafeString:
    """The draft, escaped, with each finding's span in a <mark> linked to its explanation."""
    parts, pos = [], 0
    for n, f in enumerate(sorted(findings, key=lambda f: f["start"]), 1):
        if f["start"] < pos:
            continue
        parts.append(escape(text[pos : f["start"]]))
        parts.append(
            f'<mark class="finding-{escape(f["category"].split(".")[0])}" id="span-{n}">'
            f'<a href="#finding-{n}">{escape(text[f["start"] : f["end"]])}</a></mark>'
        )
        pos = f["end"]
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))

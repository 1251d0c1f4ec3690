"""Template filters for acknowledgement pages: quiz texts in the reader's language, percentages for bars."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def localized(obj: object, language: str) -> str:
    return obj.text(language)  # type: ignore[attr-defined]


@register.filter
def explained(question: object, language: str) -> str:
    return question.explanation(language)  # type: ignore[attr-defined]


@register.filter
def percent_of(part: int, total: int) -> int:
    return round(100 * part / total) if total else 0

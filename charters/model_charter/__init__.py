"""The model social-media charter written for this project, in French (authoritative) and English."""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("fr", "en")


@cache
def model_charter_text(language: str) -> str:
    if language not in LANGUAGES:
        raise KeyError(language)
    return (HERE / f"{language}.md").read_text(encoding="utf-8")


def model_charter_texts() -> dict[str, str]:
    return {language: model_charter_text(language) for language in LANGUAGES}

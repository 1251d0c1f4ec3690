"""Canonical content of a version and its SHA-256: what HR, employees and evidence refer to."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from datetime import date


def canonical_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces, one final newline: the same text hashes the same."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")) + "\n"


def text_sha256(text: str) -> str:
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def content_sha256(
    *,
    charter_slug: str,
    number: int,
    effective_date: date | None,
    material: bool,
    change_summary: str,
    texts: Mapping[str, str],
) -> str:
    """SHA-256 of a version's canonical JSON: identity, effective date, flag and every language's text."""
    document = {
        "charter": charter_slug,
        "number": number,
        "effective_date": effective_date.isoformat() if effective_date else None,
        "material": material,
        "change_summary": canonical_text(change_summary),
        "texts": {language: canonical_text(body) for language, body in sorted(texts.items())},
    }
    payload = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

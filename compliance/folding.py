"""Offset-preserving text folding (case, accents, look-alike digits) and word-shingle fingerprints."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
SHINGLE_SIZE = 4


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "’ʼ`´":
        return "'"
    if ch in "«»“”„":
        return '"'
    base = unicodedata.normalize("NFD", ch)[0].lower()
    if ch == "ß":
        return "s"
    if ch in ("œ", "Œ"):
        return "o"
    if ch in ("æ", "Æ"):
        return "a"
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Lower case without accents, one character for one character (offsets stay valid)."""
    return "".join(_fold_char(c) for c in text)


def words(text: str) -> list[tuple[str, int, int]]:
    """Folded words with their offsets in ``text``."""
    folded = fold(text)
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(folded)]


def shingle_hash(tokens: Iterable[str]) -> int:
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=7).digest()
    return int.from_bytes(digest, "big")


def fingerprints(text: str, size: int = SHINGLE_SIZE) -> list[int]:
    toks = [w for w, _, _ in words(text)]
    return sorted({shingle_hash(toks[i : i + size]) for i in range(max(0, len(toks) - size + 1))})

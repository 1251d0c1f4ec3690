"""What the model reads: a draft cut into sentences and windows of sentences, with the company's name masked.

Used identically when training and when checking, so the model never sees text shaped differently
from what it learned on. Pure functions, standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from compliance.folding import fold
from compliance.learning.labels import MIN_WORDS

# A sentence ends at . ! ? … (maybe repeated, maybe before a closing quote) before a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"»”')\]]*)\s+|\n+")
# Windows of consecutive sentences: the model reads a few sentences at a time (a breach may need its neighbour).
WINDOW_WORDS = 90
MAX_SENTENCE_CHARS = 600  # a "sentence" without punctuation is cut so a window stays short
COMPANY_PLACEHOLDER = "Entreprise"


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int


def sentences(text: str) -> list[Piece]:
    """Sentence spans of ``text`` (non-empty, stripped), offsets in ``text``."""
    pieces: list[Piece] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add(text, pos, m.start() + len(m.group(1) or ""), pieces)
        pos = m.end()
    _add(text, pos, len(text), pieces)
    return pieces


def _add(text: str, start: int, end: int, out: list[Piece]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        out.append(Piece(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Piece(start, end))


def windows(text: str, sents: list[Piece] | None = None, max_words: int = WINDOW_WORDS) -> list[Piece]:
    """Consecutive sentences grouped up to ``max_words`` words; a short draft is one window."""
    sents = sentences(text) if sents is None else sents
    out: list[Piece] = []
    start = end = None
    count = 0
    for s in sents:
        n = len(text[s.start : s.end].split())
        if start is not None and count + n > max_words:
            out.append(Piece(start, end))
            start, count = None, 0
        if start is None:
            start = s.start
        end, count = s.end, count + n
    if start is not None:
        out.append(Piece(start, end))
    return out


def company_mask(company_name: str) -> re.Pattern[str] | None:
    """A pattern finding the company's own name in folded text (any case or accents, possessive, hashtag)."""
    name = fold(company_name).strip()
    if len(name) < 2:
        return None
    body = r"[\s\-]*".join(re.escape(part) for part in name.split())
    return re.compile(rf"(?<!\w)#?{body}(?!\w)")


def masked(text: str, mask: re.Pattern[str] | None) -> str:
    """``text`` with the company's name replaced by a neutral word, so the model learns no company by name."""
    if mask is None:
        return text
    folded = fold(text)
    parts, pos = [], 0
    for m in mask.finditer(folded):
        parts.append(text[pos : m.start()])
        parts.append(COMPANY_PLACEHOLDER)
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


def window_cats(
    nlp: Any, text: str, mask: re.Pattern[str] | None, sents: list[Piece] | None = None
) -> list[tuple[Piece, dict[str, float]]]:
    """Each window of ``text`` with the model's scores, as the checker reads them (also when it is evaluated).

    A label the taxonomy defines by length (``MIN_WORDS``) is left out of a window shorter than that.
    """
    out = []
    for win in windows(text, sents):
        piece = text[win.start : win.end]
        n = len(piece.split())
        cats = {label: s for label, s in nlp(masked(piece, mask)).cats.items() if n >= MIN_WORDS.get(label, 0)}
        out.append((win, cats))
    return out

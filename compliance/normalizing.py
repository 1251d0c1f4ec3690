"""What the rules read: the draft with invisible characters removed, NFKC, homoglyphs mapped to Latin,
and pathological runs broken up so that tokenising and matching stay linear in the draft's length.

Every character of the normalised text remembers which characters of the original produced it, so a
finding found in the normalised text is reported on the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Cyrillic and Greek letters drawn like Latin ones (Unicode TR39 confusables, letters only).
HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic capitals
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y",
        # Cyrillic small letters
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
        "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԛ": "q", "ԝ": "w", "ү": "y",
        "һ": "h", "ӏ": "l", "ԁ": "d", "ɡ": "g",
        # Greek capitals
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        # Greek small letters
        "ο": "o", "ν": "v", "ι": "i", "κ": "k", "α": "a", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip
# A run without whitespace longer than this is cut with a space (spaCy's suffix search is quadratic in it).
MAX_RUN = 64
# A run of digits and separators longer than this is cut with "|" (number patterns backtrack over it).
MAX_NUMBER_RUN = 32
_NON_SPACE_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_NUMBER_RUN = re.compile(rf"[\d\s.,]{{{MAX_NUMBER_RUN + 1},}}")
# Punctuation and symbols alone carry no word: their runs are cut much shorter.
MAX_SYMBOL_RUN = 8
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}|_{{{MAX_SYMBOL_RUN + 1},}}")


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    starts: tuple[int, ...] | None  # original offset where each character begins (None: identity)
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind ``text[start:end]``."""
        if self.starts is None or self.ends is None or end <= start:
            return start, end
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=8192)
def _normalize_char(ch: str) -> str:
    if ch == "\u00ad" or unicodedata.category(ch) == "Cf":
        return ""
    return unicodedata.normalize("NFKC", ch).translate(HOMOGLYPHS)


def _cut_points(text: str) -> list[int]:
    cuts = []
    for m in _NON_SPACE_RUN.finditer(text):
        cuts.extend(range(m.start() + MAX_RUN, m.end(), MAX_RUN))
    for m in _SYMBOL_RUN.finditer(text):
        cuts.extend(range(m.start() + MAX_SYMBOL_RUN, m.end(), MAX_SYMBOL_RUN))
    for m in _NUMBER_RUN.finditer(text):
        cuts.extend(range(m.start() + MAX_NUMBER_RUN, m.end(), MAX_NUMBER_RUN))
    return sorted(set(cuts))


def normalize(text: str) -> Normalized:
    """Linear in ``len(text)``; identity (no offset tables) for ordinary drafts."""
    chars = [_normalize_char(c) for c in text]
    cuts = _cut_points("".join(chars))
    if not cuts and all(len(c) == 1 for c in chars) and "".join(chars) == text:
        return Normalized(text, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cut_at = set(cuts)
    pos = 0  # offset in the normalised text before cutting
    for i, produced in enumerate(chars):
        for ch in produced:
            if pos in cut_at:
                # Breaks a run: a space in ordinary runs, "|" inside digit runs.
                out.append("|" if ch.isdigit() or ch in " .," else " ")
                starts.append(i)
                ends.append(i)
            out.append(ch)
            starts.append(i)
            ends.append(i + 1)
            pos += 1
    return Normalized("".join(out), tuple(starts), tuple(ends))

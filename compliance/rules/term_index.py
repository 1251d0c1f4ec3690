"""Candidate positions of registered terms, found in time linear in the post whatever the number of terms.

Each term is keyed on its skeleton: its folded letters and digits, with look-alike characters merged
(``0``/``o``, ``1``/``!``/``|``/``i``/``l``, ``@``/``a``...) and separators dropped. The post gets the same
skeleton, so "H-E-R-O-N", "Her0n" and "heron" all read ``heron``. Wherever a term's skeleton starts at the
beginning of a word, that term is a candidate; only candidates are then confirmed by the term's own precise
pattern, compiled the first time it is needed. The result is the same as one alternation of every pattern
(first alternative at the leftmost position), because a pattern can only match where its skeleton starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

# Characters one look-alike class stands for; every character of a class reads as its first letter.
LOOKALIKES = ("il1!|", "o0", "e3€", "a4@", "s5$", "t7", "g9", "b8")
CANON = {ch: group[0] for group in LOOKALIKES for ch in group}
KEY = 4  # terms are bucketed on the first KEY characters of their skeleton


def skeleton(text: str) -> tuple[str, list[int]]:
    """The canonical letters of an already folded text and, for each, its offset in the text."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        canon = CANON.get(ch)
        if canon is None:
            if not ch.isalnum():
                continue
            canon = ch
        chars.append(canon)
        offsets.append(i)
    return "".join(chars), offsets


class TermIndex:
    """Terms by skeleton prefix; ``patterns[n]`` is the source of term ``n``'s precise pattern."""

    def __init__(self, names: Sequence[str], patterns: Sequence[str]) -> None:
        self._sources = list(patterns)
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._buckets: dict[str, list[tuple[str, int]]] = {}
        lengths: set[int] = set()
        for n, name in enumerate(names):
            skel = skeleton(name)[0]
            if not skel:
                continue
            key = skel[:KEY]
            lengths.add(len(key))
            self._buckets.setdefault(key, []).append((skel, n))
        self._lengths = sorted(lengths)

    def __bool__(self) -> bool:
        return bool(self._buckets)

    def pattern(self, n: int) -> re.Pattern[str]:
        compiled = self._compiled.get(n)
        if compiled is None:
            compiled = self._compiled[n] = re.compile(self._sources[n])
        return compiled

    def _candidates(self, skel: str, pos: int) -> list[int]:
        found = []
        for length in self._lengths:
            for term_skel, n in self._buckets.get(skel[pos : pos + length], ()):
                if skel.startswith(term_skel, pos):
                    found.append(n)
        found.sort()
        return found

    def finditer(self, low: str) -> Iterator[tuple[int, int, int]]:
        """Non-overlapping (start, end, term number) matches, leftmost first, earliest term first."""
        skel, offsets = skeleton(low)
        last_end = 0
        for pos, start in enumerate(offsets):
            if start < last_end or (start > 0 and low[start - 1].isalnum()):
                continue
            for n in self._candidates(skel, pos):
                m = self.pattern(n).match(low, start)
                if m:
                    yield m.start(), m.end(), n
                    last_end = max(m.end(), start + 1)
                    break

    def fullmatch(self, piece: str) -> int | None:
        """The earliest term whose pattern matches the whole of ``piece``."""
        skel, _ = skeleton(piece)
        if not skel:
            return None
        for n in self._candidates(skel, 0):
            if self.pattern(n).fullmatch(piece):
                return n
        return None

"""Containment of a post's word shingles in registered documents: finds copied passages, robust to small
edits (a changed word breaks a few shingles, not the run) and to the post's language (shingles are
compared in the document's own words)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from compliance.context import CheckerContext
from compliance.folding import SHINGLE_SIZE, shingle_hash, words


@dataclass(frozen=True, slots=True)
class CopiedPassage:
    work: int  # index in context.works
    start: int
    end: int
    words: int  # words of the post covered by matching shingles


def copied_passages(
    text: str, context: CheckerContext, *, kind: str, min_words: int, max_gap: int = 10, min_density: float = 0.6
) -> list[CopiedPassage]:
    """Runs of matching shingles (gaps of up to ``max_gap`` words allow small edits) spanning at least
    ``min_words`` words of the post, of which ``min_density`` are covered by matching shingles."""
    toks = words(text)
    if len(toks) < SHINGLE_SIZE or not context.shingles:
        return []
    hits: dict[int, list[int]] = defaultdict(list)
    for i in range(len(toks) - SHINGLE_SIZE + 1):
        for work in context.shingles.get(shingle_hash(w for w, _, _ in toks[i : i + SHINGLE_SIZE]), ()):
            if context.works[work].kind == kind:
                hits[work].append(i)
    found = []
    for work, positions in hits.items():
        run_start = prev = positions[0]
        for pos in [*positions[1:], None]:
            if pos is not None and pos - prev <= max_gap:
                prev = pos
                continue
            covered = {k for j in positions if run_start <= j <= prev for k in range(j, j + SHINGLE_SIZE)}
            span = prev + SHINGLE_SIZE - run_start
            if span >= min_words and len(covered) >= min_density * span:
                found.append(CopiedPassage(work, toks[run_start][1], toks[prev + SHINGLE_SIZE - 1][2], len(covered)))
            if pos is not None:
                run_start = prev = pos
    return found

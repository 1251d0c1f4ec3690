"""The two sizes of every benchmark: full (``make bench``) and small (``BENCH_SMALL=1``, ``make bench-small``).

The small mode runs the same code paths on little data, in seconds, so that CI runs every benchmark
and one that breaks (a page now behind two-factor sign-in, a renamed function) fails the build. Its
figures are printed but not judged: the targets are stated for the full sizes, on a quiet machine.
A benchmark exits 1 in small mode only when it cannot run or its results are wrong.
"""

from __future__ import annotations

import os

SMALL = os.environ.get("BENCH_SMALL") == "1"


def size(full: int, small: int) -> int:
    """``small`` in small mode, else ``full`` (a count of people, runs, seconds...)."""
    return small if SMALL else full


def judged(met: bool) -> int:
    """The exit status for a benchmark whose figures ``met`` (or not) their targets."""
    if SMALL:
        print("small mode: the figures above are not judged (targets are for the full sizes: make bench)")
        return 0
    return 0 if met else 1

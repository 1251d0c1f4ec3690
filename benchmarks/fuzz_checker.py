"""`make fuzz-checker`: hypothesis feeds the checker generated drafts for about 60 s (FUZZ_SECONDS).

Drafts mix hostile runs (tests/compliance/adversarial.py units), random Unicode, invisible characters
and homoglyphs. The last line says whether any check took over 50 ms or raised; exit 1 if so.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.sizes import judged, size

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings_test")
LIMIT_MS = 50.0
SECONDS = float(os.environ.get("FUZZ_SECONDS", str(size(60, 5))))


def main() -> int:
    import django

    django.setup()
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from compliance.engine import analyze
    from tests.compliance.conftest import norvane_context

    context = norvane_context()
    analyze("Bonjour à tous.", "fr", context=context)
    units = ["*_", ">", "[[[", "😀", "06 ", "12 ", "a", "x@y.z", "http://a/", "Неrоn ", "Mi\u200bstral ", "€", "1.2,"]
    piece = st.one_of(
        st.builds(lambda u, n: u * n, st.sampled_from(units), st.integers(1, 3000)),
        st.text(max_size=200),
        st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d"]),
    )
    draft = st.lists(piece, max_size=20).map(lambda parts: "".join(parts)[:10_000])
    slow: list[tuple[float, int]] = []
    errors: list[str] = []
    runs = [0]
    stop = time.monotonic() + SECONDS

    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(draft)
    def check(text: str) -> None:
        if time.monotonic() > stop:
            return
        runs[0] += 1
        started = time.perf_counter()
        try:
            analyze(text, None, context=context)
        except Exception:
            errors.append(traceback.format_exc())
            return
        elapsed = (time.perf_counter() - started) * 1000
        if elapsed > LIMIT_MS:
            slow.append((elapsed, len(text)))

    while time.monotonic() < stop:  # batches of 25 drafts until the time is up
        check()
    for error in errors[:3]:
        print(error)
    worst = max(slow, default=(0.0, 0))
    print(f"{runs[0]} drafts, {len(slow)} over {LIMIT_MS:.0f} ms (worst {worst[0]:.0f} ms, {worst[1]} chars)")
    if slow or errors:
        print(f"fuzz-checker FAIL: {len(slow)} checks exceeded {LIMIT_MS:.0f} ms, {len(errors)} raised")
    else:
        print(f"fuzz-checker OK: no check exceeded {LIMIT_MS:.0f} ms or raised")
    return 1 if errors else judged(not slow)  # a check that raises is wrong at any size


if __name__ == "__main__":
    sys.exit(main())

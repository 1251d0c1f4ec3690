"""Checker time on hostile 10,000-character drafts (tests/compliance/adversarial.py), target p99 <= 50 ms.

    .venv/bin/python benchmarks/checker_adversarial.py [ROUNDS]     (run by `make bench`)

In process, against the Norvane test context (no database). Prints each generator's median and the
p50/p99 over every run; exits 1 over target.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.sizes import judged, size

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings_test")
P99_TARGET_MS = 50.0


def main(rounds: int) -> int:
    import django

    django.setup()
    from compliance.engine import analyze
    from tests.compliance.adversarial import GENERATORS
    from tests.compliance.conftest import norvane_context

    context = norvane_context()
    analyze("Bonjour à tous.", "fr", context=context)
    samples: list[float] = []
    for name, generate in GENERATORS.items():
        text, own = generate(), []
        for _ in range(rounds):
            started = time.perf_counter()
            analyze(text, "fr", context=context)
            own.append((time.perf_counter() - started) * 1000)
        samples += own
        print(f"{name:24} median {statistics.median(own):8.1f} ms")
    ordered = sorted(samples)
    p50, p99 = statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    ok = p99 <= P99_TARGET_MS
    verdict = "OK" if ok else "OVER TARGET"
    print(f"10,000 chars, {len(samples)} runs: p50 {p50:.1f} ms, p99 {p99:.1f} ms", end=" ")
    print(f"(target p99 <= {P99_TARGET_MS:.0f} ms): {verdict}")
    return judged(ok)


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else size(3, 1)))

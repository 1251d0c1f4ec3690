"""Benchmark: render a 5,000-word charter version and diff two such versions (target < 200 ms each).

Run by ``make bench``. Prints both figures (median of several runs) and exits 1 when over target.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.sizes import judged

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings_test")  # no secrets, no database

import django

django.setup()

from charters.diffing import diff_texts  # noqa: E402
from charters.rendering import render_markdown  # noqa: E402

TARGET_MS = 200.0
WORDS = (
    "salarié entreprise information confidentielle réseau social publication charte client projet "
    "données personnelles sécurité image droit auteur respect courtoisie crise cellule porte-parole "
    "sanction contact responsable communication direction **important** _accord_ publier"
).split()


def charter_text(rng: random.Random, words: int = 5000) -> str:
    parts, count, section = ["Préambule de la charte.\n"], 0, 0
    while count < words:
        section += 1
        parts.append(f"## {section} Section {section} {{tags: confidentiality}}\n")
        for sub in range(1, 4):
            sentence = " ".join(rng.choice(WORDS) for _ in range(60)) + "."
            parts.append(f"### {section}.{sub} Clause {section}.{sub}\n{sentence}\n\n- {rng.choice(WORDS)} puce\n")
            count += 62
    return "\n".join(parts)


def edited(text: str, rng: random.Random, share: float = 0.1) -> str:
    tokens = text.split(" ")
    for index in rng.sample(range(len(tokens)), int(len(tokens) * share)):
        if "\n" not in tokens[index]:
            tokens[index] = rng.choice(WORDS)
    return " ".join(tokens)


def timed(function, *args, runs: int = 7) -> float:
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        function(*args)
        durations.append((time.perf_counter() - start) * 1000)
    return statistics.median(durations)


def main() -> int:
    rng = random.Random(42)  # noqa: S311 - reproducible test text, not security
    old = charter_text(rng)
    new = edited(old, rng)
    words = len(old.split())
    render_ms = timed(render_markdown, old)
    diff_ms = timed(diff_texts, old, new)
    print(f"charter text: {words} words")
    print(f"render 5,000-word version: {render_ms:.1f} ms (target < {TARGET_MS:.0f} ms)")
    print(f"diff two 5,000-word versions (10% of words changed): {diff_ms:.1f} ms (target < {TARGET_MS:.0f} ms)")
    ok = render_ms < TARGET_MS and diff_ms < TARGET_MS
    print("OK" if ok else "OVER TARGET")
    return judged(ok)


if __name__ == "__main__":
    sys.exit(main())

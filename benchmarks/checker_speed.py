"""Checker speed on the dev posts, in process, side by side with Presidio's AnalyzerEngine (same French model).

    .venv/bin/python benchmarks/checker_speed.py [CORPUS_DIR]     (run by `make bench`)

CORPUS_DIR defaults to ../shared/eval/dev (posts.jsonl + context/). The checker runs against a throw-away
SQLite registry holding the corpus's context. Targets: p50 <= 10 ms, p95 <= 25 ms, peak RSS <= 600 MB.
Presidio is a benchmark-only dependency: `uv sync --group bench`.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sizes import judged, size  # noqa: E402

P50_TARGET_MS, P95_TARGET_MS, RSS_TARGET_MB = 10.0, 25.0, 600.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_checker(corpus: Path) -> None:
    tmp = tempfile.mkdtemp(prefix="checker-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("import_checker_context", str(corpus / "context"), stdout=open(os.devnull, "w"))


def time_checker(posts: list[dict]) -> list[float]:
    from compliance.engine import analyze, finding_render, warm_up

    warm_up()
    samples = []
    for post in posts:
        started = time.perf_counter()
        analysis = analyze(post["text"], post.get("lang"), post.get("author_role", "employee"))
        [finding_render(f, post["text"]) for f in analysis.findings]
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def time_presidio(posts: list[dict]) -> list[float] | None:
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        print("Presidio is not installed: `uv sync --group bench` to compare (skipped).")
        return None
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "fr", "model_name": "fr_core_news_sm"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["fr"])
    engine.analyze("réchauffement", language="fr")
    samples = []
    for post in posts:
        started = time.perf_counter()
        engine.analyze(post["text"], language="fr")
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev"
    if not (corpus / "posts.jsonl").exists():
        print(f"No corpus at {corpus} (expected posts.jsonl and context/).")
        return 1
    posts = [json.loads(line) for line in (corpus / "posts.jsonl").read_text(encoding="utf-8").splitlines() if line]
    posts = posts[: size(len(posts), 60)]
    setup_checker(corpus)
    ours = time_checker(posts)
    rss = peak_rss_mb()
    p50, p95 = percentiles(ours)
    print(
        f"checker   posts={len(posts)}  p50={p50:.2f} ms  p95={p95:.2f} ms  (targets {P50_TARGET_MS}/{P95_TARGET_MS})"
    )
    print(f"checker   peak RSS with fr and en pipelines loaded: {rss:.0f} MB (target {RSS_TARGET_MB:.0f})")
    theirs = time_presidio(posts)
    if theirs is not None:
        q50, q95 = percentiles(theirs)
        print(f"presidio  posts={len(posts)}  p50={q50:.2f} ms  p95={q95:.2f} ms  (AnalyzerEngine, fr_core_news_sm)")
        print(f"ratio     presidio/checker  p50 x{q50 / p50:.1f}  p95 x{q95 / p95:.1f}")
    ok = p50 <= P50_TARGET_MS and p95 <= P95_TARGET_MS and rss <= RSS_TARGET_MB
    print("targets met" if ok else "TARGETS MISSED")
    return judged(ok)


if __name__ == "__main__":
    sys.exit(main())

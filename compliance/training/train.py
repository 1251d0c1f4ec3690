"""Train the checker's classifier with spaCy's trainer from ``config.cfg`` and write its model card.

    python -m compliance.training.train OUTPUT [--hold-out slug,slug] [--seed 0] [--extra reviewed.jsonl]

``OUTPUT/model-best`` is the pipeline; ``OUTPUT/model-best/card.json`` says what it was trained on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

CONFIG = Path(__file__).resolve().parent / "config.cfg"


def corpus_digest(companies_dir: Path) -> str:
    h = hashlib.sha256(CONFIG.read_bytes())
    for path in sorted(companies_dir.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(companies_dir).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def train(
    output: Path,
    *,
    hold_out: Iterable[str] = (),
    seed: int = 0,
    extra: Path | None = None,
    companies_dir: Path | None = None,
    quiet: bool = False,
    config: Path = CONFIG,
    overrides: dict | None = None,
) -> Path:
    """Train into ``output``; returns the best pipeline's folder (with ``card.json``)."""
    import compliance.learning.architectures
    import compliance.training.reader  # noqa: F401  (registers the corpus reader)
    from compliance.training.corpus import COMPANIES_DIR, examples, load_companies

    companies_dir = companies_dir or COMPANIES_DIR
    held = sorted(set(hold_out))
    overrides = {
        "paths.companies": str(companies_dir),
        "paths.hold_out": ",".join(held),
        "paths.extra": str(extra or ""),
        "system.seed": seed,
        **(overrides or {}),
    }
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    _spacy_train(config, output, overrides, quiet)
    best = output / "model-best"
    companies = [c for c in load_companies(companies_dir) if c.slug not in held]
    counts: Counter[str] = Counter()
    for _, cats in examples(companies):
        counts.update(k for k, v in cats.items() if v)
    card = {
        "version": corpus_digest(companies_dir) + (f"-{seed}" if seed else ""),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "companies": [c.slug for c in companies],
        "held_out": held,
        "posts": sum(len(c.posts) for c in companies),
        "examples_per_category": dict(sorted(counts.items())),
        "extra": str(extra) if extra else "",
        "seed": seed,
    }
    (best / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(output / "model-last", ignore_errors=True)
    return best


def _spacy_train(config: Path, output: Path, overrides: dict, quiet: bool) -> None:
    import contextlib
    import io

    from spacy.cli.train import train as spacy_train

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
        spacy_train(config, output, overrides=overrides)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("--hold-out", default="")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--extra", type=Path)
    args = ap.parse_args(argv)
    best = train(args.output, hold_out=[s for s in args.hold_out.split(",") if s], seed=args.seed, extra=args.extra)
    print(best)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

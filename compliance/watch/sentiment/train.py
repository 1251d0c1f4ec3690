"""Train the sentiment classifier with spaCy's trainer from ``config.cfg``, measure it, and ship it.

    python -m compliance.watch.sentiment.train            (make train-sentiment: replaces the shipped model)
    python -m compliance.watch.sentiment.train --no-ship  (trains into var/train/sentiment only)

Trains on data/train (seeded), measures accuracy and macro-F1 per language on data/test (companies never
seen in training), writes both into ``card.json`` next to the model, and copies the model to
compliance/watch/trained/sentiment.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import shutil
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
ROOT = HERE.parents[2]
WORK = ROOT / "var" / "train" / "sentiment"
SHIPPED = ROOT / "compliance" / "watch" / "trained" / "sentiment"


def corpus_digest(folder: Path) -> str:
    h = hashlib.sha256(CONFIG.read_bytes())
    for path in sorted(folder.rglob("*.jsonl")):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def train(output: Path = WORK, *, seed: int = 0, quiet: bool = True) -> Path:
    """Train into ``output``; returns the best pipeline's folder, with its ``card.json``."""
    import spacy
    from spacy.cli.train import train as spacy_train

    import compliance.watch.sentiment.architectures
    import compliance.watch.sentiment.reader  # noqa: F401  (registers the corpus reader)
    from compliance.watch.sentiment.corpus import DATA_DIR, TEST_DIR, TRAIN_DIR, load
    from compliance.watch.sentiment.evaluation import as_card, evaluate

    started = time.monotonic()
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    overrides = {"paths.train": str(TRAIN_DIR), "system.seed": seed}
    with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
        spacy_train(CONFIG, output, overrides=overrides)
    best = output / "model-best"
    shutil.rmtree(output / "model-last", ignore_errors=True)
    seconds = round(time.monotonic() - started)
    training, test = load(TRAIN_DIR), load(TEST_DIR)
    scores = evaluate(spacy.load(best), test)
    card = {
        "version": corpus_digest(DATA_DIR) + (f"-{seed}" if seed else ""),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_seconds": seconds,
        "seed": seed,
        "labels": ["negative", "neutral", "positive"],
        "training_companies": sorted({m.company for m in training}),
        "test_companies": sorted({m.company for m in test}),
        "training_mentions": dict(sorted(Counter(f"{m.lang}.{m.label}" for m in training).items())),
        "test": as_card(scores),
    }
    (best / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return best


def ship(best: Path, target: Path = SHIPPED) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    return target


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-ship", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="show spaCy's training log")
    args = ap.parse_args(argv)
    best = train(seed=args.seed, quiet=not args.verbose)
    card = json.loads((best / "card.json").read_text(encoding="utf-8"))
    for lang, s in card["test"].items():
        print(
            f"{lang}: accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f} on {s['mentions']} held-out mentions"
        )
    if not args.no_ship:
        print(f"shipped model {card['version']} to {ship(best)} ({card['training_seconds']} s of training)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

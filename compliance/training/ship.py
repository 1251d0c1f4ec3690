"""Build the model shipped with the project: train on every training company, add the held-out figures.

    python -m compliance.training.ship        (make train-checker)
    python -m compliance.training.ship --card-only   (after a new leave-one-company-out run)

Trains with ``config.cfg`` (seed 0) on all of compliance/training/companies, writes into the card the
per-label thresholds and held-out precision/recall measured by the leave-one-company-out benchmark
(``loco.json``, written by benchmarks/checker_cross_company.py), and replaces compliance/trained/checker.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

from compliance.training.cross_company import LOCO_FILE
from compliance.training.train import train

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "compliance" / "trained" / "checker"


def ship(work: Path = ROOT / "var" / "train" / "all", target: Path = SHIPPED) -> Path:
    started = time.monotonic()
    best = train(work, seed=0, quiet=True)
    card_update(best, training_seconds=round(time.monotonic() - started))
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    return target


def card_update(model: Path = SHIPPED, **fields: object) -> None:
    """Copy the thresholds and held-out figures of the last leave-one-company-out run (and ``fields``) into the card."""
    card = json.loads((model / "card.json").read_text(encoding="utf-8"))
    card.update(fields)
    if LOCO_FILE.is_file():
        loco = json.loads(LOCO_FILE.read_text(encoding="utf-8"))
        card.update(thresholds=loco["thresholds"], held_out=loco["held_out"], held_out_companies=loco["companies"])
    (model / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> int:
    if sys.argv[1:] == ["--card-only"]:
        card_update()
        print(f"updated {SHIPPED / 'card.json'} from {LOCO_FILE}")
        return 0
    target = ship()
    card = json.loads((target / "card.json").read_text(encoding="utf-8"))
    print(f"shipped model {card['version']} to {target} ({card['training_seconds']} s of training)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

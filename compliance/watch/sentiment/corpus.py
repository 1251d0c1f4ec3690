"""The labelled mentions: one JSON object a line in data/train/<company>.jsonl and data/test/<company>.jsonl.

The training and test sets are about different companies (a test company is never seen in training), so
the figures measured on the test set say how the model does on a company it has never read about.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAIN_DIR = DATA_DIR / "train"
TEST_DIR = DATA_DIR / "test"
LABELS = ("negative", "neutral", "positive")
LANGUAGES = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    company: str
    lang: str
    kind: str
    label: str
    text: str
    hard: str = ""


def load(folder: Path) -> list[Mention]:
    mentions = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                mentions.append(
                    Mention(
                        row["id"],
                        row["company"],
                        row["lang"],
                        row["kind"],
                        row["label"],
                        row["text"],
                        row.get("hard", ""),
                    )
                )
    return mentions


def in_dev(mention: Mention, fraction: float) -> bool:
    """A stable pseudo-random split (by id) of the training mentions, for spaCy's choice of checkpoint."""
    digest = hashlib.blake2b(f"{mention.company}/{mention.id}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2**32 < fraction


def cats(label: str) -> dict[str, float]:
    return {c: float(c == label) for c in LABELS}


def pairs(mentions: Iterable[Mention]) -> Iterator[tuple[str, dict[str, float]]]:
    for m in mentions:
        yield m.text, cats(m.label)

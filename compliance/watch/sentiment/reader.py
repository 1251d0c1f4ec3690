"""The corpus reader registered with spaCy, so that ``spacy train config.cfg`` reads the mention files itself.

[corpora.train]
@readers = "watch.sentiment_mentions.v1"
folder = "compliance/watch/sentiment/data/train"
part = "train"                  # or "dev" (a stable quarter of the written mentions, for checkpoint choice)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example

from compliance.watch.sentiment.corpus import TRAIN_DIR, Mention, in_dev, load, pairs

DEV_FRACTION = 0.25
WRITTEN_WEIGHT = 3


def is_written(mention: Mention) -> bool:
    return "-w" in mention.id or "-x" in mention.id


def is_dev(mention: Mention) -> bool:
    """The dev part: a stable quarter of the mentions written one by one (the generated ones are too easy to
    tell a good checkpoint from a bad one: every checkpoint scores 100 % on them)."""
    return "-w" in mention.id and in_dev(mention, DEV_FRACTION)


@spacy.registry.readers("watch.sentiment_mentions.v1")
def mentions_reader(folder: str = "", part: str = "train") -> Callable[[Language], Iterator[Example]]:
    mentions = load(Path(folder) if folder else TRAIN_DIR)
    wanted = part == "dev"
    kept = [m for m in mentions if is_dev(m) == wanted]
    if part == "train":
        # the mentions written one by one and the lexicon weigh more than the generated ones: shown 3 times
        kept += [m for m in kept if is_written(m)] * (WRITTEN_WEIGHT - 1)
    chosen = list(pairs(kept))

    def read(nlp: Language) -> Iterator[Example]:
        for text, cats in chosen:
            yield Example.from_dict(nlp.make_doc(text), {"cats": cats})

    return read

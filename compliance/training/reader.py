"""The corpus reader registered with spaCy, so that ``spacy train config.cfg`` reads the company folders itself.

[corpora.train]
@readers = "checker.companies.v1"
companies = "compliance/training/companies"
hold_out = "banque-orsenne"     # companies left out of training (leave-one-company-out), comma-separated
part = "train"                  # or "dev"
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example

from compliance.training.corpus import COMPANIES_DIR, examples, in_dev, load_companies

DEV_FRACTION = 0.1


@spacy.registry.readers("checker.companies.v1")
def companies_reader(
    companies: str = "", hold_out: str = "", part: str = "train", extra: str = ""
) -> Callable[[Language], Iterator[Example]]:
    root = Path(companies) if companies else COMPANIES_DIR
    held = {s.strip() for s in hold_out.split(",") if s.strip()}
    kept = [c for c in load_companies(root) if c.slug not in held]
    # the dev part (checkpoint choice) comes from the training companies: a held-out company stays unseen
    if part == "dev":
        keep = lambda p: in_dev(p, DEV_FRACTION)  # noqa: E731
    else:
        keep = lambda p: not in_dev(p, DEV_FRACTION)  # noqa: E731
    chosen = kept
    pairs = list(examples(chosen, keep))
    if extra and part == "train":
        pairs.extend(_extra(Path(extra)))

    def read(nlp: Language) -> Iterator[Example]:
        for text, cats in pairs:
            yield Example.from_dict(nlp.make_doc(text), {"cats": cats})

    return read


def _extra(path: Path) -> Iterator[tuple[str, dict[str, float]]]:
    """Reviewed examples of the customer's company (written by ``checker_retrain``), one JSON object a line."""
    import json

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            yield row["text"], row["cats"]

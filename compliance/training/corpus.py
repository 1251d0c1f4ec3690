"""The training corpus: company folders (context bundle + labelled posts) turned into what the model reads.

Each post becomes the windows the checker will show the model at run time (``compliance.learning.units``),
labelled with the model's categories; a window of a long post carries a label only if it holds that label's
evidence. The sentences holding the evidence are added on their own too, so that the model also knows
which sentence breaches (the checker uses this to mark the span).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from compliance.learning.labels import EMPLOYEE_ONLY, MODEL_LABELS
from compliance.learning.units import Piece, company_mask, masked, sentences, windows

COMPANIES_DIR = Path(__file__).resolve().parent / "companies"


@dataclass(frozen=True)
class Post:
    company: str
    id: str
    lang: str
    author_role: str
    text: str
    labels: tuple[str, ...]
    evidence: dict[str, str] = field(default_factory=dict)
    hard_negative_of: str = ""


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    language: str
    posts: tuple[Post, ...]


def load_company(folder: Path) -> Company:
    info = json.loads((folder / "context" / "company.json").read_text(encoding="utf-8"))
    posts = []
    for line in (folder / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = json.loads(line)
            posts.append(
                Post(
                    folder.name,
                    p["id"],
                    p["lang"],
                    p.get("author_role", "employee"),
                    p["text"],
                    tuple(p["labels"]),
                    p.get("evidence", {}),
                    p.get("hard_negative_of") or "",
                )
            )
    return Company(folder.name, info["name"], info.get("language", "fr"), tuple(posts))


def load_companies(root: Path = COMPANIES_DIR, only: Iterable[str] | None = None) -> list[Company]:
    wanted = set(only) if only else None
    folders = sorted(p for p in root.iterdir() if (p / "posts.jsonl").is_file())
    return [load_company(f) for f in folders if wanted is None or f.name in wanted]


def units(company: Company, post: Post) -> Iterator[tuple[str, dict[str, float]]]:
    """(masked text, cats) the model trains on for one post."""
    mask = company_mask(company.name)
    labels = set(post.labels)
    if post.author_role != "employee":
        # a spokesperson's official words are not a breach, but they are official words: teach neither
        labels_to_teach = [label for label in MODEL_LABELS if label not in EMPLOYEE_ONLY]
    else:
        labels_to_teach = list(MODEL_LABELS)
    spans = {c: _span(post.text, post.evidence.get(c, "")) for c in labels if c in MODEL_LABELS}
    sents = sentences(post.text)
    wins = windows(post.text, sents)
    for win in wins:
        cats = {c: 0.0 for c in labels_to_teach}
        for c in labels & set(labels_to_teach):
            span = spans.get(c)
            if len(wins) == 1 or span is None or _overlap(win, span):
                cats[c] = 1.0
        yield masked(post.text[win.start : win.end], mask), cats
    if len(sents) > 1:
        for c, span in spans.items():
            if span is None or c not in labels_to_teach:
                continue
            hit = [s for s in sents if _overlap(s, span)]
            if hit:
                piece = Piece(hit[0].start, hit[-1].end)
                cats = {k: 0.0 for k in labels_to_teach}
                for k, other in spans.items():
                    if other is not None and _overlap(piece, other) and k in cats:
                        cats[k] = 1.0
                yield masked(post.text[piece.start : piece.end], mask), cats


def _span(text: str, evidence: str) -> Piece | None:
    at = text.find(evidence) if evidence else -1
    return Piece(at, at + len(evidence)) if at >= 0 else None


def _overlap(a: Piece, b: Piece) -> bool:
    return a.start < b.end and b.start < a.end


def in_dev(post: Post, fraction: float) -> bool:
    """A stable pseudo-random split of posts (by id), for a dev set inside the training companies."""
    digest = hashlib.blake2b(f"{post.company}/{post.id}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2**32 < fraction


def examples(
    companies: Iterable[Company], keep: Callable[[Post], bool] = lambda p: True
) -> Iterator[tuple[str, dict[str, float]]]:
    for company in companies:
        for post in company.posts:
            if keep(post):
                yield from units(company, post)

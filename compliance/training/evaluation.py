"""Scoring a checker's per-post categories against labelled posts, as the shared eval's scorer does it.

A category counts as found for a post when at least one finding of that category is reported. Verdicts
follow the taxonomy: block for a confidentiality category or a protected-work copy, review for any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from compliance.learning.labels import EMPLOYEE_ONLY, MODEL_LABELS
from compliance.learning.units import company_mask, window_cats
from compliance.training.corpus import Company, Post
from compliance.training.validate import CATEGORIES, expected_verdict


@dataclass
class Score:
    per_category: dict[str, tuple[float, float, float, int]]  # precision, recall, F1, support
    micro_f1: float
    macro_f1: float
    block_recall: float
    false_block: float
    clean_flagged: float
    verdict_accuracy: float
    posts: int


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(posts: Iterable[Post], predicted: Mapping[str, set[str]], categories: Iterable[str] = CATEGORIES) -> Score:
    categories = tuple(categories)
    tp, fp, fn, support = Counter(), Counter(), Counter(), Counter()
    blocks = blocked = non_blocks = false_blocks = clean = clean_flagged = correct = n = 0
    for post in posts:
        n += 1
        gold = set(post.labels) & set(categories)
        got = predicted.get(post.id, set()) & set(categories)
        for c in categories:
            support[c] += c in gold
            tp[c] += c in gold and c in got
            fp[c] += c in got and c not in gold
            fn[c] += c in gold and c not in got
        want, verdict = expected_verdict(sorted(post.labels)), expected_verdict(sorted(predicted.get(post.id, set())))
        correct += want == verdict
        if want == "block":
            blocks += 1
            blocked += verdict == "block"
        else:
            non_blocks += 1
            false_blocks += verdict == "block"
        if not post.labels:
            clean += 1
            clean_flagged += bool(predicted.get(post.id))
    per = {}
    for c in categories:
        p, r, f = prf(tp[c], fp[c], fn[c])
        per[c] = (p, r, f, support[c])
    _, _, micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    present = [per[c][2] for c in categories if support[c]]
    return Score(
        per,
        micro,
        sum(present) / len(present) if present else 0.0,
        blocked / blocks if blocks else 1.0,
        false_blocks / non_blocks if non_blocks else 0.0,
        clean_flagged / clean if clean else 0.0,
        correct / n if n else 0.0,
        n,
    )


def model_scores(nlp, company: Company) -> dict[str, dict[str, float]]:
    """The model alone: for each post, each label's highest score over the post's windows."""
    mask = company_mask(company.name)
    out: dict[str, dict[str, float]] = {}
    for post in company.posts:
        best: dict[str, float] = {}
        for _, cats in window_cats(nlp, post.text, mask):
            for label, s in cats.items():
                best[label] = max(best.get(label, 0.0), s)
        out[post.id] = best
    return out


GRID = tuple(x / 20 for x in range(2, 20))
# Thresholds maximise F-beta with beta < 1: precision weighs more than recall. Measured leave-one-company-out
# (10 companies), beta 0.7 instead of 1 keeps micro-F1 (0.785 vs 0.783) and cuts clean posts flagged from
# 0.195 to 0.121 and false blocks from 0.083 to 0.046, for block recall 0.78 instead of 0.82.
THRESHOLD_BETA = 0.7


def fbeta(tp: int, fp: int, fn: int, beta: float = THRESHOLD_BETA) -> float:
    p, r, _ = prf(tp, fp, fn)
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def fires(post: Post, scores: Mapping[str, float], label: str, t: float) -> bool:
    """Whether the model reports ``label`` on ``post`` at ``t`` (never on a spokesperson's official words)."""
    return scores.get(label, 0.0) >= t and not (label in EMPLOYEE_ONLY and post.author_role != "employee")


def best_thresholds(
    scored: list[tuple[Post, dict[str, float], set[str]]], grid: Iterable[float] = GRID
) -> dict[str, float]:
    """Per label, the threshold maximising the F-beta of (rules' categories OR model over threshold).

    ``scored`` holds (post, the model's scores, the categories the rules found); pass empty sets to tune
    the model alone.
    """
    grid = tuple(grid)
    out = {}
    for label in MODEL_LABELS:
        best_t, best_f = 0.5, -1.0
        for t in grid:
            got = [(label in rules or fires(p, s, label, t), label in p.labels) for p, s, rules in scored]
            tp = sum(1 for g, want in got if g and want)
            fp = sum(1 for g, want in got if g and not want)
            fn = sum(1 for g, want in got if want and not g)
            f = fbeta(tp, fp, fn)
            if f > best_f + 1e-9:
                best_t, best_f = t, f
        out[label] = best_t
    return out


def table(rows: Mapping[str, Score], categories: Iterable[str]) -> str:
    """Per-category F1, one column per evaluated set, plus the summary lines."""
    names = list(rows)
    width = max(len(c) for c in categories) + 2
    lines = ["category".ljust(width) + "".join(n[:14].rjust(15) for n in names)]
    for c in categories:
        cells = []
        for n in names:
            _, _, f, sup = rows[n].per_category[c]
            cells.append((f"{f:.2f} ({sup})" if sup else "-").rjust(15))
        lines.append(c.ljust(width) + "".join(cells))
    for attr in ("micro_f1", "macro_f1", "block_recall", "false_block", "clean_flagged", "verdict_accuracy"):
        lines.append(attr.ljust(width) + "".join(f"{getattr(rows[n], attr):.3f}".rjust(15) for n in names))
    return "\n".join(lines)


def posts_from_jsonl(path: Path, company: str = "") -> list[Post]:
    import json

    posts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = json.loads(line)
            posts.append(
                Post(
                    company,
                    p["id"],
                    p.get("lang", "fr"),
                    p.get("author_role", "employee"),
                    p["text"],
                    tuple(p.get("labels", ())),
                )
            )
    return posts

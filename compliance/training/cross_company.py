"""Leave-one-company-out: train on every training company but one, measure on the one left out, in turn.

The model alone is scored on the meaning categories; the whole checker (rules + that model, with the left-out
company's context bundle imported) on every category. Thresholds for a left-out company are chosen on the
other companies' left-out predictions only (nested), so no figure is tuned on the company it reports.

The pooled left-out predictions also give the thresholds and the per-category figures written into the
shipped model's card (``loco.json``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from compliance.learning.labels import MODEL_LABELS
from compliance.training.corpus import COMPANIES_DIR, Company, Post, load_companies
from compliance.training.evaluation import Score, best_thresholds, model_scores, score
from compliance.training.validate import CATEGORIES

LOCO_FILE = Path(__file__).resolve().parent / "loco.json"


def _fold(args: tuple[str, str, int]) -> tuple[str, dict[str, dict[str, float]]]:
    slug, out, seed = args
    import spacy

    import compliance.learning.architectures  # noqa: F401
    from compliance.training.train import train

    best = train(Path(out) / slug, hold_out=[slug], seed=seed, quiet=True)
    company = next(c for c in load_companies(COMPANIES_DIR) if c.slug == slug)
    return slug, model_scores(spacy.load(best), company)


def train_folds(
    companies: list[Company], out: Path, *, seed: int = 0, workers: int = 2, say: Callable[[str], None] = print
) -> dict[str, dict[str, dict[str, float]]]:
    """Train one model per left-out company (in parallel); returns its scores on the left-out posts."""
    scores: dict[str, dict[str, dict[str, float]]] = {}
    jobs = [(c.slug, str(out), seed) for c in companies]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for slug, s in pool.map(_fold, jobs):
            scores[slug] = s
            say(f"  trained without {slug}")
    return scores


def nested_thresholds(
    companies: list[Company], scores: dict[str, dict[str, dict[str, float]]]
) -> dict[str, dict[str, float]]:
    out = {}
    for c in companies:
        pooled = [(p, scores[o.slug][p.id]) for o in companies if o.slug != c.slug for p in o.posts if _taught(p)]
        out[c.slug] = best_thresholds(pooled)
    return out


def pooled_thresholds(companies: list[Company], scores: dict[str, dict[str, dict[str, float]]]) -> dict[str, float]:
    return best_thresholds([(p, scores[c.slug][p.id]) for c in companies for p in c.posts if _taught(p)])


def _taught(post: Post) -> bool:
    return post.author_role == "employee"


def model_predictions(company: Company, scores: dict[str, dict[str, float]], thresholds: dict[str, float]):
    return {
        p.id: {label for label, s in scores[p.id].items() if s >= thresholds.get(label, 0.5)}
        for p in company.posts
        if _taught(p)
    }


def model_alone(companies: list[Company], scores, thresholds) -> dict[str, Score]:
    out = {}
    for c in companies:
        preds = model_predictions(c, scores[c.slug], thresholds[c.slug])
        out[c.slug] = score([p for p in c.posts if _taught(p)], preds, MODEL_LABELS)
    return out


def pooled(companies: list[Company], predictions: dict[str, dict[str, set[str]]], categories: Iterable[str]) -> Score:
    posts = [p for c in companies for p in c.posts if p.id in predictions[c.slug]]
    flat = {p.id: predictions[c.slug][p.id] for c in companies for p in c.posts if p.id in predictions[c.slug]}
    return score(posts, flat, categories)


def checker_predictions(company: Company, model_dir: Path | None, thresholds: dict[str, float] | None):
    """The whole checker on a company's posts, its context imported (call inside a configured Django)."""
    from django.test import override_settings

    from compliance import context as context_module
    from compliance import rulebook
    from compliance.engine import analyze
    from compliance.learning import store
    from compliance.services import context_bundle_import

    context_bundle_import(folder=COMPANIES_DIR / company.slug / "context")
    if model_dir is not None and thresholds is not None:
        card_path = model_dir / "card.json"
        card = json.loads(card_path.read_text(encoding="utf-8"))
        card["thresholds"] = thresholds
        card_path.write_text(json.dumps(card, indent=2), encoding="utf-8")
    settings = {"COMPLIANCE_MODEL_ENABLED": model_dir is not None}
    if model_dir is not None:
        settings["COMPLIANCE_MODEL_DIR"] = model_dir
    with override_settings(**settings):
        store.clear()
        context_module.context_cache_clear()
        rulebook.clear()
        out = {p.id: {f.category for f in analyze(p.text, p.lang, p.author_role).findings} for p in company.posts}
    store.clear()
    return out


def write_loco(companies: list[Company], scores, seed: int) -> dict:
    """The shipped model's thresholds and held-out figures (pooled, nested thresholds)."""
    nested = nested_thresholds(companies, scores)
    alone = {c.slug: model_predictions(c, scores[c.slug], nested[c.slug]) for c in companies}
    s = pooled(companies, alone, MODEL_LABELS)
    data = {
        "companies": [c.slug for c in companies],
        "seed": seed,
        "thresholds": pooled_thresholds(companies, scores),
        "held_out": {
            label: {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": n}
            for label, (p, r, f, n) in s.per_category.items()
        },
    }
    LOCO_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data


def cpu_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


__all__ = ["CATEGORIES", "checker_predictions", "model_alone", "train_folds"]

"""Leave-one-company-out: train on every training company but one, measure on the one left out, in turn.

For each left-out company, the checker is measured as it runs: its rules with that company's context bundle
imported, plus the model trained without it. The model's thresholds for a left-out company are chosen on the
other companies' left-out results only (nested), so no figure is tuned on the company it reports.

The pooled left-out results also give the shipped model's thresholds and the held-out per-category figures
of its card (``loco.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from compliance.learning.labels import MODEL_LABELS
from compliance.training.corpus import COMPANIES_DIR, Company, load_companies
from compliance.training.evaluation import Score, best_thresholds, fires, model_scores, score
from compliance.training.validate import CATEGORIES

LOCO_FILE = Path(__file__).resolve().parent / "loco.json"
Scores = dict[str, dict[str, dict[str, float]]]  # company -> post id -> label -> score
Found = dict[str, dict[str, set[str]]]  # company -> post id -> categories


def _fold(args: tuple[str, str, int, str, dict | None]) -> tuple[str, dict[str, dict[str, float]]]:
    slug, out, seed, companies_dir, overrides = args
    import spacy

    import compliance.learning.architectures  # noqa: F401
    from compliance.training.train import train

    best = train(
        Path(out) / slug, hold_out=[slug], seed=seed, quiet=True, companies_dir=Path(companies_dir), overrides=overrides
    )
    company = next(c for c in load_companies(Path(companies_dir)) if c.slug == slug)
    return slug, model_scores(spacy.load(best), company)


def train_folds(
    companies: list[Company],
    out: Path,
    *,
    seed: int = 0,
    workers: int = 2,
    companies_dir: Path = COMPANIES_DIR,
    overrides: dict | None = None,
) -> Scores:
    """One model per left-out company (in parallel); returns each model's scores on its left-out posts."""
    jobs = [(c.slug, str(out), seed, str(companies_dir), overrides) for c in companies]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(_fold, jobs))


def rules_found(company: Company, companies_dir: Path = COMPANIES_DIR) -> dict[str, set[str]]:
    """The rules alone on a company's posts, its context imported (call inside a configured Django)."""
    from django.test import override_settings

    from compliance import context as context_module
    from compliance.engine import analyze
    from compliance.services import context_bundle_import

    context_bundle_import(folder=companies_dir / company.slug / "context")
    with override_settings(COMPLIANCE_MODEL_ENABLED=False):
        context_module.context_cache_clear()
        return {p.id: {f.category for f in analyze(p.text, p.lang, p.author_role).findings} for p in company.posts}


def _scored(companies: Iterable[Company], scores: Scores, rules: Found | None):
    return [(p, scores[c.slug][p.id], rules[c.slug][p.id] if rules else set()) for c in companies for p in c.posts]


def nested_thresholds(companies: list[Company], scores: Scores, rules: Found | None) -> dict[str, dict[str, float]]:
    return {c.slug: best_thresholds(_scored([o for o in companies if o is not c], scores, rules)) for c in companies}


def combined(companies: list[Company], scores: Scores, rules: Found | None, thresholds) -> Found:
    """What the checker reports: the rules' categories (if given) plus the model's over each company's thresholds."""
    out: Found = {}
    for c in companies:
        t = thresholds[c.slug]
        out[c.slug] = {
            p.id: (set(rules[c.slug][p.id]) if rules else set())
            | {label for label in MODEL_LABELS if fires(p, scores[c.slug][p.id], label, t[label])}
            for p in c.posts
        }
    return out


def pooled(companies: list[Company], found: Found, categories: Iterable[str] = CATEGORIES) -> Score:
    posts = [p for c in companies for p in c.posts]
    return score(posts, {p.id: found[c.slug][p.id] for c in companies for p in c.posts}, categories)


def write_loco(companies: list[Company], scores: Scores, rules: Found, seed: int = 0) -> dict:
    """The shipped model's thresholds (tuned with the rules, on all left-out results) and held-out figures."""
    nested = nested_thresholds(companies, scores, rules)
    s = pooled(companies, combined(companies, scores, rules, nested))
    data = {
        "companies": [c.slug for c in companies],
        "seed": seed,
        "thresholds": best_thresholds(_scored(companies, scores, rules)),
        "held_out": {
            label: {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": n}
            for label, (p, r, f, n) in s.per_category.items()
        },
        "micro_f1": round(s.micro_f1, 3),
        "block_recall": round(s.block_recall, 3),
        "clean_flagged": round(s.clean_flagged, 3),
    }
    LOCO_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data


def rescore(companies: list[Company], out: Path) -> Scores:
    """Scores of the fold models already trained in ``out`` (after a change to how the model is read)."""
    import spacy

    import compliance.learning.architectures  # noqa: F401

    return {c.slug: model_scores(spacy.load(out / c.slug / "model-best"), c) for c in companies}

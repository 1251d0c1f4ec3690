"""Leave-one-company-out: how the checker does on a company it was not trained on.

    .venv/bin/python benchmarks/checker_cross_company.py [--reuse] [--companies a,b,c]

For each training company in compliance/training/companies: train the classifier on all the others
(spaCy, config.cfg, seed 0), then check the left-out company's posts with its own context bundle imported:
the rules alone, and the rules with that model. Prints per-category F1 pooled over the left-out companies,
the mean per company, and each company's micro-F1; writes compliance/training/loco.json (the thresholds and
held-out figures of the shipped model's card). --reuse skips training when var/loco holds the fold models.
Targets (issue #12): on every left-out company micro-F1 >= 0.92, block recall >= 0.97, every category F1 >= 0.80.
Takes about (companies / 2) x one training on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MICRO, TARGET_BLOCK, TARGET_CATEGORY = 0.92, 0.97, 0.80


def setup_django() -> None:
    tmp = tempfile.mkdtemp(prefix="checker-loco-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/loco.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--companies", default="")
    args = ap.parse_args()
    out = ROOT / "var" / "loco"
    from compliance.training import cross_company as cc
    from compliance.training.corpus import load_companies
    from compliance.training.evaluation import table

    companies = load_companies(only=[s for s in args.companies.split(",") if s] or None)
    print(f"{len(companies)} companies, {sum(len(c.posts) for c in companies)} posts")
    started = time.monotonic()
    scores_file = out / "scores.json"
    if args.reuse and scores_file.is_file():
        scores = json.loads(scores_file.read_text())
    else:
        scores = cc.train_folds(companies, out, workers=cc.cpu_workers())
        scores_file.write_text(json.dumps(scores))
    print(f"trained {len(companies)} folds in {time.monotonic() - started:.0f} s")
    nested = cc.nested_thresholds(companies, scores)
    alone = {c.slug: cc.model_predictions(c, scores[c.slug], nested[c.slug]) for c in companies}
    loco = cc.write_loco(companies, scores, seed=0) if not args.companies else None

    setup_django()
    rules, both = {}, {}
    for c in companies:
        rules[c.slug] = cc.checker_predictions(c, None, None)
        both[c.slug] = cc.checker_predictions(c, out / c.slug / "model-best", nested[c.slug])
    from compliance.learning.labels import MODEL_LABELS

    print("\nThe model alone on its meaning categories (left-out companies, pooled):")
    print(table({"model alone": cc.pooled(companies, alone, MODEL_LABELS)}, MODEL_LABELS))
    print("\nThe whole checker on left-out companies (pooled):")
    pooled = {
        "rules only": cc.pooled(companies, rules, cc.CATEGORIES),
        "rules + model": cc.pooled(companies, both, cc.CATEGORIES),
    }
    print(table(pooled, cc.CATEGORIES))
    print("\nPer left-out company (rules + model):")
    per = {c.slug: cc.pooled([c], both, cc.CATEGORIES) for c in companies}
    ok = True
    for slug, s in per.items():
        worst = min((f for _, _, f, n in s.per_category.values() if n), default=0.0)
        ok &= s.micro_f1 >= TARGET_MICRO and s.block_recall >= TARGET_BLOCK and worst >= TARGET_CATEGORY
        print(
            f"  {slug:28s} micro-F1 {s.micro_f1:.3f}  block recall {s.block_recall:.3f}  "
            f"clean flagged {s.clean_flagged:.3f}  worst category F1 {worst:.2f}"
        )
    mean = sum(s.micro_f1 for s in per.values()) / len(per)
    print(
        f"\nmean micro-F1 over left-out companies: {mean:.3f} (target >= {TARGET_MICRO}: "
        f"{'met' if ok else 'NOT met'} on every company)"
    )
    if loco:
        print(f"wrote {cc.LOCO_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

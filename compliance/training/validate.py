"""Check the training corpus: every company folder has a context bundle and well-formed labelled posts.

    python -m compliance.training.validate [companies/<slug> ...]

Standard library only, so a writer can run it while writing. Exit status 1 on any problem.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

CATEGORIES = (
    "confidentiality.confidential_term",
    "confidentiality.personal_data",
    "confidentiality.financial",
    "confidentiality.internal_document",
    "confidentiality.security",
    "confidentiality.insider",
    "copyright.protected_work",
    "copyright.unattributed_quote",
    "copyright.third_party_media",
    "conduct.insult",
    "conduct.unauthorized_statement",
    "conduct.crisis_topic",
)
BLOCKING = {c for c in CATEGORIES if c.startswith("confidentiality.")} | {"copyright.protected_work"}
REQUIRED = ("id", "lang", "author_role", "text", "labels", "expected_verdict")
ROLES = {"employee", "spokesperson"}
ROOT = Path(__file__).resolve().parent / "companies"


def expected_verdict(labels: list[str]) -> str:
    if BLOCKING & set(labels):
        return "block"
    return "review" if labels else "ok"


def validate_company(folder: Path) -> tuple[list[str], Counter]:
    problems: list[str] = []
    stats: Counter = Counter()
    context = folder / "context"
    try:
        company = json.loads((context / "company.json").read_text(encoding="utf-8"))
        for key in ("name", "language", "public_domains", "public_facts"):
            if key not in company:
                problems.append(f"{context}/company.json: no {key!r}")
    except (OSError, json.JSONDecodeError) as exc:
        problems.append(f"{context}/company.json: {exc}")
    try:
        with (context / "terms.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        kinds = {"project", "product", "client", "partner", "person", "quiet_topic", "other"}
        for n, row in enumerate(rows, 2):
            if row.get("kind") not in kinds or not (row.get("term") or "").strip():
                problems.append(f"{context}/terms.csv:{n}: bad term or kind")
    except OSError as exc:
        problems.append(f"{context}/terms.csv: {exc}")
    seen: set[str] = set()
    posts = folder / "posts.jsonl"
    try:
        lines = posts.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        return [*problems, f"{posts}: {exc}"], stats
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{posts}:{n}"
        try:
            post = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON: {exc}")
            continue
        missing = [k for k in REQUIRED if k not in post]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        if post["id"] in seen:
            problems.append(f"{where}: duplicate id {post['id']}")
        seen.add(post["id"])
        if post["lang"] not in ("fr", "en"):
            problems.append(f"{where}: lang must be fr or en")
        if post["author_role"] not in ROLES:
            problems.append(f"{where}: author_role must be employee or spokesperson")
        unknown = [c for c in post["labels"] if c not in CATEGORIES]
        if unknown:
            problems.append(f"{where}: unknown labels {unknown}")
        if post["expected_verdict"] != expected_verdict(post["labels"]):
            problems.append(f"{where}: expected_verdict should be {expected_verdict(post['labels'])}")
        evidence = post.get("evidence", {})
        for category in post["labels"]:
            snippet = evidence.get(category)
            if not snippet:
                problems.append(f"{where}: no evidence for {category}")
            elif snippet not in post["text"]:
                problems.append(f"{where}: evidence for {category} is not a substring of the text")
        negative_of = post.get("hard_negative_of")
        if negative_of and (negative_of not in CATEGORIES or post["labels"]):
            problems.append(f"{where}: hard_negative_of must name a category, on a post with no labels")
        stats["posts"] += 1
        stats[f"lang.{post['lang']}"] += 1
        for category in post["labels"] or ["ok"]:
            stats[category] += 1
        if negative_of:
            stats[f"hard_negative.{negative_of}"] += 1
    return problems, stats


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p for p in ROOT.iterdir() if p.is_dir())
    status = 0
    for folder in folders:
        problems, stats = validate_company(folder)
        print(f"{folder.name}: {stats['posts']} posts", dict(sorted(stats.items())))
        for p in problems:
            print("  " + p)
        status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Check the sentiment corpus: well-formed mentions, known labels, and test companies never seen in training.

    python -m compliance.watch.sentiment.validate

Standard library only. Exit status 1 on any problem.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
REQUIRED = ("id", "company", "lang", "kind", "label", "text")
LABELS = {"negative", "neutral", "positive"}
KINDS = {"news", "blog", "social", "review", "complaint", "press", "stock", "job"}
HARD = {"irony", "negation", "mixed", "hashtag", "emoji", "caps", "neutral-neg-words", "question"}


def check_part(folder: Path) -> tuple[list[str], Counter, set[str], set[str]]:
    problems: list[str] = []
    stats: Counter = Counter()
    companies: set[str] = set()
    texts: set[str] = set()
    ids: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON: {exc}")
                continue
            missing = [k for k in REQUIRED if not row.get(k)]
            if missing:
                problems.append(f"{where}: missing {missing}")
                continue
            if row["id"] in ids:
                problems.append(f"{where}: duplicate id {row['id']}")
            ids.add(row["id"])
            if row["company"] != path.stem:
                problems.append(f"{where}: company {row['company']!r} in the file of {path.stem!r}")
            if row["lang"] not in ("fr", "en"):
                problems.append(f"{where}: lang must be fr or en")
            if row["label"] not in LABELS:
                problems.append(f"{where}: label must be one of {sorted(LABELS)}")
            if row["kind"] not in KINDS:
                problems.append(f"{where}: kind must be one of {sorted(KINDS)}")
            if row.get("hard") and row["hard"] not in HARD:
                problems.append(f"{where}: hard must be one of {sorted(HARD)}")
            if row["text"] in texts:
                problems.append(f"{where}: the same text twice")
            texts.add(row["text"])
            companies.add(row["company"])
            stats[f"{row['lang']}.{row['label']}"] += 1
            if row.get("hard"):
                stats[f"hard.{row['hard']}"] += 1
    return problems, stats, companies, texts


def main() -> int:
    status = 0
    parts = {}
    for part in ("train", "test"):
        problems, stats, companies, texts = check_part(DATA / part)
        parts[part] = (companies, texts)
        total = sum(v for k, v in stats.items() if not k.startswith("hard."))
        print(f"{part}: {total} mentions, {len(companies)} companies", dict(sorted(stats.items())))
        for p in problems:
            print("  " + p)
        status |= bool(problems)
    shared = parts["train"][0] & parts["test"][0]
    if shared:
        print(f"  companies in both train and test: {sorted(shared)}")
        status = 1
    same = parts["train"][1] & parts["test"][1]
    if same:
        print(f"  {len(same)} test texts also in training, e.g. {sorted(same)[0]!r}")
        status = 1
    if len(parts["train"][0]) < 12:
        print("  fewer than 12 training companies")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

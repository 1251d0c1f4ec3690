"""Scoring the sentiment model on labelled mentions: accuracy and macro-F1 per language (and per hard case).

Used by training (the figures in the model card), the benchmark and the evaluation test, so the three
always measure the same thing in the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from compliance.watch.sentiment.corpus import LABELS, Mention


@dataclass
class LanguageScore:
    lang: str
    mentions: int
    accuracy: float
    macro_f1: float
    per_label: dict[str, tuple[float, float, float, int]]  # precision, recall, F1, support
    hard_accuracy: dict[str, tuple[float, int]] = field(default_factory=dict)  # per hard case: accuracy, count


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_language(lang: str, gold: Sequence[Mention], predicted: Sequence[str]) -> LanguageScore:
    tp, fp, fn, support = Counter(), Counter(), Counter(), Counter()
    hard_total, hard_right = Counter(), Counter()
    for mention, got in zip(gold, predicted, strict=True):
        want = mention.label
        support[want] += 1
        if got == want:
            tp[want] += 1
        else:
            fp[got] += 1
            fn[want] += 1
        if mention.hard:
            hard_total[mention.hard] += 1
            hard_right[mention.hard] += got == want
    per_label = {label: (*prf(tp[label], fp[label], fn[label]), support[label]) for label in LABELS}
    n = len(gold)
    return LanguageScore(
        lang,
        n,
        sum(tp.values()) / n if n else 0.0,
        sum(per_label[label][2] for label in LABELS) / len(LABELS),
        per_label,
        {h: (hard_right[h] / hard_total[h], hard_total[h]) for h in sorted(hard_total)},
    )


def evaluate(nlp, mentions: Iterable[Mention]) -> dict[str, LanguageScore]:
    """Run the pipeline ``nlp`` on every mention and score it, language by language."""
    by_lang: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_lang[m.lang].append(m)
    out = {}
    for lang, gold in sorted(by_lang.items()):
        docs = nlp.pipe([m.text for m in gold], batch_size=256)
        predicted = [max(doc.cats, key=doc.cats.__getitem__) for doc in docs]
        out[lang] = score_language(lang, gold, predicted)
    return out


def as_card(scores: dict[str, LanguageScore]) -> dict[str, dict]:
    return {
        lang: {
            "mentions": s.mentions,
            "accuracy": round(s.accuracy, 4),
            "macro_f1": round(s.macro_f1, 4),
            "per_label": {
                k: {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n}
                for k, (p, r, f, n) in s.per_label.items()
            },
            "hard_cases": {h: {"accuracy": round(a, 4), "mentions": n} for h, (a, n) in s.hard_accuracy.items()},
        }
        for lang, s in scores.items()
    }

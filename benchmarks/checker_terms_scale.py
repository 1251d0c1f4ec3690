"""Checker speed as the company context grows: 100 / 1,000 / 10,000 registered terms, 1,000 internal documents.

    .venv/bin/python benchmarks/checker_terms_scale.py            (about a minute)
    BENCH_SMALL=1 .venv/bin/python benchmarks/checker_terms_scale.py    or    ... checker_terms_scale.py small

Terms are synthetic but realistic (codenames, people, clients with generic words, notes saying what they are);
posts mention a few of them, plain or obfuscated (H-E-R-O-N, Her0n, #ProjetHeron), among ordinary sentences.
Context build = building the CheckerContext (shingle index included) plus the first post, which compiles every
rule's per-context structures. Targets: p95 <= 10 ms per post, context build <= 5 s, at 10,000 terms.
The small mode runs 100 and 1,000 terms on fewer posts and finishes in seconds.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sizes import SMALL, judged  # noqa: E402

P95_TARGET_MS, BUILD_TARGET_S = 10.0, 5.0
SYLLABLES = "ka lo ri ve na tor mel sun bra dix ol zen fa quo lu mon ter vi sa gal pe nor cas tel mi ro an be".split()
FIRST = "Agathe Louis Camille Hugo Léa Marc Inès Paul Chloé Yann Sofia Noah Emma Jules Zoé Tom Lina Oscar".split()
GENERIC = ["Foods", "Group", "Labs", "Industries", "SAS", "Retail", "Systems"]
NOTES = [
    "Projet interne de refonte de la ligne",
    "Four vapeur non lancé",
    "Projet d'acquisition d'un concurrent",
    "Client sous NDA",
    "Futur directeur des ventes, nomination non annoncée",
    "Partenaire logistique, contrat en négociation",
]
SENTENCES = [
    "Belle journée à l'atelier, merci à toute l'équipe pour le travail accompli cette semaine.",
    "Great workshop today with the Lyon team, we learned a lot about the new ovens.",
    "Le salon de Paris était génial, on a rencontré plein de boulangers passionnés.",
    "We are hiring bakers in Nantes, apply on our careers page!",
    "Retour sur notre journée portes ouvertes : plus de 300 visiteurs, merci !",
]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_terms(count: int, rng: random.Random):
    from compliance.context import TermEntry

    seen: set[str] = set()
    terms = []
    while len(terms) < count:
        roll = rng.random()
        if roll < 0.25:
            term, kind = f"{rng.choice(FIRST)} {name(rng)}", "person"
        elif roll < 0.45:
            term, kind = f"{name(rng)} {rng.choice(GENERIC)}", "client"
        else:
            term, kind = name(rng), rng.choice(["project", "product"])
        if term.lower() not in seen:
            seen.add(term.lower())
            terms.append(TermEntry(term, kind, rng.choice(NOTES)))
    return terms


def synthetic_shingles(documents: int, rng: random.Random):
    from compliance.context import WorkEntry
    from compliance.folding import fingerprints

    words = [name(rng).lower() for _ in range(3000)]
    works, index = [], defaultdict(list)
    for n in range(documents):
        body = " ".join(rng.choice(words) for _ in range(400))
        hashes = fingerprints(body)
        works.append(WorkEntry(f"doc-{n}", f"Document {n}", "internal", "", "fr", len(hashes)))
        for h in hashes:
            index[h].append(n)
    return tuple(works), MappingProxyType({h: tuple(v) for h, v in index.items()})


def obfuscate(term: str, rng: random.Random) -> str:
    word = term.split()[0] if rng.random() < 0.2 else term
    return rng.choice(
        [word, "-".join(word.upper()), word.replace("o", "0").replace("a", "@"), "#Projet" + word.replace(" ", "")]
    )


def posts(terms, count: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(count):
        parts = rng.sample(SENTENCES, 2)
        if i % 2 == 0:
            parts.insert(1, f"On avance sur {obfuscate(rng.choice(terms).term, rng)}, chut, pas encore annoncé.")
        out.append(" ".join(parts))
    return out


def run(count: int, documents: int, post_count: int, works, shingles) -> tuple[float, float, float, bool]:
    from compliance.context import CheckerContext
    from compliance.engine import analyze

    rng = random.Random(count)  # noqa: S311 - reproducible synthetic data, not secrets
    terms = synthetic_terms(count, rng)
    texts = posts(terms, post_count, rng)
    started = time.perf_counter()
    context = CheckerContext(version=count, company_name="Norvane", terms=tuple(terms), works=works, shingles=shingles)
    analyze(texts[0], "fr", context=context)
    build = time.perf_counter() - started
    samples, flagged = [], 0
    for text in texts:
        t0 = time.perf_counter()
        analysis = analyze(text, "fr", context=context)
        samples.append((time.perf_counter() - t0) * 1000)
        flagged += any(f.rule_id == "confidential_term.registry" for f in analysis.findings)
    return statistics.median(samples), percentile(samples, 0.95), build, flagged >= post_count // 4


def main() -> int:
    small = SMALL or "small" in sys.argv[1:]
    tmp = tempfile.mkdtemp(prefix="checker-terms-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings")
    import django

    django.setup()
    from compliance.context import CheckerContext
    from compliance.engine import analyze

    analyze("Bonjour à tous, belle journée.", "fr", context=CheckerContext())  # loads the pipeline outside the timings
    documents = 100 if small else 1000
    works, shingles = synthetic_shingles(documents, random.Random(0))  # noqa: S311
    sizes, post_count = ((100, 1000), 40) if small else ((100, 1000, 10_000), 200)
    print(f"{documents} internal documents, {post_count} posts per size")
    print(f"{'terms':>7} {'p50 ms':>8} {'p95 ms':>8} {'build s':>8}  verdict")
    ok = correct = True
    for count in sizes:
        p50, p95, build, found = run(count, documents, post_count, works, shingles)
        good = p95 <= P95_TARGET_MS and build <= BUILD_TARGET_S and found
        ok &= good
        correct &= found
        verdict = "ok" if good else "MISSED"
        targets = f"(p95 <= {P95_TARGET_MS} ms, build <= {BUILD_TARGET_S} s)"
        print(f"{count:>7} {p50:>8.2f} {p95:>8.2f} {build:>8.2f}  {verdict} {targets}")
    return judged(ok) if correct else 1  # a term not found is wrong at any size


if __name__ == "__main__":
    sys.exit(main())

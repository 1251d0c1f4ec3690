"""Thousands of registered terms: the same findings as with a handful, found through the skeleton index."""

from __future__ import annotations

import random
import re

import pytest

from compliance.context import CheckerContext, TermEntry
from compliance.rules.confidential_term import ConfidentialTermRule, _term_pattern
from compliance.rules.insider import InsiderEventRule
from compliance.rules.term_index import TermIndex
from tests.compliance.test_rules_confidentiality import HOMONYM_TERMS, TERMS

SYLLABLES = "ka lo ri ve na tor mel sun bra dix ol zen fa quo ri lu mon ter vi sa gal pe nor".split()


def synthetic_terms(count: int, seed: int = 7) -> list[TermEntry]:
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()
        if rng.random() < 0.3:
            name += " " + "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        names.add(name)
    kinds = ("project", "product", "person", "client")
    return [TermEntry(n, kinds[i % 4], "Projet interne") for i, n in enumerate(sorted(names))]


OTHERS = synthetic_terms(10_000)
OTHER_NAMES = frozenset(t.term for t in OTHERS)


def spans(nlp, text, lang, context):
    """Findings of the rule, leaving out those of the synthetic terms."""
    doc = nlp[lang](text)
    found = ConfidentialTermRule().check(doc, context)
    return [(f.start, f.end, f.params["term"]) for f in found if f.params["term"] not in OTHER_NAMES]


@pytest.fixture(scope="module")
def crowded_demo() -> CheckerContext:
    from tests.compliance.conftest import norvane_context

    demo = norvane_context()
    return CheckerContext(version=2, company_name=demo.company_name, terms=demo.terms + tuple(OTHERS))


HERON = TermEntry("Heron", "project", "Projet d'acquisition d'un concurrent")


@pytest.fixture(scope="module")
def crowded_heron() -> CheckerContext:
    return CheckerContext(version=2, company_name="Norvane", terms=(*OTHERS, HERON))


@pytest.mark.parametrize("lang,text,flagged", TERMS)
def test_a_registered_term_is_found_the_same_among_ten_thousand_others(
    ctx, crowded_demo, blank_nlp, lang, text, flagged
):
    # given the demo registry, and the same registry followed by 10,000 other terms
    # when
    alone = spans(blank_nlp, text, lang, ctx)
    # then
    assert bool(alone) is flagged
    assert spans(blank_nlp, text, lang, crowded_demo) == alone


@pytest.mark.parametrize(
    "text",
    [
        "Le projet Heron avance bien",
        "H-E-R-O-N arrive bientôt",
        "Her0n arrive bientôt",
        "H E R O N, chut",
        "#ProjetHeron #HeronLaunch",
        "Les Hérons du labo sont prêts",
        "Heron's roadmap is out",
    ],
)
def test_an_obfuscated_term_is_found_among_ten_thousand_others(crowded_heron, blank_nlp, text):
    alone = spans(blank_nlp, text, "fr", CheckerContext(version=1, company_name="Norvane", terms=(HERON,)))
    assert alone
    assert spans(blank_nlp, text, "fr", crowded_heron) == alone


def test_the_insider_rule_reuses_the_terms_found_for_the_post(blank_nlp):
    context = CheckerContext(version=1, company_name="Norvane", terms=(*OTHERS[:1_000], HERON))
    doc = blank_nlp["fr"]("Le rachat avance, H-E-R-O-N signe bientôt")
    assert [f.params["term"] for f in ConfidentialTermRule().check(doc, context)] == ["Heron"]
    assert [f.params["event"] for f in InsiderEventRule().check(doc, context)] == ["Heron"]


def test_the_index_matches_exactly_like_one_alternation_of_every_pattern():
    # given 2,000 names, some sharing prefixes, and their patterns as one alternation (the former matcher)
    names = [t.term for t in synthetic_terms(2_000, seed=3)] + [t.term for t in HOMONYM_TERMS] + ["Ka", "Kalo", "X9"]
    patterns = [_term_pattern(n) for n in names]
    alternation = re.compile("|".join(f"(?P<t{n}>{p})" for n, p in enumerate(patterns)))
    index = TermIndex([n.lower() for n in names], patterns)
    rng = random.Random(11)
    for _ in range(200):
        variants = []
        for name in (rng.choice(names) for _ in range(3)):
            low = name.lower()
            variants.append(
                rng.choice([low, "-".join(low), low.replace("o", "0").replace("i", "1"), low + "s", "x" + low])
            )
        text = " et ".join(variants) + " ka kalo x 9 cigales pic vert"
        expected = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in alternation.finditer(text)]
        assert list(index.finditer(text)) == expected

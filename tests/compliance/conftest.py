"""A fictional company, Norvane (kitchen robots), its checker context, and helpers to run rules fast."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest
import spacy

from compliance.context import CheckerContext, TermEntry, TopicEntry, WorkEntry, context_cache_clear
from compliance.folding import fingerprints
from compliance.rules.base import Finding, Rule

MEMO_TEXT = (
    "Le comité a décidé que la nouvelle ligne de robots pétrins serait assemblée à Trémoulin dès le printemps, "
    "avec une équipe réduite de moitié et un contrôle qualité entièrement automatisé par caméras pour chaque "
    "machine sortant de l'atelier de montage."
)
NOVEL_TEXT = (
    "The old baker never measured anything. He listened to the dough the way other men listen to the weather, "
    "and when it was ready he knew it before the clock did, because bread, he said, keeps its own time and "
    "only fools argue with it."
)
FACTS = (
    "Norvane a réalisé un chiffre d'affaires de 87 millions d'euros en 2024.",
    "Contacts publics : presse@norvane.example, +33 1 84 88 20 00.",
    "Norvane fabrique des robots de cuisine à Trémoulin depuis 1998.",
)


def norvane_context() -> CheckerContext:
    works = (
        WorkEntry("memo.md", "Compte rendu atelier", "internal"),
        WorkEntry("baker.md", "The Baker's Hours", "protected", author="Edwin Marlow"),
    )
    index: dict[int, list[int]] = {}
    for n, text in enumerate((MEMO_TEXT, NOVEL_TEXT)):
        for h in fingerprints(text):
            index.setdefault(h, []).append(n)
    return CheckerContext(
        version=1,
        company_name="Norvane",
        company_language="fr",
        terms=(
            TermEntry("Mistral", "project", "Robot pétrin professionnel, lancement prévu en 2027"),
            TermEntry("Pétrin X9", "product", "Robot pétrin sous embargo"),
            TermEntry("Halvorsen Foods", "client", "Client pilote sous NDA"),
            TermEntry("Agathe Roussel", "person", "Future directrice des ventes, non annoncée"),
        ),
        quiet_topics=(
            TopicEntry("explosion de Trémoulin", "Explosion dans l'atelier de Trémoulin : cellule de crise"),
        ),
        works=works,
        shingles=MappingProxyType({h: tuple(v) for h, v in index.items()}),
        public_domains=frozenset({"norvane.example"}),
        public_facts=FACTS,
    )


@pytest.fixture(scope="session")
def ctx() -> CheckerContext:
    return norvane_context()


@pytest.fixture(scope="session")
def blank_nlp() -> dict[str, spacy.language.Language]:
    return {"fr": spacy.blank("fr"), "en": spacy.blank("en")}


@pytest.fixture
def run_rule(ctx, blank_nlp) -> Callable[..., list[Finding]]:
    def run(rule: Rule, text: str, lang: str = "fr", role: str = "employee") -> list[Finding]:
        doc = blank_nlp[lang](text)
        doc.user_data["author_role"] = role
        return list(rule.check(doc, ctx))

    return run


@pytest.fixture(autouse=True)
def _fresh_context():
    from compliance import clauses

    context_cache_clear()
    clauses.clear()  # a clause cited (or its link) by an earlier test is cached for a few seconds
    yield
    context_cache_clear()
    clauses.clear()


def write_bundle(folder: Path, *, terms: str | None = None, company: str | None = None) -> Path:
    (folder / "internal").mkdir(parents=True, exist_ok=True)
    (folder / "protected").mkdir(exist_ok=True)
    (folder / "company.json").write_text(
        company
        or (
            '{"name": "Norvane", "language": "fr", "public_domains": ["norvane.example"], '
            '"public_facts": ["Norvane a réalisé un chiffre d\'affaires de 87 millions d\'euros en 2024."]}'
        ),
        encoding="utf-8",
    )
    (folder / "terms.csv").write_text(
        terms
        or (
            "term,kind,note\nMistral,project,Robot pétrin professionnel\nPétrin X9,product,Sous embargo\n"
            "explosion de Trémoulin,quiet_topic,Explosion dans l'atelier de Trémoulin\n"
        ),
        encoding="utf-8",
    )
    (folder / "internal" / "memo.md").write_text("# Compte rendu atelier\n\n" + MEMO_TEXT, encoding="utf-8")
    (folder / "protected" / "baker.md").write_text(
        "title: The Baker's Hours\nauthor: Edwin Marlow\nrights_holder: Quillon Press\nlanguage: en\n\n" + NOVEL_TEXT,
        encoding="utf-8",
    )
    return folder

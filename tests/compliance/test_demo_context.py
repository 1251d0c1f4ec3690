from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from compliance.context import context_build
from compliance.engine import analyze
from compliance.example_drafts import example_drafts
from compliance.models import ConfidentialTerm, InternalDocument, ProtectedWork, PublicDomain, PublicFact, QuietTopic

EXPECTED = {
    "confidentiality.confidential_term",
    "confidentiality.personal_data",
    "confidentiality.internal_document",
    "conduct.crisis_topic",
    "copyright.protected_work",
    "conduct.insult",
}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    return context_build()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_example_draft_of_the_demo_shows_its_finding_and_the_clean_one_none(demo, language):
    with translation.override(language):
        drafts = example_drafts(demo)
    found: set[str] = set()
    for draft in drafts[:-1]:
        categories = analyze(draft.text, context=demo).categories
        assert categories, draft.text
        found |= set(categories)
    assert EXPECTED <= found
    assert analyze(drafts[-1].text, context=demo).verdict == "ok"


def test_the_demo_context_has_every_kind_of_entry_and_a_second_seeding_changes_nothing(demo):
    models = (ConfidentialTerm, QuietTopic, InternalDocument, ProtectedWork, PublicDomain, PublicFact)
    counts = [m.objects.count() for m in models]
    assert all(counts) and counts[0] >= 4
    version = context_build().version
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo checker context: already there." in out.getvalue().splitlines()
    assert [m.objects.count() for m in models] == counts
    assert context_build().version == version


def test_without_the_demo_context_only_generic_examples_are_offered(db):
    texts = " ".join(d.text for d in example_drafts(context_build()))
    assert "Orion" not in texts and "Vernier" not in texts

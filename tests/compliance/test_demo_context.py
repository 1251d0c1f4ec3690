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


def test_the_check_page_offers_the_demo_examples_in_the_reader_language_and_each_one_works_without_script(
    as_user, employee_bob
):
    import html as html_module

    from django.urls import reverse

    from compliance.demo import seed_checker_context

    seed_checker_context(io.StringIO())
    client = as_user(employee_bob)
    page = client.get(reverse("compliance:checker"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Essayer un exemple" in page and "Nom de code confidentiel" in page
    assert "Fier de travailler sur Projet Orion" in html_module.unescape(page)
    assert "compliance/example_drafts" in page and "<script>" not in page
    # given the French example of the codename, posted as its button does without JavaScript
    with translation.override("fr"):
        text = example_drafts(context_build())[0].text
    response = client.post(reverse("compliance:checker"), {"text": text, "platform": "linkedin"})
    assert "Projet Orion" in response.content.decode() and response.context["result"]["findings"]

"""In a real browser: an employee checks a draft post and sees what to fix, highlighted in the text,
with the charter clause it breaches and how to fix it (in French and in English)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from compliance.services import context_bundle_import
from tests.charters.conftest import published_small, small_charter  # noqa: F401
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.compliance.conftest import write_bundle
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Author:
    email: str
    draft: str
    link: str
    draft_label: str
    check: str
    verdict: str
    fix: str
    clause: str


FRENCH = Author(
    email="bob@example.org",
    draft="Belle réunion ce matin sur Mistral, notre futur robot !",
    link="Vérifier une publication",
    draft_label="Votre brouillon",
    check="Vérifier",
    verdict="Ne pas publier",
    fix="Comment corriger :",
    clause="Article de la charte : §2 Confidentialité",
)
ENGLISH = Author(
    email="emma@example.org",
    draft="Great meeting this morning about Mistral, our next robot!",
    link="Check a post",
    draft_label="Your draft",
    check="Check",
    verdict="Do not publish",
    fix="How to fix it:",
    clause="Charter clause: §2 Confidentiality",
)


@pytest.fixture
def checker_ready(real_transactions, published_small, employee_bob, employee_emma_en, tmp_path):  # noqa: F811
    """The small charter (its clause 2 is tagged confidentiality) is in force; Mistral is a codename."""
    context_bundle_import(folder=write_bundle(tmp_path))


@pytest.mark.parametrize("author", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_an_employee_checks_a_draft_and_sees_the_highlights_the_clause_and_the_fix(page, checker_ready, author):
    sign_in(page, author.email)
    page.get_by_role("link", name=author.link, exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/checker/")
    expect(page.get_by_label(author.draft_label)).to_be_visible()
    assert_accessible(page, "checker")
    # when they type their draft and ask for a check from the keyboard
    page.get_by_label(author.draft_label).focus()
    page.keyboard.type(author.draft)
    page.get_by_role("button", name=author.check, exact=True).focus()
    page.keyboard.press("Enter")
    # then the verdict, the codename marked in their text, the clause and the fix
    expect(page.get_by_role("heading", name=author.verdict)).to_be_visible()
    mark = page.locator(".draft-highlighted mark")
    expect(mark.first).to_have_text("Mistral")
    finding = page.locator("ol.findings li").first
    expect(finding).to_contain_text("Mistral")
    expect(finding).to_contain_text(author.fix)
    expect(finding.locator(".clause")).to_contain_text(author.clause)
    assert_accessible(page, f"checker result ({author.email})")
    screenshot(page, "highlights")

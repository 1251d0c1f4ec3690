"""In a real browser: an employee compares two versions of a charter and reads rendered text (a new
heading as a heading, a new list as a list), with insertions and deletions said to screen readers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from charters import services
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_versions(real_transactions, hr_alice, approver_victor, employee_bob, employee_emma_en):  # noqa: F811
    charter = services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    v1 = publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    v2 = services.charter_version_start(charter=charter, by=hr_alice.user)
    body_fr = v1.body_fr.replace(
        "La charte s'applique à tous.", "La charte s'applique à tous.\n\n### Qui\n- les stagiaires"
    )
    body_en = SMALL_EN.replace(
        "The charter applies to everyone.", "The charter applies to everyone.\n\n### Who\n- interns"
    )
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=body_fr)
    services.charter_translation_save(version=v2, language="en", body=body_en, by=hr_alice.user)
    return publish(v2, author=hr_alice.user, approver=approver_victor.user)


@pytest.mark.parametrize(
    ("email", "heading", "item", "inserted"),
    [
        ("bob@example.org", "ajouté : Qui", "ajouté : les stagiaires", "ajouté :"),
        ("emma@example.org", "inserted: Who", "inserted: interns", "inserted:"),
    ],
    ids=["fr", "en"],
)
def test_an_employee_reads_the_changes_as_rendered_text(page, two_versions, email, heading, item, inserted):
    sign_in(page, email)
    page.goto(f"{page.base_url}/charters/small/diff/?from=1&to=2")
    diff = page.locator(".charter-diff")
    expect(diff.get_by_role("heading", name=heading)).to_be_visible()
    expect(diff.get_by_role("listitem")).to_have_text(item)
    assert "###" not in diff.inner_text() and "- les" not in diff.inner_text()
    # the labels are for screen readers only: on screen, the marks say it
    label = diff.locator("ins .visually-hidden").first
    expect(label).to_have_text(inserted + " ")
    box = label.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    assert_accessible(page, "version diff")
    screenshot(page, "diff")

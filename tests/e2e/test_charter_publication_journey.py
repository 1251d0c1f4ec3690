"""In a real browser: HR finishes a draft and sends it for review, an approver on another computer
approves it, HR publishes it and the published version shows its SHA-256."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from charters import services
from charters.models import CharterVersion
from policy_portal.roles import Role
from tests.charters.conftest import SMALL_EN, SMALL_FR
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(real_transactions, hr_alice):  # noqa: F811
    charter = services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    return charter.versions.get(number=1)


def _press(page, locator) -> None:
    """Reach a control and activate it from the keyboard."""
    locator.focus()
    page.keyboard.press("Enter")


def test_hr_drafts_an_approver_approves_and_hr_publishes_with_the_hash(new_page, draft):
    approver = person(Role.APPROVER, first_name="Vera", email="vera.approver@example.org", language="en")
    hr = new_page(locale="fr-FR", name="hr")
    # given HR (French interface) opens the draft from her home page
    sign_in(hr, "alice.hr@example.org")
    _press(hr, hr.get_by_role("link", name="Terminer le brouillon de Petite charte v1"))
    expect(hr.get_by_role("heading", name="Modifier Petite charte v1")).to_be_visible()
    assert_accessible(hr, "edit draft")
    # when she adds a clause in both languages, a summary and the effective date, and saves
    hr.get_by_label("Texte français (fait foi, Markdown)").focus()
    hr.keyboard.press("Control+End")
    hr.keyboard.type("\n\n## 3 Respect {tags: conduct}\nRestez courtois en ligne.\n")
    hr.get_by_label("Traduction anglaise (Markdown)").focus()
    hr.keyboard.press("Control+End")
    hr.keyboard.type("\n\n## 3 Respect {tags: conduct}\nStay courteous online.\n")
    hr.get_by_label("Résumé des changements").focus()
    hr.keyboard.type("Ajout de l'article sur le respect.")
    effective = (timezone.localdate() - timedelta(days=1)).isoformat()
    hr.get_by_label("Date d'entrée en vigueur").fill(effective)
    _press(hr, hr.get_by_role("button", name="Enregistrer le brouillon"))
    expect(hr.get_by_text("Brouillon enregistré.")).to_be_visible()
    # the French page shows the date back (an ISO value), so saving again does not erase it
    expect(hr.get_by_label("Date d'entrée en vigueur")).to_have_value(effective)
    _press(hr, hr.get_by_role("button", name="Enregistrer le brouillon"))
    expect(hr.get_by_label("Date d'entrée en vigueur")).to_have_value(effective)
    expect(hr.locator("#preview")).to_contain_text("Restez courtois en ligne.")
    screenshot(hr, "draft-saved")
    # and sends it for review with a note
    hr.get_by_label("Note pour l'approbateur (facultative)").focus()
    hr.keyboard.type("Merci de relire l'article 3.")
    _press(hr, hr.get_by_role("button", name="Envoyer en relecture"))
    expect(hr.get_by_text("Version envoyée en relecture.")).to_be_visible()
    screenshot(hr, "sent-for-review")

    # then the approver, on her own computer (English interface), finds it on her home page and approves it
    other = new_page(locale="en-GB", name="approver")
    sign_in(other, approver.user.email)
    _press(other, other.get_by_role("link", name="Review Petite charte v1"))
    expect(other.get_by_role("heading", name="Review Petite charte v1")).to_be_visible()
    expect(other.locator(".charter-text")).to_contain_text("Restez courtois en ligne.")
    expect(other.get_by_text("Merci de relire l'article 3.").first).to_be_visible()
    assert_accessible(other, "review version")
    other.get_by_label("Comment").focus()
    other.keyboard.type("Clear and fair.")
    _press(other, other.get_by_role("button", name="Approve"))
    expect(other.get_by_text("Version approved.")).to_be_visible()
    screenshot(other, "approved")

    # and HR publishes it: it is in force and shows the SHA-256 of its content
    hr.goto(hr.base_url + "/")
    _press(hr, hr.get_by_role("link", name="Publier Petite charte v1"))
    _press(hr, hr.get_by_role("link", name="Publier…"))
    # a confirmation step says it cannot be undone, warns that no labour-law step is recorded,
    # and still shows the effective date
    expect(hr.get_by_role("heading", name="Publier Petite charte v1")).to_be_visible()
    expect(hr.get_by_text("Aucune étape de droit du travail")).to_be_visible()
    expect(hr.get_by_label("Date d'entrée en vigueur")).to_have_value(effective)
    assert_accessible(hr, "publish confirmation")
    screenshot(hr, "publish-confirmation")
    _press(hr, hr.get_by_role("button", name="Publier définitivement"))
    expect(hr.get_by_text("Version publiée et en vigueur.")).to_be_visible()
    assert_accessible(hr, "charter after publishing")
    screenshot(hr, "published")
    version = CharterVersion.objects.get(pk=draft.pk)
    assert version.status == "published" and version.is_in_force and len(version.content_sha256) == 64
    assert "Restez courtois en ligne." in version.body_fr
    _press(hr, hr.get_by_role("link", name="Lire la version 1 (en vigueur)"))
    expect(hr.get_by_role("heading", name="Petite charte v1")).to_be_visible()
    expect(hr.get_by_text("SHA-256 du contenu publié")).to_be_visible()
    expect(hr.locator("code", has_text=version.content_sha256)).to_be_visible()
    assert_accessible(hr, "published version")
    screenshot(hr, "published-version-with-hash")

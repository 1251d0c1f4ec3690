"""HR publishes in the French interface: dates round-trip through the pages, and the effective date
can still be set on the confirmation step of an approved version."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from charters import services
from charters.models import CharterVersion

FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _approved(small_charter, hr_alice, approver_victor) -> CharterVersion:
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user)
    return services.charter_version_approve(version=version, by=approver_victor.user)


def test_the_edit_page_in_french_shows_the_effective_date_as_an_iso_value(small_charter, hr_alice, as_user):
    # given a draft with an effective date
    version = small_charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, effective_date=date(2026, 12, 6))
    # when HR opens it in French
    url = reverse("charters:version-edit", kwargs={"slug": "small", "number": 1})
    html = as_user(hr_alice).get(url, **FR).content.decode()
    # then the date input carries the ISO value a browser can show (not 06/12/2026)
    assert 'type="date"' in html and 'value="2026-12-06"' in html
    assert "06/12/2026" not in html


def test_saving_the_french_edit_page_again_keeps_the_effective_date(small_charter, hr_alice, as_user):
    version = small_charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, effective_date=date(2026, 12, 6))
    url = reverse("charters:version-edit", kwargs={"slug": "small", "number": 1})
    client = as_user(hr_alice)
    page = client.get(url, **FR).content.decode()
    assert 'value="2026-12-06"' in page
    # the browser posts back what the input showed
    client.post(url, {"body_fr": version.body_fr, "effective_date": "2026-12-06"}, **FR)
    version.refresh_from_db()
    assert version.effective_date == date(2026, 12, 6)


def test_an_approved_version_without_date_is_published_from_the_confirmation_page(
    small_charter, hr_alice, approver_victor, as_user
):
    # given an approved version whose effective date was never set
    version = _approved(small_charter, hr_alice, approver_victor)
    assert version.effective_date is None
    url = reverse("charters:version-publish", kwargs={"slug": "small", "number": 1})
    client = as_user(hr_alice)
    # when HR opens the confirmation page in French
    page = client.get(url, **FR).content.decode()
    assert "Publier définitivement" in page and 'type="date"' in page
    assert "Aucune étape de droit du travail" in page  # the warning that nothing binding is recorded
    # and publishes with the date set there
    response = client.post(url, {"effective_date": "2026-01-15"}, **FR)
    # then the version is published with that date, sealed in its hash
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status in ("published", "superseded") and version.effective_date == date(2026, 1, 15)
    assert len(version.content_sha256) == 64


def test_publishing_without_any_date_says_so_in_french(small_charter, hr_alice, approver_victor, as_user):
    _approved(small_charter, hr_alice, approver_victor)
    url = reverse("charters:version-publish", kwargs={"slug": "small", "number": 1})
    response = as_user(hr_alice).post(url, {"effective_date": ""}, **FR)
    assert response.status_code == 400
    assert "Fixez la date d&#x27;entrée en vigueur" in response.content.decode()
    assert CharterVersion.objects.get(charter=small_charter).status == "approved"


def test_the_confirmation_page_of_a_draft_sends_back_to_the_charter(small_charter, hr_alice, as_user):
    url = reverse("charters:version-publish", kwargs={"slug": "small", "number": 1})
    response = as_user(hr_alice).get(url, **FR)
    assert response.status_code == 302 and response["Location"].endswith("/small/")


def test_the_charter_page_offers_no_new_version_while_one_is_in_progress(small_charter, hr_alice, as_user):
    html = as_user(hr_alice).get(reverse("charters:charter-detail", kwargs={"slug": "small"}), **FR).content.decode()
    assert "Commencer une nouvelle version" not in html
    assert "La version 1 est en cours (brouillon)" in html


def test_the_history_names_statuses_in_the_readers_language(small_charter, hr_alice, approver_victor, as_user):
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user, comment="À relire")
    url = reverse("charters:version-review", kwargs={"slug": "small", "number": 1})
    html = as_user(approver_victor).get(url, **FR).content.decode()
    assert "brouillon → en relecture" in html and "draft → in_review" not in html

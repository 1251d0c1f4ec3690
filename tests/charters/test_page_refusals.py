"""Domain refusals on pages are clear pages with the right status, in either interface language."""

from __future__ import annotations

from django.urls import reverse

from charters.models import CharterVersion


def test_publishing_twice_from_the_page_is_a_conflict_page(published_small, hr_alice, as_user):
    response = as_user(hr_alice).post(reverse("charters:version-publish", kwargs={"slug": "small", "number": 1}))
    assert response.status_code == 409


def test_starting_a_second_draft_from_the_page_is_refused(small_charter, hr_alice, as_user):
    response = as_user(hr_alice).post(reverse("charters:version-start", kwargs={"slug": "small"}))
    assert response.status_code == 409
    assert CharterVersion.objects.filter(charter=small_charter).count() == 1


def test_hr_marks_the_english_up_to_date_after_changing_the_french(small_charter, hr_alice, as_user):
    version = small_charter.versions.get()
    url = reverse("charters:version-edit", kwargs={"slug": "small", "number": 1})
    client = as_user(hr_alice)
    english = version.translations.get().body
    client.post(url, {"body_fr": version.body_fr + "\nAjout.", "body_en": english, "material": "on"})
    assert version.translations.get().based_on_fr_revision == 1  # stale: the English did not follow
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "English translation out of date" in html
    version.refresh_from_db()
    client.post(url, {"body_fr": version.body_fr, "body_en": english, "translation_up_to_date": "on"})
    assert version.translations.get().based_on_fr_revision == 2


def test_pages_render_in_the_french_interface(published_small, employee_bob, as_user):
    response = as_user(employee_bob).get(
        reverse("charters:version-read", kwargs={"slug": "small", "number": 1}), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200 and '<html lang="fr">' in response.content.decode()

"""The journey through the pages, as HR, an approver and employees."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from charters.models import Charter, CharterVersion

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_hr_and_approver_publish_the_model_charter_through_the_pages(hr_alice, approver_victor, as_user):
    hr, approver = as_user(hr_alice), as_user(approver_victor)
    # HR creates the charter from the model
    response = hr.post(
        reverse("charters:charter-create"),
        {"name": "Charte réseaux sociaux", "slug": "rs", "audience": "everyone", "from_model": "on"},
    )
    assert response.status_code == 302
    edit_url = reverse("charters:version-edit", kwargs={"slug": "rs", "number": 1})
    page = hr.get(edit_url, **EN)
    assert "Confidentialité" in page.content.decode() and "Send for review" in page.content.decode()
    version = CharterVersion.objects.get(charter__slug="rs")
    # HR sets the effective date, keeps the texts, sends for review
    response = hr.post(
        edit_url,
        {
            "body_fr": version.body_fr,
            "body_en": version.translations.get().body,
            "change_summary": "Première version",
            "material": "on",
            "effective_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert hr.post(reverse("charters:version-submit", kwargs={"slug": "rs", "number": 1})).status_code == 302
    # the approver sees it on the home page, then approves it
    home = approver.get(reverse("home"), **EN).content.decode()
    assert "Review Charte réseaux sociaux v1" in home
    review_url = reverse("charters:version-review", kwargs={"slug": "rs", "number": 1})
    assert "Approve" in approver.get(review_url, **EN).content.decode()
    assert approver.post(review_url, {"action": "approve", "comment": "OK"}).status_code == 302
    # HR publishes
    assert hr.post(reverse("charters:version-publish", kwargs={"slug": "rs", "number": 1})).status_code == 302
    version.refresh_from_db()
    assert version.status == "published" and version.is_in_force


def test_the_live_preview_renders_clauses_with_anchors(hr_alice, as_user):
    response = as_user(hr_alice).post(
        reverse("charters:preview"), {"body_fr": "## 3.2 Secret {tags: confidentiality}\n<script>x</script>"}, **EN
    )
    html = response.content.decode()
    assert 'id="clause-3-2"' in html and "confidentiality" in html
    assert "<script>" not in html


def test_the_live_preview_renders_the_english_text_when_typed_in_the_english_box(hr_alice, as_user):
    # the whole form is posted; the English box says which text to render
    form = {"body_fr": "## 1 Secret\nTexte français.", "body_en": "## 1 Secrecy\nEnglish text.", "language": "en"}
    html = as_user(hr_alice).post(reverse("charters:preview"), form, **EN).content.decode()
    assert "English text." in html and "Secrecy" in html and "français" not in html
    french = as_user(hr_alice).post(reverse("charters:preview"), {**form, "language": ""}, **EN).content.decode()
    assert "Texte français." in french and "English text." not in french


def test_employee_reads_english_with_a_link_to_the_french(published_small, employee_emma_en, as_user):
    url = reverse("charters:version-read", kwargs={"slug": "small", "number": 1})
    html = as_user(employee_emma_en).get(url, **EN).content.decode()
    assert "Never publish internal information." in html
    assert "Read the authoritative French text" in html and "?lang=fr" in html
    french = as_user(employee_emma_en).get(url + "?lang=fr", **EN).content.decode()
    assert "Ne publiez aucune information interne." in french


def test_french_employee_reads_french_and_sees_the_hash(published_small, employee_bob, as_user):
    html = (
        as_user(employee_bob)
        .get(reverse("charters:version-read", kwargs={"slug": "small", "number": 1}), **EN)
        .content.decode()
    )
    assert "Ne publiez aucune information interne." in html and published_small.content_sha256 in html


def test_employees_do_not_see_drafts(small_charter, employee_bob, as_user):
    client = as_user(employee_bob)
    assert client.get(reverse("charters:version-read", kwargs={"slug": "small", "number": 1})).status_code == 404
    assert (
        "v1"
        not in client.get(reverse("charters:charter-detail", kwargs={"slug": "small"}), **EN)
        .content.decode()
        .split("<main", 1)[1]
    )


def test_charter_for_one_department_is_hidden_from_others(hr_alice, employee_bob, as_user):
    from charters import services
    from tests.factories import DepartmentFactory

    charter = services.charter_create(
        name="Charte des ventes",
        slug="ventes",
        by=hr_alice.user,
        audience=Charter.Audience.DEPARTMENTS,
        body_fr="## 1 Objet\nx",
        departments=[DepartmentFactory(code="sales")],
    )
    assert charter.slug not in as_user(employee_bob).get(reverse("charters:charter-list")).content.decode()
    assert as_user(employee_bob).get(reverse("charters:charter-detail", kwargs={"slug": "ventes"})).status_code == 404


def test_diff_page_shows_insertions_and_deletions(published_small, hr_alice, approver_victor, employee_bob, as_user):
    from charters import services
    from tests.charters.conftest import publish

    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(
        version=v2, by=hr_alice.user, body_fr=v2.body_fr.replace("à tous", "à tous les salariés")
    )
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    url = reverse("charters:version-diff", kwargs={"slug": "small"}) + "?from=1&to=2&lang=fr"
    html = as_user(employee_bob).get(url, **EN).content.decode()
    assert '<ins><span class="visually-hidden">inserted: </span>les salariés</ins>' in html
    assert "what changed from version 1 to version 2" in html and "## 1 Objet" not in html
    french = as_user(employee_bob).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<ins><span class="visually-hidden">ajouté : </span>les salariés</ins>' in french


def test_diff_page_renders_headings_and_lists_instead_of_markdown(
    published_small, hr_alice, approver_victor, employee_bob, as_user
):
    from charters import services
    from tests.charters.conftest import publish

    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    body = v2.body_fr.replace("La charte s'applique à tous.", "La charte s'applique à tous.\n\n### Qui\n- les salariés")
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=body)
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    url = reverse("charters:version-diff", kwargs={"slug": "small"}) + "?from=1&to=2"
    html = as_user(employee_bob).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    diff = html[html.index('class="charter-diff"') :]
    assert "###" not in diff and "- les salariés" not in diff
    assert '<h4 class="diff-heading"><ins><span class="visually-hidden">ajouté : </span>Qui</ins></h4>' in diff
    assert '<ul><li><ins><span class="visually-hidden">ajouté : </span>les salariés</ins></li></ul>' in diff


def test_approver_cannot_review_their_own_version_on_the_page(hr_alice, as_user):
    from django.contrib.auth.models import Group

    from charters import services

    hr_alice.user.groups.add(Group.objects.get(name="approver"))
    charter = services.charter_create(name="C", slug="c", by=hr_alice.user, body_fr="## 1 Objet\nx")
    services.charter_version_submit(version=charter.versions.get(), by=hr_alice.user)
    url = reverse("charters:version-review", kwargs={"slug": "c", "number": 1})
    client = as_user(hr_alice)
    assert "another approver must approve it" in client.get(url, **EN).content.decode()
    assert client.post(url, {"action": "approve"}, **EN).status_code == 403


def test_steps_page_records_an_upload_and_warns_on_a_short_delay(small_charter, hr_alice, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from charters import services

    version = small_charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, effective_date=timezone.localdate())
    url = reverse("charters:version-steps", kwargs={"slug": "small", "number": 1})
    client = as_user(hr_alice)
    response = client.post(
        url,
        {
            "kind": "cse_opinion",
            "done_on": timezone.localdate().isoformat(),
            "document": SimpleUploadedFile("avis.pdf", b"%PDF-1.4 avis", "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert version.legal_steps.get(kind="cse_opinion").document.read() == b"%PDF-1.4 avis"
    assert "less than one month after the last formality" in client.get(url, **EN).content.decode()


def test_diff_page_without_a_choice_compares_the_two_latest_and_offers_a_picker(
    published_small, hr_alice, approver_victor, employee_bob, as_user
):
    from charters import services
    from tests.charters.conftest import publish

    # a charter with a single version has nothing to compare: a clear refusal, not a crash
    url = reverse("charters:version-diff", kwargs={"slug": "small"})
    assert as_user(employee_bob).get(url, **EN).status_code == 400
    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=v2.body_fr.replace("à tous", "à chacun"))
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    html = as_user(employee_bob).get(url, **EN).content.decode()
    assert "what changed from version 1 to version 2" in html
    assert 'name="from"' in html and 'name="to"' in html and "<ins>" in html


def test_home_cards_give_due_dates_in_the_readers_format(campaign, employee_bob, as_user):
    html = as_user(employee_bob).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    due = campaign.assignments.get(employee=employee_bob).due_on
    assert due.isoformat() not in html
    from django.utils import formats, translation

    with translation.override("fr"):
        assert formats.date_format(due, "DATE_FORMAT") in html

"""API: read for readers, write for HR, approve for approvers; refusals are JSON."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone


def _url(name, **kwargs):
    return reverse(f"api:{name}", kwargs=kwargs)


def test_employee_reads_charters_versions_and_clauses(published_small, employee_bob, as_user):
    client = as_user(employee_bob)
    assert [c["slug"] for c in client.get(_url("charter-list")).json()] == ["small"]
    version = client.get(_url("charter-version-detail", slug="small", number=1)).json()
    assert version["status"] == "published" and version["in_force"] is True
    assert version["content_sha256"] == published_small.content_sha256
    clauses = client.get(_url("charter-version-clauses", slug="small", number=1) + "?lang=en").json()
    assert [(c["number"], c["title"], c["tags"]) for c in clauses] == [
        ("1", "Purpose", []),
        ("2", "Confidentiality", ["confidentiality"]),
    ]


def test_employee_cannot_write_or_approve(published_small, employee_bob, as_user):
    client = as_user(employee_bob)
    for name in ("charter-version-start",):
        response = client.post(_url(name, slug="small"))
        assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    response = client.post(_url("charter-version-approve", slug="small", number=1), {})
    assert response.status_code == 403


def test_hr_writes_and_approver_approves_through_the_api(hr_alice, approver_victor, as_user):
    hr, approver = as_user(hr_alice), as_user(approver_victor)
    created = hr.post(
        _url("charter-create"), {"name": "Charte", "slug": "api", "from_model": True}, content_type="application/json"
    )
    assert created.status_code == 201
    effective = (timezone.localdate() - timedelta(days=1)).isoformat()
    updated = hr.post(
        _url("charter-version-update", slug="api", number=1),
        {"effective_date": effective, "change_summary": "v1"},
        content_type="application/json",
    )
    assert updated.status_code == 200 and updated.json()["effective_date"] == effective
    assert hr.post(_url("charter-version-submit", slug="api", number=1)).status_code == 200
    # HR is not an approver
    assert hr.post(_url("charter-version-approve", slug="api", number=1)).status_code == 403
    assert approver.post(_url("charter-version-approve", slug="api", number=1)).json()["status"] == "approved"
    published = hr.post(_url("charter-version-publish", slug="api", number=1))
    assert published.status_code == 200 and published.json()["in_force"] is True
    # publishing twice is a conflict, in JSON
    again = hr.post(_url("charter-version-publish", slug="api", number=1))
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_diff_api_returns_clause_changes(published_small, hr_alice, approver_victor, employee_bob, as_user):
    from charters import services
    from tests.charters.conftest import publish

    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=v2.body_fr + "\n## 3 Sanctions\nTexte.")
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    response = as_user(employee_bob).get(_url("charter-version-diff", slug="small") + "?from=1&to=2")
    by_number = {d["number"]: d for d in response.json()}
    assert by_number["3"]["status"] == "added" and by_number["1"]["status"] == "unchanged"
    assert as_user(employee_bob).get(_url("charter-version-diff", slug="small") + "?to=2").status_code == 400


def test_employees_do_not_get_drafts_from_the_api(small_charter, employee_bob, as_user):
    assert as_user(employee_bob).get(_url("charter-version-detail", slug="small", number=1)).status_code == 404


def test_openapi_documents_the_charter_endpoints(hr_alice, as_user):
    schema = as_user(hr_alice).get(reverse("api-schema") + "?format=json").json()
    assert "/api/v1/charters/{slug}/diff/" in schema["paths"]
    assert "/api/v1/charters/{slug}/versions/{number}/clauses/" in schema["paths"]

"""The evidence export API: 201 then 200 with the same export, status and progress."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_legal_asks_twice_through_the_api_and_gets_the_same_export(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    client = client_for(legal_carol)
    url = reverse("api:evidence-export-create")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"charter": "small", "number": 1}, content_type="application/json")
    again = client.post(url, {"charter": "small", "number": 1}, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    detail = client.get(reverse("api:evidence-export-detail", args=[first.json()["id"]])).json()
    assert detail["status"] == "done" and detail["percent"] == 100 and len(detail["sha256"]) == 64


def test_a_draft_version_has_no_evidence_to_export(small_charter, legal_carol):
    response = client_for(legal_carol).post(
        reverse("api:evidence-export-create"), {"charter": "small", "number": 1}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"

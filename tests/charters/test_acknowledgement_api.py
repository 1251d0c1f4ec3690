"""The acknowledgement API: pending items, reading record, idempotent acknowledge, receipts, campaign status."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from charters.models import Acknowledgement

pytestmark = pytest.mark.usefixtures("no_reading_minimum")
BODY = {"charter": "small", "number": 1}


def _api(employee) -> APIClient:
    client = APIClient()
    client.force_login(employee.user)
    return client


def test_pending_reading_acknowledge_and_receipts(campaign, employee_emma_en):
    api = _api(employee_emma_en)
    pending = api.get(reverse("api:ack-pending")).json()
    assert [(p["charter"], p["number"], p["overdue"]) for p in pending] == [("small", 1, False)]
    refused = api.post(reverse("api:ack-create"), {**BODY, "typed_name": "Emma Test"}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["reading"] is True
    opened = api.post(reverse("api:ack-reading"), {**BODY, "event": "opened", "lang": "en"}, format="json")
    assert opened.status_code == 200 and opened.json()["opened_language"] == "en"
    api.post(reverse("api:ack-reading"), {**BODY, "event": "end_reached"}, format="json")
    first = api.post(reverse("api:ack-create"), {**BODY, "typed_name": "Emma Test"}, format="json")
    again = api.post(reverse("api:ack-create"), {**BODY, "typed_name": "Emma Test"}, format="json")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == again.json()
    ack = Acknowledgement.objects.get(employee=employee_emma_en)
    assert first.json()["text_sha256"] == ack.text_sha256 and first.json()["language"] == "en"
    assert api.get(reverse("api:ack-pending")).json() == []
    assert [r["id"] for r in api.get(reverse("api:ack-receipts")).json()] == [ack.pk]


def test_a_token_client_must_give_the_password(campaign, employee_bob, settings):
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + Token.objects.create(user=employee_bob.user).key)
    api.post(reverse("api:ack-reading"), {**BODY, "event": "opened"}, format="json")
    api.post(reverse("api:ack-reading"), {**BODY, "event": "end_reached"}, format="json")
    refused = api.post(reverse("api:ack-create"), {**BODY, "typed_name": "Bob Test"}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["field"] == "password"
    ok = api.post(
        reverse("api:ack-create"),
        {**BODY, "typed_name": "Bob Test", "password": "correct horse battery"},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["auth_method"] == "api-token+password"


def test_a_version_not_in_force_or_not_mine_is_not_found(campaign, employee_bob):
    api = _api(employee_bob)
    response = api.post(
        reverse("api:ack-create"), {"charter": "small", "number": 2, "typed_name": "Bob Test"}, format="json"
    )
    assert response.status_code == 404 and "error" in response.json()


def test_campaign_status_for_hr(campaign, hr_alice, employee_bob):
    status = _api(hr_alice).get(reverse("api:campaign-status", kwargs={"slug": "small", "number": 1})).json()
    assert status["charter"] == "small" and status["totals"]["total"] == campaign.assignments.count()
    assert status["totals"]["acknowledged"] == 0 and status["departments"][0]["name"] == "General"
    assert (
        _api(employee_bob).get(reverse("api:campaign-status", kwargs={"slug": "small", "number": 1})).status_code == 403
    )


def test_the_schema_documents_the_acknowledgement_api(hr_alice):
    schema = _api(hr_alice).get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    assert "/api/v1/acknowledgements/" in paths and "/api/v1/acknowledgements/pending/" in paths
    assert "/api/v1/campaigns/{slug}/v{number}/status/" in paths
    assert "AcknowledgementCreateInputRequest" in schema["components"]["schemas"]


def test_an_api_client_that_sends_no_consent_is_refused(campaign, employee_bob):
    api = _api(employee_bob)
    api.post(reverse("api:ack-reading"), {**BODY, "event": "opened"}, format="json")
    api.post(reverse("api:ack-reading"), {**BODY, "event": "end_reached"}, format="json")
    refused = api.post(reverse("api:ack-create"), {**BODY, "typed_name": "Bob Test", "consent": False}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "consent"
    assert not Acknowledgement.objects.exists()

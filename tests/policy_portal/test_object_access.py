"""Object-level access: an employee never reads another employee's receipts, certificates, submitted drafts,
questions or assignments, through the pages or the API, even by guessing ids. Someone else's object is a 404
(its existence is not disclosed) or, for pages their role never opens, a 403; lists hold only their own rows.
Unpublished charter versions (drafts, versions in review) are invisible to employees the same way."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charters.models import Acknowledgement, CharterVersion
from compliance.models import Submission
from tests.conftest import client_for
from tests.factories import api_world


@pytest.fixture
def world(personas, employee_emma_en):
    """Bob (the "employee" persona) has a receipt, a question and a submitted draft; Emma, another employee,
    is assigned the same charter and has nothing yet."""
    return api_world(personas)


def _api(employee):
    client = client_for(employee)
    client.defaults["HTTP_ACCEPT"] = "application/json"
    return client


def test_guessing_receipt_ids_finds_only_your_own_receipt_page(world, employee_bob, employee_emma_en):
    # given: every receipt id that exists, and a few past them
    bob_receipt = Acknowledgement.objects.get(employee=employee_bob)
    ids = list(Acknowledgement.objects.values_list("pk", flat=True))
    guesses = range(max(1, min(ids) - 2), max(ids) + 3)
    emma = client_for(employee_emma_en)
    # when
    answers = {pk: emma.get(reverse("charters:ack-receipt", kwargs={"pk": pk})) for pk in guesses}
    # then: Emma has no receipt, so every guess is a 404 that says nothing of Bob's
    assert {r.status_code for r in answers.values()} == {404}
    assert not any(bob_receipt.text_sha256.encode() in r.content for r in answers.values())
    assert (
        client_for(employee_bob).get(reverse("charters:ack-receipt", kwargs={"pk": bob_receipt.pk})).status_code == 200
    )


def test_receipt_lists_and_history_hold_only_your_own_rows(world, employee_bob, employee_emma_en, reviewer_rita):
    rita_receipt = Acknowledgement.objects.get(employee=reviewer_rita)
    bob_receipt = Acknowledgement.objects.get(employee=employee_bob)
    # API: my receipts
    bob_ids = [r["id"] for r in _api(employee_bob).get(reverse("api:ack-receipts")).json()]
    assert bob_ids == [bob_receipt.pk]
    assert _api(employee_emma_en).get(reverse("api:ack-receipts")).json() == []
    # page: my history
    page = client_for(employee_bob).get(reverse("charters:ack-history")).content.decode()
    assert reverse("charters:ack-receipt", kwargs={"pk": bob_receipt.pk}) in page
    assert reverse("charters:ack-receipt", kwargs={"pk": rita_receipt.pk}) not in page


def test_certificates_and_evidence_stay_with_legal(world, employee_bob, employee_emma_en):
    bob_receipt = Acknowledgement.objects.get(employee=employee_bob)
    url = reverse("charters:evidence-certificate", kwargs={"pk": bob_receipt.pk})
    for employee in (employee_emma_en, employee_bob):  # not even one's own sealed certificate: legal serves it
        response = client_for(employee).get(url)
        assert response.status_code == 403 and response["Content-Type"].startswith("text/html")
    export = world["exports"][0]
    refused = _api(employee_emma_en).get(reverse("api:evidence-export-detail", kwargs={"pk": export}))
    assert refused.status_code == 403 and "error" in refused.json()


def test_guessing_submission_ids_finds_only_your_own_drafts(world, employee_bob, employee_emma_en):
    # given: Emma submits one draft of her own
    from compliance.review.services import submission_create

    emma_draft = submission_create(author=employee_emma_en.user, text="Mon brouillon à moi.", lang="fr")
    ids = list(Submission.objects.values_list("pk", flat=True))
    emma = client_for(employee_emma_en)
    # when
    statuses = {
        pk: emma.get(reverse("compliance:submission-detail", kwargs={"pk": pk})).status_code
        for pk in range(max(1, min(ids) - 2), max(ids) + 3)
    }
    # then
    assert {pk for pk, status in statuses.items() if status == 200} == {emma_draft.pk}
    assert set(statuses.values()) == {200, 404}
    assert [s["id"] for s in _api(employee_emma_en).get(reverse("api:submission-mine")).json()] == [emma_draft.pk]
    page = emma.get(reverse("compliance:submission-list")).content.decode()
    assert "Brouillon de employee" not in page and "Mon brouillon à moi." in page


def test_other_peoples_submissions_cannot_be_claimed_or_decided_by_an_employee(world, employee_emma_en):
    bob_submission = world["submissions"]["employee"]
    api = _api(employee_emma_en)
    for name in ("api:review-claim", "api:review-decide"):
        response = api.post(reverse(name, kwargs={"pk": bob_submission}), {"decision": "approved"})
        assert response.status_code == 403
    page = client_for(employee_emma_en).get(reverse("compliance:review-detail", kwargs={"pk": bob_submission}))
    assert page.status_code == 403 and b"Brouillon de employee" not in page.content
    assert Submission.objects.get(pk=bob_submission).status == Submission.Status.SUBMITTED


def test_questions_and_assignments_are_not_shown_to_other_employees(world, employee_bob, employee_emma_en):
    emma = client_for(employee_emma_en)
    # Bob's question is on no page Emma can open
    for url in (
        reverse("charters:ack-history"),
        reverse("charters:ack-read", kwargs={"slug": "in-force", "number": 1}),
    ):
        response = emma.get(url)
        assert response.status_code == 200 and b"Question de employee" not in response.content
    # answering it (HR's work) and Bob's history page (HR's dashboard) are refused
    assert (
        emma.post(reverse("charters:feedback-answer", kwargs={"pk": world["feedback"]["employee"]})).status_code == 403
    )
    assert emma.get(reverse("charters:campaign-employee", kwargs={"pk": employee_bob.pk})).status_code == 403
    # the API lists her own assignment only
    pending = _api(employee_emma_en).get(reverse("api:ack-pending")).json()
    assert [(p["charter"], p["number"], p["status"]) for p in pending] == [("in-force", 1, "pending")]


def test_unpublished_versions_are_a_404_for_employees_on_pages_and_api(world, employee_emma_en, approver_victor):
    emma, api = client_for(employee_emma_en), _api(employee_emma_en)
    unpublished = [("in-force", world["draft"][1]), ("in-review", 1), ("approved", 1)]
    for slug, number in unpublished:
        assert emma.get(reverse("charters:version-read", kwargs={"slug": slug, "number": number})).status_code == 404
        detail = api.get(reverse("api:charter-version-detail", kwargs={"slug": slug, "number": number}))
        assert detail.status_code == 404 and detail.json()["error"]["code"] == "not_found"
    versions = api.get(reverse("api:charter-version-list", kwargs={"slug": "in-force"})).json()
    assert [v["number"] for v in versions] == [1]
    for slug in ("in-review", "approved"):  # a charter never published is not shown to its audience at all
        listing = api.get(reverse("api:charter-version-list", kwargs={"slug": slug}))
        assert listing.status_code == 404 and listing.json()["error"]["code"] == "not_found"
        assert slug not in [c["slug"] for c in api.get(reverse("api:charter-list")).json()]
    # the approver does see what waits for review
    review = client_for(approver_victor).get(
        reverse("charters:version-review", kwargs={"slug": "in-review", "number": 1})
    )
    assert review.status_code == 200
    assert CharterVersion.objects.get(charter__slug="in-review").status == CharterVersion.Status.IN_REVIEW

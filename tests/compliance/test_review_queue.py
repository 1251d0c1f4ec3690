"""The review queue: submitting stores a draft with its findings; who sees what; claim and decide; notices."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from compliance.models import Submission
from compliance.review import services
from compliance.services import context_bundle_import
from policy_portal.errors import ApplicationError, Conflict
from tests.charters.conftest import published_small, small_charter  # noqa: F401
from tests.compliance.conftest import write_bundle
from tests.compliance.review_fixtures import decide, submit

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


def test_a_draft_is_stored_only_when_submitted_with_its_findings(as_user, employee_bob):
    # given: a plain check stores nothing
    client = as_user(employee_bob)
    client.post(reverse("compliance:checker"), {"text": "Réunion Mistral ce matin", "platform": "x"})
    assert not Submission.objects.exists()
    # when: the employee submits it from the check page
    response = client.post(
        reverse("compliance:submission-create"),
        {"text": "Réunion Mistral ce matin", "platform": "x", "lang": "fr", "comment": "Is the codename OK?"},
    )
    # then
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "compliance:submission-detail", kwargs={"pk": submission.pk}
    )
    assert (submission.text, submission.comment, submission.verdict) == (
        "Réunion Mistral ce matin",
        "Is the codename OK?",
        "block",
    )
    assert submission.department == "general"
    finding = submission.findings.get()
    assert (finding.category, finding.rule, finding.start, finding.end, finding.severity) == (
        "confidentiality.confidential_term",
        "confidential_term.registry",
        8,
        15,
        "high",
    )


def test_the_check_page_offers_to_submit_the_draft(as_user, employee_bob):
    html = (
        as_user(employee_bob)
        .post(reverse("compliance:checker"), {"text": "Lovely soup", "platform": "x"}, HTTP_HX_REQUEST="true", **EN)
        .content.decode()
    )
    assert "Submit for review" in html and 'value="Lovely soup"' in html
    assert reverse("compliance:submission-create") in html


def test_an_employee_sees_only_their_own_submissions(as_user, employee_bob, employee_emma_en):
    bobs = submit(employee_bob, "Bob's draft about Mistral")
    emmas = submit(employee_emma_en, "Emma's draft", lang="en")
    listing = as_user(employee_bob).get(reverse("compliance:submission-list"), **EN).content.decode()
    assert "Bob&#x27;s draft" in listing and "Emma" not in listing
    assert as_user(employee_bob).get(reverse("compliance:submission-detail", kwargs={"pk": bobs.pk})).status_code == 200
    assert (
        as_user(employee_bob).get(reverse("compliance:submission-detail", kwargs={"pk": emmas.pk})).status_code == 404
    )
    api = as_user(employee_bob).get(reverse("api:submission-mine")).json()
    assert [row["id"] for row in api] == [bobs.pk]


def test_a_reviewer_cannot_read_an_employees_submission_page_but_reviews_it(as_user, employee_bob, reviewer_rita):
    s = submit(employee_bob)
    assert as_user(reviewer_rita).get(reverse("compliance:submission-detail", kwargs={"pk": s.pk})).status_code == 404
    page = as_user(reviewer_rita).get(reverse("compliance:review-detail", kwargs={"pk": s.pk}), **EN)
    assert page.status_code == 200 and '<a href="#finding-1">Mistral</a>' in page.content.decode()


def test_an_employee_cannot_open_the_queue_or_a_review(as_user, employee_bob):
    s = submit(employee_bob)
    assert as_user(employee_bob).get(reverse("compliance:review-detail", kwargs={"pk": s.pk})).status_code == 403
    assert as_user(employee_bob).post(reverse("api:review-claim", kwargs={"pk": s.pk})).status_code == 403


def test_the_queue_is_sorted_by_age_with_findings(as_user, employee_bob, reviewer_rita):
    from datetime import timedelta

    from django.utils import timezone

    newer = submit(employee_bob, "Lovely soup")
    older = submit(employee_bob, "Réunion Mistral")
    Submission.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=2))
    rows = as_user(reviewer_rita).get(reverse("api:review-queue")).json()
    assert [r["id"] for r in rows] == [older.pk, newer.pk]
    assert rows[0]["findings"][0]["category"] == "confidentiality.confidential_term"
    html = as_user(reviewer_rita).get(reverse("compliance:review-queue"), **EN).content.decode()
    assert html.index(f'review/{older.pk}/"') < html.index(f'review/{newer.pk}/"')
    assert "confidentiality.confidential_term" in html


def test_two_reviewers_cannot_claim_the_same_post(employee_bob, reviewer_rita, admin_ada):
    # given: both reviewers loaded the post while it was waiting
    s = submit(employee_bob)
    seen_by_rita, seen_by_ada = Submission.objects.get(pk=s.pk), Submission.objects.get(pk=s.pk)
    # when
    services.submission_claim(submission=seen_by_rita, by=reviewer_rita.user)
    # then
    with pytest.raises(Conflict):
        services.submission_claim(submission=seen_by_ada, by=admin_ada.user)
    assert Submission.objects.get(pk=s.pk).claimed_by == reviewer_rita.user


def test_claim_conflict_is_a_409_in_the_api(as_user, employee_bob, reviewer_rita, admin_ada):
    s = submit(employee_bob)
    url = reverse("api:review-claim", kwargs={"pk": s.pk})
    assert as_user(reviewer_rita).post(url).status_code == 200
    response = as_user(admin_ada).post(url)
    assert response.status_code == 409 and response.json()["error"]["code"] == "review_conflict"


def test_a_reviewer_cannot_review_their_own_post(reviewer_rita):
    s = submit(reviewer_rita)
    with pytest.raises(Conflict):
        services.submission_claim(submission=s, by=reviewer_rita.user)


def test_only_the_claiming_reviewer_decides(employee_bob, reviewer_rita, admin_ada):
    s = submit(employee_bob)
    with pytest.raises(Conflict):
        services.submission_decide(submission=s, by=reviewer_rita.user, decision="approved")
    services.submission_claim(submission=s, by=reviewer_rita.user)
    with pytest.raises(Conflict):
        services.submission_decide(submission=s, by=admin_ada.user, decision="approved")


@pytest.mark.parametrize(
    "decision,kwargs",
    [
        ("rejected", {}),
        ("changes_requested", {"reason": "Remove the codename"}),
        ("changes_requested", {"suggested_text": "Réunion Mistral ce matin, on avance !"}),  # the draft unchanged
        ("maybe", {"reason": "x"}),
    ],
)
def test_a_decision_needs_what_the_author_must_know(employee_bob, reviewer_rita, decision, kwargs):
    s = submit(employee_bob)
    services.submission_claim(submission=s, by=reviewer_rita.user)
    with pytest.raises(ApplicationError):
        services.submission_decide(submission=s, by=reviewer_rita.user, decision=decision, **kwargs)
    assert Submission.objects.get(pk=s.pk).status == "claimed"


def test_the_author_is_emailed_and_sees_a_home_notification(
    as_user, employee_emma_en, reviewer_rita, django_capture_on_commit_callbacks
):
    s = submit(employee_emma_en, "Meeting about Mistral today", lang="en")
    with django_capture_on_commit_callbacks(execute=True):
        decide(s, reviewer_rita, "changes_requested", suggested_text="Meeting about our new project today")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["emma@example.org"]
    assert "Changes requested" in message.subject
    assert "Meeting about our new project today" in message.body
    home = as_user(employee_emma_en).get(reverse("home"), **EN).content.decode()
    assert "A reviewer asks for changes to the post you submitted on" in home
    # reading the decision removes the notification
    page = as_user(employee_emma_en).get(reverse("compliance:submission-detail", kwargs={"pk": s.pk}), **EN)
    assert "Suggested edit" in page.content.decode()
    assert "A reviewer asks" not in as_user(employee_emma_en).get(reverse("home"), **EN).content.decode()


@pytest.mark.parametrize("persona,language", [("employee_bob", "fr"), ("employee_emma_en", "en")])
def test_the_email_is_written_in_the_authors_language(
    request, persona, language, reviewer_rita, monkeypatch, django_capture_on_commit_callbacks
):
    # given: every message records the language active when it was translated
    from django.utils import translation

    monkeypatch.setattr(services, "gettext", lambda text: f"[{translation.get_language()}] {text}")
    s = submit(request.getfixturevalue(persona))
    # when: decided while the reviewer's request is in the other language
    with translation.override("en" if language == "fr" else "fr"), django_capture_on_commit_callbacks(execute=True):
        decide(s, reviewer_rita, "rejected", reason="Nom de code confidentiel")
    # then
    assert mail.outbox[0].subject.startswith(f"[{language}] ")
    assert "Nom de code confidentiel" in mail.outbox[0].body


def test_reviewers_get_a_home_card_for_the_queue(as_user, employee_bob, reviewer_rita):
    submit(employee_bob)
    home = as_user(reviewer_rita).get(reverse("home"), **EN).content.decode()
    assert "Review submitted posts" in home and "1 waiting, 0 claimed by you." in home


def test_the_reviewer_journey_through_the_pages(as_user, employee_bob, reviewer_rita):
    s = submit(employee_bob)
    client = as_user(reviewer_rita)
    client.post(reverse("compliance:review-claim", kwargs={"pk": s.pk}))
    page = client.get(reverse("compliance:review-detail", kwargs={"pk": s.pk}), **EN).content.decode()
    assert "Send the decision" in page
    response = client.post(
        reverse("compliance:review-decide", kwargs={"pk": s.pk}),
        {"decision": "rejected", "reason": "Codename under embargo", "suggested_text": s.text},
    )
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.status, s.reason, s.claimed_by) == ("rejected", "Codename under embargo", reviewer_rita.user)
    assert s.suggested_text == ""  # the pre-filled edit is not kept with a rejection
    mine = as_user(employee_bob).get(reverse("compliance:submission-detail", kwargs={"pk": s.pk}), **EN)
    assert "Rejected" in mine.content.decode() and "Codename under embargo" in mine.content.decode()


def test_api_submit_and_decide(as_user, employee_bob, reviewer_rita):
    created = as_user(employee_bob).post(
        reverse("api:submission-create"),
        {"text": "Réunion Mistral", "comment": "OK?", "lang": "fr"},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["status"] == "submitted" and created.json()["findings"][0]["rule"]
    as_user(reviewer_rita).post(reverse("api:review-claim", kwargs={"pk": pk}))
    decided = as_user(reviewer_rita).post(
        reverse("api:review-decide", kwargs={"pk": pk}), {"decision": "approved"}, content_type="application/json"
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    too_long = as_user(employee_bob).post(
        reverse("api:submission-create"), {"text": "a" * 10_001}, content_type="application/json"
    )
    assert too_long.status_code == 400 and too_long.json()["error"]["code"] == "draft_too_long"


def test_the_endpoints_are_in_the_openapi_schema(as_user, employee_bob):
    schema = as_user(employee_bob).get(reverse("api-schema"), HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/submissions/",
        "/submissions/mine/",
        "/review-queue/",
        "/review-queue/{id}/claim/",
        "/review-queue/{id}/decision/",
    ):
        assert path in schema
    assert "SubmissionCreateInput" in schema and "ReviewDecideInput" in schema


def test_a_mail_server_failure_does_not_lose_the_decision(
    employee_bob, reviewer_rita, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(services, "send_mail", refuse)
    s = submit(employee_bob)
    with django_capture_on_commit_callbacks(execute=True):
        decide(s, reviewer_rita, "approved")
    assert Submission.objects.get(pk=s.pk).status == "approved"


def test_the_reviewer_follows_a_findings_clause_to_the_charter(
    as_user, employee_bob, reviewer_rita, published_small  # noqa: F811
):
    s = submit(employee_bob)
    page = as_user(reviewer_rita).get(reverse("compliance:review-detail", kwargs={"pk": s.pk}), **EN).content.decode()
    link = "/charters/clauses/confidentiality.confidential_term/?lang=en"
    assert f'<a href="{link}">§2 Confidentiality</a>' in page
    followed = as_user(reviewer_rita).get(link, **EN)
    assert followed["Location"] == f"/charters/small/v{published_small.number}/?lang=en#clause-2"

"""Pages of the review queue: submit a draft, follow it; review, decide, give feedback; confirm exceptions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from compliance.apis import PLATFORMS
from compliance.models import AllowListEntry, Submission, SubmissionFinding
from compliance.presentation import finding_shown, highlight, verdict_text
from compliance.review import selectors, services
from compliance.review.corpus import corpus_zip
from compliance.rulebook import DEFAULT_VERDICTS
from compliance.rules.base import Finding, Severity
from compliance.services import allow_list_entry_confirm, allow_list_entry_reject
from policy_portal.access import capability_required
from policy_portal.errors import ApplicationError

CATEGORY_CHOICES = [(c, c) for c in DEFAULT_VERDICTS]


class SubmitForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    platform = forms.ChoiceField(choices=PLATFORMS, required=False)
    lang = forms.ChoiceField(choices=[("", "-"), ("fr", "fr"), ("en", "en")], required=False)
    comment = forms.CharField(
        label=gettext_lazy("Your question for the reviewer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[(s, Submission.Status(s).label) for s in Submission.DECIDED],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason or what to change"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    suggested_text = forms.CharField(
        label=gettext_lazy("Suggested edit"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class FeedbackForm(forms.Form):
    feedback = forms.ChoiceField(choices=SubmissionFinding.Feedback.choices, required=False)


class MissedForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=CATEGORY_CHOICES)
    excerpt = forms.CharField(label=gettext_lazy("Passage (copied from the draft)"), strip=False)


class AllowProposeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of exception"), choices=AllowListEntry.Kind.choices)
    value = forms.CharField(label=gettext_lazy("What to allow"), max_length=500)
    sense = forms.CharField(
        label=gettext_lazy("Words that show the harmless sense (for a term)"), required=False, max_length=300
    )
    note = forms.CharField(label=gettext_lazy("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _shown(submission: Submission) -> dict[str, Any]:
    """The stored findings rendered in the reader's language, and the draft with them marked."""
    text = submission.text
    rows = []
    for sf in submission.findings.all():
        f = Finding(sf.rule, sf.category, sf.start, sf.end, Severity(sf.severity or "medium"), sf.params or {})
        rows.append({**finding_shown(f, text), "pk": sf.pk, "origin": sf.origin, "feedback": sf.feedback})
    return {
        "findings": rows,
        "highlighted": highlight(text, rows) if text else "",
        "verdict_text": verdict_text(submission.verdict),
    }


# --- Employees ---------------------------------------------------------------------------------------------
@require_POST
@capability_required("use_checker")
def submission_create(request: HttpRequest) -> HttpResponse:
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Paste a draft and check it before asking a reviewer."))
        return redirect("compliance:checker")
    data = form.cleaned_data
    try:
        submission = services.submission_create(
            author=request.user,
            text=data["text"],
            comment=data["comment"],
            lang=data["lang"] or None,
            platform=data["platform"] or "other",
            max_chars=getattr(settings, "COMPLIANCE_MAX_CHARS", 10_000),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("compliance:checker")
    messages.success(request, _("Submitted. A reviewer will answer you here and by e-mail."))
    return redirect("compliance:submission-detail", pk=submission.pk)


@require_safe
@capability_required("use_checker")
def submission_list(request: HttpRequest) -> HttpResponse:
    submissions = selectors.submission_list_for_author(request.user)
    return render(
        request,
        "compliance/review/submission_list.html",
        {"submissions": submissions, "retention_days": services.retention_days()},
    )


@require_safe
@capability_required("use_checker")
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_author(user=request.user, pk=pk)
    services.submission_mark_seen(submission=submission, by=request.user)
    return render(request, "compliance/review/submission_detail.html", {"submission": submission, **_shown(submission)})


# --- Reviewers ---------------------------------------------------------------------------------------------
@require_safe
@capability_required("review_posts")
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "compliance/review/queue.html",
        {"queue": selectors.review_queue(), "decided": selectors.review_recent_decisions()},
    )


@require_safe
@capability_required("review_posts")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_review(pk=pk)
    mine = submission.status == Submission.Status.CLAIMED and submission.claimed_by_id == request.user.pk
    can_feedback = not submission.purged_at and (mine or submission.status in Submission.DECIDED)
    return render(
        request,
        "compliance/review/review_detail.html",
        {
            "submission": submission,
            "mine": mine,
            "can_feedback": can_feedback,
            "decide_form": DecideForm(initial={"suggested_text": submission.text}),
            "missed_form": MissedForm(),
            "allow_form": AllowProposeForm(),
            **_shown(submission),
        },
    )


def _back(pk: int) -> HttpResponse:
    return redirect("compliance:review-detail", pk=pk)


@require_POST
@capability_required("review_posts")
def review_claim(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_review(pk=pk)
    try:
        services.submission_claim(submission=submission, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("compliance:review-queue")
    return _back(pk)


@require_POST
@capability_required("review_posts")
def review_release(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_review(pk=pk)
    try:
        services.submission_release(submission=submission, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("compliance:review-queue")


@require_POST
@capability_required("review_posts")
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_review(pk=pk)
    form = DecideForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Choose a decision."))
        services.submission_decide(submission=submission, by=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _back(pk)
    messages.success(request, _("Decision sent to the author."))
    return redirect("compliance:review-queue")


@require_POST
@capability_required("review_posts")
def review_feedback(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = selectors.submission_finding_get_for_review(submission_pk=pk, pk=finding_pk)
    form = FeedbackForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Unknown feedback."))
        services.finding_feedback_set(finding=finding, by=request.user, feedback=form.cleaned_data["feedback"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(pk)


@require_POST
@capability_required("review_posts")
def review_missed(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_review(pk=pk)
    form = MissedForm(request.POST)
    try:
        start = submission.text.find(form.data.get("excerpt", "")) if form.is_valid() else -1
        if start < 0:
            raise ApplicationError(_("Copy the passage exactly as it appears in the draft."))
        end = start + len(form.cleaned_data["excerpt"])
        services.missed_finding_add(
            submission=submission, by=request.user, category=form.cleaned_data["category"], start=start, end=end
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Missed breach recorded."))
    return _back(pk)


@require_POST
@capability_required("review_posts")
def review_allow(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = selectors.submission_finding_get_for_review(submission_pk=pk, pk=finding_pk)
    form = AllowProposeForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Say what the checker should allow."))
        services.allow_list_propose_from_finding(finding=finding, by=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Exception proposed. It applies once the people who manage the context confirm it.")
        )
    return _back(pk)


@require_safe
@capability_required("review_posts")
def review_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(corpus_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="reviewed-corpus.zip"'
    return response


# --- The people who manage the context confirm exceptions --------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("manage_checker_context")
def allow_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        entry = selectors.allow_list_entry_get(pk=int(request.POST.get("entry") or 0))
        try:
            if request.POST.get("action") == "confirm":
                allow_list_entry_confirm(entry=entry, by=request.user)
                messages.success(request, _("Confirmed. The checker uses it within seconds."))
            else:
                allow_list_entry_reject(entry=entry, by=request.user)
                messages.success(request, _("Rejected."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("compliance:allow-list")
    return render(request, "compliance/review/allow_list.html", {"entries": selectors.allow_list_entries()})

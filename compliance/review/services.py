"""Writes of the review queue. A draft is stored only here, when its author submits it, and only until
the retention period ends (``REVIEW_RETENTION_DAYS``); the decision then remains as a count."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from compliance.departments import department_code_of
from compliance.models import AllowListEntry, Submission, SubmissionFinding
from compliance.rulebook import DEFAULT_VERDICTS
from compliance.services import DraftTooLong, allow_list_entry_propose
from policy_portal.errors import ApplicationError, Conflict, PermissionDenied
from policy_portal.models import Notification
from policy_portal.roles import can
from policy_portal.selectors import employee_for_user
from policy_portal.services import notification_create, notifications_mark_read

logger = logging.getLogger(__name__)
Status = Submission.Status
NOTICE_OF_DECISION = {
    Status.APPROVED: Notification.Kind.REVIEW_APPROVED,
    Status.CHANGES_REQUESTED: Notification.Kind.REVIEW_CHANGES_REQUESTED,
    Status.REJECTED: Notification.Kind.REVIEW_REJECTED,
}


class ReviewConflict(Conflict):
    code = "review_conflict"


def retention_days() -> int:
    return int(getattr(settings, "REVIEW_RETENTION_DAYS", 90))


def submission_create(
    *, author: Any, text: str, comment: str = "", lang: str | None = None, platform: str = "", max_chars: int = 10_000
) -> Submission:
    """Check the draft and keep it with its findings (category, rule, span, severity) for a reviewer."""
    from compliance.engine import analyze

    if not text.strip():
        raise ApplicationError(gettext("The draft is empty."))
    if len(text) > max_chars:
        raise DraftTooLong(
            gettext("The draft is %(length)s characters long; the checker accepts at most %(max)s.")
            % {"length": len(text), "max": max_chars},
            extra={"max_chars": max_chars},
        )
    role = "spokesperson" if can(author, "speak_officially") else "employee"
    analysis = analyze(text, lang, role)
    with transaction.atomic():
        submission = Submission.objects.create(
            author=author,
            department=department_code_of(author),
            text=text,
            comment=comment.strip(),
            lang=analysis.lang,
            platform=platform,
            author_role=role,
            verdict=analysis.verdict,
        )
        SubmissionFinding.objects.bulk_create(
            SubmissionFinding(
                submission=submission,
                category=f.category,
                rule=f.rule_id,
                start=f.start,
                end=f.end,
                severity=str(f.severity),
                params=dict(f.params),
            )
            for f in analysis.findings
        )
    return submission


def submission_claim(*, submission: Submission, by: Any) -> Submission:
    """Atomic: of two reviewers claiming the same post, exactly one gets it."""
    if submission.author_id == by.pk:
        raise ReviewConflict(gettext("You cannot review your own post."))
    claimed = Submission.objects.filter(pk=submission.pk, status=Status.SUBMITTED).update(
        status=Status.CLAIMED, claimed_by=by, claimed_at=timezone.now()
    )
    if claimed != 1:
        raise ReviewConflict(gettext("This post is no longer waiting: another reviewer has claimed it."))
    submission.refresh_from_db()
    return submission


def submission_release(*, submission: Submission, by: Any) -> Submission:
    released = Submission.objects.filter(pk=submission.pk, status=Status.CLAIMED, claimed_by=by).update(
        status=Status.SUBMITTED, claimed_by=None, claimed_at=None
    )
    if released != 1:
        raise ReviewConflict(gettext("You are not reviewing this post."))
    submission.refresh_from_db()
    return submission


def submission_decide(
    *, submission: Submission, by: Any, decision: str, reason: str = "", suggested_text: str = ""
) -> Submission:
    """Approve, request changes (with a suggested edit) or reject (with a reason); the author is told."""
    reason, suggested_text = reason.strip(), suggested_text.strip()
    if decision not in Submission.DECIDED:
        raise ApplicationError(gettext("Choose a decision."))
    if decision == Status.REJECTED and not reason:
        raise ApplicationError(gettext("Give the reason for the rejection."))
    if decision != Status.CHANGES_REQUESTED:
        suggested_text = ""  # the page pre-fills the edit with the draft: only a request for changes keeps it
    elif not suggested_text or suggested_text == submission.text.strip():
        raise ApplicationError(gettext("Suggest an edit of the draft."))
    with transaction.atomic():
        decided = Submission.objects.filter(pk=submission.pk, status=Status.CLAIMED, claimed_by=by).update(
            status=decision, decided_at=timezone.now(), reason=reason, suggested_text=suggested_text
        )
        if decided != 1:
            raise ReviewConflict(gettext("Claim the post before deciding on it."))
        submission.refresh_from_db()
        notification_create(
            recipient=submission.author,
            kind=NOTICE_OF_DECISION[decision],
            source_id=submission.pk,
            url=reverse("compliance:submission-detail", kwargs={"pk": submission.pk}),
            params={"date": timezone.localtime(submission.submitted_at).date().isoformat()},
        )
        pk = submission.pk
        transaction.on_commit(lambda: enqueue_submission_notice(pk))
    return submission


def enqueue_submission_notice(submission_id: int) -> None:
    from compliance.tasks import enqueue_submission_notice as enqueue

    enqueue(submission_id)


def submission_notify(*, submission_id: int) -> bool:
    """E-mail the author the decision, in their language. The home page shows it too."""
    submission = Submission.objects.select_related("author").filter(pk=submission_id).first()
    if submission is None or submission.author is None or not submission.author.email:
        return False
    employee = employee_for_user(submission.author)
    language = employee.preferred_language if employee else settings.LANGUAGE_CODE
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "compliance:submission-detail", kwargs={"pk": submission.pk}
    )
    with translation.override(language):
        subject = gettext("Your post submitted on %(date)s: %(status)s") % {
            "date": timezone.localtime(submission.submitted_at).date().isoformat(),
            "status": submission.get_status_display(),
        }
        lines = [gettext("A reviewer has looked at the post you submitted.")]
        if submission.reason:
            lines.append(gettext("Reviewer's note: %(reason)s") % {"reason": submission.reason})
        if submission.suggested_text:
            lines.append(gettext("Suggested edit:") + "\n" + submission.suggested_text)
        lines.append(gettext("Details: %(link)s") % {"link": link})
        body = "\n\n".join(lines)
    send_mail(subject, body, None, [submission.author.email])
    return True


def submission_mark_seen(*, submission: Submission, by: Any) -> None:
    """The author opened the decision: it is seen, and so is its notification."""
    if submission.author_id == by.pk and submission.decided_at and not submission.author_seen_at:
        Submission.objects.filter(pk=submission.pk).update(author_seen_at=timezone.now())
        notifications_mark_read(recipient=by, kind=NOTICE_OF_DECISION[submission.status], source_id=submission.pk)


# --- Feedback on the checker -------------------------------------------------------------------------
def _require_reviewing(submission: Submission, by: Any) -> None:
    if submission.purged_at:
        raise ReviewConflict(gettext("This post was erased at the end of its retention period."))
    mine = submission.status == Status.CLAIMED and submission.claimed_by_id == by.pk
    if not (mine or submission.status in Submission.DECIDED):
        raise ReviewConflict(gettext("Claim the post before giving feedback on it."))


def finding_feedback_set(*, finding: SubmissionFinding, by: Any, feedback: str) -> SubmissionFinding:
    """Mark a checker finding as confirmed or as a false positive (or clear the mark)."""
    if feedback not in SubmissionFinding.Feedback.values:
        raise ApplicationError(gettext("Unknown feedback."))
    _require_reviewing(finding.submission, by)
    SubmissionFinding.objects.filter(pk=finding.pk).update(feedback=feedback)
    finding.refresh_from_db()
    return finding


def missed_finding_add(*, submission: Submission, by: Any, category: str, start: int, end: int) -> SubmissionFinding:
    """A breach the checker missed: its category and its span in the draft."""
    _require_reviewing(submission, by)
    if category not in DEFAULT_VERDICTS:
        raise ApplicationError(gettext("Unknown category."))
    if not 0 <= start < end <= len(submission.text):
        raise ApplicationError(gettext("The passage must be part of the draft."))
    return SubmissionFinding.objects.create(
        submission=submission,
        origin=SubmissionFinding.Origin.REVIEWER,
        category=category,
        start=start,
        end=end,
        feedback=SubmissionFinding.Feedback.CONFIRMED,
    )


def allow_list_propose_from_finding(
    *, finding: SubmissionFinding, by: Any, kind: str, value: str, sense: str = "", note: str = ""
) -> AllowListEntry:
    """Turn a false positive into an allow-list proposal; it acts once someone who manages the context confirms."""
    if finding.feedback != SubmissionFinding.Feedback.FALSE_POSITIVE:
        raise ReviewConflict(gettext("Mark the finding as a false positive first."))
    _require_reviewing(finding.submission, by)
    if not can(by, "review_posts"):
        raise PermissionDenied(gettext("Your role does not allow this action."))
    category = finding.category if kind == AllowListEntry.Kind.TERM_SENSE else ""
    return allow_list_entry_propose(
        kind=kind, value=value, sense=sense, note=note, category=category, by=by, source=finding
    )


# --- Retention ----------------------------------------------------------------------------------------
def submissions_purge_expired(*, now: dt.datetime | None = None) -> int:
    """Erase the drafts older than the retention period: text, comment, reason, suggested edit, who wrote
    and who reviewed it, and the allow-list proposals taken from it that nobody confirmed.

    The row stays (status, dates, department, findings' categories and rules) so that decisions remain
    as counts; a post still waiting for a reviewer expires. Idempotent.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days())
    due = Submission.objects.filter(submitted_at__lt=cutoff, purged_at__isnull=True)
    with transaction.atomic():
        due.filter(status__in=Submission.OPEN).update(status=Status.EXPIRED, claimed_by=None)
        purged = due.update(
            text="", comment="", reason="", suggested_text="", author=None, claimed_by=None, purged_at=now
        )
        SubmissionFinding.objects.filter(submission__purged_at=now).update(params={})
        AllowListEntry.objects.filter(source__submission__purged_at=now).exclude(
            status=AllowListEntry.Status.ACTIVE
        ).delete()
    if purged:
        logger.info("review retention: %s submitted draft(s) erased", purged)
    return purged

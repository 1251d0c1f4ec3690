"""Reads of the review queue: an employee sees only their own submissions, a reviewer only submitted ones."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compliance.models import AllowListEntry, Submission, SubmissionFinding
from policy_portal.roles import can
from policy_portal.selectors import HomeTask


def _with_findings(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    return qs.select_related("author", "claimed_by").prefetch_related(
        Prefetch("findings", queryset=SubmissionFinding.objects.order_by("start", "end", "id"))
    )


def submission_list_for_author(user: Any) -> QuerySet[Submission]:
    return _with_findings(Submission.objects.filter(author=user)).order_by("-submitted_at", "-id")


def submission_get_for_author(*, user: Any, pk: int) -> Submission:
    """The user's own submission; someone else's is a 404 (not even its existence is disclosed)."""
    submission = submission_list_for_author(user).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def review_queue() -> QuerySet[Submission]:
    """Posts waiting or being reviewed, oldest first."""
    return _with_findings(Submission.objects.filter(status__in=Submission.OPEN)).order_by("submitted_at", "id")


def review_recent_decisions(limit: int = 20) -> QuerySet[Submission]:
    qs = Submission.objects.filter(status__in=Submission.DECIDED).select_related("author", "claimed_by")
    return qs.order_by("-decided_at")[:limit]


def submission_get_for_review(*, pk: int) -> Submission:
    submission = _with_findings(Submission.objects.all()).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def submission_finding_get_for_review(*, submission_pk: int, pk: int) -> SubmissionFinding:
    finding = SubmissionFinding.objects.select_related("submission").filter(pk=pk, submission_id=submission_pk).first()
    if finding is None:
        raise Http404
    return finding


def reviewed_submissions_for_corpus() -> QuerySet[Submission]:
    """Decided posts whose text is still kept: the labelled corpus."""
    qs = Submission.objects.filter(status__in=Submission.DECIDED, purged_at__isnull=True)
    return _with_findings(qs).order_by("submitted_at", "id")


def allow_list_entries() -> QuerySet[AllowListEntry]:
    return AllowListEntry.objects.select_related("proposed_by", "confirmed_by").order_by("status", "-created_at")


def allow_list_entry_get(*, pk: int) -> AllowListEntry:
    entry = AllowListEntry.objects.filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def review_tasks_for(user: Any) -> list[HomeTask]:
    """Home cards: my posts waiting, the queue for reviewers, proposals."""
    tasks: list[HomeTask] = []
    if not user.is_authenticated:
        return tasks
    # a decision on my post is a notification (policy_portal.Notification), not a card
    mine = Submission.objects.filter(author=user)
    waiting = mine.filter(status__in=Submission.OPEN).count()
    if waiting:
        tasks.append(
            HomeTask(
                title=ngettext("%(count)s post waiting for review", "%(count)s posts waiting for review", waiting)
                % {"count": waiting},
                description=_("A reviewer will answer you here and by e-mail."),
                url=reverse("compliance:submission-list"),
                priority=60,
            )
        )
    if can(user, "review_posts"):
        counts = Submission.objects.aggregate(
            waiting=Count("pk", filter=Q(status=Submission.Status.SUBMITTED)),
            mine=Count("pk", filter=Q(status=Submission.Status.CLAIMED, claimed_by=user)),
        )
        if counts["waiting"] or counts["mine"]:
            tasks.append(
                HomeTask(
                    title=_("Review submitted posts"),
                    description=_("%(waiting)s waiting, %(mine)s claimed by you.") % counts,
                    url=reverse("compliance:review-queue"),
                    priority=20,
                )
            )
    if can(user, "manage_checker_context"):
        proposals = AllowListEntry.objects.filter(status=AllowListEntry.Status.PROPOSED).count()
        if proposals:
            tasks.append(
                HomeTask(
                    title=_("Confirm allow-list proposals"),
                    description=_("%(count)s exception(s) proposed by reviewers.") % {"count": proposals},
                    url=reverse("compliance:allow-list"),
                    priority=30,
                )
            )
    return tasks

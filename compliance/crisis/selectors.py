"""Reads of crisis mode."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from charters.models import Charter, CharterVersion
from compliance.models import ContentRemoval, Crisis, CrisisEvent, OfficialStatement


def crisis_list() -> QuerySet[Crisis]:
    return Crisis.objects.prefetch_related("topics").order_by("status", "-opened_at")


def crisis_open_list() -> QuerySet[Crisis]:
    """Open crises, each with its published official statement (``published``: a list of zero or one)."""
    published = OfficialStatement.objects.filter(status=OfficialStatement.Status.PUBLISHED)
    return (
        Crisis.objects.filter(status=Crisis.Status.OPEN)
        .prefetch_related(Prefetch("statements", queryset=published, to_attr="published"))
        .order_by("-opened_at")
    )


def crisis_get(*, pk: int) -> Crisis:
    events = CrisisEvent.objects.select_related("by").order_by("at", "id")
    statements = OfficialStatement.objects.select_related("drafted_by", "decided_by", "published_by")
    crisis = (
        Crisis.objects.select_related("revision_charter", "revision_version__charter")
        .prefetch_related(
            "topics",
            Prefetch("events", queryset=events),
            Prefetch("statements", queryset=statements.order_by("-number")),
            Prefetch("removals", queryset=content_removal_list()),
        )
        .filter(pk=pk)
        .first()
    )
    if crisis is None:
        raise Http404
    return crisis


def content_removal_list() -> QuerySet[ContentRemoval]:
    return ContentRemoval.objects.select_related("recorded_by").order_by("decided_at", "id")


def statement_awaiting_list() -> QuerySet[OfficialStatement]:
    """What the company's voice has to decide, oldest first, with the last decisions (for the record)."""
    return (
        OfficialStatement.objects.filter(status=OfficialStatement.Status.SUBMITTED)
        .select_related("crisis", "drafted_by")
        .order_by("submitted_at", "id")
    )


def statement_decided_list(*, limit: int = 20) -> QuerySet[OfficialStatement]:
    return (
        OfficialStatement.objects.filter(decided_at__isnull=False)
        .select_related("crisis", "drafted_by", "decided_by")
        .order_by("-decided_at", "-id")[:limit]
    )


def statement_get(*, pk: int) -> OfficialStatement:
    statement = OfficialStatement.objects.select_related("crisis").filter(pk=pk).first()
    if statement is None:
        raise Http404
    return statement


def charter_choices() -> QuerySet[Charter]:
    """The charters a crisis may lead to revise (read only; the revision itself goes through charters.services)."""
    return Charter.objects.order_by("name")


def crisis_for_charter_version(version: CharterVersion) -> QuerySet[Crisis]:
    """The crises whose lessons this charter version is the revision of (shown on the version's page)."""
    return Crisis.objects.filter(revision_version=version).order_by("-closed_at")

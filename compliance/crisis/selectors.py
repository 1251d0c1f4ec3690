"""Reads of crisis mode."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from compliance.models import Crisis, CrisisEvent


def crisis_list() -> QuerySet[Crisis]:
    return Crisis.objects.prefetch_related("topics").order_by("status", "-opened_at")


def crisis_open_list() -> QuerySet[Crisis]:
    return Crisis.objects.filter(status=Crisis.Status.OPEN).order_by("-opened_at")


def crisis_get(*, pk: int) -> Crisis:
    events = CrisisEvent.objects.select_related("by").order_by("at", "id")
    crisis = Crisis.objects.prefetch_related("topics", Prefetch("events", queryset=events)).filter(pk=pk).first()
    if crisis is None:
        raise Http404
    return crisis

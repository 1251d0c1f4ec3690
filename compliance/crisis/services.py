"""Writes of crisis mode. Topics go through ``quiet_topic_save`` so the checker uses them within seconds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from compliance.models import Crisis, CrisisEvent, QuietTopic
from compliance.services import quiet_topic_save
from policy_portal.errors import ApplicationError, Conflict

Kind = CrisisEvent.Kind


class CrisisClosed(Conflict):
    code = "crisis_closed"


def _event(crisis: Crisis, kind: str, by: Any, **detail: str) -> CrisisEvent:
    return CrisisEvent.objects.create(crisis=crisis, kind=kind, by=by, detail=detail)


def _topic_activate(crisis: Crisis, topic: str, note: str, by: Any) -> QuietTopic | None:
    topic = " ".join(topic.split())
    if not topic or crisis.topics.filter(topic__iexact=topic).exists():
        return None
    existing = QuietTopic.objects.filter(topic__iexact=topic).first()
    saved = quiet_topic_save(
        topic=existing.topic if existing else topic,
        note=note or (existing.note if existing else "") or crisis.title,
        active=True,
        instance=existing,
    )
    crisis.topics.add(saved)
    # A topic that was already quiet before the crisis stays quiet when the crisis closes.
    extra = {"already_quiet": "1"} if existing is not None and existing.active else {}
    _event(crisis, Kind.TOPIC_ADDED, by, topic=saved.topic, **extra)
    return saved


def crisis_open(
    *,
    title: str,
    instructions: str,
    topics: Iterable[str | tuple[str, str]],
    by: Any,
    holding_statement: str = "",
    contacts: str = "",
) -> Crisis:
    """Open a crisis: its quiet topics reach the checker at once, employees see the banner."""
    if not title.strip() or not instructions.strip():
        raise ApplicationError(gettext("A crisis needs a title and instructions for employees."))
    with transaction.atomic():
        crisis = Crisis.objects.create(
            title=title.strip(),
            instructions=instructions.strip(),
            holding_statement=holding_statement.strip(),
            contacts=contacts.strip(),
        )
        _event(crisis, Kind.OPENED, by, title=crisis.title)
        for item in topics:
            topic, note = (item, "") if isinstance(item, str) else item
            _topic_activate(crisis, topic, note, by)
    return crisis


def _require_open(crisis: Crisis) -> None:
    if crisis.status != Crisis.Status.OPEN:
        raise CrisisClosed(gettext("This crisis is closed and archived."))


def crisis_topic_add(*, crisis: Crisis, topic: str, by: Any, note: str = "") -> QuietTopic | None:
    _require_open(crisis)
    with transaction.atomic():
        return _topic_activate(crisis, topic, note, by)


def crisis_update(
    *,
    crisis: Crisis,
    by: Any,
    holding_statement: str | None = None,
    instructions: str | None = None,
    contacts: str | None = None,
) -> Crisis:
    """Change what spokespeople and employees are told; each change enters the timeline."""
    _require_open(crisis)
    with transaction.atomic():
        if holding_statement is not None and holding_statement.strip() != crisis.holding_statement:
            crisis.holding_statement = holding_statement.strip()
            _event(crisis, Kind.STATEMENT_CHANGED, by)
        if instructions is not None and instructions.strip() and instructions.strip() != crisis.instructions:
            crisis.instructions = instructions.strip()
            _event(crisis, Kind.INSTRUCTIONS_CHANGED, by)
        if contacts is not None and contacts.strip() != crisis.contacts:
            crisis.contacts = contacts.strip()
            _event(crisis, Kind.INSTRUCTIONS_CHANGED, by, field="contacts")
        crisis.save()
    return crisis


def crisis_close(*, crisis: Crisis, by: Any) -> Crisis:
    """Archive the crisis with its timeline; its topics go quiet no more (unless another open crisis holds them)."""
    with transaction.atomic():
        closed = Crisis.objects.filter(pk=crisis.pk, status=Crisis.Status.OPEN).update(
            status=Crisis.Status.CLOSED, closed_at=timezone.now()
        )
        if not closed:
            raise CrisisClosed(gettext("This crisis is closed and archived."))
        added = crisis.events.filter(kind=Kind.TOPIC_ADDED).values_list("detail", flat=True)
        kept = {d.get("topic") for d in added if d.get("already_quiet")}
        for topic in crisis.topics.filter(active=True).exclude(topic__in=kept):
            if not topic.crises.filter(status=Crisis.Status.OPEN).exclude(pk=crisis.pk).exists():
                quiet_topic_save(topic=topic.topic, note=topic.note, active=False, instance=topic)
        _event(crisis, Kind.CLOSED, by)
    crisis.refresh_from_db()
    return crisis

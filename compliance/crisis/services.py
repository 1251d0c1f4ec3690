"""Writes of crisis mode. Topics go through ``quiet_topic_save`` so the checker uses them within seconds.

The response cycle (issue 14): the crisis cell drafts the official statement, the company's voice approves it
(never its own draft) or sends it back, the cell publishes it; removals of content are logged; closing records
the lessons learned and may start a charter revision (through charters.services). Every step is a CrisisEvent
on the timeline and an entry of the tamper-evident ledger (charters.ledger), in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from charters import ledger
from charters import services as charter_services
from charters.models import Charter, CharterVersion
from compliance.models import ContentRemoval, Crisis, CrisisEvent, OfficialStatement, QuietTopic
from compliance.services import quiet_topic_save
from policy_portal.errors import ApplicationError, Conflict, PermissionDenied
from policy_portal.models import Notification
from policy_portal.roles import Role, can
from policy_portal.selectors import employee_for_user
from policy_portal.services import notification_create

Kind = CrisisEvent.Kind
Statement = OfficialStatement.Status
LEDGER_EVENTS = {
    Kind.OPENED: ledger.Event.CRISIS_OPENED,
    Kind.TOPIC_ADDED: ledger.Event.CRISIS_CHANGED,
    Kind.STATEMENT_CHANGED: ledger.Event.CRISIS_CHANGED,
    Kind.INSTRUCTIONS_CHANGED: ledger.Event.CRISIS_CHANGED,
    Kind.STATEMENT_DRAFTED: ledger.Event.STATEMENT,
    Kind.STATEMENT_SUBMITTED: ledger.Event.STATEMENT,
    Kind.STATEMENT_APPROVED: ledger.Event.STATEMENT,
    Kind.STATEMENT_SENT_BACK: ledger.Event.STATEMENT,
    Kind.STATEMENT_PUBLISHED: ledger.Event.STATEMENT,
    Kind.CONTENT_REMOVED: ledger.Event.CONTENT_REMOVED,
    Kind.CLOSED: ledger.Event.CRISIS_CLOSED,
    Kind.REVISION_REQUESTED: ledger.Event.CRISIS_REVISION,
    Kind.REVISION_STARTED: ledger.Event.CRISIS_REVISION,
}


class CrisisClosed(Conflict):
    code = "crisis_closed"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _event(
    crisis: Crisis, kind: str, by: Any, *, ledger_extra: dict[str, object] | None = None, **detail: str
) -> CrisisEvent:
    """One step: on the timeline (``detail`` is shown) and in the ledger (with ``ledger_extra``, e.g. a text's hash)."""
    event = CrisisEvent.objects.create(crisis=crisis, kind=kind, by=by, detail=detail)
    employee = employee_for_user(by) if by is not None else None
    ledger.ledger_append(
        event=LEDGER_EVENTS[kind],
        employee_id=employee.pk if employee else None,
        object_id=crisis.pk,
        payload={
            "step": kind,
            "crisis": crisis.pk,
            "by_user": getattr(by, "pk", None),
            **detail,
            **(ledger_extra or {}),
        },
        at=event.at,
    )
    return event


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


def _require(by: Any, capability: str) -> None:
    if not can(by, capability):
        raise PermissionDenied(gettext("Your role does not allow this action."))


def crisis_close(*, crisis: Crisis, by: Any, lessons: str, revise_charter: Charter | None = None) -> Crisis:
    """Archive the crisis with its timeline and its lessons learned; its topics go quiet no more (unless another
    open crisis holds them). With ``revise_charter``, a revision of that charter is started (or asked of HR)."""
    if not lessons.strip():
        raise ApplicationError(gettext("Write the lessons learned before closing the crisis."))
    with transaction.atomic():
        closed = Crisis.objects.filter(pk=crisis.pk, status=Crisis.Status.OPEN).update(
            status=Crisis.Status.CLOSED, closed_at=timezone.now(), lessons_learned=lessons.strip()
        )
        if not closed:
            raise CrisisClosed(gettext("This crisis is closed and archived."))
        crisis.refresh_from_db()
        added = crisis.events.filter(kind=Kind.TOPIC_ADDED).values_list("detail", flat=True)
        kept = {d.get("topic") for d in added if d.get("already_quiet")}
        for topic in crisis.topics.filter(active=True).exclude(topic__in=kept):
            if not topic.crises.filter(status=Crisis.Status.OPEN).exclude(pk=crisis.pk).exists():
                quiet_topic_save(topic=topic.topic, note=topic.note, active=False, instance=topic)
        crisis.statements.filter(status__in=[Statement.DRAFT, Statement.SUBMITTED]).delete()
        _event(crisis, Kind.CLOSED, by, ledger_extra={"lessons_sha256": _sha256(crisis.lessons_learned)})
        if revise_charter is not None:
            _revision_request(crisis, revise_charter, by)
    crisis.refresh_from_db()
    return crisis


def _revision_request(crisis: Crisis, charter: Charter, by: Any) -> None:
    crisis.revision_charter = charter
    crisis.save(update_fields=["revision_charter"])
    if can(by, "author_charters") or charter.versions.filter(status__in=CharterVersion.IN_PROGRESS).exists():
        crisis_revision_start(crisis=crisis, by=by)
        return
    _event(crisis, Kind.REVISION_REQUESTED, by, charter=charter.display_name, ledger_extra={"charter_id": charter.pk})
    url = reverse("compliance:crisis-revision", kwargs={"pk": crisis.pk})
    authors = get_user_model().objects.filter(is_active=True, groups__name=Role.HR).distinct()
    for author in authors:
        notification_create(
            recipient=author,
            kind=Notification.Kind.CRISIS_REVISION,
            source_id=crisis.pk,
            url=url,
            params={"crisis": crisis.title, "charter": charter.name, "charter_en": charter.name_en},
        )


def crisis_revision_start(*, crisis: Crisis, by: Any) -> CharterVersion:
    """Start the revision of the charter chosen at closing, through the charters app: a new draft version, or the
    draft already in progress when there is one. The crisis and that version are linked."""
    with transaction.atomic():
        crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
        charter = crisis.revision_charter
        if crisis.status != Crisis.Status.CLOSED or charter is None:
            raise Conflict(gettext("No charter revision was asked for this crisis."))
        if crisis.revision_version_id is not None:
            return crisis.revision_version  # type: ignore[return-value]
        version = charter.versions.filter(status__in=CharterVersion.IN_PROGRESS).order_by("-number").first()
        reused = version is not None
        if version is None:
            _require(by, "author_charters")
            try:
                version = charter_services.charter_version_start(charter=charter, by=by)
            except Conflict:  # a draft was started meanwhile: link to it
                version = charter.versions.filter(status__in=CharterVersion.IN_PROGRESS).get()
                reused = True
        crisis.revision_version = version
        crisis.save(update_fields=["revision_version"])
        _event(
            crisis,
            Kind.REVISION_STARTED,
            by,
            charter=charter.display_name,
            number=str(version.number),
            ledger_extra={"charter_id": charter.pk, "charter_version": version.pk, "existing_draft": reused},
        )
    return version


# --- the official statement ----------------------------------------------------------------------------------------
def _statement_locked(statement: OfficialStatement) -> OfficialStatement:
    return OfficialStatement.objects.select_for_update().select_related("crisis").get(pk=statement.pk)


def _expect(statement: OfficialStatement, *statuses: str) -> None:
    if statement.status not in statuses:
        raise Conflict(
            gettext("Version %(number)s of the statement is “%(status)s”: this is not possible now.")
            % {"number": statement.number, "status": statement.get_status_display()}
        )


def statement_draft_save(*, crisis: Crisis, text: str, by: Any) -> OfficialStatement:
    """Write the draft of the official statement: the current draft is edited; otherwise (none yet, or the last
    one was sent back or published) a new version starts. A version awaiting approval is not edited."""
    _require(by, "manage_crisis")
    _require_open(crisis)
    text = text.strip()
    if not text:
        raise ApplicationError(gettext("The official statement is empty."))
    try:
        with transaction.atomic():
            Crisis.objects.select_for_update().get(pk=crisis.pk)
            current = crisis.statements.filter(status__in=OfficialStatement.IN_PROGRESS).first()
            if current is not None and current.status != Statement.DRAFT:
                raise Conflict(
                    gettext("A version of the statement awaits approval or publication: it cannot change now.")
                )
            if current is None:
                last = crisis.statements.order_by("-number").first()
                current = OfficialStatement(crisis=crisis, number=(last.number + 1) if last else 1, drafted_by=by)
            elif current.text == text:
                return current
            current.text, current.drafted_by, current.drafted_at = text, by, timezone.now()
            current.save()
            _event(
                crisis,
                Kind.STATEMENT_DRAFTED,
                by,
                number=str(current.number),
                ledger_extra={"text_sha256": _sha256(text)},
            )
    except IntegrityError as exc:  # a colleague started a version at the same moment
        raise Conflict(gettext("A colleague changed the statement at the same time; reload the page.")) from exc
    return current


def statement_submit(*, statement: OfficialStatement, by: Any) -> OfficialStatement:
    """Send the draft to the company's voice: each holder of the role is notified and e-mailed."""
    _require(by, "manage_crisis")
    with transaction.atomic():
        statement = _statement_locked(statement)
        _require_open(statement.crisis)
        _expect(statement, Statement.DRAFT)
        statement.status, statement.submitted_at = Statement.SUBMITTED, timezone.now()
        statement.save()
        _event(
            statement.crisis,
            Kind.STATEMENT_SUBMITTED,
            by,
            number=str(statement.number),
            ledger_extra={"text_sha256": _sha256(statement.text)},
        )
        url = reverse("compliance:statement-list")
        voices = get_user_model().objects.filter(is_active=True, groups__name=Role.VOICE).exclude(pk=by.pk).distinct()
        if not voices.exists():
            raise Conflict(gettext("No one holds the role of the company's voice: ask an administrator to name them."))
        for voice in voices:
            notification_create(
                recipient=voice,
                kind=Notification.Kind.STATEMENT_TO_APPROVE,
                source_id=statement.pk,
                url=url,
                params={"crisis": statement.crisis.title},
            )
        statement_id = statement.pk
        transaction.on_commit(lambda: _enqueue_statement_mail(statement_id))
    return statement


def _enqueue_statement_mail(statement_id: int) -> None:
    from compliance.crisis.tasks import enqueue_statement_mail

    enqueue_statement_mail(statement_id)


def _decide(statement: OfficialStatement, by: Any, status: str, comment: str) -> OfficialStatement:
    if not can(by, "approve_statements"):
        raise PermissionDenied(gettext("Only the company's voice approves an official statement."))
    with transaction.atomic():
        statement = _statement_locked(statement)
        if statement.drafted_by_id == by.pk:
            raise PermissionDenied(gettext("You drafted this statement: someone else must approve it."))
        _require_open(statement.crisis)
        _expect(statement, Statement.SUBMITTED)
        statement.status, statement.decided_by, statement.decided_at = status, by, timezone.now()
        statement.comment = comment.strip()
        statement.save()
        kind = Kind.STATEMENT_APPROVED if status == Statement.APPROVED else Kind.STATEMENT_SENT_BACK
        _event(
            statement.crisis,
            kind,
            by,
            number=str(statement.number),
            comment=statement.comment,
            ledger_extra={"text_sha256": _sha256(statement.text)},
        )
        notice = (
            Notification.Kind.STATEMENT_APPROVED
            if status == Statement.APPROVED
            else Notification.Kind.STATEMENT_SENT_BACK
        )
        notification_create(
            recipient=statement.drafted_by,
            kind=notice,
            source_id=statement.pk,
            url=reverse("compliance:crisis-detail", kwargs={"pk": statement.crisis_id}),
            params={"crisis": statement.crisis.title},
        )
    return statement


def statement_approve(*, statement: OfficialStatement, by: Any, comment: str = "") -> OfficialStatement:
    """The company's voice approves the statement as written (separation of duties: not its own draft)."""
    return _decide(statement, by, Statement.APPROVED, comment)


def statement_send_back(*, statement: OfficialStatement, by: Any, comment: str) -> OfficialStatement:
    """The company's voice sends the statement back, saying what to change; the next draft is a new version."""
    if not comment.strip():
        raise ApplicationError(gettext("Say what should change when sending a statement back."))
    return _decide(statement, by, Statement.SENT_BACK, comment)


def statement_publish(*, statement: OfficialStatement, by: Any) -> OfficialStatement:
    """The crisis cell publishes the approved statement: spokespeople and employees read it; it replaces the last."""
    _require(by, "manage_crisis")
    with transaction.atomic():
        statement = _statement_locked(statement)
        _require_open(statement.crisis)
        _expect(statement, Statement.APPROVED)
        statement.crisis.statements.filter(status=Statement.PUBLISHED).update(status=Statement.SUPERSEDED)
        statement.status, statement.published_by, statement.published_at = Statement.PUBLISHED, by, timezone.now()
        statement.save()
        _event(
            statement.crisis,
            Kind.STATEMENT_PUBLISHED,
            by,
            number=str(statement.number),
            ledger_extra={"text_sha256": _sha256(statement.text)},
        )
    return statement


# --- the removal decision log -------------------------------------------------------------------------------------
def content_removal_record(
    *,
    crisis: Crisis,
    by: Any,
    content: str,
    reason: str,
    public_explanation: str,
    decided_by: str,
    url: str = "",
    platform: str = "",
    decided_at: datetime | None = None,
) -> ContentRemoval:
    """Log a removal decision: what was removed, where (address or platform), why, the explanation given in
    public, who decided and when (not in the future)."""
    _require(by, "manage_crisis")
    _require_open(crisis)
    fields = {"content": content, "reason": reason, "public_explanation": public_explanation, "decided_by": decided_by}
    fields = {k: " ".join(v.split()) if k == "decided_by" else v.strip() for k, v in fields.items()}
    url, platform = url.strip(), " ".join(platform.split())
    if not all(fields.values()):
        raise ApplicationError(gettext("Say what was removed, why, the public explanation given and who decided."))
    if not url and not platform:
        raise ApplicationError(gettext("Say where the content was: its address or its platform."))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ApplicationError(gettext("The address must start with http:// or https://.")) from exc
    decided_at = decided_at or timezone.now()
    if decided_at > timezone.now() + timedelta(minutes=5):
        raise ApplicationError(gettext("The decision cannot be dated in the future."))
    with transaction.atomic():
        removal = ContentRemoval.objects.create(
            crisis=crisis, url=url, platform=platform, decided_at=decided_at, recorded_by=by, **fields
        )
        _event(
            crisis,
            Kind.CONTENT_REMOVED,
            by,
            where=url or platform,
            ledger_extra={
                "removal": removal.pk,
                "content_sha256": _sha256(removal.content),
                "explanation_sha256": _sha256(removal.public_explanation),
                "decided_by": removal.decided_by,
                "decided_at": decided_at.isoformat(),
            },
        )
    return removal


def statement_mail_send(*, statement_id: int) -> int:
    """E-mail each holder of the company's voice role the statement awaiting their approval, in their language.
    Returns how many were sent (none once the statement is no longer awaiting approval)."""
    statement = OfficialStatement.objects.select_related("crisis", "drafted_by").filter(pk=statement_id).first()
    if statement is None or statement.status != Statement.SUBMITTED:
        return 0
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("compliance:statement-list")
    voices = get_user_model().objects.filter(is_active=True, groups__name=Role.VOICE).exclude(email="").distinct()
    sent = 0
    for voice in voices.exclude(pk=statement.drafted_by_id):
        employee = employee_for_user(voice)
        with translation.override(employee.preferred_language if employee else settings.LANGUAGE_CODE):
            subject = gettext("Official statement to approve: %(crisis)s") % {"crisis": statement.crisis.title}
            body = "\n\n".join(
                [
                    gettext(
                        "The crisis cell asks you to approve version %(number)s of the official statement on "
                        "“%(crisis)s”. Nothing is published before you approve it."
                    )
                    % {"number": statement.number, "crisis": statement.crisis.title},
                    statement.text,
                    gettext("Approve it or send it back: %(link)s") % {"link": link},
                ]
            )
        send_mail(subject, body, None, [voice.email])
        sent += 1
    return sent

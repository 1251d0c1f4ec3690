"""Reminder e-mails and escalations to managers, sent by a scheduled job (charters.tasks).

Steps come from ``settings.ACK_REMINDERS`` (days after the start, days before the deadline, then
every N days when overdue). On each run an assignment gets at most the latest step that has come,
if it was not sent yet: steps missed while the scheduler was down are not sent late in a burst.
A step is claimed by inserting its ReminderLog row (unique per assignment and step) in the same
transaction as the e-mail and the ledger entry: a second run, even concurrent, sends nothing twice.

HR can also send reminders now to everyone of a campaign who has not signed and is due or overdue
(``reminder_batch_request``, then the job ``charters.tasks.run_reminder_batch``): the same e-mail and
ledger entry, step ``now:<batch id>``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from charters import ledger
from charters.acknowledgements.selectors import remind_now_recipients
from charters.models import Assignment, Campaign, CharterVersion, ReminderBatch, ReminderLog
from policy_portal.errors import Conflict, PermissionDenied
from policy_portal.models import Employee
from policy_portal.roles import can

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderRun:
    reminders: int
    escalations: int


def _config() -> dict[str, object]:
    defaults: dict[str, object] = {"after_start_days": [7], "before_deadline_days": [7, 1], "overdue_every_days": 7}
    return {**defaults, **getattr(settings, "ACK_REMINDERS", {})}


def reminder_step_due(*, assigned_on: date, due_on: date, today: date) -> str | None:
    """The latest reminder step whose day has come, as a stable key, or None."""
    config = _config()
    steps: list[tuple[date, str]] = [
        (assigned_on + timedelta(days=int(n)), f"after_start:{n}")
        for n in config["after_start_days"]  # type: ignore[attr-defined]
    ]
    steps += [(due_on - timedelta(days=int(n)), f"before_deadline:{n}") for n in config["before_deadline_days"]]  # type: ignore[attr-defined]
    every = int(config.get("overdue_every_days") or 0)  # type: ignore[call-overload]
    if every and today > due_on:
        k = (today - due_on).days // every
        if k >= 1:
            steps.append((due_on + timedelta(days=k * every), f"overdue:{k}"))
    came = [(day, key) for day, key in steps if assigned_on < day <= today]
    return max(came)[1] if came else None


def escalation_due(*, due_on: date, today: date) -> bool:
    after = getattr(settings, "ACK_ESCALATE_AFTER_DAYS", 1)
    return after is not None and today >= due_on + timedelta(days=int(after))


def _pending() -> list[Assignment]:
    return list(
        Assignment.objects.filter(
            status=Assignment.Status.PENDING,
            employee__status=Employee.Status.ACTIVE,
            campaign__closed_at__isnull=True,
            campaign__version__status=CharterVersion.Status.PUBLISHED,
            campaign__version__in_force_at__isnull=False,
        ).select_related("campaign__version__charter", "employee__user", "employee__manager__user")
    )


def _link(assignment: Assignment) -> str:
    version = assignment.campaign.version
    path = reverse("charters:ack-read", kwargs={"slug": version.charter.slug, "number": version.number})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _reminder_mail(assignment: Assignment, today: date) -> tuple[str, str]:
    version = assignment.campaign.version
    params = {
        "name": assignment.employee.user.first_name or assignment.employee.full_name,
        "charter": version.charter.display_name,
        "number": version.number,
        "date": formats.date_format(assignment.due_on, "DATE_FORMAT"),
        "link": _link(assignment),
    }
    subject = _("Reminder: please acknowledge %(charter)s v%(number)s") % params
    if assignment.due_on < today:
        body = (
            _(
                "Hello %(name)s,\n\nThe acknowledgement of %(charter)s version %(number)s was due on %(date)s. "
                "Please read it and acknowledge it, or ask HR your questions:\n%(link)s\n"
            )
            % params
        )
    else:
        body = (
            _(
                "Hello %(name)s,\n\nPlease read and acknowledge %(charter)s version %(number)s before %(date)s. "
                "You can also decline or ask HR a question on the same page:\n%(link)s\n"
            )
            % params
        )
    return subject, body


def _escalation_mail(assignment: Assignment) -> tuple[str, str]:
    version = assignment.campaign.version
    params = {
        "manager": assignment.employee.manager.user.first_name,  # type: ignore[union-attr]
        "employee": assignment.employee.full_name,
        "charter": version.charter.display_name,
        "number": version.number,
        "date": formats.date_format(assignment.due_on, "DATE_FORMAT"),
    }
    subject = _("%(employee)s has not acknowledged %(charter)s v%(number)s") % params
    body = (
        _(
            "Hello %(manager)s,\n\n%(employee)s has not acknowledged %(charter)s version %(number)s, due on %(date)s. "
            "Could you remind them? HR follows the campaign on the portal.\n"
        )
        % params
    )
    return subject, body


def _send_once(assignment: Assignment, *, step: str, kind: str, recipient: Employee, now: datetime) -> bool:
    """Claim (assignment, step), mail ``recipient`` in their language, log it in the ledger; all or nothing."""
    email = recipient.user.email
    if not email:
        return False
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(assignment=assignment, step=step, kind=kind, recipient=email, sent_at=now)
            with translation.override(recipient.preferred_language):
                if kind == ReminderLog.Kind.ESCALATION:
                    subject, body = _escalation_mail(assignment)
                else:
                    subject, body = _reminder_mail(assignment, timezone.localdate(now))
            send_mail(subject, body, None, [email])
            ledger.ledger_append(
                event=ledger.Event.REMINDER_SENT,
                employee_id=assignment.employee_id,
                version_id=assignment.campaign.version_id,
                object_id=log.pk,
                payload={"step": step, "kind": kind, "recipient_employee_id": recipient.pk},
                at=now,
            )
    except IntegrityError:
        return False  # another run sent it
    return True


def reminders_send_due(*, now: datetime | None = None) -> ReminderRun:
    """Send the reminders and escalations that are due now (the periodic job; safe to run twice)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reminders = escalations = 0
    for assignment in _pending():
        step = reminder_step_due(
            assigned_on=timezone.localdate(assignment.assigned_at), due_on=assignment.due_on, today=today
        )
        already = set(ReminderLog.objects.filter(assignment=assignment).values_list("step", flat=True))
        if step and step not in already:
            reminders += _send_once(
                assignment, step=step, kind=ReminderLog.Kind.REMINDER, recipient=assignment.employee, now=now
            )
        manager = assignment.employee.manager
        if (
            "escalation" not in already
            and manager is not None
            and manager.is_active
            and escalation_due(due_on=assignment.due_on, today=today)
        ):
            escalations += _send_once(
                assignment, step="escalation", kind=ReminderLog.Kind.ESCALATION, recipient=manager, now=now
            )
    return ReminderRun(reminders=reminders, escalations=escalations)


# --- HR: send reminders now ---------------------------------------------------------------------------
def remind_now_window() -> timedelta:
    """How long a "send reminders now" stands for a campaign: a second click within it sends nothing."""
    return timedelta(minutes=int(getattr(settings, "ACK_REMIND_NOW_WINDOW_MINUTES", 10)))


def reminder_batch_request(
    *, campaign: Campaign, by: object, now: datetime | None = None
) -> tuple[ReminderBatch, bool]:
    """HR asks to remind now everyone due or overdue; returns (batch, created).

    The campaign row is locked while looking for a batch asked within the window, so a double click (or
    two HR people at once) finds the first batch instead of sending twice. The job is queued on commit.
    """
    if not can(by, "manage_campaigns"):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("version").get(pk=campaign.pk)
        if not campaign.is_open or not campaign.version.is_in_force:
            raise Conflict(_("This campaign is closed: its version is no longer the one to acknowledge."))
        recent = ReminderBatch.objects.filter(campaign=campaign, requested_at__gt=now - remind_now_window()).first()
        if recent is not None:
            return recent, False
        batch = ReminderBatch.objects.create(campaign=campaign, requested_by=by, requested_at=now)  # type: ignore[misc]
        transaction.on_commit(partial(enqueue_reminder_batch, batch.pk))
    return batch, True


def enqueue_reminder_batch(batch_id: int) -> None:
    from django_q.tasks import async_task

    try:
        async_task("charters.tasks.run_reminder_batch", batch_id, task_name="reminders-now")
    except Exception:
        logger.exception("reminder batch %s not queued; it stays queued until asked again", batch_id)


def reminder_batch_send(*, batch_id: int, now: datetime | None = None) -> int:
    """Send a batch's reminders; returns how many people it reminded. A second delivery sends nothing twice:
    each e-mail claims its (assignment, ``now:<id>``) row, and someone reminded within the window is skipped."""
    now = now or timezone.now()
    if (
        not ReminderBatch.objects.filter(pk=batch_id)
        .exclude(status=ReminderBatch.Status.DONE)
        .update(status=ReminderBatch.Status.RUNNING)
    ):
        return ReminderBatch.objects.filter(pk=batch_id).values_list("reminded", flat=True).first() or 0
    batch = ReminderBatch.objects.select_related("campaign__version__charter").get(pk=batch_id)
    campaign = batch.campaign
    if campaign.is_open and campaign.version.is_in_force:
        recipients = remind_now_recipients(
            campaign,
            reminded_since=batch.requested_at - remind_now_window(),
            today=timezone.localdate(batch.requested_at),
            batch_step=batch.step,
        )
        for assignment in list(recipients):
            _send_once(
                assignment, step=batch.step, kind=ReminderLog.Kind.REMINDER, recipient=assignment.employee, now=now
            )
    reminded = ReminderLog.objects.filter(assignment__campaign_id=campaign.pk, step=batch.step).count()
    ReminderBatch.objects.filter(pk=batch.pk).update(
        status=ReminderBatch.Status.DONE, reminded=reminded, finished_at=timezone.now()
    )
    return reminded


def reminder_batches_requeue(*, now: datetime | None = None) -> list[int]:
    """The periodic safety net: a batch still not sent 5 minutes after it was asked (its job was lost, or its
    worker died) is queued again, for a day. Sending it twice is harmless (one e-mail per person and batch)."""
    now = now or timezone.now()
    stuck = list(
        ReminderBatch.objects.filter(
            status__in=[ReminderBatch.Status.QUEUED, ReminderBatch.Status.RUNNING],
            requested_at__lt=now - timedelta(minutes=5),
            requested_at__gt=now - timedelta(days=1),
        ).values_list("pk", flat=True)
    )
    for batch_id in stuck:
        enqueue_reminder_batch(batch_id)
    return stuck

"""Reads on acknowledgements: the employee's to-do and receipts, HR's dashboard and lists, the register.

For the evidence export (issue 5): ``version_register(version)`` lists every member of the audience
of a version's campaign with their status; ``acknowledgement_list_for_version(version)`` the
acknowledgements with everything a certificate shows; ``charters.ledger`` the chain.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charters.models import (
    Acknowledgement,
    Assignment,
    Campaign,
    Charter,
    CharterVersion,
    Feedback,
    ReminderBatch,
    ReminderLog,
)
from charters.selectors import charter_audience, charter_get_for_user, charter_version_in_force
from policy_portal.models import Employee, name_in_reader_language
from policy_portal.roles import AnyUser, can
from policy_portal.selectors import HomeSection, HomeTask, employee_for_user, employee_search_filter

Status = Assignment.Status


def _assignments() -> QuerySet[Assignment]:
    return Assignment.objects.select_related(
        "campaign__version__charter", "employee__user", "employee__department", "acknowledgement__version"
    )


# --- the employee -----------------------------------------------------------------------------------
def assignment_pending_list_for(employee: Employee) -> QuerySet[Assignment]:
    """What the employee still has to acknowledge: open campaigns of versions in force (declined included)."""
    return (
        _assignments()
        .filter(
            employee=employee,
            status__in=[Status.PENDING, Status.DECLINED],
            campaign__closed_at__isnull=True,
            campaign__version__status=CharterVersion.Status.PUBLISHED,
            campaign__version__in_force_at__isnull=False,
        )
        .order_by("due_on", "campaign__version__charter__name")
    )


def assignment_get_for(*, employee: Employee, version: CharterVersion) -> Assignment | None:
    return _assignments().filter(employee=employee, campaign__version=version).first()


def assignment_in_force_for(*, employee: Employee, user: object, slug: str, number: int) -> Assignment | None:
    """The employee's assignment for ``slug`` v``number`` when it is the version in force of a charter they see."""
    charter = charter_get_for_user(slug=slug, user=user)
    version = charter_version_in_force(charter) if charter else None
    if version is None or version.number != number:
        return None
    return assignment_get_for(employee=employee, version=version)


def acknowledgement_list_for(employee: Employee) -> QuerySet[Acknowledgement]:
    """The employee's receipts, newest first."""
    return (
        Acknowledgement.objects.filter(employee=employee)
        .select_related("version__charter", "employee__user")
        .order_by("-acknowledged_at")
    )


def acknowledgement_get_for(*, employee: Employee, pk: int) -> Acknowledgement | None:
    return acknowledgement_list_for(employee).filter(pk=pk).first()


def acknowledgement_certificate_get_for_user(*, user: AnyUser, pk: int) -> Acknowledgement | None:
    """An acknowledgement whose certificate ``user`` may download: their own, or anyone's for legal."""
    acks = Acknowledgement.objects.select_related("version__charter", "employee__user")
    if not can(user, "export_evidence"):
        acks = acks.filter(employee__user_id=user.pk)
    return acks.filter(pk=pk).first()


def acknowledgement_signed_before(assignment: Assignment) -> Acknowledgement | None:
    """The employee's latest acknowledgement of an earlier version of the same charter (for "what changed")."""
    version = assignment.campaign.version
    return (
        Acknowledgement.objects.filter(
            employee_id=assignment.employee_id,
            version__charter_id=version.charter_id,
            version__number__lt=version.number,
        )
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def feedback_list_for_assignment(assignment: Assignment) -> QuerySet[Feedback]:
    return Feedback.objects.filter(assignment=assignment).select_related("answered_by")


def acknowledgement_tasks_for(user: AnyUser) -> list[HomeTask]:
    """Home cards: each version to acknowledge (urgent when overdue); HR's unanswered questions."""
    tasks: list[HomeTask] = []
    employee = employee_for_user(user)
    today = timezone.localdate()
    if employee is not None and employee.is_active:
        for a in assignment_pending_list_for(employee):
            version = a.campaign.version
            tasks.append(
                HomeTask(
                    title=_("To do: acknowledge %(charter)s v%(number)s")
                    % {"charter": version.charter.display_name, "number": version.number},
                    description=(_("Overdue since %(date)s.") if a.due_on < today else _("Before %(date)s."))
                    % {"date": date_format(a.due_on, "DATE_FORMAT")},
                    url=reverse("charters:ack-read", kwargs={"slug": version.charter.slug, "number": version.number}),
                    priority=10,
                    urgent=a.due_on < today,
                )
            )
    if can(user, "manage_campaigns"):
        open_questions = Feedback.objects.filter(kind=Feedback.Kind.QUESTION, answered_at__isnull=True).count()
        if open_questions:
            tasks.append(
                HomeTask(
                    title=_("Answer employees' questions about the charter"),
                    description=ngettext("%(count)s question waiting.", "%(count)s questions waiting.", open_questions)
                    % {"count": open_questions},
                    url=reverse("charters:campaign-list") + "?list=questions",
                    priority=25,
                )
            )
    return tasks


# --- HR: campaigns and dashboard ------------------------------------------------------------------------
def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.select_related("version__charter").order_by("closed_at", "-started_at")


def campaign_get(*, slug: str, number: int) -> Campaign | None:
    return campaign_list().filter(version__charter__slug=slug, version__number=number).first()


def counted_assignments(campaign: Campaign) -> QuerySet[Assignment]:
    """Assignments that count: active employees still in the version's audience."""
    qs = Assignment.objects.filter(campaign=campaign, employee__status=Employee.Status.ACTIVE)
    charter = campaign.version.charter
    if charter.audience == Charter.Audience.EVERYONE:
        return qs  # every active employee is in the audience: no subquery
    return qs.filter(employee__in=charter_audience(charter).values("pk"))


@dataclass(frozen=True)
class Completion:
    label: str
    total: int
    acknowledged: int
    declined: int
    pending: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.total) if self.total else 0

    @property
    def to_sign(self) -> int:
        """Everyone who has not signed yet (to do, declined, overdue)."""
        return self.total - self.acknowledged


def _completion_counts(today: date) -> dict[str, Count]:
    return {
        "total": Count("pk"),
        "acknowledged": Count("pk", filter=Q(status=Status.ACKNOWLEDGED)),
        "declined": Count("pk", filter=Q(status=Status.DECLINED)),
        "pending": Count("pk", filter=Q(status=Status.PENDING)),
        "overdue": Count("pk", filter=Q(status=Status.PENDING, due_on__lt=today)),
    }


def campaign_completion(campaign: Campaign, *, today: date | None = None) -> tuple[Completion, list[Completion]]:
    """Totals and one row per department: one aggregate query, whatever the size of the company."""
    today = today or timezone.localdate()
    grouped = (
        counted_assignments(campaign)
        .values("employee__department__name", "employee__department__name_en")
        .annotate(**_completion_counts(today))
        .order_by("employee__department__name")
    )
    rows: list[dict[str, Any]] = [dict(row) for row in grouped]
    departments = [
        _completion(
            name_in_reader_language(
                row.get("employee__department__name") or "", row.get("employee__department__name_en") or ""
            )
            or _("No department"),
            row,
        )
        for row in rows
    ]
    keys = ("total", "acknowledged", "declined", "pending", "overdue")
    total = {key: sum(int(row[key] or 0) for row in rows) for key in keys}
    return _completion(_("All"), total), departments


def _completion(label: str, counts: Mapping[str, Any]) -> Completion:
    keys = ("total", "acknowledged", "declined", "pending", "overdue")
    return Completion(label, *(int(counts[key] or 0) for key in keys))


@dataclass(frozen=True)
class SignatureDay:
    day: date
    signed: int  # signatures that day
    cumulative: int  # signatures up to and including that day
    percent: int  # cumulative share of the people counted today


def campaign_signatures_by_day(campaign: Campaign, *, total: int, today: date | None = None) -> list[SignatureDay]:
    """Signatures per day from the start of the campaign to today (or its close), one aggregate query.

    Acknowledgements carried over from an earlier version count on the first day; percentages are of
    ``total``, the people counted today (the dashboard's figure)."""
    today = today or timezone.localdate()
    start = timezone.localdate(campaign.started_at)
    end = min(today, timezone.localdate(campaign.closed_at)) if campaign.closed_at else today
    per_day: dict[date, int] = {}
    grouped = (
        counted_assignments(campaign)
        .filter(status=Status.ACKNOWLEDGED, completed_at__isnull=False)
        .annotate(day=TruncDate("completed_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(signed=Count("pk"))
        .order_by("day")
    )
    for row in grouped:
        day = max(row["day"], start)
        per_day[day] = per_day.get(day, 0) + row["signed"]
    days, cumulative = [], 0
    for offset in range(max(0, (end - start).days) + 1):
        day = start + timedelta(days=offset)
        cumulative += per_day.get(day, 0)
        percent = round(100 * cumulative / total) if total else 0
        days.append(SignatureDay(day=day, signed=per_day.get(day, 0), cumulative=cumulative, percent=percent))
    return days


def campaign_list_in_force() -> QuerySet[Campaign]:
    """The open campaigns of the versions in force, by charter name."""
    return (
        campaign_list()
        .filter(
            closed_at__isnull=True,
            version__status=CharterVersion.Status.PUBLISHED,
            version__in_force_at__isnull=False,
        )
        .order_by("version__charter__name", "pk")
    )


def completion_overview_for(user: AnyUser) -> HomeSection | None:
    """HR's home block: for each version in force, signed / still to sign / overdue and the percentage.

    One aggregate query per version in force (a company has a few charters, not hundreds)."""
    if not can(user, "view_dashboards"):
        return None
    today = timezone.localdate()
    rows = [(campaign, campaign_completion(campaign, today=today)[0]) for campaign in campaign_list_in_force()]
    return HomeSection(template="charters/acknowledgements/_home_overview.html", context={"rows": rows})


def remind_now_recipients(
    campaign: Campaign, *, reminded_since: datetime, today: date | None = None, batch_step: str = ""
) -> QuerySet[Assignment]:
    """Who "send reminders now" writes to: counted, not signed (to do), due today or overdue, with an e-mail,
    and not reminded since ``reminded_since`` (by the scheduler or another batch than ``batch_step``)."""
    today = today or timezone.localdate()
    reminded_lately = ReminderLog.objects.filter(
        assignment=OuterRef("pk"), kind=ReminderLog.Kind.REMINDER, sent_at__gt=reminded_since
    ).exclude(step=batch_step)
    return (
        counted_assignments(campaign)
        .filter(status=Status.PENDING, due_on__lte=today)
        .exclude(employee__user__email="")
        .exclude(Exists(reminded_lately))
        .select_related("campaign__version__charter", "employee__user")
        .order_by("pk")
    )


def reminder_batch_latest(campaign: Campaign) -> ReminderBatch | None:
    """The last "send reminders now" of the campaign (what the page reports)."""
    return ReminderBatch.objects.filter(campaign=campaign).select_related("requested_by").first()


def campaign_people(
    campaign: Campaign,
    *,
    status: str = "",
    department: str = "",
    search: str = "",
    today: date | None = None,
) -> QuerySet[Assignment]:
    """Filtered list for HR: status is pending / overdue / acknowledged / declined / question."""
    today = today or timezone.localdate()
    qs = counted_assignments(campaign).select_related("employee__user", "employee__department", "acknowledgement")
    if status == "overdue":
        qs = qs.filter(status=Status.PENDING, due_on__lt=today)
    elif status == "question":
        qs = qs.filter(feedback__kind=Feedback.Kind.QUESTION).distinct()
    elif status in Status.values:
        qs = qs.filter(status=status)
    if department:
        qs = qs.filter(employee__department__code=department)
    if search:
        qs = qs.filter(employee_search_filter(search, prefix="employee__"))
    return qs.order_by("employee__user__last_name", "employee__user__first_name", "pk")


def campaign_people_page(
    people: QuerySet[Assignment], *, number: str | None, per_page: int = 50
) -> tuple[Page, list[Assignment]]:
    """One page of ``campaign_people``: the sort runs on narrow rows (ids), then 50 full rows are loaded."""
    page = Paginator(people.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    loaded = {a.pk: a for a in _assignments().filter(pk__in=ids)}
    return page, [loaded[pk] for pk in ids if pk in loaded]


def assignments_with_open_question(assignment_ids: list[int]) -> set[int]:
    """Which of these assignments (a page of the list) have an unanswered question: one query."""
    return set(
        Feedback.objects.filter(
            assignment_id__in=assignment_ids, kind=Feedback.Kind.QUESTION, answered_at__isnull=True
        ).values_list("assignment_id", flat=True)
    )


def feedback_list(*, campaign: Campaign | None = None, kind: str = "", unanswered: bool = False) -> QuerySet[Feedback]:
    qs = Feedback.objects.select_related(
        "assignment__employee__user",
        "assignment__employee__department",
        "assignment__campaign__version__charter",
        "answered_by",
    )
    if campaign is not None:
        qs = qs.filter(assignment__campaign=campaign)
    if kind:
        qs = qs.filter(kind=kind)
    if unanswered:
        qs = qs.filter(answered_at__isnull=True)
    return qs


def feedback_get(pk: int) -> Feedback | None:
    return feedback_list().filter(pk=pk).first()


@dataclass(frozen=True)
class EmployeeHistory:
    employee: Employee
    assignments: list[Assignment]
    acknowledgements: list[Acknowledgement]
    feedback: list[Feedback]
    reminders: list[ReminderLog]


def employee_history(employee: Employee) -> EmployeeHistory:
    return EmployeeHistory(
        employee=employee,
        assignments=list(_assignments().filter(employee=employee).order_by("-assigned_at")),
        acknowledgements=list(acknowledgement_list_for(employee)),
        feedback=list(feedback_list().filter(assignment__employee=employee)),
        reminders=list(
            ReminderLog.objects.filter(assignment__employee=employee).select_related("assignment__campaign__version")
        ),
    )


# --- the register (evidence export) ---------------------------------------------------------------------
@dataclass(frozen=True)
class RegisterRow:
    employee: Employee
    status: str  # acknowledged | declined | question | overdue | pending | left
    assignment: Assignment
    acknowledgement: Acknowledgement | None  # may be of an earlier version when carried over (minor change)
    carried_over: bool
    due_on: date


def version_register(version: CharterVersion, *, today: date | None = None) -> Iterator[RegisterRow]:
    """Every person assigned the version (leavers included, marked "left"), by name, with their status.

    Acknowledged wins over everything; then left; declined; an unanswered or answered question;
    overdue (pending past the due date); pending. Streams in chunks (no query per row).
    """
    today = today or timezone.localdate()
    qs = (
        _assignments()
        .filter(campaign__version=version)
        .annotate(asked=Exists(Feedback.objects.filter(assignment=OuterRef("pk"), kind=Feedback.Kind.QUESTION)))
        .order_by("employee__user__last_name", "employee__user__first_name", "pk")
    )
    for a in qs.iterator(chunk_size=2000):
        if a.status == Status.ACKNOWLEDGED:
            status = "acknowledged"
        elif a.employee.status == Employee.Status.LEFT:
            status = "left"
        elif a.status == Status.DECLINED:
            status = "declined"
        elif a.asked:
            status = "question"
        else:
            status = "overdue" if a.due_on < today else "pending"
        ack = a.acknowledgement
        yield RegisterRow(
            employee=a.employee,
            status=status,
            assignment=a,
            acknowledgement=ack,
            carried_over=ack is not None and ack.version_id != version.pk,
            due_on=a.due_on,
        )


def acknowledgement_list_for_version(version: CharterVersion) -> QuerySet[Acknowledgement]:
    """The acknowledgements of exactly this version (certificates), with employee and charter loaded."""
    return (
        Acknowledgement.objects.filter(version=version)
        .select_related("employee__user", "employee__department", "version__charter")
        .order_by("pk")
    )


def department_choices() -> list[tuple[str, str]]:
    from policy_portal.models import Department

    return list(Department.objects.order_by("name").values_list("code", "name"))

"""Reads for people, roles, notifications and the home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from policy_portal.models import DirectoryImport, Employee, Notification, WorkerHeartbeat
from policy_portal.roles import AnyUser, can


@dataclass(frozen=True)
class HomeTask:
    """One card on the home page: something this person has to do or may want to do."""

    title: str
    description: str
    url: str
    priority: int = 50  # lower first
    urgent: bool = False


@dataclass(frozen=True)
class HomeSection:
    """A block of the home page another app renders (e.g. HR's completion overview): its template and context."""

    template: str
    context: dict[str, object]


SEARCH_FIELDS = ("user__first_name", "user__last_name", "user__email", "department__name", "employee_id")


def employee_search_filter(search: str, *, prefix: str = "") -> Q:
    """People whose name, e-mail, department or employee id hold every word of ``search`` (at most 6 words).

    "dupont ventes" finds the Duponts of Sales; ``prefix`` reaches the employee from another model
    (``"employee__"`` for an assignment)."""
    condition = Q()
    for word in search.split()[:6]:
        either = Q()
        for field in SEARCH_FIELDS:
            either |= Q(**{f"{prefix}{field}__icontains": word})
        condition &= either
    return condition


def employee_list(*, search: str = "", department: str = "", status: str = "") -> QuerySet[Employee]:
    qs = Employee.objects.select_related("user", "department", "manager__user")
    if search:
        qs = qs.filter(employee_search_filter(search))
    if department:
        qs = qs.filter(department__code=department)
    if status:
        qs = qs.filter(status=status)
    return qs


def employee_for_user(user: AnyUser) -> Employee | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.select_related("department", "manager__user").filter(user=user).first()


def directory_import_list() -> QuerySet[DirectoryImport]:
    return DirectoryImport.objects.select_related("started_by")


def notification_list_unread(user: AnyUser, *, limit: int = 20) -> QuerySet[Notification]:
    """The person's unread notifications, newest first (the home page lists them)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).order_by("-created_at", "-pk")[
        :limit
    ]


def notification_unread_count(user: AnyUser) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notification_get_for_user(*, user: AnyUser, pk: int) -> Notification:
    """One of the person's notifications; someone else's is a 404 (its existence is not disclosed)."""
    notification = Notification.objects.filter(recipient_id=user.pk, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def home_tasks_for(user: AnyUser) -> list[HomeTask]:
    tasks: list[HomeTask] = []
    for path in settings.HOME_TASK_PROVIDERS:
        tasks.extend(import_string(path)(user))
    return sorted(tasks, key=lambda t: (not t.urgent, t.priority, t.title))


def home_sections_for(user: AnyUser) -> list[HomeSection]:
    """The home page's blocks after the tasks, from settings.HOME_SECTION_PROVIDERS (each may return None)."""
    sections = (import_string(path)(user) for path in settings.HOME_SECTION_PROVIDERS)
    return [section for section in sections if section is not None]


def directory_tasks_for(user: AnyUser) -> list[HomeTask]:
    tasks = []
    if can(user, "import_directory"):
        tasks.append(HomeTask(
            title=_("Keep the employee directory in sync"),
            description=_("Import the latest HRIS export so that new hires and leavers are up to date."),
            url=reverse("directory-import"), priority=80,
        ))
    return tasks


def worker_heartbeat_age() -> timedelta | None:
    latest = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    return None if latest is None else timezone.now() - latest

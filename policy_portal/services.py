"""Writes for people and roles: the HRIS directory sync, the language preference and notifications."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from policy_portal.errors import ApplicationError, NotFound
from policy_portal.models import Department, DirectoryImport, Employee, Notification
from policy_portal.roles import ROLE_LABELS, AnyUser, Role

REQUIRED_COLUMNS = ("employee_id", "first_name", "last_name", "email")
OPTIONAL_COLUMNS = ("department", "department_en", "manager_id", "language", "status", "roles", "hired_on")
MAX_ROWS = 200_000


@dataclass(frozen=True)
class DirectoryRow:
    line: int
    employee_id: str
    first_name: str
    last_name: str
    email: str
    department: str
    manager_id: str
    language: str
    status: str
    roles: frozenset[str] | None
    hired_on: date | None
    department_en: str = ""  # the department's name on English pages (optional column)


@dataclass
class DirectoryImportResult:
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0
    new_employee_ids: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)


class DirectoryImportError(ApplicationError):
    """The file is refused as a whole; ``errors`` lists (line, reason) pairs."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(
            _("The file was not imported: %(count)d error(s).") % {"count": len(errors)},
            extra={"errors": [{"line": line, "reason": reason} for line, reason in errors]},
        )
        self.errors = errors


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DirectoryImportError([(0, _("The file is not readable text (UTF-8 or Windows-1252)."))])


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        day, month, year = value.split("/")  # French exports: 31/12/2024
        return date(int(year), int(month), int(day))


def _parse_row(line: int, raw: dict[str, str], errors: list[tuple[int, str]]) -> DirectoryRow | None:
    values = {key: (raw.get(key) or "").strip() for key in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    problems = [_("%(column)s is empty") % {"column": col} for col in REQUIRED_COLUMNS if not values[col]]
    email = values["email"].lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("%(value)s is not a valid e-mail address") % {"value": values["email"]})
    language = (values["language"] or "fr").lower()[:2]
    if language not in Employee.Language.values:
        problems.append(_("unknown language %(value)s (expected fr or en)") % {"value": values["language"]})
    status = (values["status"] or "active").lower()
    status = {"actif": "active", "parti": "left", "sorti": "left", "inactive": "left"}.get(status, status)
    if status not in Employee.Status.values:
        problems.append(_("unknown status %(value)s (expected active or left)") % {"value": values["status"]})
    roles: frozenset[str] | None = None
    if "roles" in raw:
        roles = frozenset(r.strip().lower() for r in values["roles"].replace(",", ";").split(";") if r.strip())
        unknown = sorted(roles - set(ROLE_LABELS))
        if unknown:
            problems.append(_("unknown role(s): %(roles)s") % {"roles": ", ".join(unknown)})
    hired_on = None
    if values["hired_on"]:
        try:
            hired_on = _parse_date(values["hired_on"])
        except ValueError:
            problems.append(_("%(value)s is not a date") % {"value": values["hired_on"]})
    if problems:
        errors.append((line, "; ".join(problems)))
        return None
    return DirectoryRow(
        line=line, employee_id=values["employee_id"], first_name=values["first_name"],
        last_name=values["last_name"], email=email, department=values["department"],
        manager_id=values["manager_id"], language=language, status=status, roles=roles, hired_on=hired_on,
        department_en=values["department_en"][:200],
    )


def directory_parse(*, data: bytes) -> list[DirectoryRow]:
    """Read and validate a whole HRIS export; raise DirectoryImportError listing every bad line."""
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        raise DirectoryImportError(
            [(1, _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})]
        )
    reader.fieldnames = header
    errors: list[tuple[int, str]] = []
    rows: list[DirectoryRow] = []
    for raw in reader:
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            errors.append((line, _("too many lines (at most %(max)d)") % {"max": MAX_ROWS}))
            break
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        row = _parse_row(line, raw, errors)
        if row:
            rows.append(row)
    _check_uniqueness(rows, errors)
    if errors:
        raise DirectoryImportError(sorted(errors))
    return rows


def _check_uniqueness(rows: list[DirectoryRow], errors: list[tuple[int, str]]) -> None:
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for row in rows:
        if row.employee_id in seen_ids:
            errors.append((row.line, _("employee id %(id)s already on line %(other)d")
                           % {"id": row.employee_id, "other": seen_ids[row.employee_id]}))
        seen_ids.setdefault(row.employee_id, row.line)
        if row.email in seen_emails:
            errors.append((row.line, _("e-mail %(email)s already on line %(other)d")
                           % {"email": row.email, "other": seen_emails[row.email]}))
        seen_emails.setdefault(row.email, row.line)
    known_ids = set(seen_ids) | set(Employee.objects.values_list("employee_id", flat=True))
    for row in rows:
        if row.manager_id and row.manager_id not in known_ids:
            errors.append((row.line, _("manager %(id)s is not in the directory") % {"id": row.manager_id}))
        if row.manager_id == row.employee_id:
            errors.append((row.line, _("an employee cannot be their own manager")))
    owners = dict(
        get_user_model().objects.filter(username__in=list(seen_emails))
        .values_list("username", "employee__employee_id")
    )
    for row in rows:
        owner = owners.get(row.email)
        if row.email in owners and owner != row.employee_id and owner not in seen_ids:
            errors.append((row.line, _("e-mail %(email)s belongs to another person") % {"email": row.email}))


def directory_import(
    *, data: bytes, filename: str, source: str, by: AnyUser | None = None, full_sync: bool = True,
    dry_run: bool = False,
) -> DirectoryImportResult:
    """Create, update and deactivate employees from an HRIS CSV export, all or nothing.

    With ``full_sync`` the file is the whole directory: employees missing from it have left.
    """
    rows = directory_parse(data=data)
    with transaction.atomic():
        result = _apply_rows(rows, full_sync=full_sync)
        if dry_run:
            transaction.set_rollback(True)
            return result
        if result.changed or source == DirectoryImport.Source.UPLOAD:
            DirectoryImport.objects.create(
                started_by=by if by is not None and by.is_authenticated else None, source=source,
                filename=filename[:255],
                sha256=hashlib.sha256(data).hexdigest(), created=result.created, updated=result.updated,
                deactivated=result.deactivated, unchanged=result.unchanged,
            )
        for hook in getattr(settings, "DIRECTORY_SYNC_HOOKS", []):  # e.g. new hires' acknowledgements
            import_string(hook)(result)
    return result


def _apply_rows(rows: list[DirectoryRow], *, full_sync: bool) -> DirectoryImportResult:
    User = get_user_model()
    result = DirectoryImportResult()
    departments = _ensure_departments({row.department: row.department_en for row in rows if row.department})
    groups = {g.name: g for g in Group.objects.filter(name__in=list(ROLE_LABELS))}
    existing = {
        e.employee_id: e
        for e in Employee.objects.select_related("user", "manager").prefetch_related("user__groups")
    }
    by_id: dict[str, Employee] = dict(existing)
    today = timezone.localdate()
    for row in rows:
        employee = existing.get(row.employee_id)
        user = employee.user if employee else User.objects.filter(username=row.email).first()
        created = employee is None
        if user is None:
            user = User(username=row.email)
            user.set_unusable_password()
        user_changed = _assign(user, username=row.email, email=row.email, first_name=row.first_name,
                               last_name=row.last_name, is_active=row.status == Employee.Status.ACTIVE)
        if user_changed or user.pk is None:
            user.save()
        if employee is None:
            employee = Employee(user=user, employee_id=row.employee_id)
        emp_changed = _assign(
            employee, department=departments.get(row.department), preferred_language=row.language,
            status=row.status, left_on=(employee.left_on or today) if row.status == "left" else None,
            hired_on=row.hired_on or employee.hired_on,
        )
        if emp_changed or employee.pk is None:
            employee.save()
        roles_changed = _set_roles(user, row.roles, groups)
        by_id[row.employee_id] = employee
        if created:
            result.created += 1
            if employee.is_active:
                result.new_employee_ids.append(employee.pk)
        elif user_changed or emp_changed or roles_changed:
            result.updated += 1
        else:
            result.unchanged += 1
    for row in rows:
        employee = by_id[row.employee_id]
        manager = by_id.get(row.manager_id) if row.manager_id else None
        if employee.manager_id != (manager.pk if manager else None):
            employee.manager = manager
            employee.save(update_fields=["manager", "updated_at"])
            if row.employee_id in existing and result.unchanged:
                result.unchanged -= 1
                result.updated += 1
    if full_sync:
        listed = {row.employee_id for row in rows}
        for employee in existing.values():
            if employee.employee_id not in listed and employee.is_active:
                employee.status, employee.left_on = Employee.Status.LEFT, today
                employee.save(update_fields=["status", "left_on", "updated_at"])
                employee.user.is_active = False
                employee.user.save(update_fields=["is_active"])
                result.deactivated += 1
    return result


def _assign(obj: object, **values: object) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _ensure_departments(names: dict[str, str]) -> dict[str, Department]:
    """Department per name; ``names`` maps each to its English name ("": keep the one it has)."""
    result = {}
    for name in sorted(names):
        code = slugify(name)[:64] or "department"
        english = names[name]
        department, _created = Department.objects.get_or_create(code=code, defaults={"name": name, "name_en": english})
        values = {"name": name, **({"name_en": english} if english else {})}
        if _assign(department, **values):
            department.save(update_fields=list(values))
        result[name] = department
    return result


def _set_roles(user: object, roles: frozenset[str] | None, groups: dict[str, Group]) -> bool:
    current = {g.name for g in user.groups.all()}  # type: ignore[attr-defined]
    wanted = (set(roles) if roles is not None else current & set(ROLE_LABELS)) | {Role.EMPLOYEE}
    wanted_portal = wanted & set(ROLE_LABELS)
    if current & set(ROLE_LABELS) == wanted_portal:
        return False
    keep = [g for g in user.groups.all() if g.name not in ROLE_LABELS]  # type: ignore[attr-defined]
    user.groups.set(keep + [groups[name] for name in wanted_portal if name in groups])  # type: ignore[attr-defined]
    return True


def employee_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a signed-in person chose."""
    if language not in Employee.Language.values:
        return
    Employee.objects.filter(user=user).exclude(preferred_language=language).update(
        preferred_language=language
    )


# --- notifications ------------------------------------------------------------------------------------
def notification_create(
    *, recipient: AnyUser | None, kind: str, source_id: int, url: str, params: dict[str, object] | None = None
) -> Notification | None:
    """Tell ``recipient`` that something they asked for changed. Called by the service making the change,
    inside its transaction (no change, no notice); a second call for the same event adds nothing."""
    if recipient is None or getattr(recipient, "pk", None) is None:
        return None
    notification, _created = Notification.objects.get_or_create(
        recipient_id=recipient.pk, kind=kind, source_id=source_id, defaults={"url": url, "params": params or {}}
    )
    return notification


def notification_mark_read(*, notification: Notification, by: AnyUser) -> Notification:
    """Mark one of ``by``'s notifications read (the first reading counts; another person's is refused)."""
    if notification.recipient_id != by.pk:
        raise NotFound(_("This page does not exist."))
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_mark_read(*, recipient: AnyUser, kind: str | None = None, source_id: int | None = None) -> int:
    """Mark ``recipient``'s unread notifications read: all of them, or those of one event (e.g. the
    decision on a post, once its author has opened it)."""
    unread = Notification.objects.filter(recipient_id=recipient.pk, read_at__isnull=True)
    if kind is not None:
        unread = unread.filter(kind=kind)
    if source_id is not None:
        unread = unread.filter(source_id=source_id)
    return unread.update(read_at=timezone.now())


def worker_heartbeat_record(*, name: str = "default") -> None:
    """Called every minute by the worker; /healthz reads it."""
    from policy_portal.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})

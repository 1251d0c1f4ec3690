"""People: the employee directory on top of Django's users, and the worker heartbeat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    class Language(models.TextChoices):
        FR = "fr", _("French")
        EN = "en", _("English")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        LEFT = "left", _("left")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employee", verbose_name=_("user")
    )
    employee_id = models.CharField(_("employee id"), max_length=64, unique=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="employees",
        verbose_name=_("department"),
    )
    manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports",
        verbose_name=_("manager"),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FR
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active", left_on__isnull=True) | models.Q(status="left"),
                name="employee_left_on_only_when_left",
            ),
            models.CheckConstraint(condition=~models.Q(employee_id=""), name="employee_id_not_blank"),
        ]
        indexes = [models.Index(fields=["status", "department"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.employee_id})"

    @property
    def full_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Access(models.Model):
    """Holds the portal's capabilities as Django permissions; no table (see roles.py)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("portal access")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class DirectoryImport(models.Model):
    """One run of the HRIS directory sync: what it did, never the file itself."""

    class Source(models.TextChoices):
        COMMAND = "command", _("command")
        UPLOAD = "upload", _("upload")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    deactivated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} {self.created_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """One row per worker cluster name, touched every minute by a scheduled job."""

    name = models.CharField(max_length=100, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at.isoformat()}"

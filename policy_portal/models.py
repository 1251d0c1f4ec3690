"""People: the employee directory on top of Django's users, their notifications, and the worker heartbeat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def name_in_reader_language(name: str, name_en: str) -> str:
    """A name stored once in French, with an optional English one: the English one on English pages."""
    return name_en if name_en and (get_language() or "").startswith("en") else name


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, help_text=_("Shown on English pages. Empty: the name.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the English one, when there is one, on English pages)."""
        return name_in_reader_language(self.name, self.name_en)


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


class NotificationKind(models.TextChoices):
    """What changed, for whom: one message per kind (Notification.MESSAGES)."""

    VERSION_APPROVED = "version_approved", _("version approved")
    VERSION_SENT_BACK = "version_sent_back", _("version sent back")
    REVIEW_APPROVED = "review_approved", _("post approved by a reviewer")
    REVIEW_CHANGES_REQUESTED = "review_changes", _("changes requested by a reviewer")
    REVIEW_REJECTED = "review_rejected", _("post rejected by a reviewer")
    QUESTION_ANSWERED = "question_answered", _("question answered")
    STATEMENT_TO_APPROVE = "statement_to_approve", _("official statement to approve")
    STATEMENT_APPROVED = "statement_approved", _("official statement approved")
    STATEMENT_SENT_BACK = "statement_sent_back", _("official statement sent back")
    CRISIS_REVISION = "crisis_revision", _("charter revision asked after a crisis")


class Notification(models.Model):
    """Tells one person that something they asked for changed (their version was approved, their post
    reviewed, their question answered). Written by the service where the change happens, in its
    transaction; the words are written when it is shown, in the reader's language (``message``)."""

    Kind = NotificationKind

    MESSAGES = {
        Kind.VERSION_APPROVED: _("Version %(number)s of %(charter)s was approved: it can be published."),
        Kind.VERSION_SENT_BACK: _("Version %(number)s of %(charter)s was sent back to you: changes are requested."),
        Kind.REVIEW_APPROVED: _("A reviewer approved the post you submitted on %(date)s."),
        Kind.REVIEW_CHANGES_REQUESTED: _("A reviewer asks for changes to the post you submitted on %(date)s."),
        Kind.REVIEW_REJECTED: _("A reviewer rejected the post you submitted on %(date)s."),
        Kind.QUESTION_ANSWERED: _("HR answered your message about %(charter)s (version %(number)s)."),
        Kind.STATEMENT_TO_APPROVE: _("An official statement on the crisis “%(crisis)s” awaits your approval."),
        Kind.STATEMENT_APPROVED: _("Your statement on the crisis “%(crisis)s” was approved: it can be published."),
        Kind.STATEMENT_SENT_BACK: _("Your statement on the crisis “%(crisis)s” was sent back with a comment."),
        Kind.CRISIS_REVISION: _("After the crisis “%(crisis)s”, the crisis cell asks for a revision of %(charter)s."),
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # the row the notice is about: a version's transition, a submission, a message to HR (by kind)
    source_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300)  # a path of this site, where the change can be read
    params = models.JSONField(default=dict, blank=True)  # what the message needs (names, numbers), never its words
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            # one notice per person and event: a service called twice for the same change says it once
            models.UniqueConstraint(fields=["recipient", "kind", "source_id"], name="notification_once_per_event"),
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_known"),
            models.CheckConstraint(
                condition=Q(url__startswith="/") & ~Q(url__startswith="//") & ~Q(url__contains="\\"),
                name="notification_url_on_this_site",
            ),
            models.CheckConstraint(
                condition=Q(read_at__isnull=True) | Q(read_at__gte=F("created_at")),
                name="notification_read_after_created",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"], condition=Q(read_at__isnull=True), name="notification_unread"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} #{self.source_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def message(self) -> str:
        """The notice in the active language; a charter's English name when the reader reads English."""
        params = {key: str(value) for key, value in self.params.items()}
        params["charter"] = name_in_reader_language(params.get("charter", ""), params.get("charter_en", ""))
        if day := parse_date(params.get("date", "")):
            params["date"] = formats.date_format(day, "DATE_FORMAT")
        params.setdefault("charter", "")
        params.setdefault("number", "")
        params.setdefault("date", "")
        return str(self.MESSAGES[self.Kind(self.kind)]) % params

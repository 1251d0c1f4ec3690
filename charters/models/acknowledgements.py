"""Acknowledgement campaigns, per-employee assignments, sealed evidence, quizzes, reminders and the ledger.

Invariants live in the database: one campaign per version, one assignment per employee and
campaign, exactly one acknowledgement per employee and version, one reminder per assignment and
step (a scheduler running twice sends nothing twice), a unique ledger sequence number, and (see
migrations) a trigger refusing any UPDATE or DELETE of a ledger entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from charters.models.versions import CharterVersion
from policy_portal.models import Employee


class Campaign(models.Model):
    """Asks the audience of a version in force to acknowledge it before a deadline."""

    version = models.OneToOneField(
        CharterVersion, on_delete=models.PROTECT, related_name="campaign", verbose_name=_("version")
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateField(_("deadline"))
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("What the employee agrees to. Empty: the portal's standard sentence in their language."),
    )
    min_reading_seconds = models.PositiveIntegerField(
        _("minimum reading time (seconds)"),
        null=True,
        blank=True,
        help_text=_("Empty: scaled to the length of the text."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("acknowledgement campaign")
        verbose_name_plural = _("acknowledgement campaigns")

    def __str__(self) -> str:
        return f"{self.version}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Assignment(models.Model):
    """One employee asked to acknowledge one campaign's version; records their reading too."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to do")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        DECLINED = "declined", _("declined")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="assignments")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="ack_assignments")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    assigned_at = models.DateTimeField(_("assigned at"))
    due_on = models.DateField(_("due on"))
    # the acknowledgement that settles it: of this version, or of an earlier one carried over (minor change)
    acknowledgement = models.ForeignKey(
        "Acknowledgement", on_delete=models.PROTECT, null=True, blank=True, related_name="assignments"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(_("page opened at"), null=True, blank=True)
    opened_language = models.CharField(max_length=8, blank=True)
    end_reached_at = models.DateTimeField(_("end of text reached at"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "employee"], name="assignment_one_per_employee"),
            models.CheckConstraint(
                condition=Q(status="acknowledged", acknowledgement__isnull=False)
                | (~Q(status="acknowledged") & Q(acknowledgement__isnull=True)),
                name="assignment_acknowledged_has_acknowledgement",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"]), models.Index(fields=["employee", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.employee_id} · {self.status}"

    @property
    def carried_over(self) -> bool:
        ack = self.acknowledgement
        return ack is not None and ack.version_id != self.campaign.version_id


class Acknowledgement(models.Model):
    """The evidence that one employee acknowledged one version: never changed once written."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="acknowledgements")
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    language = models.CharField(_("language shown"), max_length=8)
    text_sha256 = models.CharField(_("SHA-256 of the text shown"), max_length=64)
    content_sha256 = models.CharField(_("SHA-256 of the version's content"), max_length=64)
    consent_text = models.TextField(_("consent text"))
    consent_sha256 = models.CharField(_("SHA-256 of the consent text"), max_length=64)
    typed_name = models.CharField(_("typed name"), max_length=200)
    opened_at = models.DateTimeField(_("page opened at"))
    end_reached_at = models.DateTimeField(_("end of text reached at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"))
    time_spent_seconds = models.PositiveIntegerField(_("time spent (seconds)"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    auth_method = models.CharField(_("authentication method"), max_length=40)
    quiz_score = models.PositiveSmallIntegerField(_("quiz score (%)"), null=True, blank=True)
    quiz_passed = models.BooleanField(_("quiz passed"), null=True, blank=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["employee", "version"], name="acknowledgement_one_per_employee_version"),
            models.CheckConstraint(
                condition=Q(end_reached_at__gte=models.F("opened_at"))
                & Q(acknowledged_at__gte=models.F("end_reached_at")),
                name="acknowledgement_timestamps_in_order",
            ),
        ]
        indexes = [models.Index(fields=["version", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.version} · {self.employee_id} · {self.acknowledged_at:%Y-%m-%d}"

    @property
    def auth_method_label(self) -> str:
        """How the signer proved who they were, in the reader's language ("session+password" -> words)."""
        method, _plus, extra = self.auth_method.partition("+")
        words = {"session": _("signed-in session"), "api-token": _("API token")}
        label = str(words.get(method, method))
        return str(_("%(method)s and password typed again") % {"method": label}) if extra == "password" else label


class Feedback(models.Model):
    """Instead of acknowledging: a refusal or a question to HR (text required), which HR answers."""

    class Kind(models.TextChoices):
        DECLINE = "decline", _("declined")
        QUESTION = "question", _("question")

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("sent at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="feedback_text_required"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""), name="feedback_answer_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:40]}"


class Quiz(models.Model):
    """An optional comprehension quiz HR writes for a version."""

    version = models.OneToOneField(CharterVersion, on_delete=models.CASCADE, related_name="quiz")
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=80)

    class Meta:
        verbose_name = _("quiz")
        constraints = [models.CheckConstraint(condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="quiz_pass_mark")]

    def __str__(self) -> str:
        return f"{self.version} quiz"


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=1)
    text_fr = models.TextField(_("question (French)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    explanation_fr = models.TextField(_("explanation (French)"), blank=True)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)

    class Meta:
        ordering = ["quiz", "position", "pk"]

    def __str__(self) -> str:
        return self.text_fr[:60]

    def text(self, language: str) -> str:
        return (self.text_en if language == "en" else "") or self.text_fr

    def explanation(self, language: str) -> str:
        return (self.explanation_en if language == "en" else "") or self.explanation_fr


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    text_fr = models.CharField(_("choice (French)"), max_length=500)
    text_en = models.CharField(_("choice (English)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text_fr[:60]

    def text(self, language: str) -> str:
        return (self.text_en if language == "en" else "") or self.text_fr


class QuizAttempt(models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    answers = models.JSONField(default=dict)  # question id -> choice id
    score = models.PositiveSmallIntegerField()  # percent
    passed = models.BooleanField()
    attempted_at = models.DateTimeField()

    class Meta:
        ordering = ["-attempted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.employee_id} · {self.score}%"


class ReminderLog(models.Model):
    """One reminder (or escalation to the manager) sent for one assignment at one step, never twice."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("reminder")
        ESCALATION = "escalation", _("escalation to the manager")

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reminders")
    step = models.CharField(max_length=40)  # e.g. "after_start:7", "before_deadline:1", "overdue:2", "escalation"
    kind = models.CharField(max_length=10, choices=Kind.choices)
    recipient = models.EmailField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "step"], name="reminderlog_once_per_step")]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.step}"


class ReminderBatch(models.Model):
    """HR's "send reminders now" on a campaign, sent by a job (charters.tasks.run_reminder_batch).

    At most one per campaign within ACK_REMIND_NOW_WINDOW_MINUTES (the request locks the campaign row):
    a double click finds the batch already asked for. Each e-mail is a ReminderLog row whose step is
    ``now:<batch id>``, unique per assignment: a job delivered twice sends nothing twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("sending")
        DONE = "done", _("sent")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="reminder_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    reminded = models.PositiveIntegerField(_("people reminded"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("reminders sent now")
        verbose_name_plural = _("reminders sent now")
        indexes = [models.Index(fields=["campaign", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.requested_at:%Y-%m-%d %H:%M} · {self.status}"

    @property
    def step(self) -> str:
        """The ReminderLog step of this batch's e-mails."""
        return f"now:{self.pk}"


class LedgerEntry(models.Model):
    """One evidence event in the hash chain (see charters/ledger.py). Recorded pending (no position or
    hashes), chained once by the sealer; a trigger refuses any other change."""

    class Event(models.TextChoices):
        VIEWED = "viewed", _("viewed")
        END_REACHED = "end_reached", _("end of text reached")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        DECLINED = "declined", _("declined")
        QUESTION = "question", _("question")
        ANSWERED = "answered", _("answered")
        QUIZ = "quiz", _("quiz attempt")
        REMINDER_SENT = "reminder_sent", _("reminder sent")
        EXPORTED = "exported", _("exported")
        # the crisis cell's response cycle (compliance.crisis): object_id is the crisis
        CRISIS_OPENED = "crisis_opened", _("crisis opened")
        CRISIS_CHANGED = "crisis_changed", _("crisis instructions or topics changed")
        STATEMENT = "crisis_statement", _("official statement step")
        CONTENT_REMOVED = "content_removed", _("content removed")
        CRISIS_CLOSED = "crisis_closed", _("crisis closed")
        CRISIS_REVISION = "crisis_revision", _("charter revision after a crisis")

    sequence = models.PositiveBigIntegerField(unique=True, null=True, blank=True)  # None: pending
    recorded_at = models.DateTimeField()
    event = models.CharField(max_length=16)
    employee_id = models.BigIntegerField(null=True, blank=True)  # ids, not foreign keys: the chain outlives rows
    version_id = models.BigIntegerField(null=True, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)  # the acknowledgement, feedback, reminder...
    payload = models.JSONField(default=dict)
    # NULL while pending (not ""): the hash is unique, and many entries may be pending at once
    previous_hash = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    entry_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["event", "object_id"]),
            models.Index(fields=["version_id", "sequence"]),
            models.Index(fields=["id"], condition=models.Q(sequence__isnull=True), name="ledgerentry_pending"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sequence__isnull=True, previous_hash__isnull=True, entry_hash__isnull=True)
                | models.Q(sequence__isnull=False, previous_hash__isnull=False, entry_hash__isnull=False),
                name="ledgerentry_sealed_whole",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event}" if self.sequence else f"pending {self.event}"


class LedgerHead(models.Model):
    """A single row locked by every append: the chain grows one entry at a time."""

    sequence = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.sequence}"

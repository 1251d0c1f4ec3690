"""The checker's company context (the registry), anonymous usage counters, and what people chose to keep:
drafts submitted for review (until the retention period ends), allow-list entries and crises."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    PROJECT = "project", _("Project codename")
    PRODUCT = "product", _("Unreleased product")
    CLIENT = "client", _("Client under NDA")
    PARTNER = "partner", _("Partner under NDA")
    PERSON = "person", _("Person")
    OTHER = "other", _("Other")


class ConfidentialTerm(models.Model):
    term = models.CharField(_("term"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TermKind.choices, default=TermKind.OTHER)
    note = models.TextField(_("note"), blank=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class QuietTopic(models.Model):
    """A topic only the crisis cell speaks about."""

    topic = models.CharField(_("topic"), max_length=200, unique=True)
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["topic"]

    def __str__(self) -> str:
        return self.topic


class InternalDocument(models.Model):
    """An internal confidential document, indexed as shingle fingerprints (full text optional)."""

    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    fingerprints = models.JSONField(default=list)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ProtectedWork(models.Model):
    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=200, blank=True)
    rights_holder = models.CharField(_("rights holder"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    fingerprints = models.JSONField(default=list)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class PublicDomain(models.Model):
    domain = models.CharField(_("domain"), max_length=200, unique=True)

    def __str__(self) -> str:
        return self.domain


class PublicFact(models.Model):
    text = models.TextField(_("fact"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class CompanyProfile(models.Model):
    """Singleton (pk=1): the company's name and main language."""

    name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, default="fr")

    def __str__(self) -> str:
        return self.name


class ContextVersion(models.Model):
    """Singleton (pk=1) bumped by every registry change; processes compare it to rebuild their context."""

    version = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.version)


class DailyCategoryCount(models.Model):
    """Anonymous counter: how many checks found something of a category on a day. Nothing else."""

    day = models.DateField()
    category = models.CharField(max_length=80)
    department = models.CharField(max_length=64, blank=True, default="")  # a department code, never a person
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "category"], name="compliance_count_day_department_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.category} {self.count}"


class DailyRuleCount(models.Model):
    """Anonymous counter: how many checks a rule fired in on a day (for the most-triggered rules)."""

    day = models.DateField()
    rule = models.CharField(max_length=120)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "rule"], name="compliance_rulecount_day_rule")]

    def __str__(self) -> str:
        return f"{self.day} {self.rule} {self.count}"


# --- Review queue: drafts an employee chose to submit (the only drafts ever stored) ----------------------
class Submission(models.Model):
    """A draft submitted for review. Its text is erased after the retention period; the row stays as a count."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for a reviewer")
        CLAIMED = "claimed", _("Being reviewed")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired without a decision")

    OPEN = (Status.SUBMITTED, Status.CLAIMED)
    DECIDED = (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="compliance_submissions"
    )
    department = models.CharField(max_length=64, blank=True)  # the author's department code, for counts
    text = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    lang = models.CharField(max_length=8)
    platform = models.CharField(max_length=20, blank=True)
    author_role = models.CharField(max_length=20, default="employee")
    verdict = models.CharField(max_length=10)  # the checker's verdict when submitted
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)  # why rejected, or what to change
    suggested_text = models.TextField(blank=True)
    author_seen_at = models.DateTimeField(null=True, blank=True)  # the author opened the decision
    purged_at = models.DateTimeField(null=True, blank=True)  # text erased by the retention job

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="claimed") | models.Q(claimed_by__isnull=False),
                name="compliance_submission_claimed_has_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class SubmissionFinding(models.Model):
    """A finding of a submitted draft: where and what, never a message (rendered in the reader's language)."""

    class Origin(models.TextChoices):
        CHECKER = "checker", _("Checker")
        REVIEWER = "reviewer", _("Reviewer (missed by the checker)")

    class Feedback(models.TextChoices):
        NONE = "", _("Not reviewed")
        CONFIRMED = "confirmed", _("Confirmed")
        FALSE_POSITIVE = "false_positive", _("False positive")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="findings")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.CHECKER)
    category = models.CharField(max_length=80)
    rule = models.CharField(max_length=120, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    severity = models.CharField(max_length=10, blank=True)
    params = models.JSONField(default=dict, blank=True)
    feedback = models.CharField(max_length=20, choices=Feedback.choices, blank=True, default="")

    class Meta:
        ordering = ["start", "end", "id"]

    def __str__(self) -> str:
        return f"{self.category} {self.start}-{self.end}"


class AllowListEntry(models.Model):
    """An exception the checker honours once confirmed: a term in a sense, a public fact, a domain, an address."""

    class Kind(models.TextChoices):
        TERM_SENSE = "term_sense", _("This term in this sense")
        PUBLIC_FACT = "public_fact", _("A public fact")
        DOMAIN = "domain", _("An allowed domain")
        ADDRESS = "address", _("An allowed address or number")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=500)
    sense = models.CharField(_("words that give the sense"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=80, blank=True)  # blank: any category
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.ForeignKey(SubmissionFinding, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


# --- Crisis mode ---------------------------------------------------------------------------------------
class Crisis(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed (archived)")

    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions for employees"))
    holding_statement = models.TextField(_("holding statement for spokespeople"), blank=True)
    contacts = models.TextField(_("who to contact"), blank=True)
    topics = models.ManyToManyField(QuietTopic, related_name="crises", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    # the charter the crisis cell asked to revise at closing, and the version that revision is (once started)
    revision_charter = models.ForeignKey(
        "charters.Charter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revision_version = models.ForeignKey(
        "charters.CharterVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="crises"
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name_plural = "crises"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(closed_at__isnull=False),
                name="crisis_closed_has_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CrisisEvent(models.Model):
    """The timeline of a crisis; ``detail`` holds data (a topic), never translated text."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        TOPIC_ADDED = "topic_added", _("Quiet topic added")
        STATEMENT_CHANGED = "statement_changed", _("Holding statement changed")
        INSTRUCTIONS_CHANGED = "instructions_changed", _("Instructions changed")
        STATEMENT_DRAFTED = "statement_drafted", _("Official statement drafted")
        STATEMENT_SUBMITTED = "statement_submitted", _("Official statement submitted for approval")
        STATEMENT_APPROVED = "statement_approved", _("Official statement approved")
        STATEMENT_SENT_BACK = "statement_sent_back", _("Official statement sent back")
        STATEMENT_PUBLISHED = "statement_published", _("Official statement published")
        CONTENT_REMOVED = "content_removed", _("Content removed")
        CLOSED = "closed", _("Closed")
        REVISION_REQUESTED = "revision_requested", _("Charter revision requested")
        REVISION_STARTED = "revision_started", _("Charter revision started")

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.crisis_id} {self.kind}"

    @property
    def description(self) -> str:
        """The step in words, in the reader's language (``detail`` holds only data)."""
        from django.utils.translation import gettext

        d = self.detail
        label = str(self.get_kind_display())
        if "number" in d:
            label = gettext("%(step)s (version %(number)s)") % {"step": label, "number": d["number"]}
        extra = d.get("topic") or d.get("comment") or d.get("charter") or d.get("where") or ""
        if self.kind == self.Kind.INSTRUCTIONS_CHANGED and d.get("field") == "contacts":
            label = gettext("Contacts changed")
        return gettext("%(step)s: %(detail)s") % {"step": label, "detail": extra} if extra else label


class OfficialStatement(models.Model):
    """One version of the company's official statement on a crisis: drafted by the crisis cell, approved by the
    company's voice (never by the person who drafted it), then published. Submitted versions are never edited:
    a version sent back is kept with the comment, and the next draft is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Replaced by a newer statement")

    IN_PROGRESS = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED)

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="statements")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("official statement"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["crisis", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["crisis", "number"], name="statement_number_unique_per_crisis"),
            models.UniqueConstraint(
                fields=["crisis"],
                condition=models.Q(status__in=["draft", "submitted", "approved"]),
                name="statement_one_in_progress_per_crisis",
            ),
            models.UniqueConstraint(
                fields=["crisis"], condition=models.Q(status="published"), name="statement_one_published_per_crisis"
            ),
            # separation of duties: whoever drafted a statement does not approve it
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("drafted_by")),
                name="statement_not_decided_by_its_author",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["sent_back", "approved", "published", "superseded"])
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="statement_decided_has_decider",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent_back") | ~models.Q(comment=""), name="statement_sent_back_says_why"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="statement_text_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.crisis_id} v{self.number} {self.status}"


class ContentRemoval(models.Model):
    """The crisis cell's decision log of content removed: what, where, why, the public explanation, who, when."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="removals")
    content = models.TextField(_("content removed"))
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    platform = models.CharField(_("platform"), max_length=100, blank=True)
    reason = models.TextField(_("why it was removed"))
    public_explanation = models.TextField(_("public explanation given"))
    decided_by = models.CharField(_("who decided"), max_length=200)
    decided_at = models.DateTimeField(_("when it was decided"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(content="")
                & ~models.Q(reason="")
                & ~models.Q(public_explanation="")
                & ~models.Q(decided_by=""),
                name="removal_what_why_explanation_who",
            ),
            models.CheckConstraint(condition=~models.Q(url="", platform=""), name="removal_says_where"),
        ]

    def __str__(self) -> str:
        return f"{self.crisis_id} {self.url or self.platform}"


class CheckerModel(models.Model):
    """A company model of the checker, fine-tuned from what reviewers confirmed (``checker_retrain``).

    Its files live under ``MEDIA_ROOT`` (shared by every web node); at most one is active. With none
    active the checker uses the model shipped with the project.
    """

    class Status(models.TextChoices):
        TRAINING = "training", _("Training")
        ACTIVE = "active", _("In use")
        RETIRED = "retired", _("Replaced")
        REJECTED = "rejected", _("Rejected (not better)")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.TRAINING)
    path = models.CharField(_("folder"), max_length=255, blank=True)  # relative to MEDIA_ROOT
    card = models.JSONField(_("model card"), default=dict, blank=True)
    evaluation = models.JSONField(_("evaluation"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.TextField(_("message"), blank=True)
    # when a worker took the training job (a second delivery of the job runs only once this is stale)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="active"), name="one_active_checker_model"
            ),
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="training"), name="one_training_checker_model"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="checker_model_progress_lte_100"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"

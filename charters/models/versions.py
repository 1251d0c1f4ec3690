"""Charters, their immutable versions, translations, clauses, review trail and labour-law steps.

Invariants live in the database: unique version number per charter, one version in progress
(draft, in review or approved) per charter, one version in force per charter, an approver who
is not the author, and (trigger, see migrations/0002) no change to a published version's content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from policy_portal.models import Department, name_in_reader_language

# Checker categories a clause can govern (the compliance app cites the clause for its findings).
CLAUSE_CATEGORIES: dict[str, object] = {
    "confidentiality": _("Confidentiality"),
    "personal_data": _("Personal data"),
    "financial": _("Financial information"),
    "insider": _("Insider information"),
    "security": _("Security"),
    "copyright": _("Copyright and image rights"),
    "conduct": _("Respect and courtesy"),
    "crisis": _("Crisis situations"),
}


class Charter(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        DEPARTMENTS = "departments", _("some departments")
        ROLES = "roles", _("some roles")

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, help_text=_("Shown on English pages. Empty: the name.")
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    departments = models.ManyToManyField(Department, blank=True, related_name="charters", verbose_name=_("departments"))
    roles = models.JSONField(_("roles"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [models.CheckConstraint(condition=~Q(slug=""), name="charter_slug_not_blank")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the English one, when there is one, on English pages)."""
        return name_in_reader_language(self.name, self.name_en)


class CharterVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        SUPERSEDED = "superseded", _("superseded")
        ARCHIVED = "archived", _("archived")

    IN_PROGRESS = (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED)
    FROZEN = (Status.PUBLISHED, Status.SUPERSEDED, Status.ARCHIVED)

    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="versions", verbose_name=_("charter"))
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    body_fr = models.TextField(_("French text (Markdown)"), blank=True)
    # grows each time the French text changes: translations remember the revision they follow
    fr_revision = models.PositiveIntegerField(default=1)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    change_summary = models.TextField(_("change summary"), blank=True)
    material = models.BooleanField(
        _("material change"),
        default=True,
        help_text=_("Material: everyone must acknowledge again. Minor (a typo): acknowledgements carry over."),
    )
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["charter", "-number"]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="charterversion_unique_number"),
            # one draft per charter, and more: one version in progress (draft, review, approved)
            models.UniqueConstraint(
                fields=["charter"],
                condition=Q(status__in=["draft", "in_review", "approved"]),
                name="charterversion_one_in_progress_per_charter",
            ),
            models.UniqueConstraint(
                fields=["charter"],
                condition=Q(status="published", in_force_at__isnull=False),
                name="charterversion_one_in_force_per_charter",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("author")),
                name="charterversion_author_cannot_approve",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="charterversion_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "approved"])
                | (Q(published_at__isnull=False) & Q(effective_date__isnull=False) & ~Q(content_sha256="")),
                name="charterversion_published_has_date_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.charter} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.in_force_at is not None


class CharterTranslation(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("text (Markdown)"))
    based_on_fr_revision = models.PositiveIntegerField(_("French revision translated"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="chartertranslation_one_per_language"),
            models.CheckConstraint(condition=~Q(language="fr"), name="chartertranslation_not_french"),
        ]

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"

    @property
    def is_stale(self) -> bool:
        return self.based_on_fr_revision < self.version.fr_revision


class Clause(models.Model):
    """A numbered heading of a version's text (§3.2), parsed on save; tags come from the French text."""

    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="clauses")
    language = models.CharField(max_length=8)
    number = models.CharField(_("number"), max_length=20)
    anchor = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=300)
    tags = models.JSONField(_("categories"), default=list, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["version", "language", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language", "number"], name="clause_unique_number"),
        ]

    def __str__(self) -> str:
        return f"§{self.number} {self.title}"


class VersionTransition(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_status or '-'} -> {self.to_status}"

    @property
    def from_label(self) -> str:
        """The previous status in the reader's language (empty for the creation of the draft)."""
        return str(CharterVersion.Status(self.from_status).label) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return str(CharterVersion.Status(self.to_status).label)


class ReviewComment(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.body[:40]}"


class LabourLawStep(models.Model):
    """One formality of French labour law for a version (internal rules, Code du travail L1321-4)."""

    class Kind(models.TextChoices):
        CSE_INFORMATION = "cse_information", _("Works council (CSE) informed")
        CSE_OPINION = "cse_opinion", _("Works council (CSE) opinion")
        LABOUR_INSPECTORATE = "labour_inspectorate", _("Sent to the labour inspectorate")
        PRUDHOMMES = "prudhommes", _("Filed at the conseil de prud'hommes registry")
        EMPLOYEE_COMMUNICATION = "employee_communication", _("Communicated to employees")

    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="legal_steps")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    done_on = models.DateField(_("date"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="charters/legal/%Y/", blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["version", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="labourlawstep_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_kind_display()}"

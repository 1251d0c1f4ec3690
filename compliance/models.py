"""The checker's company context (the registry) and anonymous usage counters. Never a draft post."""

from __future__ import annotations

from django.db import models
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
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "category"], name="compliance_count_day_category")]

    def __str__(self) -> str:
        return f"{self.day} {self.category} {self.count}"

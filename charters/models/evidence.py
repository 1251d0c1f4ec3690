"""Stored evidence files (sealed PDFs, dossiers) and the export jobs that assemble them.

Invariants live in the database: one certificate per acknowledgement and language, one part of
each kind per export, one export per version, language and ledger snapshot (asking twice returns
the first), and a finished export always has its file and SHA-256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from charters.models.acknowledgements import Acknowledgement
from charters.models.versions import CharterVersion


class EvidenceExport(models.Model):
    """One dossier of a version, built by a django-q2 job (charters.evidence.tasks.run_evidence_export)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    class Step(models.TextChoices):
        WAITING = "waiting", _("waiting for a worker")
        CERTIFICATES = "certificates", _("certificates")
        REGISTER = "register", _("register")
        VERSION = "version", _("version document")
        DOSSIER = "dossier", _("dossier")
        FINISHED = "finished", _("finished")

    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="evidence_exports")
    language = models.CharField(_("language"), max_length=8, default="fr")
    # the last ledger entry about the version when it was asked for (exports themselves excluded)
    ledger_sequence = models.PositiveBigIntegerField(_("ledger position"))
    ledger_hash = models.CharField(_("ledger hash"), max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(_("step"), max_length=16, choices=Step.choices, default=Step.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)  # also the fencing token of the running attempt
    heartbeat_at = models.DateTimeField()
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.CharField(max_length=300, blank=True)  # name in the evidence storage
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)  # technical detail for administrators, never shown translated

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evidence export")
        verbose_name_plural = _("evidence exports")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language", "ledger_sequence"], name="evidenceexport_once_per_snapshot"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(file="") & ~Q(sha256="")), name="evidenceexport_done_has_file"
            ),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.version} export #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (100 * self.done // self.total if self.total else 0)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class EvidenceFile(models.Model):
    """A sealed PDF kept in the evidence storage (never under a public URL), with its SHA-256."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("certificate")
        REGISTER = "register", _("register")
        VERSION = "version", _("version document")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="evidence_files")
    acknowledgement = models.ForeignKey(
        Acknowledgement, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_files"
    )
    export = models.ForeignKey(EvidenceExport, on_delete=models.CASCADE, null=True, blank=True, related_name="parts")
    part = models.PositiveIntegerField(default=1)
    language = models.CharField(max_length=8)
    file = models.CharField(max_length=300)  # name in the evidence storage
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "part", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["acknowledgement", "language"],
                condition=Q(kind="certificate"),
                name="evidencefile_one_certificate_per_ack_language",
            ),
            models.UniqueConstraint(
                fields=["export", "kind", "part"], condition=Q(export__isnull=False), name="evidencefile_one_part"
            ),
            models.CheckConstraint(
                condition=~Q(kind="certificate") | Q(acknowledgement__isnull=False),
                name="evidencefile_certificate_has_acknowledgement",
            ),
        ]

    def __str__(self) -> str:
        return self.file


class EvidenceVerification(models.Model):
    """A dossier uploaded to legal's verify page, checked by a django-q2 job (run_evidence_verification).

    The upload waits in the evidence storage (``file``) and is deleted once checked; the report is
    kept as JSON (findings in the requester's language, which the job activates). Like an export, a
    running check beats ``heartbeat_at``; the periodic re-queue hands a check whose worker died back
    to the queue, and fails it after EVIDENCE_EXPORT_MAX_ATTEMPTS attempts (``attempts`` is also the
    fencing token of the running attempt).
    """

    WORKER_STOPPED = "worker stopped"  # start of ``error`` when the workers died too many times

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.CharField(max_length=300, blank=True)  # name in the evidence storage, "" once deleted
    name = models.CharField(_("file name"), max_length=255)
    language = models.CharField(max_length=8, default="fr")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)  # technical detail for administrators
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField()
    created_at = models.DateTimeField(_("uploaded at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evidence verification")
        verbose_name_plural = _("evidence verifications")
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"verification #{self.pk} of {self.name} ({self.status})"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (100 * self.done // self.total if self.total else 0)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def stopped_by_workers(self) -> bool:
        """Failed because every worker that took it died (not because of the file)."""
        return self.status == self.Status.FAILED and self.error.startswith(self.WORKER_STOPPED)

"""Writes on evidence: certificates stored when acknowledgements are recorded, dossier exports.

Certificates: ``certificate_store`` renders, seals and stores one acknowledgement's certificate,
once (a unique constraint; a second worker's copy is discarded). It runs as a job enqueued on
commit of each acknowledgement, and again on demand when a certificate is missing.

Exports: ``evidence_export_request`` returns the export of a version for the current ledger
snapshot, creating and enqueuing it only the first time. ``evidence_export_run`` claims it
atomically (QUEUED -> RUNNING), stores each part as it goes (so a re-run skips what is done),
beats a heartbeat, and finishes exactly once: the final RUNNING -> DONE update is fenced by the
attempt number and writes the dossier's SHA-256 to the ledger in the same transaction.
``evidence_exports_requeue`` hands exports whose worker died back to the queue.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from charters import ledger
from charters.acknowledgements.selectors import version_register
from charters.evidence import documents
from charters.evidence.dossier import LEDGER, Member, write_dossier
from charters.evidence.sealing import get_signer
from charters.evidence.storage import (
    evidence_delete,
    evidence_files_in,
    evidence_modified_at,
    evidence_path,
    evidence_write,
    evidence_writer,
    is_temporary,
)
from charters.evidence.verification import sha256_of
from charters.models import Acknowledgement, CharterVersion, EvidenceExport, EvidenceFile, LedgerEntry
from charters.models.evidence import EvidenceVerification
from policy_portal.errors import Conflict, PermissionDenied
from policy_portal.roles import can

logger = logging.getLogger(__name__)
Kind = EvidenceFile.Kind
Status = EvidenceExport.Status
Step = EvidenceExport.Step
LANGUAGES = ("fr", "en")


class ExportTakenOver(RuntimeError):
    """This attempt no longer owns the export (it was re-queued and claimed again): stop quietly."""


# --- certificates -----------------------------------------------------------------------------------
def certificate_store(*, acknowledgement_id: int, language: str = "fr") -> EvidenceFile:
    """The stored certificate of an acknowledgement in ``language``: rendered, sealed and stored once."""
    existing = EvidenceFile.objects.filter(
        kind=Kind.CERTIFICATE, acknowledgement_id=acknowledgement_id, language=language
    ).first()
    if existing is not None:
        return existing
    get_signer()  # fail fast, before rendering, when the seal is not configured
    ack = Acknowledgement.objects.select_related("employee__user", "employee__department", "version__charter").get(
        pk=acknowledgement_id
    )
    pdf = documents.certificate_pdf(ack, language)
    return _store_certificate(ack, language, pdf)


def _store_certificate(ack: Acknowledgement, language: str, pdf: bytes) -> EvidenceFile:
    digest = sha256_of(pdf)
    name = f"certificates/v{ack.version_id}/ack-{ack.pk}-{language}-{digest[:12]}.pdf"
    evidence_write(name, pdf)
    try:
        with transaction.atomic():
            return EvidenceFile.objects.create(
                kind=Kind.CERTIFICATE,
                version_id=ack.version_id,
                acknowledgement=ack,
                language=language,
                file=name,
                sha256=digest,
                size=len(pdf),
                created_at=timezone.now(),
            )
    except IntegrityError:  # another worker stored it first: keep theirs
        evidence_delete(name)
        return EvidenceFile.objects.get(kind=Kind.CERTIFICATE, acknowledgement=ack, language=language)


# --- exports: asking --------------------------------------------------------------------------------
def ledger_snapshot(version: CharterVersion) -> tuple[int, str]:
    """The last ledger entry about the version, exports excluded: (position, hash), (0, genesis) if none.
    Pending events are chained first, so the snapshot holds every evidence committed until now."""
    ledger.ledger_seal()
    entry = (
        LedgerEntry.objects.filter(version_id=version.pk)
        .exclude(event=ledger.Event.EXPORTED)
        .order_by("-sequence")
        .only("sequence", "entry_hash")
        .first()
    )
    return (entry.sequence, entry.entry_hash) if entry else (0, ledger.GENESIS_HASH)


def evidence_export_request(*, version: CharterVersion, by: Any, language: str = "fr") -> tuple[EvidenceExport, bool]:
    """The dossier of ``version`` at the current ledger snapshot; (export, created). Asking twice gives the same."""
    if not can(by, "export_evidence"):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))
    if not version.is_frozen:
        raise Conflict(_("Only published versions have evidence to export."))
    language = language if language in LANGUAGES else "fr"
    sequence, entry_hash = ledger_snapshot(version)
    now = timezone.now()
    try:
        with transaction.atomic():
            export, created = EvidenceExport.objects.get_or_create(
                version=version,
                language=language,
                ledger_sequence=sequence,
                defaults={"ledger_hash": entry_hash, "requested_by": by, "heartbeat_at": now, "created_at": now},
            )
            if not created and export.status == Status.FAILED:  # asking again retries a failed export
                EvidenceExport.objects.filter(pk=export.pk, status=Status.FAILED).update(
                    status=Status.QUEUED, step=Step.WAITING, attempts=0, heartbeat_at=now, error=""
                )
                created = True
            if created:
                _enqueue_on_commit(export.pk)
    except IntegrityError:  # the same request at the same moment: theirs
        export, created = (
            EvidenceExport.objects.get(version=version, language=language, ledger_sequence=sequence),
            False,
        )
    export.refresh_from_db()
    return export, created


def _enqueue_on_commit(export_id: int) -> None:
    from charters.evidence.tasks import enqueue_export

    transaction.on_commit(lambda: enqueue_export(export_id))


# --- exports: running -------------------------------------------------------------------------------
class _Attempt:
    """The running attempt of one export: progress and heartbeat, fenced by the attempt number."""

    def __init__(self, export: EvidenceExport) -> None:
        self.export = export
        self.token = export.attempts
        self.last_beat = timezone.now()
        self.lost = False  # set by the heartbeat thread when a newer attempt took the export over

    def owned(self) -> Any:
        return EvidenceExport.objects.filter(pk=self.export.pk, status=Status.RUNNING, attempts=self.token)

    def _taken_over(self) -> ExportTakenOver:
        return ExportTakenOver(f"export {self.export.pk}: attempt {self.token} no longer owns it")

    def _update(self, **fields: object) -> None:
        fields.setdefault("heartbeat_at", timezone.now())
        if self.lost or not self.owned().update(**fields):
            raise self._taken_over()
        self.last_beat = timezone.now()

    def step(self, step: str, *, total: int | None = None) -> None:
        self._update(step=step, **({"total": total} if total is not None else {}))

    def advance(self, count: int = 1, *, force: bool = False) -> None:
        if self.lost:
            raise self._taken_over()
        self.export.done += count
        if force or timezone.now() - self.last_beat > timedelta(seconds=2):
            self._update(done=self.export.done)


class _Heartbeat(threading.Thread):
    """Beats the attempt's heartbeat every third of EVIDENCE_EXPORT_STALE_SECONDS while the job runs.

    So a long step (a 5,000-row register part, the import of the PDF libraries by a fresh worker, a
    starved CPU) is never taken for a dead worker: only a dead process stops beating (a stuck one is
    killed by django-q2 after Q_TIMEOUT_S). When a newer attempt owns the export, it tells the job.
    """

    def __init__(self, attempt: _Attempt) -> None:
        super().__init__(name=f"export-{attempt.export.pk}-heartbeat", daemon=True)
        self.attempt = attempt
        self.interval = max(1.0, int(getattr(settings, "EVIDENCE_EXPORT_STALE_SECONDS", 180)) / 3)
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                if not self.attempt.owned().update(heartbeat_at=timezone.now()):
                    self.attempt.lost = True
                    return
        except Exception:  # the job's own updates still beat; never let this thread fail it
            logger.exception("export %s: heartbeat thread stopped", self.attempt.export.pk)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)


def evidence_export_claim(export_id: int) -> EvidenceExport | None:
    """QUEUED -> RUNNING for exactly one caller; None for everyone else."""
    now = timezone.now()
    claimed = EvidenceExport.objects.filter(pk=export_id, status=Status.QUEUED).update(
        status=Status.RUNNING, attempts=F("attempts") + 1, heartbeat_at=now, done=0
    )
    return EvidenceExport.objects.select_related("version__charter").get(pk=export_id) if claimed == 1 else None


def evidence_export_run(export_id: int) -> str:
    """Build the dossier of a queued export. A second delivery, or a stale attempt, does nothing."""
    export = evidence_export_claim(export_id)
    if export is None:
        return "not claimed"
    attempt = _Attempt(export)
    heartbeat = _Heartbeat(attempt)
    heartbeat.start()
    try:
        _build(attempt)
    except ExportTakenOver:
        logger.warning("export %s was taken over by a newer attempt", export_id)
        return "taken over"
    except Exception as error:
        EvidenceExport.objects.filter(pk=export_id, status=Status.RUNNING, attempts=attempt.token).update(
            status=Status.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise
    finally:
        heartbeat.stop()
    return "done"


def _snapshot_acknowledgements(export: EvidenceExport) -> list[int]:
    """Acknowledgements of the version recorded in the ledger up to the export's snapshot."""
    ids = (
        LedgerEntry.objects.filter(
            event=ledger.Event.ACKNOWLEDGED, version_id=export.version_id, sequence__lte=export.ledger_sequence
        )
        .order_by("sequence")
        .values_list("object_id", flat=True)
    )
    return [ack_id for ack_id in ids if ack_id is not None]


def _build(attempt: _Attempt) -> None:
    export = attempt.export
    version = export.version
    ack_ids = _snapshot_acknowledgements(export)
    chunks, totals = _register_plan(export)
    _enqueue_helpers(export.pk)  # other workers render register parts while this one checks certificates
    attempt.step(Step.CERTIFICATES, total=len(ack_ids) + len(chunks) + 1 + len(ack_ids))
    certificates = _ensure_certificates(attempt, ack_ids)
    attempt.step(Step.REGISTER)
    registers = []
    for part in range(1, len(chunks) + 1):
        registers.append(_register_part(export, chunks, totals, part))
        attempt.advance(force=True)
    attempt.step(Step.VERSION)
    version_file = _ensure_part(export, Kind.VERSION, 1, lambda: documents.version_pdf(version, export.language))
    attempt.advance(force=True)
    attempt.step(Step.DOSSIER)
    _assemble(attempt, version_file, registers, certificates)


def _register_plan(export: EvidenceExport) -> tuple[list[list[documents.RegisterLine]], dict[str, int]]:
    """The register's lines, frozen in a file at the first attempt, so that every part (whichever worker
    renders it, before or after a restart) comes from the same snapshot; split in parts of bounded size."""
    name = f"exports/{export.pk}/register-lines.json"
    path = evidence_path(name)
    if path.exists():
        rows = json.loads(path.read_text(encoding="utf-8"))
    else:
        rows = [
            [line.name, line.number, line.department, line.status, line.day.isoformat() if line.day else ""]
            for line in documents.register_lines(version_register(export.version))
        ]
        evidence_write(name, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    lines = [
        documents.RegisterLine(n, num, dep, st, date.fromisoformat(day) if day else None)
        for n, num, dep, st, day in rows
    ]
    size = max(1, int(getattr(settings, "EVIDENCE_REGISTER_ROWS_PER_PART", 500)))
    chunks = [lines[i : i + size] for i in range(0, len(lines), size)] or [[]]
    return chunks, dict(Counter(line.status for line in lines))


def _register_part(
    export: EvidenceExport, chunks: list[list[documents.RegisterLine]], totals: dict[str, int], part: int
) -> EvidenceFile:
    return _ensure_part(
        export,
        Kind.REGISTER,
        part,
        lambda: documents.register_part_pdf(
            export.version,
            chunks[part - 1],
            part=part,
            parts=len(chunks),
            totals=totals,
            ledger_position=(export.ledger_sequence, export.ledger_hash),
            language=export.language,
        ),
    )


def _enqueue_helpers(export_id: int) -> None:
    from charters.evidence.tasks import enqueue_export_helper

    for helper in range(1, int(getattr(settings, "EVIDENCE_EXPORT_HELPERS", 1)) + 1):
        enqueue_export_helper(export_id, helper)


def evidence_export_help(export_id: int, helper: int = 1) -> int:
    """A helper job: render register parts of a running export, starting from the other end (helper k
    from its own offset), skipping parts already stored, until none is left. Returns parts rendered.

    The export's own job renders whatever is still missing, so helpers only ever save time: a helper
    that never runs, dies or duplicates a part changes nothing (parts are unique per export).
    """
    export = (
        EvidenceExport.objects.select_related("version__charter").filter(pk=export_id, status=Status.RUNNING).first()
    )
    if export is None or not evidence_path(f"exports/{export_id}/register-lines.json").exists():
        return 0
    chunks, totals = _register_plan(export)
    parts = list(range(len(chunks), 0, -1))
    offset = (helper - 1) * len(parts) // max(1, int(getattr(settings, "EVIDENCE_EXPORT_HELPERS", 1)))
    rendered = 0
    for part in parts[offset:] + parts[:offset]:
        if not EvidenceExport.objects.filter(pk=export_id, status=Status.RUNNING).exists():
            break
        if not EvidenceFile.objects.filter(export_id=export_id, kind=Kind.REGISTER, part=part).exists():
            _register_part(export, chunks, totals, part)
            rendered += 1
    return rendered


def _ensure_certificates(attempt: _Attempt, ack_ids: list[int]) -> list[EvidenceFile]:
    """Every certificate of the snapshot, rendering on the spot any that the on-ack job has not stored."""
    language = attempt.export.language
    wanted = set(ack_ids)
    stored = {
        f.acknowledgement_id: f
        for f in EvidenceFile.objects.filter(
            kind=Kind.CERTIFICATE, language=language, version_id=attempt.export.version_id
        ).iterator(chunk_size=2000)
        if f.acknowledgement_id in wanted
    }
    attempt.advance(len(stored), force=True)
    result = []
    for ack_id in ack_ids:
        file = stored.get(ack_id)
        if file is None:
            file = certificate_store(acknowledgement_id=ack_id, language=language)
            attempt.advance()
        result.append(file)
    return result


def _ensure_part(export: EvidenceExport, kind: str, part: int, render: object) -> EvidenceFile:
    existing = EvidenceFile.objects.filter(export=export, kind=kind, part=part).first()
    if existing is not None:
        return existing
    pdf = render()  # type: ignore[operator]
    digest = sha256_of(pdf)
    name = f"exports/{export.pk}/{kind}-{part:03d}-{export.language}-{digest[:12]}.pdf"
    evidence_write(name, pdf)
    try:
        with transaction.atomic():
            return EvidenceFile.objects.create(
                kind=kind,
                version_id=export.version_id,
                export=export,
                part=part,
                language=export.language,
                file=name,
                sha256=digest,
                size=len(pdf),
                created_at=timezone.now(),
            )
    except IntegrityError:
        evidence_delete(name)
        return EvidenceFile.objects.get(export=export, kind=kind, part=part)


def _ledger_lines(export: EvidenceExport) -> Iterator[str]:
    entries = (
        LedgerEntry.objects.filter(version_id=export.version_id, sequence__lte=export.ledger_sequence)
        .order_by("sequence")
        .iterator(chunk_size=2000)
    )
    for entry in entries:
        yield json.dumps(ledger.ledger_entry_as_json(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dossier_member_names(version: CharterVersion, language: str) -> tuple[str, str, str]:
    prefix = f"{version.charter.slug}-v{version.number}"
    return f"{prefix}-{language}.pdf", f"register/{prefix}-register", f"certificates/{prefix}"


def _assemble(
    attempt: _Attempt, version_file: EvidenceFile, registers: list[EvidenceFile], certificates: list[EvidenceFile]
) -> None:
    export = attempt.export
    version = export.version
    version_name, register_prefix, certificate_prefix = dossier_member_names(version, export.language)
    employee_numbers = dict(
        Acknowledgement.objects.filter(pk__in=[c.acknowledgement_id for c in certificates]).values_list(
            "pk", "employee__employee_id"
        )
    )

    def members() -> Iterator[Member]:
        yield Member(version_name, path=evidence_path(version_file.file))
        for file in registers:
            yield Member(
                f"{register_prefix}-{file.part:03d}-of-{len(registers):03d}.pdf", path=evidence_path(file.file)
            )
        for file in certificates:
            number = employee_numbers.get(file.acknowledgement_id or 0, "")
            name = f"{certificate_prefix}-ack-{file.acknowledgement_id}-{number}.pdf".replace(" ", "_")
            yield Member(name, path=evidence_path(file.file))
        yield Member(LEDGER, lines=_ledger_lines(export))

    header = {
        "export_id": export.pk,
        "charter": version.charter.slug,
        "version": version.number,
        "version_id": version.pk,
        "content_sha256": version.content_sha256,
        "language": export.language,
        "ledger_sequence": export.ledger_sequence,
        "ledger_hash": export.ledger_hash,
        "acknowledgements": len(certificates),
        "created_at": timezone.now().isoformat(),
    }
    name = f"dossiers/{version.charter.slug}-v{version.number}-export{export.pk}-{export.language}-a{attempt.token}.zip"
    written = write_dossier(name, members(), header=header, progress=lambda n: attempt.advance(250))
    _finish(attempt, name, written)


def _finish(attempt: _Attempt, name: str, written: object) -> None:
    export = attempt.export
    now = timezone.now()
    with transaction.atomic():
        finished = EvidenceExport.objects.filter(pk=export.pk, status=Status.RUNNING, attempts=attempt.token).update(
            status=Status.DONE,
            step=Step.FINISHED,
            done=F("total"),
            file=name,
            sha256=written.sha256,  # type: ignore[attr-defined]
            size=written.size,  # type: ignore[attr-defined]
            finished_at=now,
            heartbeat_at=now,
        )
        if finished:
            ledger.ledger_append(
                event=ledger.Event.EXPORTED,
                version_id=export.version_id,
                object_id=export.pk,
                payload={
                    "export_id": export.pk,
                    "language": export.language,
                    "dossier_sha256": written.sha256,  # type: ignore[attr-defined]
                    "manifest_sha256": written.manifest_sha256,  # type: ignore[attr-defined]
                    "files": written.files,  # type: ignore[attr-defined]
                    "ledger_sequence": export.ledger_sequence,
                    "ledger_hash": export.ledger_hash,
                    "requested_by": export.requested_by_id,
                },
                at=now,
            )
    if not finished:
        evidence_delete(name)
        raise ExportTakenOver(f"export {export.pk}: finished by another attempt")
    try:
        evidence_export_tidy(export.pk)
    except OSError:  # the dossier is done; the periodic sweep tidies what is left
        logger.exception("export %s: leftovers not deleted now", export.pk)


_CERTIFICATE_NAME = re.compile(r"^\.?ack-(\d+)-(\w+)-[0-9a-f]{12}\.pdf")


def evidence_export_tidy(export_id: int, *, now: datetime | None = None) -> int:
    """Delete what a finished export no longer needs and what killed attempts left behind; returns the count.

    Once an export is DONE nothing can add a part to it nor finish it again, so these are garbage:
    files of ``exports/<id>/`` that no part references (parts rendered by an attempt killed before it
    recorded them), dossiers of its other attempts, copies of its certificates other than the recorded
    ones, and half-written files (``.*.part``) whose writer has stopped (untouched for
    EVIDENCE_EXPORT_STALE_SECONDS; a live writer's file is fresh and left alone). The frozen register
    lines go last: their absence marks the export as tidied (the periodic sweep retries the others).
    """
    export = EvidenceExport.objects.select_related("version__charter").filter(pk=export_id, status=Status.DONE).first()
    if export is None:
        return 0
    version = export.version
    stale = (now or timezone.now()).timestamp() - int(getattr(settings, "EVIDENCE_EXPORT_STALE_SECONDS", 180))
    keep = set(EvidenceFile.objects.filter(export=export).values_list("file", flat=True)) | {export.file}
    lines = f"exports/{export.pk}/register-lines.json"
    prefix = f"{version.charter.slug}-v{version.number}-export{export.pk}-{export.language}-a"
    candidates = [p for p in evidence_files_in(f"exports/{export.pk}") if p != lines]
    candidates += [p for p in evidence_files_in("dossiers") if p.split("/")[-1].lstrip(".").startswith(prefix)]
    recorded = dict(
        EvidenceFile.objects.filter(
            kind=Kind.CERTIFICATE, version_id=export.version_id, language=export.language
        ).values_list("acknowledgement_id", "file")
    )
    snapshot = set(_snapshot_acknowledgements(export))
    for name in evidence_files_in(f"certificates/v{export.version_id}"):
        match = _CERTIFICATE_NAME.match(name.rsplit("/", 1)[-1])
        if match and match[2] == export.language and int(match[1]) in snapshot and int(match[1]) in recorded:
            keep.add(recorded[int(match[1])])
            candidates.append(name)
    deleted = 0
    for name in candidates:
        path = evidence_path(name)
        if name in keep or (is_temporary(path) and evidence_modified_at(path) > stale):
            continue
        path.unlink(missing_ok=True)
        deleted += 1
    evidence_delete(lines)
    return deleted


# --- exports: workers that died -----------------------------------------------------------------------
def evidence_exports_requeue(*, now: datetime | None = None) -> list[int]:
    """Hand back to the queue the exports whose worker stopped beating (or whose message was lost).

    Each is re-enqueued; the atomic claim makes a duplicate delivery harmless. After
    EVIDENCE_EXPORT_MAX_ATTEMPTS attempts an export is marked failed instead.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=int(getattr(settings, "EVIDENCE_EXPORT_STALE_SECONDS", 180)))
    max_attempts = int(getattr(settings, "EVIDENCE_EXPORT_MAX_ATTEMPTS", 3))
    EvidenceExport.objects.filter(status=Status.RUNNING, heartbeat_at__lt=stale, attempts__gte=max_attempts).update(
        status=Status.FAILED, error="worker stopped too many times", finished_at=now
    )
    requeued = []
    candidates = EvidenceExport.objects.filter(status__in=[Status.RUNNING, Status.QUEUED], heartbeat_at__lt=stale)
    for export in candidates.only("pk", "status", "attempts"):
        if EvidenceExport.objects.filter(
            pk=export.pk, status=export.status, attempts=export.attempts, heartbeat_at__lt=stale
        ).update(status=Status.QUEUED, step=Step.WAITING, heartbeat_at=now):
            requeued.append(export.pk)
            _enqueue_on_commit(export.pk)
    return requeued


# --- verification of an uploaded dossier (too long for a web request) --------------------------------
VERIFY_INLINE_MAX_BYTES = 5 * 1024 * 1024  # above this (or any ZIP), the check runs in a worker
VerifyStatus = EvidenceVerification.Status


def evidence_verification_needs_job(upload: Any) -> bool:
    """A dossier ZIP or a large file is checked in the background; a certificate PDF right away."""
    head = upload.read(4)
    upload.seek(0)
    return head.startswith(b"PK") or (upload.size or 0) > VERIFY_INLINE_MAX_BYTES


def evidence_verification_request(*, upload: Any, by: Any, language: str = "fr") -> EvidenceVerification:
    """Store the upload in the evidence storage and queue its check (on commit)."""
    if not can(by, "export_evidence"):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))
    file = f"verifications/{uuid.uuid4().hex}.upload"
    with evidence_writer(file) as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    with transaction.atomic():
        job = EvidenceVerification.objects.create(
            requested_by=by,
            file=file,
            name=(upload.name or "")[:255],
            language=language if language in LANGUAGES else "fr",
            heartbeat_at=timezone.now(),
            created_at=timezone.now(),
        )
        enqueue_verification_on_commit(job.pk)
    return job


def enqueue_verification_on_commit(job_id: int) -> None:
    from charters.evidence.tasks import enqueue_verification

    transaction.on_commit(lambda: enqueue_verification(job_id))


def _report_json(report: Any) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "sha256": report.sha256,
        "ok": report.ok,
        "problems": [{"where": f.where, "message": f.message} for f in report.problems],
        "checked": list(report.checked[:200]),
        "timestamps": [
            {"where": t.where, "authority": t.authority, "at": t.at, "long_term": t.long_term}
            for t in report.timestamps[:200]
        ],
    }


class VerificationTakenOver(RuntimeError):
    """This attempt no longer owns the verification (it was re-queued and claimed again): stop quietly."""


def evidence_verification_claim(job_id: int) -> EvidenceVerification | None:
    """QUEUED -> RUNNING for exactly one caller (its attempt number is the fencing token); None for others."""
    claimed = EvidenceVerification.objects.filter(pk=job_id, status=VerifyStatus.QUEUED).update(
        status=VerifyStatus.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now(), done=0
    )
    return EvidenceVerification.objects.get(pk=job_id) if claimed == 1 else None


def evidence_verification_run(job_id: int) -> str:
    """Check a queued upload; a second delivery (the job already claimed) or a stale attempt does nothing.

    Progress beats the heartbeat; every write is fenced by the attempt number, so an attempt that was
    re-queued while it stalled can neither finish the job nor delete the upload the new attempt reads.
    """
    from django.utils import translation

    from charters.evidence.checks import check_evidence

    job = evidence_verification_claim(job_id)
    if job is None:
        return "skipped"
    owned = EvidenceVerification.objects.filter(pk=job_id, status=VerifyStatus.RUNNING, attempts=job.attempts)
    last = [timezone.now()]

    def progress(done: int, total: int) -> None:
        now = timezone.now()
        if done == total or done == 1 or now - last[0] > timedelta(seconds=2):
            last[0] = now
            if not owned.update(done=done, total=total, heartbeat_at=now):
                raise VerificationTakenOver(f"verification {job_id}: attempt {job.attempts} no longer owns it")

    try:
        with translation.override(job.language), evidence_path(job.file).open("rb") as stream:
            report = check_evidence(stream, name=job.name, progress=progress)
    except VerificationTakenOver:
        logger.warning("verification %s was taken over by a newer attempt", job_id)
        return "taken over"
    except Exception as error:
        logger.exception("verification %s of %s failed", job_id, job.name)
        finished = owned.update(status=VerifyStatus.FAILED, error=repr(error)[:2000], finished_at=timezone.now())
        status = VerifyStatus.FAILED
    else:
        finished = owned.update(status=VerifyStatus.DONE, report=_report_json(report), finished_at=timezone.now())
        status = VerifyStatus.DONE
    if not finished:
        return "taken over"
    evidence_verification_discard_upload(job)
    return str(status)


def evidence_verification_discard_upload(job: EvidenceVerification) -> None:
    """Delete a finished check's upload (it is never kept once checked)."""
    if job.file:
        evidence_delete(job.file)
    EvidenceVerification.objects.filter(pk=job.pk).update(file="")

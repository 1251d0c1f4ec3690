"""Running a dossier export: claimed atomically, built part by part, finished exactly once.

``evidence_export_run`` claims the export (QUEUED -> RUNNING), stores each part as it goes (so a
re-run skips what is done), beats a heartbeat, and finishes exactly once: the final RUNNING -> DONE
update is fenced by the attempt number and writes the dossier's SHA-256 to the ledger in the same
transaction. ``evidence_export_help`` lets other workers render register parts meanwhile.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from charters import ledger
from charters.acknowledgements.selectors import version_register
from charters.evidence import documents
from charters.evidence.dossier import LEDGER, Member, write_dossier
from charters.evidence.services.certificates import certificate_store
from charters.evidence.services.export_tidying import evidence_export_tidy
from charters.evidence.services.exports import export_acknowledgement_ids
from charters.evidence.storage import evidence_delete, evidence_path, evidence_write
from charters.evidence.verification import sha256_of
from charters.models import Acknowledgement, CharterVersion, EvidenceExport, EvidenceFile, LedgerEntry

logger = logging.getLogger(__name__)
Kind = EvidenceFile.Kind
Status = EvidenceExport.Status
Step = EvidenceExport.Step


class ExportTakenOver(RuntimeError):
    """This attempt no longer owns the export (it was re-queued and claimed again): stop quietly."""


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


def _build(attempt: _Attempt) -> None:
    export = attempt.export
    version = export.version
    ack_ids = export_acknowledgement_ids(export)
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

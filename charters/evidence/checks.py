"""Check a certificate PDF or a dossier ZIP against the seal, its manifest and the database ledger.

Used by ``manage.py verify_evidence FILE`` and legal's upload page. Every mismatch becomes a
:class:`Finding` naming the file and saying exactly what differs; messages are rendered in the
active language when the check runs (nothing translated is stored).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from charters import ledger
from charters.evidence.archive import ArchiveRefused, CappedReader, Caps, megabytes, screen
from charters.evidence.documents import when
from charters.evidence.dossier import CHECKSUMS, LEDGER, MANIFEST
from charters.evidence.verification import sha256_of, sha256_of_stream, verify_pdf
from charters.models import Acknowledgement, EvidenceExport, LedgerEntry


@dataclass(frozen=True, slots=True)
class Finding:
    where: str  # the file (or the dossier member) concerned
    message: str


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A seal's RFC 3161 timestamp, as the verify page shows it."""

    where: str
    authority: str  # the time-stamping authority's certificate subject
    at: str  # the time it certifies, as evidence prints times
    long_term: bool  # PAdES B-LTA: its validation data is embedded and timestamped too


@dataclass
class EvidenceReport:
    kind: str  # "certificate", "pdf", "dossier" or "unknown"
    sha256: str = ""
    problems: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # what was found in order, for the reader
    timestamps: list[Timestamp] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Finding(where, message))


Progress = Callable[[int, int], None]  # (members checked, members listed) of a dossier


def check_evidence(stream: BinaryIO, *, name: str = "", progress: Progress | None = None) -> EvidenceReport:
    """Check an evidence file (a sealed PDF or a dossier ZIP), whichever it is.

    ``progress``, if given, is called with (done, total) as a dossier's members are checked.
    """
    head = stream.read(4)
    stream.seek(0)
    if head.startswith(b"%PDF"):
        return _check_pdf_upload(stream, name=name or "PDF", cap=Caps.from_settings().pdf)
    if head.startswith(b"PK"):
        return check_dossier(stream, name=name, progress=progress)
    report = EvidenceReport(kind="unknown", sha256=sha256_of_stream(stream))
    report.problem(name or "?", _("This is neither a PDF nor a ZIP dossier."))
    return report


def _int(value: object) -> int:
    """An id read from a file: an int, else -1 (which matches nothing)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


# --- PDFs and certificates --------------------------------------------------------------------------
def _check_pdf_upload(stream: BinaryIO, *, name: str, cap: int) -> EvidenceReport:
    data = stream.read(cap + 1)  # never more than the cap into memory
    if len(data) > cap:
        stream.seek(0)
        report = EvidenceReport(kind="pdf", sha256=sha256_of_stream(stream))
        report.problem(
            name, _("The PDF is larger than the %(max)s MB allowed; it was not checked.") % {"max": megabytes(cap)}
        )
        return report
    report = EvidenceReport(kind="pdf", sha256=sha256_of(data))
    check_pdf(report, data, where=name)
    return report


def pdf_facts(data: bytes) -> dict[str, Any] | None:
    """The evidence facts a certificate carries in its metadata, or None."""
    try:
        info = PdfFileReader(io.BytesIO(data), strict=False).trailer["/Info"]
        facts = json.loads(str(info["/evidence"]))
    except Exception:  # no metadata, damaged file, not JSON
        return None
    return facts if isinstance(facts, dict) else None


def check_pdf(report: EvidenceReport, data: bytes, *, where: str) -> None:
    try:
        seal = verify_pdf(data)
    except Exception:  # a damaged PDF can fail anywhere in the parser: say so, never the parser's words
        report.problem(where, _("The file is not a readable PDF."))
        return
    for problem in seal.problems:
        report.problem(where, problem.message())
    facts = pdf_facts(data)
    if facts is not None and facts.get("kind") == "certificate":
        report.kind = "certificate" if report.kind == "pdf" else report.kind
        check_certificate_facts(report, facts, where=where)
    if seal.ok:
        report.checked.append(_("%(file)s: seal intact (%(signer)s)") % {"file": where, "signer": seal.signer_subject})
    if seal.timestamped_at is not None:
        report.timestamps.append(Timestamp(where, seal.timestamp_authority, when(seal.timestamped_at), seal.long_term))


def _differences(label: str, ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    out = []
    for key in sorted(set(ours) | set(theirs)):
        if ours.get(key) != theirs.get(key):
            out.append(
                _("%(field)s: the certificate says %(ours)r, %(source)s says %(theirs)r")
                % {"field": key, "ours": ours.get(key), "source": label, "theirs": theirs.get(key)}
            )
    return out


def check_certificate_facts(report: EvidenceReport, facts: dict[str, Any], *, where: str) -> None:
    from charters.acknowledgements.services import acknowledgement_evidence

    fields = facts.get("fields")
    fields = fields if isinstance(fields, dict) else {}  # then every field differs, and the report says which
    ack = Acknowledgement.objects.filter(pk=_int(facts.get("acknowledgement_id"))).first()
    if ack is None:
        report.problem(
            where, _("Acknowledgement %(id)s does not exist in the database.") % {"id": facts.get("acknowledgement_id")}
        )
    else:
        for message in _differences(_("the database"), fields, acknowledgement_evidence(ack)):
            report.problem(where, message)
    entry = LedgerEntry.objects.filter(sequence=_int(facts.get("ledger_sequence"))).first()
    if entry is None:
        report.problem(where, _("Ledger entry #%(n)s does not exist.") % {"n": facts.get("ledger_sequence")})
        return
    if entry.entry_hash != facts.get("ledger_entry_hash"):
        report.problem(
            where,
            _("Ledger entry #%(n)s has hash %(db)s, the certificate cites %(cert)s.")
            % {"n": entry.sequence, "db": entry.entry_hash, "cert": facts.get("ledger_entry_hash")},
        )
    if entry.event != ledger.Event.ACKNOWLEDGED or entry.object_id != facts.get("acknowledgement_id"):
        report.problem(where, _("Ledger entry #%(n)s is not this acknowledgement.") % {"n": entry.sequence})
    if ledger._hash_of(entry, entry.previous_hash) != entry.entry_hash:
        report.problem(
            where, _("Ledger entry #%(n)s in the database no longer matches its hash.") % {"n": entry.sequence}
        )
    for message in _differences(_("ledger entry #%(n)s") % {"n": entry.sequence}, fields, entry.payload):
        report.problem(where, message)
    if not any(f.where == where for f in report.problems):
        report.checked.append(
            _("%(file)s: acknowledgement %(id)s matches the database and ledger entry #%(n)s")
            % {"file": where, "id": facts.get("acknowledgement_id"), "n": entry.sequence}
        )


# --- dossiers ---------------------------------------------------------------------------------------
def check_dossier(stream: BinaryIO, *, name: str = "", progress: Progress | None = None) -> EvidenceReport:
    report = EvidenceReport(kind="dossier", sha256=sha256_of_stream(stream))
    caps = Caps.from_settings()
    stream.seek(0, io.SEEK_END)
    if stream.tell() > caps.upload:
        report.problem(name or "ZIP", _upload_too_large(caps.upload))
        return report
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
        screen(archive, caps)
        reader = CappedReader(archive, caps)
        manifest, listed = _read_manifest(reader, caps)
        for member in archive.namelist():
            if member not in listed and member not in (MANIFEST, CHECKSUMS):
                report.problem(member, _("This file is in the ZIP but not in the manifest."))
        _check_checksums(report, reader, listed, caps)
        for done, (member_name, entry) in enumerate(listed.items(), start=1):
            _check_member(report, reader, member_name, entry)
            if progress is not None:
                progress(done, len(listed))
    except ArchiveRefused as refusal:
        report.problem(refusal.where, refusal.message)
        return report
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        report.problem(name or "ZIP", _("The file is not a readable ZIP."))
        return report
    _check_recorded(report, manifest)
    return report


def _upload_too_large(cap: int) -> str:
    return _("The file is larger than the %(max)s MB allowed; it was not checked.") % {"max": megabytes(cap)}


def _read_manifest(reader: CappedReader, caps: Caps) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The manifest and its files by name; ArchiveRefused saying in words what is wrong with it."""
    try:
        manifest = json.loads(reader.read(MANIFEST, caps.manifest).decode("utf-8"))
    except KeyError:
        raise ArchiveRefused(MANIFEST, _("The ZIP has no manifest.json.")) from None
    except zipfile.BadZipFile:
        raise ArchiveRefused(MANIFEST, _("The manifest is damaged in the ZIP.")) from None
    except (UnicodeDecodeError, ValueError):
        raise ArchiveRefused(MANIFEST, _("The manifest is not valid JSON.")) from None
    problem = manifest_problem(manifest)
    if problem:
        raise ArchiveRefused(MANIFEST, problem)
    return manifest, {entry["name"]: entry for entry in manifest["files"]}


def manifest_problem(manifest: object) -> str:
    """What is wrong with the manifest's structure, in words; "" if every field used has its type."""
    if not isinstance(manifest, dict):
        return _("The manifest must be a JSON object.")
    if not isinstance(manifest.get("export_id"), int) or isinstance(manifest.get("export_id"), bool):
        return _("The manifest's 'export_id' must be a whole number.")
    files = manifest.get("files")
    if not isinstance(files, list):
        return _("The manifest's 'files' must be a list.")
    names: set[str] = set()
    for number, entry in enumerate(files, start=1):
        if not isinstance(entry, dict):
            return _("Entry %(n)s of the manifest's 'files' must be an object.") % {"n": number}
        for key, kind in (("name", str), ("sha256", str), ("size", int)):
            value = entry.get(key)
            if not isinstance(value, kind) or isinstance(value, bool):
                return _("Entry %(n)s of the manifest's 'files': '%(key)s' is missing or of the wrong type.") % {
                    "n": number,
                    "key": key,
                }
        if entry["name"] in names:
            return _("The manifest lists %(name)s twice.") % {"name": entry["name"]}
        names.add(entry["name"])
    return ""


def _check_checksums(
    report: EvidenceReport, reader: CappedReader, listed: dict[str, dict[str, Any]], caps: Caps
) -> None:
    try:
        text = reader.read(CHECKSUMS, caps.manifest).decode("utf-8")
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        report.problem(CHECKSUMS, _("The checksum list is missing or damaged."))
        return
    sums: dict[str, str] = {}
    for line in text.splitlines():
        digest, _sep, member = line.partition("  ")
        sums[member] = digest
    if sums != {n: e["sha256"] for n, e in listed.items()}:
        report.problem(CHECKSUMS, _("The checksum list does not match the manifest."))


def _check_member(report: EvidenceReport, reader: CappedReader, member: str, entry: dict[str, Any]) -> None:
    limit = reader.caps.pdf if member.endswith(".pdf") else reader.caps.member
    try:
        data = reader.read(member, limit)
    except KeyError:
        report.problem(member, _("Listed in the manifest but missing from the ZIP."))
        return
    except (zipfile.BadZipFile, OSError, EOFError):  # a changed byte, or a lying header, fails the member's CRC
        report.problem(member, _("The file is damaged in the ZIP (its content does not match its header)."))
        return
    digest = sha256_of(data)
    if digest != entry.get("sha256"):
        report.problem(
            member,
            _("SHA-256 %(actual)s does not match the manifest's %(expected)s.")
            % {"actual": digest, "expected": entry.get("sha256")},
        )
    if member.endswith(".pdf"):
        check_pdf(report, data, where=member)
    elif member == LEDGER:
        _check_ledger_lines(report, data)


def _check_ledger_lines(report: EvidenceReport, data: bytes) -> None:
    lines = data.decode("utf-8", errors="replace").splitlines()
    matched = 0
    for number, line in enumerate(lines, start=1):
        where = f"{LEDGER}:{number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or type(row.get("sequence")) is not int:
                raise ValueError(line)
            canonical = ledger.canonical_entry(
                sequence=row["sequence"],
                recorded_at=datetime.fromisoformat(row["recorded_at"]),
                event=row["event"],
                employee_id=row["employee_id"],
                version_id=row["version_id"],
                object_id=row["object_id"],
                payload=row["payload"],
            )
        except (ValueError, KeyError, TypeError):
            report.problem(where, _("This line is not a ledger entry."))
            continue
        if ledger.entry_hash(row.get("previous_hash", ""), canonical) != row.get("entry_hash"):
            report.problem(where, _("Entry #%(n)s: its content does not match its hash.") % {"n": row["sequence"]})
        entry = LedgerEntry.objects.filter(sequence=row["sequence"]).first()
        if entry is None:
            report.problem(where, _("Entry #%(n)s is not in the database ledger.") % {"n": row["sequence"]})
            continue
        ours = ledger.ledger_entry_as_json(entry)
        for key in sorted(set(ours) | set(row)):
            if ours.get(key) != row.get(key):
                report.problem(
                    where,
                    _("Entry #%(n)s, %(field)s: the dossier says %(dossier)r, the database ledger says %(db)r.")
                    % {"n": row["sequence"], "field": key, "dossier": row.get(key), "db": ours.get(key)},
                )
        matched += 1
    report.checked.append(_("%(count)s ledger entries compared with the database") % {"count": matched})


def _check_recorded(report: EvidenceReport, manifest: dict[str, Any]) -> None:
    export = EvidenceExport.objects.filter(pk=_int(manifest.get("export_id"))).first()
    entry = LedgerEntry.objects.filter(event=ledger.Event.EXPORTED, object_id=_int(manifest.get("export_id"))).first()
    if export is None or entry is None:
        report.problem(MANIFEST, _("The ledger records no export %(id)s.") % {"id": manifest.get("export_id")})
    elif entry.payload.get("dossier_sha256") != report.sha256:
        report.problem(
            MANIFEST,
            _("The ledger (entry #%(n)s) records this export with SHA-256 %(expected)s; this file's is %(actual)s.")
            % {"n": entry.sequence, "expected": entry.payload.get("dossier_sha256"), "actual": report.sha256},
        )
    else:
        report.checked.append(
            _("The dossier's SHA-256 is the one recorded in ledger entry #%(n)s") % {"n": entry.sequence}
        )

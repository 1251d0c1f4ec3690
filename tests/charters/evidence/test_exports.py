"""Dossier exports: contents and manifest, chunked registers, asked twice, killed workers, concurrent claims."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import time
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from charters import ledger
from charters.evidence import recovery, services
from charters.evidence.checks import check_evidence
from charters.evidence.services import export_runs
from charters.evidence.storage import evidence_path, evidence_read
from charters.evidence.tasks import run_evidence_export
from charters.models import EvidenceExport, EvidenceFile, LedgerEntry
from tests.charters.evidence.conftest import flip_byte, pdf_text
from tests.charters.transactional import in_a_thread, threads_share_a_real_database

Status = EvidenceExport.Status


@pytest.fixture(autouse=True)
def english_messages():
    """Check messages are asserted in English whatever the catalogues hold (certificates pick their own language)."""
    with translation.override("en"):
        yield


def _export(version, by, capture, language="fr"):
    with capture(execute=True):
        export, created = services.evidence_export_request(version=version, by=by, language=language)
    export.refresh_from_db()
    return export, created


@pytest.mark.django_db
def test_a_dossier_holds_version_register_certificates_ledger_and_a_manifest(
    acknowledged, legal_carol, django_capture_on_commit_callbacks, settings
):
    # given: 4 people in the audience (Alice, Victor, Bob acknowledged, Emma declined), 3 rows per register part
    settings.EVIDENCE_REGISTER_ROWS_PER_PART = 3
    version = acknowledged.version
    # when
    export, created = _export(version, legal_carol.user, django_capture_on_commit_callbacks)
    # then
    assert created and export.status == Status.DONE and export.percent == 100
    archive = zipfile.ZipFile(evidence_path(export.file))
    names = archive.namelist()
    assert "small-v1-fr.pdf" in names and "ledger.jsonl" in names and "manifest.json" in names
    assert [n for n in names if n.startswith("register/")] == [
        "register/small-v1-register-001-of-002.pdf",
        "register/small-v1-register-002-of-002.pdf",
    ]
    certificates = [n for n in names if n.startswith("certificates/")]
    assert certificates == [f"certificates/small-v1-ack-{acknowledged.pk}-{acknowledged.employee.employee_id}.pdf"]
    manifest = json.loads(archive.read("manifest.json"))
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
    register = pdf_text(archive.read(names[1])) + pdf_text(archive.read(names[2]))
    assert "Bob" in register and "Emma" in register and "Alice" in register and "Victor" in register
    version_text = pdf_text(archive.read("small-v1-fr.pdf"))
    assert version.content_sha256 in "".join(version_text.split())
    assert "Ne publiez aucune information interne." in version_text and "CSE" in version_text
    lines = [json.loads(line) for line in archive.read("ledger.jsonl").decode().splitlines()]
    assert {line["event"] for line in lines} >= {"acknowledged", "declined", "viewed"}
    assert all(line["version_id"] == version.pk for line in lines)
    # every export is written to the ledger, with the dossier's SHA-256
    entry = LedgerEntry.objects.get(event=ledger.Event.EXPORTED, object_id=export.pk)
    assert entry.payload["dossier_sha256"] == export.sha256
    assert ledger.ledger_verify().ok
    # and the dossier checks out
    report = check_evidence(evidence_path(export.file).open("rb"), name="dossier.zip")
    assert report.ok, report.problems


@pytest.mark.django_db
def test_asking_twice_for_the_same_export_returns_the_first(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    first, created = _export(acknowledged.version, legal_carol.user, django_capture_on_commit_callbacks)
    again, created_again = _export(acknowledged.version, legal_carol.user, django_capture_on_commit_callbacks)
    assert created and not created_again and again.pk == first.pk
    assert LedgerEntry.objects.filter(event=ledger.Event.EXPORTED).count() == 1
    assert EvidenceExport.objects.count() == 1


@pytest.mark.django_db
def test_one_changed_byte_in_a_dossier_is_detected_and_named(
    acknowledged, legal_carol, django_capture_on_commit_callbacks, tmp_path
):
    export, _ = _export(acknowledged.version, legal_carol.user, django_capture_on_commit_callbacks)
    data = evidence_read(export.file)
    archive = zipfile.ZipFile(io.BytesIO(data))
    member = next(n for n in archive.namelist() if n.startswith("certificates/"))
    info = archive.getinfo(member)
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    # when one byte in the middle of the stored certificate changes
    report = check_evidence(io.BytesIO(flip_byte(data, offset)), name="dossier.zip")
    # then the certificate is named, and the dossier no longer matches the ledger
    assert not report.ok
    assert any(f.where == member for f in report.problems)
    assert any("SHA-256" in f.message for f in report.problems if f.where == "manifest.json")


@pytest.mark.django_db
def test_an_export_whose_worker_died_is_requeued_and_finishes_once(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    # given: an export claimed by a worker that was then killed (heartbeat stale)
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    assert services.evidence_export_claim(export.pk) is not None
    EvidenceExport.objects.filter(pk=export.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10))
    # when: the periodic job runs (twice, as a scheduler may)
    with django_capture_on_commit_callbacks(execute=True):
        requeued = services.evidence_exports_requeue()
    with django_capture_on_commit_callbacks(execute=True):
        requeued_again = services.evidence_exports_requeue()
    # then: it ran again, once, to the end
    export.refresh_from_db()
    assert requeued == [export.pk] and requeued_again == []
    assert export.status == Status.DONE and export.attempts == 2
    assert LedgerEntry.objects.filter(event=ledger.Event.EXPORTED, object_id=export.pk).count() == 1
    # and a late duplicate delivery does nothing
    assert run_evidence_export(export.pk) == "not claimed"
    assert LedgerEntry.objects.filter(event=ledger.Event.EXPORTED).count() == 1


@pytest.mark.django_db
def test_a_stale_attempt_cannot_finish_after_another_took_over(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    stale = export_runs._Attempt(services.evidence_export_claim(export.pk))
    EvidenceExport.objects.filter(pk=export.pk).update(status=Status.QUEUED)  # re-queued meanwhile...
    assert run_evidence_export(export.pk) == "done"  # ...and finished by a new attempt
    # when the first (killed-then-revived) attempt tries to carry on
    with pytest.raises(services.ExportTakenOver):
        stale.advance(force=True)
    # then
    assert LedgerEntry.objects.filter(event=ledger.Event.EXPORTED).count() == 1


@pytest.mark.django_db
def test_parts_already_stored_are_not_rendered_again_when_an_export_restarts(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    services.evidence_export_run(export.pk)
    parts = {(f.kind, f.part): f.sha256 for f in EvidenceFile.objects.filter(export=export)}
    # when the same export is run again from the start (as after a crash before its end)
    EvidenceExport.objects.filter(pk=export.pk).update(status=Status.QUEUED)
    services.evidence_export_run(export.pk)
    # then the stored parts were reused
    assert {(f.kind, f.part): f.sha256 for f in EvidenceFile.objects.filter(export=export)} == parts


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_claims_one_wins(small_charter, tmp_path):
    # a draft version: published ones may not be deleted, even by the test database's flush
    export = EvidenceExport.objects.create(
        version=small_charter.versions.get(number=1),
        ledger_sequence=1,
        ledger_hash="0" * 64,
        heartbeat_at=timezone.now(),
        created_at=timezone.now(),
    )
    barrier, results = threading.Barrier(8), []

    def claim() -> None:
        try:
            barrier.wait()
            results.append(services.evidence_export_claim(export.pk) is not None)
        finally:
            connection.close()

    with threads_share_a_real_database(tmp_path):
        threads = [threading.Thread(target=claim) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        after = in_a_thread(lambda: EvidenceExport.objects.values_list("status", "attempts").get(pk=export.pk))
    assert sorted(results) == [False] * 7 + [True]
    assert after == (Status.RUNNING, 1)


@pytest.mark.django_db
def test_a_helper_job_renders_register_parts_from_the_other_end_and_the_export_reuses_them(
    acknowledged, legal_carol, django_capture_on_commit_callbacks, settings
):
    # given: 4 register parts of one row, and an export claimed by its job, which froze the register
    settings.EVIDENCE_REGISTER_ROWS_PER_PART = 1
    settings.EVIDENCE_EXPORT_HELPERS = 0
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    attempt = export_runs._Attempt(services.evidence_export_claim(export.pk))
    export_runs._register_plan(attempt.export)
    # when a helper runs on another worker
    assert services.evidence_export_help(export.pk, 1) == 4
    helped = {f.part: f.sha256 for f in EvidenceFile.objects.filter(export=export, kind="register")}
    export_runs._build(attempt)
    # then the export used the helper's parts and finished
    export.refresh_from_db()
    assert export.status == Status.DONE
    assert {f.part: f.sha256 for f in EvidenceFile.objects.filter(export=export, kind="register")} == helped
    assert services.evidence_export_help(export.pk, 1) == 0  # nothing to help with once finished


@pytest.mark.django_db
def test_a_dossier_whose_ledger_lines_were_edited_says_which_entry_and_field(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    export, _ = _export(acknowledged.version, legal_carol.user, django_capture_on_commit_callbacks)
    source = zipfile.ZipFile(evidence_path(export.file))
    lines = source.read("ledger.jsonl").decode().splitlines()
    index = next(i for i, line in enumerate(lines) if '"event":"acknowledged"' in line)
    row = json.loads(lines[index])
    row["payload"]["typed_name"] = "Quelqu'un d'autre"
    lines[index] = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    ledger_bytes = ("\n".join(lines) + "\n").encode()
    # the forger also fixes the manifest and the checksum list
    manifest = json.loads(source.read("manifest.json"))
    for entry in manifest["files"]:
        if entry["name"] == "ledger.jsonl":
            entry["sha256"], entry["size"] = hashlib.sha256(ledger_bytes).hexdigest(), len(ledger_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as forged:
        for name in source.namelist():
            if name == "ledger.jsonl":
                forged.writestr(name, ledger_bytes)
            elif name == "manifest.json":
                forged.writestr(name, json.dumps(manifest))
            elif name == "SHA256SUMS":
                forged.writestr(name, "".join(f"{e['sha256']}  {e['name']}\n" for e in manifest["files"]))
            else:
                forged.writestr(name, source.read(name))
    # when
    report = check_evidence(io.BytesIO(out.getvalue()), name="forged.zip")
    # then
    where = f"ledger.jsonl:{index + 1}"
    messages = [f.message for f in report.problems if f.where == where]
    assert any("does not match its hash" in m for m in messages)
    assert any(m.startswith(f"Entry #{row['sequence']}, payload:") and "Quelqu" in m for m in messages)
    assert any(f.where == "manifest.json" and "SHA-256" in f.message for f in report.problems)


@pytest.mark.django_db
def test_an_export_whose_message_was_lost_is_sent_again_and_one_that_keeps_dying_fails(
    acknowledged, legal_carol, django_capture_on_commit_callbacks, settings
):
    long_ago = timezone.now() - timedelta(minutes=10)
    # given: a queued export nobody received, and one whose workers died three times
    with django_capture_on_commit_callbacks(execute=False):
        lost, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
        dying, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user, language="en")
    EvidenceExport.objects.filter(pk=lost.pk).update(heartbeat_at=long_ago)
    EvidenceExport.objects.filter(pk=dying.pk).update(status=Status.RUNNING, attempts=3, heartbeat_at=long_ago)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        requeued = services.evidence_exports_requeue()
    # then
    lost.refresh_from_db()
    dying.refresh_from_db()
    assert requeued == [lost.pk] and lost.status == Status.DONE
    assert dying.status == Status.FAILED and not LedgerEntry.objects.filter(object_id=dying.pk, event="exported")


# --- what a killed worker leaves in the storage ------------------------------------------------------------
class _Killed(BaseException):
    """Stands for SIGKILL at a chosen point: no ``except Exception`` or ``finally`` of the job's own runs after."""


def _files(directory: str) -> list[str]:
    root = evidence_path(directory)
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def _old(path) -> None:
    past = time.time() - 3600
    os.utime(path, (past, past))


@pytest.mark.django_db
def test_an_export_killed_after_writing_its_dossier_is_rerun_and_leaves_one_dossier_and_no_stray_file(
    acknowledged, legal_carol, django_capture_on_commit_callbacks, monkeypatch
):
    # given: a worker wrote the dossier of attempt 1, then died before recording it; it also left a half-written
    # part (writer killed mid-write) and a part it rendered but never recorded
    with django_capture_on_commit_callbacks(execute=False):
        export, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    real_finish = export_runs._finish

    def killed(attempt, name, written):
        raise _Killed

    monkeypatch.setattr(export_runs, "_finish", killed)
    with pytest.raises(_Killed):
        run_evidence_export(export.pk)
    monkeypatch.setattr(export_runs, "_finish", real_finish)
    assert _files("dossiers") == [f"small-v1-export{export.pk}-fr-a1.zip"]
    directory = evidence_path(f"exports/{export.pk}")
    (directory / ".register-002-fr-0123456789ab.pdf.deadbeef.part").write_bytes(b"%PDF-1.7 half")
    _old(directory / ".register-002-fr-0123456789ab.pdf.deadbeef.part")
    (directory / "register-009-fr-0123456789ab.pdf").write_bytes(b"%PDF-1.7 never recorded")
    (directory / ".version-001-fr-0123456789ab.pdf.cafe.part").write_bytes(b"a live writer's file")  # fresh
    # when: its heartbeat goes stale and the periodic job re-queues it
    EvidenceExport.objects.filter(pk=export.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.evidence_exports_requeue() == [export.pk]
    # then: attempt 2 finished it, its dossier is the only one, and the leftovers are gone
    export.refresh_from_db()
    assert export.status == Status.DONE and export.attempts == 2
    assert _files("dossiers") == [f"small-v1-export{export.pk}-fr-a2.zip"] == [export.file.split("/")[-1]]
    parts = sorted(f.file.split("/")[-1] for f in EvidenceFile.objects.filter(export=export))
    assert _files(f"exports/{export.pk}") == sorted([*parts, ".version-001-fr-0123456789ab.pdf.cafe.part"])
    assert LedgerEntry.objects.filter(event=ledger.Event.EXPORTED, object_id=export.pk).count() == 1
    assert check_evidence(evidence_path(export.file).open("rb"), name="dossier.zip").ok
    # and the fresh half-written file goes with the sweep once it is stale (its writer never came back)
    assert recovery.evidence_storage_sweep() == 0
    assert recovery.evidence_storage_sweep(now=timezone.now() + timedelta(minutes=10)) == 1
    assert _files(f"exports/{export.pk}") == parts


@pytest.mark.django_db
def test_copies_of_certificates_left_by_killed_workers_are_deleted_when_an_export_finishes(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    recorded = EvidenceFile.objects.get(acknowledgement=acknowledged, language="fr")
    directory = evidence_path(recorded.file).parent
    # given: a copy rendered by a worker killed before recording it, and a half-written one
    (directory / f"ack-{acknowledged.pk}-fr-0123456789ab.pdf").write_bytes(b"%PDF-1.7 copy")
    (directory / f".ack-{acknowledged.pk}-fr-0123456789ab.pdf.beef.part").write_bytes(b"%PDF-1.7 half")
    _old(directory / f".ack-{acknowledged.pk}-fr-0123456789ab.pdf.beef.part")
    (directory / f"ack-{acknowledged.pk}-en-0123456789ab.pdf").write_bytes(b"another language: not this export's")
    # when
    export, _ = _export(acknowledged.version, legal_carol.user, django_capture_on_commit_callbacks)
    # then
    assert export.status == Status.DONE
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        [recorded.file.split("/")[-1], f"ack-{acknowledged.pk}-en-0123456789ab.pdf"]
    )


@pytest.mark.django_db
def test_an_export_killed_between_its_end_and_its_tidying_is_tidied_by_the_sweep(
    acknowledged, legal_carol, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(export_runs, "evidence_export_tidy", lambda export_id, now=None: 0)  # killed right after DONE
    export, _ = _export(acknowledged.version, legal_carol.user, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    orphan = evidence_path(f"exports/{export.pk}/register-005-fr-0123456789ab.pdf")
    orphan.write_bytes(b"%PDF-1.7 never recorded")
    assert evidence_path(f"exports/{export.pk}/register-lines.json").exists()
    # when
    deleted = recovery.evidence_storage_sweep()
    # then
    assert deleted == 1 and not orphan.exists()
    assert not evidence_path(f"exports/{export.pk}/register-lines.json").exists()
    assert recovery.evidence_storage_sweep() == 0  # nothing left to do

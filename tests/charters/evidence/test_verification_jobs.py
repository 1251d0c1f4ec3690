"""Legal uploads a dossier to verify it: a job checks it in the background; the page polls, then shows the report."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from charters.evidence import recovery, services
from charters.evidence.storage import evidence_path, evidence_read
from charters.evidence.tasks import run_evidence_verification
from charters.models import EvidenceFile
from charters.models.evidence import EvidenceVerification
from policy_portal.roles import Role
from tests.charters.evidence.conftest import flip_byte
from tests.conftest import client_for
from tests.factories import person

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
Status = EvidenceVerification.Status


@pytest.fixture
def dossier(acknowledged, legal_carol, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        export, _created = services.evidence_export_request(
            version=acknowledged.version, by=legal_carol.user, language="en"
        )
    export.refresh_from_db()
    return evidence_read(export.file)


def _upload(client, capture, data: bytes, name: str = "dossier.zip", execute: bool = True):
    with capture(execute=execute):
        return client.post(reverse("charters:evidence-verify"), {"file": SimpleUploadedFile(name, data)}, **EN)


def test_an_intact_dossier_is_checked_by_a_job_and_everything_matches(
    dossier, legal_carol, django_capture_on_commit_callbacks
):
    client = client_for(legal_carol)
    # when
    response = _upload(client, django_capture_on_commit_callbacks, dossier)
    # then a job was created, ran (sync queue in tests), and its stored upload is gone
    job = EvidenceVerification.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("charters:evidence-verification", args=[job.pk])
    assert job.status == Status.DONE and job.requested_by == legal_carol.user and job.name == "dossier.zip"
    assert job.total > 0 and job.done == job.total and job.finished_at is not None
    assert job.file == "" and not list(evidence_path("verifications").glob("*.upload"))
    page = client.get(response["Location"], **EN).content.decode()
    assert "Everything matches" in page and job.report["sha256"] in page
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true", **EN).content.decode()
    assert 'id="verification-progress"' in partial and "<html" not in partial and "every 2s" not in partial


def test_a_tampered_dossier_names_the_problem(dossier, legal_carol, django_capture_on_commit_callbacks):
    archive = zipfile.ZipFile(io.BytesIO(dossier))
    member = next(n for n in archive.namelist() if n.startswith("certificates/"))
    info = archive.getinfo(member)
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    client = client_for(legal_carol)
    # when
    response = _upload(client, django_capture_on_commit_callbacks, flip_byte(dossier, offset), name="forged.zip")
    # then
    page = client.get(response["Location"], **EN).content.decode()
    assert "Everything matches" not in page and "problem" in page and member in page
    assert EvidenceVerification.objects.get().status == Status.DONE


def test_a_queued_job_polls_and_a_second_delivery_does_nothing(
    dossier, legal_carol, django_capture_on_commit_callbacks
):
    client = client_for(legal_carol)
    response = _upload(client, django_capture_on_commit_callbacks, dossier, execute=False)  # no worker yet
    job = EvidenceVerification.objects.get()
    page = client.get(response["Location"], **EN).content.decode()
    assert job.status == Status.QUEUED and 'hx-trigger="every 2s"' in page and "queued" in page
    assert evidence_path(job.file).exists()
    # when the message is delivered twice
    assert run_evidence_verification(job.pk) == "done"
    job.refresh_from_db()
    finished_at, report = job.finished_at, job.report
    assert run_evidence_verification(job.pk) == "skipped"
    # then the second delivery changed nothing
    job.refresh_from_db()
    assert job.status == Status.DONE and job.finished_at == finished_at and job.report == report


def test_a_certificate_is_still_checked_at_once(acknowledged, legal_carol):
    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    page = client_for(legal_carol).post(
        reverse("charters:evidence-verify"), {"file": SimpleUploadedFile("cert.pdf", data)}, **EN
    )
    assert page.status_code == 200 and "Everything matches" in page.content.decode()
    assert not EvidenceVerification.objects.exists()


def test_any_legal_user_may_follow_a_verification_but_not_an_employee(
    dossier, legal_carol, employee_bob, django_capture_on_commit_callbacks
):
    """Choice: like exports, a verification is legal's shared work; employees get 403, unknown ids 404."""
    response = _upload(client_for(legal_carol), django_capture_on_commit_callbacks, dossier)
    legal_lea = person(Role.LEGAL, first_name="Léa", email="lea.legal@example.org")
    assert "Everything matches" in client_for(legal_lea).get(response["Location"], **EN).content.decode()
    assert client_for(employee_bob).get(response["Location"], **EN).status_code == 403
    missing = reverse("charters:evidence-verification", args=[999999])
    assert client_for(legal_carol).get(missing, **EN).status_code == 404


# --- a worker that dies while checking --------------------------------------------------------------------
def _stale(job, **fields) -> None:
    EvidenceVerification.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10), **fields)


def test_a_check_whose_worker_died_is_requeued_and_finishes_once(
    dossier, legal_carol, django_capture_on_commit_callbacks
):
    client = client_for(legal_carol)
    response = _upload(client, django_capture_on_commit_callbacks, dossier, execute=False)
    job = EvidenceVerification.objects.get()
    # given: a worker claimed the check, then was killed (its heartbeat went stale, the page still says running)
    assert services.evidence_verification_claim(job.pk) is not None
    _stale(job)
    assert "running" in client.get(response["Location"], **EN).content.decode()
    # when: the periodic job runs (twice, as a scheduler may)
    with django_capture_on_commit_callbacks(execute=True):
        requeued = recovery.evidence_verifications_requeue()
    with django_capture_on_commit_callbacks(execute=True):
        requeued_again = recovery.evidence_verifications_requeue()
    # then: it ran again, once, to the end, and its upload is gone
    job.refresh_from_db()
    assert requeued == [job.pk] and requeued_again == []
    assert job.status == Status.DONE and job.attempts == 2 and job.report["ok"] and job.file == ""
    assert "Everything matches" in client.get(response["Location"], **EN).content.decode()
    assert run_evidence_verification(job.pk) == "skipped"  # a late duplicate delivery does nothing


def test_a_check_whose_message_was_lost_is_sent_again(dossier, legal_carol, django_capture_on_commit_callbacks):
    _upload(client_for(legal_carol), django_capture_on_commit_callbacks, dossier, execute=False)
    job = EvidenceVerification.objects.get()
    _stale(job)  # queued long ago, never received by a worker
    with django_capture_on_commit_callbacks(execute=True):
        assert recovery.evidence_verifications_requeue() == [job.pk]
    job.refresh_from_db()
    assert job.status == Status.DONE and job.attempts == 1


def test_a_check_whose_workers_keep_dying_fails_with_a_clear_message_and_its_upload_is_deleted(
    dossier, legal_carol, django_capture_on_commit_callbacks, settings
):
    settings.EVIDENCE_EXPORT_MAX_ATTEMPTS = 3
    client = client_for(legal_carol)
    response = _upload(client, django_capture_on_commit_callbacks, dossier, execute=False)
    job = EvidenceVerification.objects.get()
    upload = job.file
    _stale(job, status=Status.RUNNING, attempts=3)  # its third worker died too
    # when
    with django_capture_on_commit_callbacks(execute=True):
        requeued = recovery.evidence_verifications_requeue()
    # then
    job.refresh_from_db()
    assert requeued == [] and job.status == Status.FAILED and job.stopped_by_workers
    assert job.error == "worker stopped 3 times while checking this file"
    assert job.file == "" and not evidence_path(upload).exists()
    page = client.get(response["Location"], **EN).content.decode()
    assert "interrupted several times" in page and "Upload the file again" in page
    assert 'hx-trigger="every 2s"' not in page  # finished: the page stops polling


def test_a_stale_attempt_stops_without_touching_the_upload_once_another_took_over(
    dossier, legal_carol, django_capture_on_commit_callbacks, monkeypatch
):
    from charters.evidence import checks

    _upload(client_for(legal_carol), django_capture_on_commit_callbacks, dossier, execute=False)
    job = EvidenceVerification.objects.get()
    real_check = checks.check_evidence

    def check_while_taken_over(stream, *, name="", progress=None):
        # the worker stalls; meanwhile its check is re-queued and claimed by another worker
        _stale(job)
        recovery.evidence_verifications_requeue()
        assert services.evidence_verification_claim(job.pk) is not None
        return real_check(stream, name=name, progress=progress)

    monkeypatch.setattr(checks, "check_evidence", check_while_taken_over)
    # when the first attempt reports progress
    assert run_evidence_verification(job.pk) == "taken over"
    # then it stopped there: the new attempt owns the job and still has the upload to read
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.attempts == 2 and evidence_path(job.file).exists()
    monkeypatch.setattr(checks, "check_evidence", real_check)
    EvidenceVerification.objects.filter(pk=job.pk).update(status=Status.QUEUED)
    assert run_evidence_verification(job.pk) == "done"


def test_the_storage_sweep_deletes_the_upload_of_a_check_whose_worker_died_after_finishing(
    dossier, legal_carol, django_capture_on_commit_callbacks
):
    _upload(client_for(legal_carol), django_capture_on_commit_callbacks, dossier, execute=False)
    job = EvidenceVerification.objects.get()
    EvidenceVerification.objects.filter(pk=job.pk).update(status=Status.DONE, report={"ok": True})  # then killed
    assert evidence_path(job.file).exists()
    recovery.evidence_storage_sweep()
    job.refresh_from_db()
    assert job.file == "" and not list(evidence_path("verifications").glob("*"))

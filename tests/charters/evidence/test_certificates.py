"""A certificate per acknowledgement: rendered and sealed on commit, stored once, checked against the ledger."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from charters import ledger
from charters.evidence import services
from charters.evidence.checks import check_evidence
from charters.evidence.documents import verification_code
from charters.evidence.storage import evidence_read
from charters.evidence.tasks import run_certificate
from charters.evidence.verification import sha256_of, verify_pdf
from charters.models import Acknowledgement, EvidenceFile
from tests.charters.evidence.conftest import flip_byte, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """Check messages are asserted in English whatever the catalogues hold (certificates pick their own language)."""
    with translation.override("en"):
        yield


def test_recording_an_acknowledgement_stores_its_sealed_certificate_once(acknowledged):
    # given: the job ran on commit of Bob's acknowledgement
    stored = EvidenceFile.objects.get(kind="certificate", acknowledgement=acknowledged)
    # when: the job is delivered again
    again = run_certificate(acknowledged.pk)
    # then
    assert again == stored.pk
    assert EvidenceFile.objects.filter(kind="certificate", acknowledgement=acknowledged).count() == 1
    data = evidence_read(stored.file)
    assert sha256_of(data) == stored.sha256 and stored.language == "fr"
    assert verify_pdf(data).ok


def test_the_certificate_shows_every_evidence_field_in_french(acknowledged):
    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    entry = ledger.ledger_entry_for(event=ledger.Event.ACKNOWLEDGED, object_id=acknowledged.pk)
    text = pdf_text(data)
    compact = "".join(text.split())  # long hashes wrap across lines
    for expected in [
        "Salarié",
        "Bob",
        "Petite charte",
        acknowledged.typed_name,
        "203.0.113.7",
        "pytest-browser/1.0",
        "session",
        acknowledged.employee.employee_id,
        verification_code(entry.entry_hash),
    ]:
        assert expected in text, expected
    for value in [acknowledged.text_sha256, entry.entry_hash, entry.previous_hash]:
        assert value in compact
    assert str(entry.sequence) in text
    assert "https://portail.example.org/charters/evidence/verify/?code=" in compact


def test_an_english_certificate_is_rendered_on_request(acknowledged):
    file = services.certificate_store(acknowledgement_id=acknowledged.pk, language="en")
    text = pdf_text(evidence_read(file.file))
    assert "Acknowledgement certificate" in text and "Verification code" in text
    assert EvidenceFile.objects.filter(acknowledgement=acknowledged).count() == 2


def test_a_certificate_checks_out_and_one_changed_byte_is_detected(acknowledged):
    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    report = check_evidence(io.BytesIO(data), name="certificate.pdf")
    assert report.ok and report.kind == "certificate", report.problems
    # when one byte of the signed content changes (in the middle of the file)
    tampered = check_evidence(io.BytesIO(flip_byte(data, len(data) // 3)), name="certificate.pdf")
    # then
    assert not tampered.ok
    assert any("changed after it was sealed" in f.message or "invalid" in f.message for f in tampered.problems)


def test_a_certificate_names_the_field_that_no_longer_matches_the_database(acknowledged):
    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    Acknowledgement.objects.filter(pk=acknowledged.pk).update(typed_name="Someone Else")
    report = check_evidence(io.BytesIO(data), name="certificate.pdf")
    messages = [f.message for f in report.problems]
    assert len(messages) == 1 and messages[0].startswith("typed_name:") and "Someone Else" in messages[0]


def test_verify_evidence_command_passes_a_good_certificate_and_fails_a_tampered_one(acknowledged, tmp_path):
    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(data)
    bad.write_bytes(flip_byte(data, len(data) // 3))
    out = io.StringIO()
    call_command("verify_evidence", str(good), stdout=out)
    assert "everything matches" in out.getvalue()
    with pytest.raises(CommandError, match="problem"):
        call_command("verify_evidence", str(bad), stdout=io.StringIO())


def test_the_demo_seeder_queues_the_missing_certificates(acknowledged, django_capture_on_commit_callbacks):
    from charters.evidence.demo import seed_evidence

    EvidenceFile.objects.all().delete()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        seed_evidence(out)
    assert "1 certificates queued" in out.getvalue()
    assert EvidenceFile.objects.filter(acknowledgement=acknowledged, language="fr").count() == 1

"""Seals timestamped by the configured RFC 3161 authority carry long-term validation data (PAdES B-LTA),
and still verify once the seal certificate has expired.

The authority is a real one on loopback (tests/charters/evidence/local_pki.py): the portal reaches it
through its own settings (EVIDENCE_TSA_URL), over HTTP, as in production.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import DocumentSecurityStore

from charters.evidence.sealing import get_timestamper, seal_pdf
from charters.evidence.verification import Problem, verify_pdf
from tests.charters.evidence.conftest import flip_byte

TSA = "Exemple Time Stamping Authority"


@pytest.fixture
def sealed_lta(tsa_settings, certificate_pdf: bytes) -> bytes:
    assert get_timestamper() is not None  # the settings path, not a test double
    return seal_pdf(certificate_pdf, reason="Attestation")


def test_a_seal_made_with_the_configured_tsa_carries_its_verified_timestamp(sealed_lta: bytes) -> None:
    result = verify_pdf(sealed_lta)
    assert result.ok, result
    assert TSA in result.timestamp_authority
    assert result.timestamped_at is not None
    assert abs(result.timestamped_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert "Société Exemple Seal" in result.signer_subject


def test_the_seal_embeds_its_validation_data_and_a_document_timestamp(sealed_lta: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(sealed_lta))
    assert len(reader.embedded_regular_signatures) == 1
    assert len(reader.embedded_timestamp_signatures) == 1  # B-LTA
    dss = DocumentSecurityStore.read_dss(reader)  # B-LT
    assert list(dss.load_certs()) and len(dss.ocsps) >= 1
    assert verify_pdf(sealed_lta).long_term


def test_a_long_term_seal_still_verifies_after_the_seal_certificate_expired(tsa_settings, sealed_lta: bytes) -> None:
    expired_at = PdfFileReader(io.BytesIO(sealed_lta)).embedded_regular_signatures[0].signer_cert.not_valid_after
    # when legal checks the dossier long after the seal certificate expired
    with time_machine.travel(expired_at + dt.timedelta(days=60), tick=False):
        result = verify_pdf(sealed_lta)
    # then
    assert result.ok, result
    assert result.long_term and TSA in result.timestamp_authority


def test_a_seal_whose_authority_is_not_trusted_is_not_long_term_valid(tsa_settings, sealed_lta: bytes) -> None:
    tsa_settings.EVIDENCE_TRUST_ROOTS = []  # the CA's root is not configured
    result = verify_pdf(sealed_lta)
    assert Problem.LONG_TERM_INVALID in result.problems
    assert not result.long_term


def test_changes_to_a_long_term_seal_are_still_detected(tsa_settings, sealed_lta: bytes) -> None:
    appended = verify_pdf(sealed_lta + b"\n% appended\n")
    assert Problem.NOT_WHOLE_FILE in appended.problems
    content = verify_pdf(flip_byte(sealed_lta, sealed_lta.index(b"stream\n") + 20))
    assert Problem.SIGNATURE_NOT_INTACT in content.problems


def test_without_long_term_data_the_seal_is_timestamped_only(tsa_settings, certificate_pdf: bytes) -> None:
    tsa_settings.EVIDENCE_LONG_TERM = False
    sealed = seal_pdf(certificate_pdf)
    assert PdfFileReader(io.BytesIO(sealed)).embedded_timestamp_signatures == []
    result = verify_pdf(sealed)
    assert result.timestamped_at is not None and not result.long_term


# --- through the portal: a dossier sealed with the local TSA, checked on the verify page ----------------------
@pytest.mark.django_db
def test_a_dossier_sealed_with_the_local_tsa_verifies_with_its_timestamps(
    tsa_settings, acknowledged, legal_carol, django_capture_on_commit_callbacks
) -> None:
    from charters.evidence import services
    from charters.evidence.checks import check_evidence
    from charters.evidence.storage import evidence_path

    # given an export of the acknowledged version, every PDF sealed through the configured TSA
    with django_capture_on_commit_callbacks(execute=True):
        export, _created = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    export.refresh_from_db()
    # when legal checks the dossier
    with evidence_path(export.file).open("rb") as stream:
        report = check_evidence(stream, name="dossier.zip")
    # then every PDF of it carries a long-term timestamp from the authority
    assert report.ok, report.problems
    pdfs = [line for line in report.checked if ".pdf" in line and "seal intact" in line]
    assert len(report.timestamps) == len(pdfs) >= 3
    assert all(TSA in stamp.authority and stamp.long_term for stamp in report.timestamps)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "phrase", "long_term"),
    [
        ("en", "Timestamps", "timestamped at", "long-term validation data embedded and timestamped (PAdES B-LTA)"),
        (
            "fr",
            "Horodatages",
            "horodaté le",
            "données de validation à long terme intégrées et horodatées (PAdES B-LTA)",
        ),
    ],
)
def test_the_verify_page_shows_the_timestamp_authority_and_time(
    tsa_settings, acknowledged, legal_carol, language, heading, phrase, long_term
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from charters.evidence.storage import evidence_read
    from charters.models import EvidenceFile
    from tests.conftest import client_for

    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    stamp = verify_pdf(data).timestamped_at
    client = client_for(legal_carol)
    page = client.post(
        reverse("charters:evidence-verify"),
        {"file": SimpleUploadedFile("cert.pdf", data)},
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    assert heading in page and phrase in page and long_term in page
    assert TSA in page
    from charters.evidence.documents import when

    assert stamp is not None and when(stamp) in page

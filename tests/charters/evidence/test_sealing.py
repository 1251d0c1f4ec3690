"""Sealed evidence PDFs validate, and any change to them is detected and named."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any as SettingsWrapper  # pytest-django's settings fixture

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pypdf import PdfReader

from charters.evidence.certificates import self_signed_certificate, self_signed_pkcs12
from charters.evidence.sealing import SealUnavailable, seal_pdf
from charters.evidence.verification import Problem, company_certificates, sha256_of, verify_pdf


@pytest.fixture
def sealed_pdf(seal_settings: SettingsWrapper, certificate_pdf: bytes) -> bytes:
    return seal_pdf(certificate_pdf, reason="Attestation", location="Paris")


def test_sealed_pdf_validates_with_the_company_certificate(seal_settings: SettingsWrapper, sealed_pdf: bytes) -> None:
    result = verify_pdf(sealed_pdf)  # checked against the configured certificate by default
    assert result.ok, result
    assert "Société Exemple Seal" in result.signer_subject
    assert result.sha256 == sha256_of(sealed_pdf)
    assert result.signed_at is not None
    assert result.timestamped_at is None


def test_sealed_pdf_keeps_its_text(sealed_pdf: bytes) -> None:
    text = PdfReader(io.BytesIO(sealed_pdf)).pages[0].extract_text()
    assert "Hélène Lefèvre-Çelik n°3" in text


def test_flipping_one_byte_anywhere_is_detected(seal_settings: SettingsWrapper, sealed_pdf: bytes) -> None:
    trusted = company_certificates()
    step = len(sealed_pdf) // 23
    positions = [0, 9, *range(step, len(sealed_pdf), step), len(sealed_pdf) - 7, len(sealed_pdf) - 1]
    missed = []
    for position in positions:
        damaged = bytearray(sealed_pdf)
        damaged[position] ^= 0x01
        if verify_pdf(bytes(damaged), trusted_certificates=trusted).ok:
            missed.append(position)
    assert missed == []


def test_a_change_in_the_content_is_reported_as_such(seal_settings: SettingsWrapper, sealed_pdf: bytes) -> None:
    position = sealed_pdf.index(b"stream\n") + 20  # inside the first (page content) stream
    damaged = bytearray(sealed_pdf)
    damaged[position] ^= 0x01
    result = verify_pdf(bytes(damaged), trusted_certificates=company_certificates())
    assert Problem.SIGNATURE_NOT_INTACT in result.problems


def test_bytes_appended_after_sealing_are_reported(seal_settings: SettingsWrapper, sealed_pdf: bytes) -> None:
    result = verify_pdf(sealed_pdf + b"\n% appended\n", trusted_certificates=company_certificates())
    assert result.problems == (Problem.NOT_WHOLE_FILE,)


def test_unsigned_pdf_is_reported_as_unsigned(certificate_pdf: bytes) -> None:
    result = verify_pdf(certificate_pdf)
    assert result.problems == (Problem.UNSIGNED,)
    assert result.problems[0].message()


def test_garbage_is_reported_as_unreadable() -> None:
    assert verify_pdf(b"not a pdf").problems == (Problem.UNREADABLE,)


def test_pdf_sealed_with_another_certificate_is_reported(
    seal_settings: SettingsWrapper, certificate_pdf: bytes, tmp_path: Path
) -> None:
    # given a PDF sealed with someone else's self-signed certificate
    other = tmp_path / "other.p12"
    other.write_bytes(self_signed_pkcs12(common_name="Impostor", password="x"))
    forged = seal_pdf(certificate_pdf, signer=signers.SimpleSigner.load_pkcs12(str(other), passphrase=b"x"))
    # when
    result = verify_pdf(forged)
    # then
    assert result.problems == (Problem.UNEXPECTED_CERTIFICATE,)
    assert "Impostor" in result.signer_subject


def test_wrong_password_is_refused_clearly(seal_settings: SettingsWrapper, certificate_pdf: bytes) -> None:
    seal_settings.EVIDENCE_PKCS12_PASSWORD = "wrong"
    with pytest.raises(SealUnavailable):
        seal_pdf(certificate_pdf)


def test_missing_pkcs12_file_is_refused_clearly(
    seal_settings: SettingsWrapper, certificate_pdf: bytes, tmp_path: Path
) -> None:
    seal_settings.EVIDENCE_PKCS12_PATH = tmp_path / "none.p12"
    with pytest.raises(SealUnavailable, match="create_seal_certificate"):
        seal_pdf(certificate_pdf)


def test_seal_is_timestamped_when_a_time_stamping_authority_answers(
    seal_settings: SettingsWrapper, certificate_pdf: bytes
) -> None:
    # given a local fake TSA (pyHanko's DummyTimeStamper signs its own tokens), B-T only: long-term
    # sealing through a real TSA and CA on loopback is in test_timestamping.py
    seal_settings.EVIDENCE_LONG_TERM = False
    key, certificate = self_signed_certificate(common_name="Local TSA", time_stamping=True, key_type="rsa")
    tsa_cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    tsa_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    # when
    sealed = seal_pdf(certificate_pdf, timestamper=DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key))
    # then
    result = verify_pdf(sealed, trusted_certificates=[*company_certificates(), tsa_cert])
    assert result.ok, result
    assert result.timestamped_at is not None


def test_a_change_in_the_seals_unused_padding_is_reported(seal_settings: SettingsWrapper, sealed_pdf: bytes) -> None:
    # the /Contents hex string is reserved larger than the signature and ends with zeros
    position = sealed_pdf.index(b"00000000>") + 2
    damaged = bytearray(sealed_pdf)
    damaged[position : position + 1] = b"1"
    result = verify_pdf(bytes(damaged), trusted_certificates=company_certificates())
    assert result.problems == (Problem.SEAL_ALTERED,)

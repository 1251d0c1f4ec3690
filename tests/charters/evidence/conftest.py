from __future__ import annotations

from pathlib import Path
from typing import Any as SettingsWrapper  # pytest-django's settings fixture

import pytest

from charters.evidence.certificates import self_signed_pkcs12
from charters.evidence.pdf import render_pdf
from charters.evidence.samples import CERTIFICATE_TEMPLATE, sample_certificate_context

SEAL_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def seal_p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seal") / "seal.p12"
    path.write_bytes(self_signed_pkcs12(common_name="Société Exemple Seal", password=SEAL_PASSWORD))
    return path


@pytest.fixture
def seal_settings(settings: SettingsWrapper, seal_p12: Path) -> SettingsWrapper:
    settings.EVIDENCE_PKCS12_PATH = seal_p12
    settings.EVIDENCE_PKCS12_PASSWORD = SEAL_PASSWORD
    settings.EVIDENCE_TSA_URL = ""
    return settings


@pytest.fixture(scope="session")
def certificate_pdf() -> bytes:
    return render_pdf(CERTIFICATE_TEMPLATE, sample_certificate_context(3), language="fr")


# --- evidence of real acknowledgements ------------------------------------------------------------------
@pytest.fixture
def evidence_settings(seal_settings: SettingsWrapper, tmp_path: Path) -> SettingsWrapper:
    seal_settings.EVIDENCE_ROOT = tmp_path / "evidence"
    seal_settings.PORTAL_BASE_URL = "https://portail.example.org"
    seal_settings.ACK_MIN_READING_SECONDS = 0
    seal_settings.ACK_REAUTH_AFTER_MINUTES = None
    return seal_settings


@pytest.fixture
def acknowledged(campaign, evidence_settings, django_capture_on_commit_callbacks):
    """Bob acknowledged the small charter (his certificate job ran on commit); Emma declined."""
    from charters.acknowledgements.services import feedback_create
    from tests.charters.conftest import acknowledge, read_through

    bob = campaign.assignments.get(employee__user__first_name="Bob")
    emma = campaign.assignments.get(employee__user__first_name="Emma")
    read_through(bob)
    with django_capture_on_commit_callbacks(execute=True):
        ack, _created = acknowledge(bob)
    read_through(emma)
    feedback_create(assignment=emma, kind="decline", text="Je ne suis pas d'accord.")
    return ack


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flip_byte(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]


# --- a time-stamping authority and a certificate authority on loopback ------------------------------------
@pytest.fixture(scope="session")
def local_tsa(tmp_path_factory: pytest.TempPathFactory):
    """The company's seal issued by a local CA (valid 30 days), its TSA and OCSP responder on 127.0.0.1."""
    from tests.charters.evidence.local_pki import local_pki

    with local_pki(tmp_path_factory.mktemp("pki"), seal_days=30) as pki:
        yield pki


@pytest.fixture
def tsa_settings(seal_settings: SettingsWrapper, local_tsa, tmp_path: Path) -> SettingsWrapper:
    """The portal configured as an operator would: the CA-issued PKCS#12, the TSA's URL, the CA's root."""
    path = tmp_path / "seal-ca.p12"
    path.write_bytes(local_tsa.seal_pkcs12(SEAL_PASSWORD))
    seal_settings.EVIDENCE_PKCS12_PATH = path
    seal_settings.EVIDENCE_PKCS12_PASSWORD = SEAL_PASSWORD
    seal_settings.EVIDENCE_TSA_URL = local_tsa.tsa_url
    seal_settings.EVIDENCE_TRUST_ROOTS = [str(local_tsa.root_path)]
    seal_settings.EVIDENCE_LONG_TERM = True
    return seal_settings

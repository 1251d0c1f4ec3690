"""manage.py create_seal_certificate makes a usable trial seal and never silently replaces one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from charters.evidence.pdf import html_to_pdf
from charters.evidence.sealing import seal_pdf
from charters.evidence.verification import company_certificates, verify_pdf


@pytest.fixture
def p12_path(settings: Any, tmp_path: Path) -> Path:
    settings.EVIDENCE_PKCS12_PATH = tmp_path / "evidence" / "seal.p12"
    settings.EVIDENCE_PKCS12_PASSWORD = "trial password"
    settings.EVIDENCE_TSA_URL = ""
    return settings.EVIDENCE_PKCS12_PATH


def test_created_certificate_seals_pdfs_that_validate(p12_path: Path) -> None:
    call_command("create_seal_certificate", "--common-name", "Démo Seal")
    assert p12_path.stat().st_mode & 0o077 == 0  # key file readable by its owner only
    sealed = seal_pdf(html_to_pdf('<html lang="fr"><title>t</title><p>Été</p></html>'))
    result = verify_pdf(sealed, trusted_certificates=company_certificates())
    assert result.ok, result
    assert "Démo Seal" in result.signer_subject


def test_existing_certificate_is_not_replaced_without_force(p12_path: Path) -> None:
    call_command("create_seal_certificate")
    before = p12_path.read_bytes()
    with pytest.raises(CommandError, match="--force"):
        call_command("create_seal_certificate")
    assert p12_path.read_bytes() == before
    call_command("create_seal_certificate", "--force")
    assert p12_path.read_bytes() != before


def test_refuses_to_store_an_unencrypted_key(p12_path: Path, settings: Any) -> None:
    settings.EVIDENCE_PKCS12_PASSWORD = ""
    with pytest.raises(CommandError):
        call_command("create_seal_certificate")
    assert not p12_path.exists()

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

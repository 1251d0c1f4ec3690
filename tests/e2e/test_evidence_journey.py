"""In a real browser: legal exports the sealed dossier of a version, downloads it and verifies it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from charters import services
from charters.acknowledgements.services import campaign_start
from policy_portal.roles import Role
from tests.charters.conftest import SMALL_EN, SMALL_FR, acknowledge, publish, read_through
from tests.charters.evidence.conftest import SEAL_PASSWORD
from tests.charters.transactional import real_transactions  # noqa: F401
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def acknowledged_version(real_transactions, hr_alice, approver_victor, employee_bob, settings, tmp_path):  # noqa: F811
    from charters.evidence.certificates import self_signed_pkcs12

    seal = tmp_path / "seal.p12"
    seal.write_bytes(self_signed_pkcs12(common_name="Exemple Seal", password=SEAL_PASSWORD))
    settings.EVIDENCE_PKCS12_PATH, settings.EVIDENCE_PKCS12_PASSWORD, settings.EVIDENCE_TSA_URL = (
        seal,
        SEAL_PASSWORD,
        "",
    )
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.ACK_MIN_READING_SECONDS, settings.ACK_REAUTH_AFTER_MINUTES = 0, None
    charter = services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    version = publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign = campaign_start(version=version)
    assignment = campaign.assignments.get(employee=employee_bob)
    read_through(assignment)
    # its certificate job runs on commit, but pyHanko cannot seal inside Playwright's event loop (this thread):
    # the export's fallback renders the missing certificate, which this journey thereby covers too
    acknowledge(assignment)
    return version


def test_legal_exports_a_dossier_downloads_it_and_verifies_it(page, acknowledged_version, tmp_path):
    # given a legal officer with an English interface
    person(Role.LEGAL, first_name="Lena", email="lena.legal@example.org", language="en")
    sign_in(page, "lena.legal@example.org")
    # when she asks for the dossier of the version
    page.get_by_role("link", name="Legal evidence").click()
    expect(page.get_by_role("heading", name="Legal evidence")).to_be_visible()
    assert_accessible(page, "evidence home")
    page.get_by_role("button", name="Export the dossier of Petite charte v1").click()
    # then the status page offers the finished dossier
    expect(page.get_by_role("heading", name="Dossier of Petite charte v1")).to_be_visible()
    download_link = page.get_by_role("link", name="Download the dossier (ZIP)")
    expect(download_link).to_be_visible()
    assert_accessible(page, "export status")
    screenshot(page, "dossier-ready")
    with page.expect_download() as info:
        download_link.click()
    dossier = tmp_path / "dossier.zip"
    info.value.save_as(dossier)
    # and the verification page says it matches the seal, the manifest and the ledger
    page.get_by_role("link", name="Back to legal evidence").click()
    page.get_by_role("link", name="Verify a certificate or a dossier").click()
    page.get_by_label("Certificate (PDF) or dossier (ZIP)").set_input_files(str(dossier))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Everything matches")).to_be_visible()
    assert_accessible(page, "verification result")
    screenshot(page, "dossier-verified")
    # a dossier changed by one byte does not
    data = bytearray(dossier.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(bytes(data))
    page.get_by_role("link", name="Verify another file").click()
    page.get_by_label("Certificate (PDF) or dossier (ZIP)").set_input_files(str(tampered))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("heading", name="Everything matches")).to_have_count(0)
    assert_accessible(page, "tampered dossier")
    screenshot(page, "tampered-dossier-refused")

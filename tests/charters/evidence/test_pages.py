"""Legal's evidence pages, in English: export, follow, download, verify; certificates on demand."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from charters.evidence.storage import evidence_read
from charters.models import EvidenceExport, EvidenceFile
from tests.charters.evidence.conftest import flip_byte, pdf_text
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_legal_exports_a_dossier_follows_it_and_downloads_it(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    client = client_for(legal_carol)
    home = client.get(reverse("charters:evidence-home"), **EN)
    assert (
        "Legal evidence" in home.content.decode() and "Export the dossier of Petite charte v1" in home.content.decode()
    )
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("charters:evidence-export-request"), {"version": acknowledged.version_id, "language": "en"}, **EN
        )
    export = EvidenceExport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("charters:evidence-export", args=[export.pk])
    page = client.get(response["Location"], **EN).content.decode()
    # then
    assert "Download the dossier (ZIP)" in page and export.sha256 in page
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true", **EN).content.decode()
    assert 'id="export-progress"' in partial and "<html" not in partial and "every 2s" not in partial
    download = client.get(reverse("charters:evidence-export-download", args=[export.pk]), **EN)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "manifest.json" in archive.namelist()
    assert "attachment" in download["Content-Disposition"]


def test_a_running_export_page_polls_its_progress(acknowledged, legal_carol, django_capture_on_commit_callbacks):
    client = client_for(legal_carol)
    with django_capture_on_commit_callbacks(execute=False):  # no worker yet
        client.post(reverse("charters:evidence-export-request"), {"version": acknowledged.version_id, "language": "fr"})
    export = EvidenceExport.objects.get()
    page = client.get(reverse("charters:evidence-export", args=[export.pk]), **EN).content.decode()
    assert "waiting for a worker" in page and 'hx-trigger="every 2s"' in page
    assert client.get(reverse("charters:evidence-export-download", args=[export.pk])).status_code == 404


def test_legal_verifies_an_uploaded_certificate_and_sees_what_does_not_match(acknowledged, legal_carol):
    client = client_for(legal_carol)
    data = evidence_read(EvidenceFile.objects.get(acknowledgement=acknowledged).file)
    url = reverse("charters:evidence-verify")
    good = client.post(url, {"file": SimpleUploadedFile("cert.pdf", data)}, **EN).content.decode()
    assert "Everything matches" in good
    bad = client.post(url, {"file": SimpleUploadedFile("cert.pdf", flip_byte(data, len(data) // 3))}, **EN)
    assert "problem" in bad.content.decode() and "cert.pdf" in bad.content.decode()


def test_a_missing_certificate_is_rendered_on_demand_and_its_code_leads_back_to_it(acknowledged, legal_carol):
    # given the on-ack job never ran for English
    client = client_for(legal_carol)
    response = client.get(reverse("charters:evidence-certificate", args=[acknowledged.pk]) + "?lang=en", **EN)
    text = pdf_text(b"".join(response.streaming_content))
    assert "Acknowledgement certificate" in text
    assert EvidenceFile.objects.filter(acknowledgement=acknowledged, language="en").count() == 1
    code = next(line.split(": ")[1] for line in text.splitlines() if line.startswith("Verification code"))
    page = client.get(reverse("charters:evidence-verify") + f"?code={code}", **EN).content.decode()
    assert "This code is the certificate of Bob" in page


def test_employees_cannot_download_certificates(acknowledged, employee_bob):
    response = client_for(employee_bob).get(reverse("charters:evidence-certificate", args=[acknowledged.pk]), **EN)
    assert response.status_code == 403


def test_legal_reads_the_recent_exports_heading_once_and_it_names_its_table(acknowledged, legal_carol):
    # when
    page = client_for(legal_carol).get(reverse("charters:evidence-home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # then: one heading (no hidden caption saying it again), and the table is labelled by it
    assert page.count("Exports récents") == 1
    assert 'id="recent-exports-title"' in page and 'aria-labelledby="recent-exports-title"' in page

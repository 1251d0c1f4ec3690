"""Issue 13: a crafted dossier or PDF is refused with a clear message, before it can exhaust a worker."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import pytest

from charters.evidence.checks import check_evidence
from charters.evidence.forms import VerifyForm

pytestmark = pytest.mark.django_db


def _zip(members: dict[str, bytes], *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _manifest(files: object = (), **extra: object) -> bytes:
    return json.dumps({"export_id": 1, "files": list(files) if isinstance(files, tuple) else files, **extra}).encode()


def _messages(data: bytes) -> str:
    report = check_evidence(io.BytesIO(data), name="upload")
    assert not report.ok
    return " | ".join(problem.message for problem in report.problems)


@pytest.fixture
def small_caps(settings):
    settings.EVIDENCE_MEMBER_MAX_BYTES = 4 << 20
    settings.EVIDENCE_DOSSIER_MAX_EXPANDED_BYTES = 8 << 20
    settings.EVIDENCE_PDF_MAX_BYTES = 64 << 10
    return settings


def test_a_zip_bomb_is_refused_before_it_is_expanded(small_caps):
    # given a small ZIP whose one member is 3 MB of zeros (under the member cap, but ~1000:1)
    bomb = _zip({"manifest.json": _manifest(), "ledger.jsonl": bytes(3 << 20)})
    assert len(bomb) < 10_000

    # then
    assert "zip bomb" in _messages(bomb)


def test_a_member_larger_than_the_cap_is_refused_from_its_header(small_caps):
    big = _zip({"manifest.json": _manifest(), "ledger.jsonl": bytes(5 << 20)}, compress=zipfile.ZIP_STORED)
    assert "more than the 4.0 MB allowed" in _messages(big)


def test_the_total_expanded_size_is_capped(small_caps):
    members = {f"part-{n}.bin": bytes(3 << 20) for n in range(3)}
    data = _zip({"manifest.json": _manifest(), **members}, compress=zipfile.ZIP_STORED)
    assert "Once expanded, the ZIP would take more than 8.0 MB" in _messages(data)


def test_a_member_whose_header_lies_about_its_size_is_not_read_past_it(small_caps):
    # given a 200 KB member whose local and central headers both claim 100 bytes
    honest = _zip(
        {
            "manifest.json": _manifest([{"name": "ledger.jsonl", "sha256": "0" * 64, "size": 100}]),
            "ledger.jsonl": bytes(200_000),
        }
    )
    lying = honest.replace(struct.pack("<I", 200_000), struct.pack("<I", 100))
    assert lying != honest

    # then
    assert "damaged in the ZIP" in _messages(lying)


def test_the_manifest_is_read_within_its_cap(settings):
    settings.EVIDENCE_MANIFEST_MAX_BYTES = 1000
    data = _zip({"manifest.json": b" " * 5000 + _manifest()})
    assert "expands to more than" in _messages(data)


@pytest.mark.parametrize("name", ["inner.zip", "evidence/archive.ZIP"])
def test_a_nested_zip_is_refused_by_its_name(name):
    assert "contains another ZIP" in _messages(_zip({"manifest.json": _manifest(), name: _zip({"a": b"a"})}))


def test_a_nested_zip_is_refused_by_its_content():
    files = [{"name": "certificate.pdf", "sha256": "0" * 64, "size": 1}]
    data = _zip({"manifest.json": _manifest(files), "certificate.pdf": _zip({"a": b"a"})})
    assert "contains another ZIP" in _messages(data)


@pytest.mark.parametrize(
    "name", ["../escape.pdf", "certificates/../../escape.pdf", "/etc/passwd", "C:/x.pdf", "a\\..\\b"]
)
def test_a_member_name_that_could_escape_is_refused(name):
    assert "climbs out of the dossier" in _messages(_zip({"manifest.json": _manifest(), name: b"x"}))


def test_a_duplicate_member_name_is_refused():
    buffer = io.BytesIO()
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("manifest.json", _manifest())
        zf.writestr("ledger.jsonl", b"1")
        zf.writestr("ledger.jsonl", b"2")
    assert "appears twice" in _messages(buffer.getvalue())


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (json.dumps({"export_id": 1, "files": {"a.pdf": {}}}).encode(), "'files' must be a list"),
        (json.dumps({"export_id": 1}).encode(), "'files' must be a list"),
        (json.dumps({"files": []}).encode(), "'export_id' must be a whole number"),
        (json.dumps({"export_id": "1", "files": []}).encode(), "'export_id' must be a whole number"),
        (_manifest(["a.pdf"]), "Entry 1 of the manifest's 'files' must be an object"),
        (_manifest([{"name": "a.pdf", "size": 1}]), "'sha256' is missing or of the wrong type"),
        (_manifest([{"name": 3, "sha256": "0", "size": 1}]), "'name' is missing or of the wrong type"),
        (_manifest([{"name": "a.pdf", "sha256": "0", "size": "1"}]), "'size' is missing or of the wrong type"),
        (_manifest([{"name": "a.pdf", "sha256": "0", "size": 1}] * 2), "lists a.pdf twice"),
    ],
)
def test_a_manifest_of_the_wrong_shape_says_what_is_wrong(manifest, expected):
    messages = _messages(_zip({"manifest.json": manifest}))
    assert expected in messages
    assert "Expecting" not in messages and "Error" not in messages


def test_a_zip_without_manifest_says_so():
    assert "has no manifest.json" in _messages(_zip({"ledger.jsonl": b"{}"}))


def test_an_oversized_pdf_is_not_checked(small_caps):
    pdf = b"%PDF-1.7\n" + bytes(100 << 10)
    report = check_evidence(io.BytesIO(pdf), name="big.pdf")
    assert [p.message for p in report.problems] == ["The PDF is larger than the 0.1 MB allowed; it was not checked."]
    assert report.sha256 == __import__("hashlib").sha256(pdf).hexdigest()


def test_an_unreadable_pdf_says_so():
    assert "not a readable PDF" in _messages(b"%PDF-1.7\ngarbage garbage")


def test_the_upload_form_refuses_a_file_above_the_cap(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.EVIDENCE_UPLOAD_MAX_BYTES = 1 << 20
    form = VerifyForm(files={"file": SimpleUploadedFile("dossier.zip", bytes((1 << 20) + 1))})
    assert not form.is_valid()
    assert form.errors["file"] == ["The file is larger than the 1.0 MB allowed; it was not checked."]


def test_a_refusal_reads_in_french_for_a_french_reader():
    from django.utils import translation

    with translation.override("fr"):
        messages = _messages(_zip({"manifest.json": json.dumps({"export_id": 1, "files": {}}).encode()}))
    assert messages == "Le champ « files » du manifeste doit être une liste."


@pytest.mark.parametrize(
    "line",
    [
        '{"sequence": [1], "recorded_at": "2026-01-01T00:00:00+00:00", "event": "x", "employee_id": null,'
        ' "version_id": null, "object_id": null, "payload": {}}',
        "[1, 2, 3]",
        '"a string"',
    ],
)
def test_a_ledger_line_of_the_wrong_shape_is_named_not_raised(line):
    files = [{"name": "ledger.jsonl", "sha256": "0" * 64, "size": 1}]
    data = _zip({"manifest.json": _manifest(files), "ledger.jsonl": line.encode()})
    assert "This line is not a ledger entry." in _messages(data)


def test_certificate_facts_of_the_wrong_shape_are_reported_not_raised():
    from charters.evidence.checks import EvidenceReport, check_certificate_facts

    report = EvidenceReport(kind="certificate")
    check_certificate_facts(
        report, {"fields": ["x"], "acknowledgement_id": "1", "ledger_sequence": None}, where="c.pdf"
    )
    assert [p.message for p in report.problems] == [
        "Acknowledgement 1 does not exist in the database.",
        "Ledger entry #None does not exist.",
    ]


def test_the_verify_page_says_a_file_is_too_large_and_queues_nothing(settings, legal_carol):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from charters.models.evidence import EvidenceVerification
    from tests.conftest import client_for

    settings.EVIDENCE_UPLOAD_MAX_BYTES = 1 << 20
    upload = SimpleUploadedFile("dossier.zip", b"PK" + bytes(1 << 20))
    response = client_for(legal_carol).post(
        reverse("charters:evidence-verify"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200
    assert "Le fichier dépasse les 1,0 Mo autorisés ; il n&#x27;a pas été vérifié." in response.content.decode()
    assert not EvidenceVerification.objects.exists()

"""The employee's receipt in words, and their own copy of it: the sealed certificate legal keeps, as a
PDF to download or by e-mail (a job). Only the signer gets them, plus legal for the PDF."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from charters.models import Acknowledgement, EvidenceFile
from tests.charters.evidence.conftest import pdf_text
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture(autouse=True)
def _no_copy_sent_yet():
    cache.clear()  # the "already sent a moment ago" claim lives in the cache


def _pdf(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        (EN, ["<dd>French</dd>", "<dd>signed-in session</dd>", "Download your certificate (PDF)", "E-mail me a copy"]),
        (
            FR,
            [
                "<dd>Français</dd>",
                "<dd>session ouverte sur le portail</dd>",
                "Télécharger votre certificat (PDF)",
                "M'envoyer une copie par e-mail (bob@example.org)",
            ],
        ),
    ],
    ids=["en", "fr"],
)
def test_the_receipt_says_the_language_and_the_proof_in_words(acknowledged, employee_bob, headers, words):
    html = client_for(employee_bob).get(reverse("charters:ack-receipt", args=[acknowledged.pk]), **headers)
    page = html.content.decode()
    for word in words:
        assert word in page
    assert "<dd>fr</dd>" not in page and "<dd>session</dd>" not in page


def test_a_password_typed_again_and_a_quiz_are_said_in_words(acknowledged, employee_bob):
    Acknowledgement.objects.filter(pk=acknowledged.pk).update(
        auth_method="session+password", quiz_score=80, quiz_passed=True
    )
    client = client_for(employee_bob)
    english = client.get(reverse("charters:ack-receipt", args=[acknowledged.pk]), **EN).content.decode()
    assert "signed-in session and password typed again" in english and "80 % (passed)" in english
    french = client.get(reverse("charters:ack-receipt", args=[acknowledged.pk]), **FR).content.decode()
    assert "session ouverte sur le portail et mot de passe saisi à nouveau" in french and "80 % (réussi)" in french


def test_the_signer_downloads_the_same_sealed_certificate_legal_keeps(acknowledged, employee_bob, legal_carol):
    url = reverse("charters:ack-certificate", args=[acknowledged.pk])
    mine = client_for(employee_bob).get(url, **FR)
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert "attachment" in mine["Content-Disposition"] and f"-{acknowledged.pk}-fr.pdf" in mine["Content-Disposition"]
    data = _pdf(mine)
    assert data.startswith(b"%PDF") and "Bob Test" in pdf_text(data)
    stored = EvidenceFile.objects.get(kind=EvidenceFile.Kind.CERTIFICATE, acknowledgement=acknowledged, language="fr")
    legal = client_for(legal_carol).get(reverse("charters:evidence-certificate", args=[acknowledged.pk]) + "?lang=fr")
    assert _pdf(legal) == data and stored.size == len(data)
    # legal may also fetch it from the employee's address; in English when asked
    assert client_for(legal_carol).get(url + "?lang=en").status_code == 200


def test_nobody_else_gets_the_certificate_or_the_email(
    acknowledged, employee_emma_en, hr_alice, django_capture_on_commit_callbacks
):
    for someone in (employee_emma_en, hr_alice):
        client = client_for(someone)
        assert client.get(reverse("charters:ack-certificate", args=[acknowledged.pk])).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("charters:ack-receipt-email", args=[acknowledged.pk])).status_code == 404
    assert mail.outbox == []


def test_legal_cannot_have_someone_elses_receipt_e_mailed(
    acknowledged, legal_carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(legal_carol).post(reverse("charters:ack-receipt-email", args=[acknowledged.pk]))
    assert response.status_code == 404 and mail.outbox == []


@pytest.mark.parametrize(
    ("headers", "subject", "line"),
    [
        (FR, "Votre signature de Petite charte v1", "Langue du texte que vous avez lu : Français"),
        (EN, "Your acknowledgement of Petite charte v1", "Language of the text you read: French"),
    ],
    ids=["fr", "en"],
)
def test_the_signer_gets_an_email_copy_with_the_certificate_attached(
    acknowledged, employee_bob, django_capture_on_commit_callbacks, headers, subject, line
):
    client = client_for(employee_bob)
    # when Bob presses the button (the job runs on commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("charters:ack-receipt-email", args=[acknowledged.pk]), **headers)
    # then he is told where it goes, and it went to him only, with his certificate
    receipt = reverse("charters:ack-receipt", args=[acknowledged.pk])
    assert response.status_code == 302 and response["Location"] == receipt
    assert "bob@example.org" in client.get(response["Location"], **headers).content.decode()
    [message] = mail.outbox
    assert message.to == ["bob@example.org"] and message.subject == subject
    assert line in message.body and acknowledged.text_sha256 in message.body
    assert f"https://portail.example.org/charters/acknowledgements/{acknowledged.pk}/" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"certificate-small-v1-{acknowledged.pk}-{headers['HTTP_ACCEPT_LANGUAGE']}.pdf"
    assert mimetype == "application/pdf" and content.startswith(b"%PDF") and "Bob Test" in pdf_text(content)


def test_without_a_seal_the_pdf_is_refused_clearly_and_the_email_goes_without_it(
    acknowledged, employee_bob, settings, tmp_path, django_capture_on_commit_callbacks
):
    EvidenceFile.objects.all().delete()  # nothing stored yet
    settings.EVIDENCE_PKCS12_PATH = tmp_path / "missing.p12"
    client = client_for(employee_bob)
    refused = client.get(reverse("charters:ack-certificate", args=[acknowledged.pk]), **EN)
    assert refused.status_code == 409 and "cannot be produced right now" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("charters:ack-receipt-email", args=[acknowledged.pk]), **EN)
    [message] = mail.outbox
    assert message.attachments == [] and "where you can download your certificate" in message.body


def test_the_job_takes_the_acknowledgement_id(acknowledged):
    from charters.tasks import run_acknowledgement_receipt_mail

    assert run_acknowledgement_receipt_mail(acknowledged.pk, "en") is True
    assert run_acknowledgement_receipt_mail(999999, "en") is False
    assert len(mail.outbox) == 1


def test_a_double_click_sends_one_copy_and_says_it_is_on_its_way(
    acknowledged, employee_bob, django_capture_on_commit_callbacks
):
    client = client_for(employee_bob)
    url = reverse("charters:ack-receipt-email", args=[acknowledged.pk])
    # when Bob presses the button twice in a row
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, **FR)
        second = client.post(url, **FR)
    # then one e-mail goes, and the second press tells him it is already on its way
    assert len(mail.outbox) == 1
    page = client.get(second["Location"], **FR).content.decode()
    assert "déjà été envoyée à bob@example.org" in page

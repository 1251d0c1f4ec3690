"""The registry page: legal, HR and the crisis cell keep the checker's company context up to date."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from compliance.models import ConfidentialTerm, QuietTopic
from tests.compliance.conftest import write_bundle

pytestmark = pytest.mark.django_db


def _check(client, text):
    return client.post(reverse("api:precheck-create"), {"text": text}, content_type="application/json").json()


def test_a_term_added_by_legal_is_flagged_at_once(as_user, legal_carol, employee_bob):
    # given
    text = "Réunion Orion ce matin, tout avance"
    assert _check(as_user(employee_bob), text)["verdict"] == "ok"
    # when
    response = as_user(legal_carol).post(
        reverse("compliance:registry"), {"action": "term", "term": "Orion", "kind": "project", "note": "Four connecté"}
    )
    # then
    assert response.status_code == 302
    assert _check(as_user(employee_bob), text)["verdict"] == "block"


def test_the_crisis_cell_adds_a_quiet_topic(as_user, crisis_cleo, employee_bob):
    as_user(crisis_cleo).post(reverse("compliance:registry"), {"action": "topic", "topic": "grève de Lisson"})
    assert QuietTopic.objects.filter(topic="grève de Lisson").exists()
    assert _check(as_user(employee_bob), "Des nouvelles de la grève de Lisson ?")["verdict"] == "review"


def test_a_duplicate_term_is_refused_clearly(as_user, hr_alice):
    ConfidentialTerm.objects.create(term="Orion", kind="project")
    response = as_user(hr_alice).post(
        reverse("compliance:registry"),
        {"action": "term", "term": "Orion", "kind": "product"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert ConfidentialTerm.objects.get().kind == "project"


def _zip_of(folder) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.rglob("*"):
            if path.is_file():
                archive.write(path, f"context/{path.relative_to(folder)}")
    return SimpleUploadedFile("context.zip", buffer.getvalue(), content_type="application/zip")


def test_a_bundle_is_uploaded_as_a_zip(as_user, legal_carol, tmp_path):
    upload = _zip_of(write_bundle(tmp_path))
    response = as_user(legal_carol).post(reverse("compliance:registry"), {"action": "bundle", "bundle": upload})
    assert response.status_code == 302
    assert set(ConfidentialTerm.objects.values_list("term", flat=True)) == {"Mistral", "Pétrin X9"}


def test_a_malformed_bundle_names_the_file_and_line_and_imports_nothing(as_user, legal_carol, tmp_path):
    upload = _zip_of(write_bundle(tmp_path, terms="term,kind,note\nOrion,planet,\n"))
    response = as_user(legal_carol).post(
        reverse("compliance:registry"), {"action": "bundle", "bundle": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "terms.csv, line 2" in response.content.decode()
    assert not ConfidentialTerm.objects.exists()


def test_a_removed_term_is_no_longer_flagged(as_user, legal_carol, employee_bob):
    # given a registered term the checker flags
    term = ConfidentialTerm.objects.create(term="Orion", kind="project", note="Four connecté")
    text = "Réunion Orion ce matin, tout avance"
    from compliance.services import context_version_bump

    context_version_bump()
    assert _check(as_user(employee_bob), text)["verdict"] == "block"
    # when legal removes it from the registry page
    response = as_user(legal_carol).post(reverse("compliance:registry-remove", args=["term", term.pk]))
    # then
    assert response.status_code == 302
    assert not ConfidentialTerm.objects.filter(pk=term.pk).exists()
    assert _check(as_user(employee_bob), text)["verdict"] == "ok"


def test_a_quiet_topic_is_deactivated_then_reactivated(as_user, crisis_cleo, employee_bob):
    as_user(crisis_cleo).post(reverse("compliance:registry"), {"action": "topic", "topic": "grève de Lisson"})
    topic = QuietTopic.objects.get(topic="grève de Lisson")
    url = reverse("compliance:topic-set-active", args=[topic.pk])
    as_user(crisis_cleo).post(url, {"active": "0"})
    assert _check(as_user(employee_bob), "Des nouvelles de la grève de Lisson ?")["verdict"] == "ok"
    as_user(crisis_cleo).post(url, {"active": "1"})
    assert _check(as_user(employee_bob), "Des nouvelles de la grève de Lisson ?")["verdict"] == "review"


def test_a_public_fact_can_be_removed_and_an_unknown_kind_is_a_404(as_user, hr_alice):
    from compliance.models import PublicFact

    fact = PublicFact.objects.create(text="Chiffre d'affaires 2024 publié : 12 millions d'euros.", position=0)
    client = as_user(hr_alice)
    assert client.post(reverse("compliance:registry-remove", args=["fact", fact.pk])).status_code == 302
    assert not PublicFact.objects.filter(pk=fact.pk).exists()
    assert client.post(reverse("compliance:registry-remove", args=["crisis", 1])).status_code == 404


def test_a_topic_of_an_open_crisis_cannot_be_removed(as_user, crisis_cleo):
    from compliance.models import Crisis

    as_user(crisis_cleo).post(reverse("compliance:registry"), {"action": "topic", "topic": "incendie du dépôt"})
    topic = QuietTopic.objects.get(topic="incendie du dépôt")
    Crisis.objects.create(title="Incendie", instructions="Ne commentez pas.").topics.add(topic)
    response = as_user(crisis_cleo).post(
        reverse("compliance:registry-remove", args=["topic", topic.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "open crisis" in response.content.decode()
    assert QuietTopic.objects.filter(pk=topic.pk).exists()

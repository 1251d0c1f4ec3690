"""Crisis mode: topics reach the checker at once, employees see the banner, closing archives the timeline."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compliance.crisis import services
from compliance.engine import analyze
from compliance.models import Crisis, QuietTopic
from compliance.services import context_bundle_import
from policy_portal.errors import Conflict
from tests.compliance.conftest import write_bundle

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LEAK = "Grosse fuite de gaz à l'usine de Brécy ce matin, tout le monde dehors"


@pytest.fixture(autouse=True)
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


def _open(by, **kwargs) -> Crisis:
    defaults = {
        "title": "Fuite de gaz à Brécy",
        "instructions": "Ne publiez rien sur l'incident.",
        "topics": ["fuite de gaz à Brécy"],
        "holding_statement": "Un incident technique est en cours de traitement.",
        "contacts": "crise@norvane.example",
    }
    return services.crisis_open(by=by.user, **{**defaults, **kwargs})


def test_opening_a_crisis_makes_the_checker_flag_its_topic_at_once(crisis_cleo):
    assert analyze(LEAK, "fr").verdict == "ok"
    _open(crisis_cleo)
    analysis = analyze(LEAK, "fr")
    assert analysis.categories == {"conduct.crisis_topic"} and analysis.verdict == "review"


def test_closing_archives_the_timeline_and_the_topic_goes_quiet_no_more(crisis_cleo):
    crisis = _open(crisis_cleo)
    services.crisis_topic_add(crisis=crisis, topic="évacuation de Brécy", by=crisis_cleo.user)
    services.crisis_update(crisis=crisis, by=crisis_cleo.user, holding_statement="Nouvelle déclaration.")
    services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons="Prévenir plus tôt.")
    crisis.refresh_from_db()
    assert crisis.status == "closed" and crisis.closed_at is not None
    assert list(crisis.events.values_list("kind", flat=True)) == [
        "opened",
        "topic_added",
        "topic_added",
        "statement_changed",
        "closed",
    ]
    assert not QuietTopic.objects.filter(crises=crisis, active=True).exists()
    assert analyze(LEAK, "fr").verdict == "ok"
    with pytest.raises(Conflict):
        services.crisis_topic_add(crisis=crisis, topic="autre", by=crisis_cleo.user)
    with pytest.raises(Conflict):
        services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons="Prévenir plus tôt.")


def test_a_topic_quiet_before_the_crisis_stays_quiet_after_it(crisis_cleo):
    # the bundle already holds "explosion de Trémoulin" as an active quiet topic
    crisis = _open(crisis_cleo, topics=["explosion de Trémoulin", "fuite de gaz à Brécy"])
    services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons="Prévenir plus tôt.")
    assert QuietTopic.objects.get(topic="explosion de Trémoulin").active
    assert not QuietTopic.objects.get(topic="fuite de gaz à Brécy").active


def test_a_topic_shared_with_another_open_crisis_stays_quiet(crisis_cleo):
    first = _open(crisis_cleo)
    _open(crisis_cleo, title="Second", topics=["fuite de gaz à Brécy"])
    services.crisis_close(crisis=first, by=crisis_cleo.user, lessons="Prévenir plus tôt.")
    assert QuietTopic.objects.get(topic="fuite de gaz à Brécy").active


def test_employees_see_the_banner_while_the_crisis_is_open(as_user, employee_bob, crisis_cleo):
    crisis = _open(crisis_cleo, title="Gas leak at Brécy", instructions="Do not post anything about it.")
    home = as_user(employee_bob).get(reverse("home"), **EN).content.decode()
    assert "Crisis in progress: Gas leak at Brécy" in home and "Do not post anything about it." in home
    services.crisis_close(crisis=crisis, by=crisis_cleo.user, lessons="Prévenir plus tôt.")
    assert "Crisis in progress" not in as_user(employee_bob).get(reverse("home"), **EN).content.decode()


def test_only_spokespeople_and_the_crisis_cell_read_the_holding_statement(
    as_user, employee_bob, spokesperson_sam, crisis_cleo
):
    _open(crisis_cleo, holding_statement="STATEMENT-42")
    url = reverse("compliance:crisis-instructions")
    assert "STATEMENT-42" not in as_user(employee_bob).get(url, **EN).content.decode()
    assert "STATEMENT-42" in as_user(spokesperson_sam).get(url, **EN).content.decode()
    assert "STATEMENT-42" in as_user(crisis_cleo).get(url, **EN).content.decode()


def test_the_crisis_cell_opens_updates_and_closes_through_the_pages(as_user, crisis_cleo):
    client = as_user(crisis_cleo)
    response = client.post(
        reverse("compliance:crisis-list"),
        {"title": "Gas leak", "topics": "fuite de gaz à Brécy\n\n", "instructions": "Stay quiet.", "contacts": "x"},
    )
    crisis = Crisis.objects.get()
    assert response["Location"] == reverse("compliance:crisis-detail", kwargs={"pk": crisis.pk})
    assert analyze(LEAK, "fr").verdict == "review"
    detail = reverse("compliance:crisis-detail", kwargs={"pk": crisis.pk})
    client.post(detail, {"action": "update", "instructions": "Stay quiet.", "holding_statement": "We act."})
    client.post(detail, {"action": "close", "lessons": "Prévenir plus tôt."})
    page = client.get(detail, **EN).content.decode()
    assert "Closed (archived)" in page and "Holding statement changed" in page and "We act." in page
    assert analyze(LEAK, "fr").verdict == "ok"


def test_an_employee_cannot_open_a_crisis(as_user, employee_bob):
    response = as_user(employee_bob).post(
        reverse("compliance:crisis-list"), {"title": "x", "topics": "y", "instructions": "z"}
    )
    assert response.status_code == 403 and not Crisis.objects.exists()

"""The checker's trained model: what it finds that no rule lists, and what happens when it is not there.

Sentences are written for these tests (not taken from any corpus). The company is Norvane (conftest).
"""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from compliance.context import get_context
from compliance.engine import analyze
from compliance.learning import store
from compliance.models import CheckerModel
from compliance.rules.learned import LearnedMeaningRule
from compliance.services import context_bundle_import, context_version_bump
from policy_portal.services import worker_heartbeat_record
from tests.compliance.conftest import write_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_models():
    store.clear()
    yield
    store.clear()


@pytest.fixture
def norvane(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path / "bundle"))


def model_categories(text: str, lang: str, role: str = "employee") -> set[str]:
    """What the model alone finds (in the full checker, a rule's finding of the same category takes its place)."""
    return {f.category for f in analyze(text, lang, role, rules=[LearnedMeaningRule()]).findings}


# (category, language, a draft whose breach is in its meaning, with none of the rules' trigger words)
LEARNED = [
    (
        "confidentiality.insider",
        "fr",
        "Entre nous, l'usine de Trémoulin ferme ses portes en mars, on sera la moitié à partir.",
    ),
    ("confidentiality.insider", "en", "Between us, we are being bought by a bigger group this summer, keep it quiet."),
    ("conduct.insult", "fr", "Notre nouveau chef d'équipe est d'une bêtise rare, il ne comprend jamais rien."),
    ("conduct.insult", "en", "That journalist is a pathetic clown, everyone should flood her inbox until she quits."),
    (
        "confidentiality.personal_data",
        "fr",
        "Courage à Lucie Marchal, en arrêt maladie pour une dépression depuis trois semaines.",
    ),
    (
        "confidentiality.personal_data",
        "en",
        "Tom Becker from accounting is on sick leave after his cancer diagnosis, send him love.",
    ),
    (
        "conduct.unauthorized_statement",
        "fr",
        "Je vous garantis que Norvane remboursera tous les clients touchés d'ici vendredi.",
    ),
    ("conduct.unauthorized_statement", "en", "We will refund every affected customer by Friday, Norvane promises it."),
    (
        "copyright.third_party_media",
        "fr",
        "Pour la vidéo de l'atelier j'ai mis en fond le dernier tube de Stromae, ça claque.",
    ),
    ("copyright.third_party_media", "en", "I used the photo from the Getty website for our banner, looks great."),
]
CLEAN = [
    ("fr", "Belle journée portes ouvertes à l'atelier, merci à tous les visiteurs !"),
    ("en", "Proud of the team for the great workshop today, thank you all."),
    pytest.param(
        "fr",
        "Je suis en arrêt maladie cette semaine, je reviens lundi.",
        marks=pytest.mark.xfail(
            strict=True, reason="known weakness: the model reads one's own sick leave as a colleague's (issue 12)"
        ),
    ),
]


@pytest.mark.parametrize(("category", "lang", "text"), LEARNED)
def test_the_model_finds_a_breach_said_without_trigger_words(norvane, category, lang, text):
    assert category in model_categories(text, lang)


@pytest.mark.parametrize(("lang", "text"), CLEAN)
def test_the_model_leaves_ordinary_posts_alone(norvane, lang, text):
    assert model_categories(text, lang) == set()


def test_a_learned_finding_has_a_sentence_a_clause_a_message_and_a_fix(norvane, as_user, employee_bob):
    text = "Super séminaire hier. Entre nous, l'usine de Trémoulin ferme en mars et on sera la moitié à partir."
    response = as_user(employee_bob).post(
        reverse("api:precheck-create"), {"text": text, "lang": "fr"}, content_type="application/json"
    )
    finding = next(f for f in response.json()["findings"] if f["rule"] == "model.insider")
    assert finding["excerpt"].startswith("Entre nous") and "séminaire" not in finding["excerpt"]
    assert finding["clause"] and finding["message"] and finding["fix"]
    assert response.json()["verdict"] == "block" and response.json()["notices"] == []


def test_a_spokesperson_commits_the_company_without_a_finding(norvane):
    text = "We will refund every affected customer by Friday, Norvane promises it."
    assert "conduct.unauthorized_statement" not in model_categories(text, "en", role="spokesperson")


def test_a_missing_model_falls_back_to_the_rules_and_says_so(norvane, tmp_path, as_user, employee_bob, client):
    with override_settings(COMPLIANCE_MODEL_DIR=tmp_path / "nothing-here"):
        analysis = analyze("Virement à Paul : FR76 3000 6000 0112 3456 7890 189, merci !", "fr")
        assert analysis.notices == ("model_unavailable",)
        assert "confidentiality.personal_data" in analysis.categories  # the rules still check
        page = as_user(employee_bob).post(
            reverse("compliance:checker"), {"text": "Bonne journée", "platform": "x"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert "only the rules checked this draft" in page.content.decode()
        api = as_user(employee_bob).post(
            reverse("api:precheck-create"), {"text": "Hello"}, content_type="application/json"
        )
        assert api.json()["notices"][0]["code"] == "model_unavailable"
        worker_heartbeat_record()
        health = client.get(reverse("healthz")).json()
        assert health["checker_model"] == "unavailable" and health["checker_model_error"] == "missing"
        assert health["status"] == "ok"  # the portal still works: the checker says it is degraded


def test_a_corrupt_model_is_reported_not_a_crash(norvane, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.cfg").write_text("[nlp]\nlang = \n[[[ not a config", encoding="utf-8")
    with override_settings(COMPLIANCE_MODEL_DIR=broken):
        analysis = analyze("Bonne journée à tous", "fr")
        assert analysis.notices == ("model_unavailable",) and analysis.verdict == "ok"
        assert store.model_health(get_context())["checker_model_error"].startswith("corrupt")


def test_a_web_process_switches_to_the_company_model_without_restart(norvane, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPLIANCE_CONTEXT_CHECK_S = 0
    assert store.model_for(get_context()).source == "shipped"
    shutil.copytree(store.shipped_dir(), settings.MEDIA_ROOT / "checker-models" / "7")
    CheckerModel.objects.create(status=CheckerModel.Status.ACTIVE, path="checker-models/7")
    context_version_bump()
    assert store.model_for(get_context()).source == "company"
    # the company model's files disappear (a broken share): the shipped model takes over, and says so
    shutil.rmtree(settings.MEDIA_ROOT / "checker-models" / "7")
    CheckerModel.objects.update(path="checker-models/8")
    context_version_bump()
    loaded = store.model_for(get_context())
    assert loaded.source == "shipped" and loaded.notice == "company_model_unavailable"


def test_the_model_card_says_what_it_learned_and_how_it_does_on_unseen_companies(norvane, capsys):
    call_command("checker_model")
    out = capsys.readouterr().out
    assert "conduct.insult" in out and "held out of training" in out
    call_command("checker_model", "--json")
    card = json.loads(capsys.readouterr().out)
    assert card["available"] and card["posts"] > 1000 and len(card["companies"]) >= 8
    insult = next(c for c in card["categories"] if c["category"] == "conduct.insult")
    assert insult["examples"] > 100 and insult["recall"] is not None

"""The engine with the real French model, the verdicts, clauses, and `manage.py precheck`."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.utils import translation

from compliance.engine import analyze, finding_render
from compliance.language import detect_language

from .conftest import norvane_context


@pytest.fixture(scope="module")
def context():
    return norvane_context()


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Ce week-end, l'équipe a préparé des repas pour l'épicerie solidaire du quartier, merci à tous", "fr"),
        ("We cooked with the volunteers of the food bank, thanks to everyone", "en"),
    ],
)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text,verdict",
    [
        ("Réunion Mistral ce matin, on avance !", "block"),
        ("Une bande de fainéants, ces gens-là", "review"),
        ("Belle journée portes ouvertes à Trémoulin, merci aux visiteurs", "ok"),
    ],
)
def test_verdicts_follow_the_categories(context, text, verdict):
    assert analyze(text, "fr", context=context).verdict == verdict


def test_verdict_per_category_can_be_changed(context, settings):
    settings.COMPLIANCE_VERDICTS = {"conduct.insult": "block"}
    assert analyze("Une bande de fainéants, ces gens-là", "fr", context=context).verdict == "block"


def test_findings_explain_and_cite_a_clause_in_the_readers_language(context):
    text = "Réunion Mistral ce matin"
    finding = analyze(text, "fr", context=context).findings[0]
    with translation.override("en"):
        shown = finding_render(finding, text)
    assert shown["excerpt"] == "Mistral"
    assert "Mistral" in shown["message"] and shown["fix"]
    assert shown["clause"].startswith("§")


def test_the_clause_provider_is_pluggable(context, settings):
    settings.COMPLIANCE_CLAUSE_PROVIDER = "tests.compliance.test_engine_and_command.fake_clause"
    text = "Réunion Mistral ce matin"
    finding = analyze(text, "fr", context=context).findings[0]
    assert finding_render(finding, text)["clause"] == "Art. 9 — confidentiality.confidential_term"


def fake_clause(category: str) -> str:
    return f"Art. 9 — {category}"


@pytest.mark.django_db
def test_precheck_jsonl_keeps_order_and_format(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Notre position officielle : tout va bien.", "lang": "fr"})
        + "\n"
        + json.dumps({"id": "b", "text": "Lovely soup tonight", "author_role": "spokesperson"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    call_command("precheck", "--jsonl", str(source), "--output", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["verdict"] == "review"
    assert rows[0]["findings"][0]["category"] == "conduct.unauthorized_statement"
    assert set(rows[0]["findings"][0]) >= {"rule", "start", "end", "excerpt", "severity", "message", "clause"}
    assert rows[1] == {"id": "b", "verdict": "ok", "findings": [], "elapsed_ms": rows[1]["elapsed_ms"]}

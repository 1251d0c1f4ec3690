"""The watch's sentiment of mentions: what the shipped model says, how well, and what happens without it.

The sentences below are written for these tests (not taken from the training or test files), about
companies that appear in neither.
"""

from __future__ import annotations

import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from compliance.watch.sentiment import model, sentiment_of
from compliance.watch.sentiment import validate as corpus_validate
from compliance.watch.sentiment.corpus import TEST_DIR, TRAIN_DIR, load
from compliance.watch.sentiment.evaluation import score_language


@pytest.fixture(autouse=True)
def _fresh_model():
    model.clear()
    yield
    model.clear()


# Sentences the shipped model gets wrong today (written before the model was measured, kept so that a better
# model shows it: strict, an unexpected pass fails the run until the mark is removed).
KNOWN_MISS = pytest.mark.xfail(strict=True, reason="a known miss of the shipped sentiment model")
# What the shipped model measures on the held-out companies (README "Sentiment of mentions"): fr 0.733, en 0.757.
FLOOR = {"fr": 0.72, "en": 0.74}
TARGET = 0.80

SENTENCES = [
    ("fr", "negative", "Service client de Belcour injoignable depuis quinze jours, je suis à bout."),
    ("fr", "negative", "Commande Belcour jamais livrée et aucun remboursement, c'est une honte."),
    ("fr", "negative", "Belcour annonce la fermeture de son usine et 300 licenciements."),
    ("fr", "negative", "Merci Belcour pour la panne le jour de Noël, vraiment génial 🙃"),
    ("fr", "negative", "PLUS JAMAIS BELCOUR 😡"),
    ("fr", "positive", "Un grand bravo à l'équipe Belcour, livraison rapide et produit parfait !"),
    ("fr", "positive", "Belcour signe un contrat record et embauche 150 personnes."),
    ("fr", "positive", "Pas déçu du tout par mon achat chez Belcour, je recommande."),
    ("fr", "positive", "Très satisfaite du service après-vente Belcour 😍"),
    ("fr", "neutral", "Belcour publiera ses résultats le 12 février."),
    ("fr", "neutral", "Belcour recrute un technicien de maintenance en CDI à Dijon."),
    ("fr", "neutral", "La grève chez Belcour a pris fin jeudi après un accord."),
    ("en", "negative", "Belcour customer service hasn't answered in two weeks, I'm fed up."),
    ("en", "negative", "Order never delivered and no refund from Belcour, it's a disgrace."),
    pytest.param("en", "negative", "Belcour announces the closure of its plant and 300 job losses.", marks=KNOWN_MISS),
    pytest.param(
        "en", "negative", "Thanks Belcour for the outage on Christmas Day, just brilliant 🙃", marks=KNOWN_MISS
    ),
    ("en", "negative", "NEVER AGAIN BELCOUR 😡"),
    ("en", "positive", "Well done to the Belcour team, fast delivery and a perfect product!"),
    ("en", "positive", "Belcour signs a record contract and hires 150 people."),
    ("en", "positive", "Not disappointed at all with my Belcour purchase, would recommend."),
    ("en", "positive", "Really happy with Belcour's after-sales service 😍"),
    ("en", "neutral", "Belcour will publish its results on 12 February."),
    ("en", "neutral", "Belcour is hiring a maintenance technician in Dijon."),
    ("en", "neutral", "The strike at Belcour ended on Thursday after a deal."),
]


@pytest.mark.parametrize(("lang", "label", "text"), SENTENCES)
def test_the_model_reads_the_tone_of_a_mention(lang, label, text):
    result = sentiment_of(text, lang)

    assert result is not None
    assert result.label == label, f"{text!r}: {result}"
    assert 0.0 <= result.score <= 1.0
    assert result.score == max(result.negative, result.neutral, result.positive)
    assert abs(result.negative + result.neutral + result.positive - 1.0) < 0.01


def held_out_score(lang: str):
    # the labelled mentions of companies never seen in training, each read by the shipped model
    gold = [m for m in load(TEST_DIR) if m.lang == lang]
    assert len(gold) >= 100
    predicted = [sentiment_of(m.text, m.lang).label for m in gold]
    return score_language(lang, gold, predicted)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_held_out_macro_f1_does_not_fall_below_what_was_measured(lang):
    score = held_out_score(lang)

    assert score.macro_f1 >= FLOOR[lang], f"{lang}: macro-F1 {score.macro_f1:.3f}, accuracy {score.accuracy:.3f}"


@pytest.mark.xfail(strict=True, reason="issue 14's target (macro-F1 >= 0.80) is not met yet: fr 0.733, en 0.757")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_held_out_macro_f1_meets_the_target_per_language(lang):
    score = held_out_score(lang)

    assert score.macro_f1 >= TARGET, f"{lang}: macro-F1 {score.macro_f1:.3f}, accuracy {score.accuracy:.3f}"


def test_the_test_companies_are_never_in_training():
    assert {m.company for m in load(TEST_DIR)}.isdisjoint({m.company for m in load(TRAIN_DIR)})
    assert corpus_validate.main() == 0


def test_a_result_unpacks_as_label_and_score():
    label, score = sentiment_of("Belcour, c'est au top, merci !", "fr")

    assert label == "positive"
    assert score > 0.5


@pytest.mark.parametrize(("text", "lang"), [("", "fr"), ("   ", "en"), ("Das ist schlecht.", "de")])
def test_no_sentiment_for_empty_text_or_another_language(text, lang):
    assert sentiment_of(text, lang) is None


def test_a_missing_model_gives_no_sentiment_and_a_warning(tmp_path, caplog):
    with override_settings(WATCH_SENTIMENT_MODEL_DIR=tmp_path / "nowhere"), caplog.at_level(logging.WARNING):
        assert sentiment_of("Service au top", "fr") is None
        assert sentiment_of("Great service", "en") is None

    warnings = [r for r in caplog.records if "sentiment model" in r.getMessage()]
    assert len(warnings) == 1  # once per process, not once per mention
    assert "missing" in warnings[0].getMessage()


def test_a_corrupt_model_gives_no_sentiment(tmp_path, caplog):
    (tmp_path / "config.cfg").write_text("[nlp]\nthis is not a config\n", encoding="utf-8")

    with override_settings(WATCH_SENTIMENT_MODEL_DIR=tmp_path), caplog.at_level(logging.WARNING):
        assert sentiment_of("Service au top", "fr") is None

    assert any("corrupt" in r.getMessage() for r in caplog.records)


def test_the_command_prints_the_sentiment(capsys):
    call_command("sentiment", "Belcour ne répond jamais, quelle honte !", "--lang", "fr", "--json")

    out = json.loads(capsys.readouterr().out)
    assert out["label"] == "negative"
    assert out["lang"] == "fr"
    assert set(out["probabilities"]) == {"negative", "neutral", "positive"}


def test_the_command_guesses_the_language_and_prints_the_card(capsys):
    call_command("sentiment", "Thank you Belcour, the support team was wonderful!")
    assert capsys.readouterr().out.startswith("positive")

    call_command("sentiment", "--card")
    out = capsys.readouterr().out
    assert "fr: accuracy" in out and "en: accuracy" in out


def test_the_command_refuses_an_empty_text_and_says_when_the_model_is_missing(tmp_path):
    with pytest.raises(CommandError, match="Give the text"):
        call_command("sentiment", "  ")
    with (
        override_settings(WATCH_SENTIMENT_MODEL_DIR=tmp_path),
        pytest.raises(CommandError, match="make train-sentiment"),
    ):
        call_command("sentiment", "Service au top", "--lang", "fr")

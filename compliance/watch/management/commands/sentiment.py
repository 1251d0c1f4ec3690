"""manage.py sentiment "text" [--lang fr|en] [--json]: what the watch's sentiment model says of a mention.

manage.py sentiment "Trois heures d'attente, bravo Ferronord 🙃"
manage.py sentiment --card      (the model's version and held-out figures)
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compliance.language import detect_language
from compliance.watch.sentiment import SUPPORTED_LANGUAGES, model_card, sentiment_of
from compliance.watch.sentiment.model import model_dir, model_error


class Command(BaseCommand):
    help = "Print the sentiment (negative / neutral / positive, with its probability) of a mention's text."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", default="", help="The mention's text (quote it).")
        parser.add_argument("--lang", choices=sorted(SUPPORTED_LANGUAGES), help="Its language (guessed when left out).")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        parser.add_argument("--card", action="store_true", help="Print the model's card (version, held-out figures).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["card"]:
            self._card()
            return
        text = options["text"].strip()
        if not text:
            raise CommandError('Give the text of a mention, for example: manage.py sentiment "Service au top !"')
        lang = options["lang"] or detect_language(text)
        result = sentiment_of(text, lang)
        if result is None:
            raise CommandError(f"No sentiment model at {model_dir()} ({model_error()}): run `make train-sentiment`.")
        if options["json"]:
            out = {
                "lang": lang,
                "label": result.label,
                "score": result.score,
                "probabilities": {"negative": result.negative, "neutral": result.neutral, "positive": result.positive},
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(
            f"{result.label} {result.score:.2f} ({lang}; negative {result.negative:.2f}, "
            f"neutral {result.neutral:.2f}, positive {result.positive:.2f})"
        )

    def _card(self) -> None:
        card = model_card()
        if not card:
            raise CommandError(f"No sentiment model at {model_dir()} ({model_error()}): run `make train-sentiment`.")
        self.stdout.write(
            f"model {card.get('version', '?')} trained {card.get('trained_at', '?')} "
            f"on {sum(card.get('training_mentions', {}).values())} mentions"
        )
        for lang, s in card.get("test", {}).items():
            self.stdout.write(
                f"  {lang}: accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f} "
                f"on {s['mentions']} held-out mentions ({', '.join(card.get('test_companies', []))})"
            )

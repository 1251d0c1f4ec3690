"""manage.py checker_model: the model card of the model the checker uses, and the company models kept."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from compliance.context import get_context
from compliance.learning.card import card_summary, card_text
from compliance.learning.store import model_for
from compliance.models import CheckerModel


class Command(BaseCommand):
    help = "Print the checker model's card: version, training data per category, held-out precision/recall, date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the card as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = model_for(get_context())
        summary = card_summary(loaded)
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        self.stdout.write(card_text(summary))
        kept = CheckerModel.objects.all()[:10]
        if kept:
            self.stdout.write("\nCompany models:")
            for m in kept:
                self.stdout.write(f"  #{m.pk} {m.get_status_display()} {m.created_at:%Y-%m-%d %H:%M} {m.message}")

"""manage.py export_review_corpus DIR: reviewed posts as a labelled corpus (posts.jsonl + context/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from compliance.review.corpus import corpus_export


class Command(BaseCommand):
    help = "Export reviewed posts and the checker context in the eval format (run.sh DIR scores it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        folder.mkdir(parents=True, exist_ok=True)
        count = corpus_export(folder=folder)
        self.stdout.write(f"{count} reviewed post(s) in {folder / 'posts.jsonl'}, the context in {folder / 'context'}")

"""manage.py import_checker_context DIR: make the registry match a context bundle (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compliance.bundle import BundleError
from compliance.services import context_bundle_import


class Command(BaseCommand):
    help = "Import a checker context bundle (company.json, terms.csv, internal/*.md, protected/*.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--hashes-only", action="store_true", help="Keep only fingerprints of documents, not their text."
        )

    def handle(self, *args: Any, folder: Path, hashes_only: bool, **options: Any) -> None:
        try:
            changes = context_bundle_import(folder=folder, keep_text=not hashes_only)
        except BundleError as exc:
            raise CommandError(f"{exc.file}, line {exc.line}: {exc.message} (nothing imported)") from exc
        self.stdout.write(f"Checker context imported from {folder}: {changes} change(s).")

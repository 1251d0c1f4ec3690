"""Check a certificate PDF or a dossier ZIP: seal, manifest hashes, ledger, acknowledgement fields.

Prints what was checked and every mismatch, one per line; exits with status 1 if anything does not match.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from charters.evidence.checks import check_evidence


class Command(BaseCommand):
    help = "Verify an evidence certificate (PDF) or dossier (ZIP) against its seal and the ledger."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        with path.open("rb") as stream:
            report = check_evidence(stream, name=path.name)
        self.stdout.write(f"{path.name}: {report.kind}, SHA-256 {report.sha256}")
        for line in report.checked:
            self.stdout.write(f"  ok  {line}")
        for finding in report.problems:
            self.stdout.write(f"  MISMATCH  {finding.where}: {finding.message}")
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s) found in {path.name}.")
        self.stdout.write(self.style.SUCCESS(f"{path.name}: everything matches."))

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from policy_portal.models import DirectoryImport
from policy_portal.services import DirectoryImportError, directory_import


class Command(BaseCommand):
    help = (
        "Synchronise the employee directory from an HRIS CSV export (columns: employee_id, first_name, "
        "last_name, email; optional department, manager_id, language, status, roles, hired_on). "
        "Employees missing from the file are marked as left unless --partial is given. "
        "A file with any bad line is refused as a whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--partial", action="store_true", help="do not deactivate employees absent from the file")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            result = directory_import(
                data=data, filename=path.name, source=DirectoryImport.Source.COMMAND,
                full_sync=not options["partial"], dry_run=options["dry_run"],
            )
        except DirectoryImportError as exc:
            for line, reason in exc.errors:
                self.stderr.write(f"{path.name}:{line}: {reason}")
            raise CommandError(exc.message) from exc
        prefix = "dry run: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{result.created} created, {result.updated} updated, "
            f"{result.deactivated} deactivated, {result.unchanged} unchanged"
        )

"""Recompute the evidence ledger's hash chain and name the first broken entry (exit status 1)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from charters.ledger import ledger_verify


class Command(BaseCommand):
    help = "Verify the tamper-evident ledger of acknowledgement evidence."

    def handle(self, *args: Any, **options: Any) -> None:
        report = ledger_verify()
        if not report.ok:
            raise CommandError(
                f"Ledger broken at entry #{report.first_broken}: {report.reason} "
                f"({report.checked} entries verified before it)."
            )
        self.stdout.write(self.style.SUCCESS(f"Ledger intact: {report.checked} entries verified."))
        if report.pending:
            self.stdout.write(
                f"{report.pending} event(s) just recorded are waiting for their place in the chain "
                "(a worker chains them within a minute)."
            )

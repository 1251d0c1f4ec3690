"""manage.py create_seal_certificate: a self-signed seal certificate (PKCS#12) for trials."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from charters.evidence.certificates import self_signed_pkcs12


class Command(BaseCommand):
    help = "Create a self-signed certificate and key for sealing evidence PDFs (trials only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Replace an existing file.")
        parser.add_argument("--common-name", help="Subject CN (default: the company name).")
        parser.add_argument("--days", type=int, default=3 * 365, help="Validity in days (default: 3 years).")

    def handle(self, *args: Any, force: bool, common_name: str | None, days: int, **options: Any) -> None:
        path = Path(settings.EVIDENCE_PKCS12_PATH)
        password = settings.EVIDENCE_PKCS12_PASSWORD
        if not password:
            raise CommandError(_("Set EVIDENCE_PKCS12_PASSWORD first: the key must not be stored unencrypted."))
        if path.exists() and not force:
            raise CommandError(
                _("%(path)s already exists; documents sealed with it would no longer match. Use --force to replace it.")
                % {"path": path}
            )
        company = settings.PORTAL_COMPANY_NAME
        data = self_signed_pkcs12(
            common_name=common_name or company, organization=company, password=password, days=days
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        self.stdout.write(self.style.SUCCESS(_("Self-signed seal certificate written to %(path)s") % {"path": path}))

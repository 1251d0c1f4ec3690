from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po into .mo (pure Python: no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for root in settings.LOCALE_PATHS:
            for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
                with po_path.open("rb") as fh:
                    try:
                        catalog = read_po(fh, abort_invalid=True)
                    except Exception as exc:  # babel raises several kinds; name the file either way
                        raise CommandError(f"{po_path}: {exc}") from exc
                with po_path.with_suffix(".mo").open("wb") as fh:
                    write_mo(fh, catalog, use_fuzzy=False)
                count += 1
        self.stdout.write(f"{count} catalogue(s) compiled")

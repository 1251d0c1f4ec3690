"""Print the current sign-in code of a demo account's authenticator (the demo's stand-in for a phone)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from policy_portal.auth import totp_codes, totp_provision
from policy_portal.demo.people import DEMO_DOMAIN


class Command(BaseCommand):
    help = (
        f"Print the current two-factor code of a demo account (@{DEMO_DOMAIN} only), and its secret for an "
        "authenticator app. Real people enrol their own phone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help=f"a demo account, e.g. hr@{DEMO_DOMAIN}")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        email = email.strip().lower()
        if not email.endswith(f"@{DEMO_DOMAIN}"):
            raise CommandError(f"Only demo accounts (@{DEMO_DOMAIN}) have a code printed here.")
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active demo account {email}: run `manage.py seed_demo` first.")
        secret = totp_provision(user=user)
        code = totp_codes(user=user)[0]
        self.stdout.write(code)
        if options["verbosity"] > 1:
            self.stderr.write(f"Secret for an authenticator app: {secret} (valid 30 s per code)")

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from policy_portal.auth import totp_provision
from policy_portal.demo.people import DEMO_DOMAIN, DEMO_PASSWORD, PERSONAS, demo_directory_csv
from policy_portal.models import DirectoryImport
from policy_portal.roles import is_privileged
from policy_portal.services import directory_import

# Each app adds a function (stdout) -> None that loads its own demo data, idempotently.
DEMO_SEEDERS_SETTING = "DEMO_SEEDERS"


class Command(BaseCommand):
    help = "Load the demo company (Ateliers Lumen): about 50 employees in every role. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        result = directory_import(
            data=demo_directory_csv(), filename="demo-directory.csv", source=DirectoryImport.Source.COMMAND,
            full_sync=False,
        )
        users = get_user_model().objects.filter(username__endswith=f"@{DEMO_DOMAIN}")
        for user in users:
            if not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        users.filter(username=f"admin@{DEMO_DOMAIN}").update(is_staff=True, is_superuser=True)
        # Privileged roles must sign in with a second factor: the demo gives them an authenticator
        # already enrolled, whose current code `manage.py demo_totp EMAIL` prints.
        for user in users.filter(is_active=True):
            if is_privileged(user):
                totp_provision(user=user)
        self.stdout.write(
            f"Demo directory: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
        )
        for path in getattr(settings, DEMO_SEEDERS_SETTING, []):
            import_string(path)(self.stdout)

    @staticmethod
    def logins() -> list[tuple[str, str]]:
        return [(f"{login}@{DEMO_DOMAIN}", roles or "employee") for login, *_, roles, _lang in PERSONAS]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "charters"
    verbose_name = _("Charters")

    def ready(self) -> None:
        from charters import tasks  # noqa: F401  # registers how the ledger queues its sealing

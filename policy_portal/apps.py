from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    from policy_portal.roles import sync_roles

    sync_roles()


class PolicyPortalConfig(AppConfig):
    name = "policy_portal"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="policy_portal.sync_roles")

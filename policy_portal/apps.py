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
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from policy_portal import sessions

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="policy_portal.sync_roles")
        user_logged_in.connect(sessions.session_mark_signed_in, dispatch_uid="policy_portal.signed_in_at")
        post_save.connect(
            sessions.sessions_end_when_deactivated, sender=get_user_model(), dispatch_uid="policy_portal.deactivated"
        )

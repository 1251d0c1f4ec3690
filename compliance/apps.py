from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Pre-publication checker")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        setting_changed.connect(_settings_changed, dispatch_uid="compliance.settings_changed")


def _settings_changed(*, setting: str, **_: object) -> None:
    if not setting.startswith("COMPLIANCE_"):
        return
    from compliance import clauses, nlp, rulebook
    from compliance.context import context_cache_clear

    rulebook.clear()
    clauses.clear()
    context_cache_clear()
    if setting == "COMPLIANCE_PIPELINES":
        nlp.clear()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = _("行政执法")

    def ready(self) -> None:
        from fazhi.enforcement import deadline_rules  # noqa: F401  (register the statutory periods)

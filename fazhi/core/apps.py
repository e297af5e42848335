from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from fazhi.core import audit, checks  # noqa: F401  (connect guards, register checks)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    verbose_name = _("双随机、一公开")

    def ready(self) -> None:
        from fazhi.inspections import deadline_rules  # noqa: F401  (register the statutory periods)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormativeDocumentsConfig(AppConfig):
    name = "fazhi.normative_documents"
    verbose_name = _("行政规范性文件")

    def ready(self) -> None:
        from fazhi.normative_documents import deadline_rules  # noqa: F401  (register the statutory periods)

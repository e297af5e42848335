from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalityCheckerConfig(AppConfig):
    name = "fazhi.legality_checker"
    verbose_name = _("合法性审核预审")

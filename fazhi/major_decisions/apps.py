from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MajorDecisionsConfig(AppConfig):
    name = "fazhi.major_decisions"
    verbose_name = _("重大行政决策")

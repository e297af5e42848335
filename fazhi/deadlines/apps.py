from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "fazhi.deadlines"
    verbose_name = _("期限与工作日历")

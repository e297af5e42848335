from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import BASE_DATA, MenuItem, Module


class DeadlinesConfig(AppConfig):
    name = "fazhi.deadlines"
    verbose_name = _("期限与工作日历")
    fazhi_module = Module(
        order=40, url_prefix="deadlines/", urls="fazhi.deadlines.urls",
        api_prefix="/deadlines", api_router="fazhi.deadlines.api:router",
        menu=(
            MenuItem(_("期限提醒"), "deadlines:list", "deadlines.deadline", order=10),
            MenuItem(_("工作日计算"), "deadlines:calendar", group=BASE_DATA, order=540),
        ),
        idor_records="fazhi.deadlines.tests.idor:other_units_records",
    )

"""行政复议: what this module brings to the platform (fazhi.core.modules)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import OVERSIGHT, MenuItem, Module


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = _("行政复议")
    fazhi_module = Module(
        url_prefix="reconsideration/", urls="fazhi.reconsideration.urls",
        api_prefix="/reconsideration", api_router="fazhi.reconsideration.api:router",
        api_matrix="fazhi.reconsideration.tests.test_api",
        menu=(MenuItem(_("行政复议"), "reconsideration:cases:list", "reconsideration.reconsideration",
                       group=OVERSIGHT, order=498),),
        work_queue="fazhi.reconsideration.selectors:work_queue",
        idor_records="fazhi.reconsideration.tests.idor:other_units_records",
        report_section="fazhi.reconsideration.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.reconsideration import deadline_rules  # noqa: F401  (registers the module's deadline rules)

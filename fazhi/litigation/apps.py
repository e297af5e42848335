"""行政诉讼: what this module brings to the platform (fazhi.core.modules)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import OVERSIGHT, MenuItem, Module


class LitigationConfig(AppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = _("行政诉讼")
    fazhi_module = Module(
        url_prefix="litigation/", urls="fazhi.litigation.urls",
        api_prefix="/litigation", api_router="fazhi.litigation.api:router",
        api_matrix="fazhi.litigation.tests.test_api",
        menu=(MenuItem(_("行政诉讼"), "litigation:cases:list", "litigation.administrativelitigation",
                       group=OVERSIGHT, order=499),
              MenuItem(_("行政复议和行政应诉统计"), "litigation:statistics", "litigation.administrativelitigation",
                       group=OVERSIGHT, order=499)),
        work_queue="fazhi.litigation.selectors:work_queue",
        idor_records="fazhi.litigation.tests.idor:other_units_records",
        report_section="fazhi.litigation.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.litigation import deadline_rules  # noqa: F401  (registers the module's deadline rules)

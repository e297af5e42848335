from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import DECISIONS, MenuItem, Module


class MajorDecisionsConfig(AppConfig):
    name = "fazhi.major_decisions"
    verbose_name = _("重大行政决策")
    fazhi_module = Module(
        order=70, url_prefix="major-decisions/", urls="fazhi.major_decisions.urls",
        api_prefix="/major-decisions", api_router="fazhi.major_decisions.api:router",
        api_matrix="fazhi.major_decisions.tests.test_api",
        menu=(
            MenuItem(_("重大行政决策"), "major_decisions:decisions:list", "major_decisions.majordecision",
                     group=DECISIONS, order=430),
            MenuItem(_("重大行政决策目录"), "major_decisions:catalogues:list", "major_decisions.decisioncatalogue",
                     group=DECISIONS, order=440),
        ),
        work_queue="fazhi.major_decisions.selectors:work_queue",
        idor_records="fazhi.major_decisions.tests.idor:other_units_records",
        report_section="fazhi.major_decisions.report:report_section",
    )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import ENFORCEMENT, MenuItem, Module


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = _("行政执法")
    fazhi_module = Module(
        order=50, url_prefix="enforcement/", urls="fazhi.enforcement.urls",
        api_prefix="/enforcement", api_router="fazhi.enforcement.api:router",
        api_matrix="fazhi.enforcement.tests.test_api_permissions",
        menu=(
            MenuItem(_("执法案件"), "enforcement:cases:list", "enforcement.enforcementcase", group=ENFORCEMENT,
                     order=100),
            MenuItem(_("执法主体"), "enforcement:bodies:list", "enforcement.enforcementbody", group=ENFORCEMENT,
                     order=110),
            MenuItem(_("执法事项清单"), "enforcement:matters:list", "enforcement.enforcementmatter",
                     group=ENFORCEMENT, order=120),
            MenuItem(_("重大执法决定目录"), "enforcement:criteria:list", "enforcement.majorcriterion",
                     group=ENFORCEMENT, order=190),
            MenuItem(_("三项制度专项检查"), "enforcement:inspections:list", "enforcement.specialinspection",
                     group=ENFORCEMENT, order=200),
            MenuItem(_("单位检查"), "enforcement:unit_inspections:list", "enforcement.unitinspection",
                     group=ENFORCEMENT, order=210),
            MenuItem(_("整改事项"), "enforcement:rectifications:list", "enforcement.rectification",
                     group=ENFORCEMENT, order=220),
            MenuItem(_("单位指标"), "enforcement:indicators", "enforcement.unitinspection", group=ENFORCEMENT,
                     order=230),
        ),
        idor_records="fazhi.enforcement.tests.idor:other_units_records",
        report_section="fazhi.enforcement.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.enforcement import deadline_rules  # noqa: F401  (register the statutory periods)

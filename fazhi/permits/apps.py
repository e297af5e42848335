"""Permits: what this module brings to the platform (fazhi.core.modules)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import MenuItem, Module

PERMITS = _("涉企经营许可")


class PermitsConfig(AppConfig):
    name = "fazhi.permits"
    label = "permits"
    verbose_name = _("涉企经营许可")
    fazhi_module = Module(
        url_prefix="permits/", urls="fazhi.permits.urls",
        api_prefix="/permits", api_router="fazhi.permits.api:router",
        api_matrix="fazhi.permits.tests.test_api",
        menu=(
            MenuItem(_("办件"), "permits:cases:list", "permits.permitcase", group=PERMITS, order=480),
            MenuItem(_("涉企经营许可统计"), "permits:statistics", "permits.permitcase", group=PERMITS, order=481),
            MenuItem(_("涉企经营许可事项清单"), "permits:editions:list", "permits.catalogueedition",
                     group=PERMITS, order=482),
            MenuItem(_("清单事项"), "permits:entries:list", "permits.catalogueentry", group=PERMITS, order=483),
            MenuItem(_("涉企经营许可事项"), "permits:matters:list", "permits.permitmatter", group=PERMITS, order=484),
            MenuItem(_("告知承诺核查抽取"), "permits:draws:list", "permits.checkdraw", group=PERMITS, order=485),
            MenuItem(_("告知承诺核查"), "permits:checks:list", "permits.commitmentcheck", group=PERMITS, order=486),
            MenuItem(_("失信记录"), "permits:credit:list", "permits.creditrecord", group=PERMITS, order=487),
            MenuItem(_("表彰大会"), "permits:commendations:list", "permits.commendation", group=PERMITS, order=488),
            MenuItem(_("领导包联企业"), "permits:pairings:list", "permits.pairing", group=PERMITS, order=489),
            MenuItem(_("走访记录"), "permits:visits:list", "permits.visit", group=PERMITS, order=490),
            MenuItem(_("法律服务团"), "permits:members:list", "permits.serviceteammember", group=PERMITS, order=491),
        ),
        work_queue="fazhi.permits.selectors:work_for",
        idor_records="fazhi.permits.tests.idor:other_units_records",
        report_section="fazhi.permits.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.permits import deadline_rules  # noqa: F401  (register the statutory periods)

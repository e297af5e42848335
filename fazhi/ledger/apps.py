"""The tracking ledger (台账): what this module brings to the platform (fazhi.core.modules)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import OVERSIGHT, MenuItem, Module


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    label = "ledger"
    verbose_name = _("跟踪台账")
    fazhi_module = Module(
        url_prefix="ledger/", urls="fazhi.ledger.urls",
        api_prefix="/ledger", api_router="fazhi.ledger.api:router", api_matrix="fazhi.ledger.tests.test_api",
        menu=(MenuItem(_("跟踪台账"), "ledger:items:list", "ledger.trackeditem", group=OVERSIGHT, order=495),
              MenuItem(_("会办事项"), "ledger:co_handlings:list", "ledger.cohandling", group=OVERSIGHT,
                       order=496),
              MenuItem(_("跟踪事项统计"), "ledger:statistics", "ledger.trackeditem", group=OVERSIGHT,
                       order=496),
              MenuItem(_("建议提案办理规则"), "ledger:rules:list", "ledger.handlingrule", group=OVERSIGHT,
                       order=497)),
        work_queue="fazhi.ledger.selectors:work_queue",
        idor_records="fazhi.ledger.tests.idor:other_units_records",
        report_section="fazhi.ledger.report:report_section",
    )

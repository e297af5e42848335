"""The tracking ledger (台账): what this module brings to the platform (fazhi.core.modules)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import MenuItem, Module


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    label = "ledger"
    verbose_name = _("跟踪台账")
    fazhi_module = Module(
        url_prefix="ledger/", urls="fazhi.ledger.urls",
        api_prefix="/ledger", api_router="fazhi.ledger.api:router", api_matrix="fazhi.ledger.tests.test_api",
        menu=(MenuItem(_("跟踪台账"), "ledger:items:list", "ledger.trackeditem", group=_("涉企经营许可"),
                       order=495),),
        idor_records="fazhi.ledger.tests.idor:other_units_records",
    )

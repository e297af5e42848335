from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import BASE_DATA, MenuItem, Module


class MarketEntitiesConfig(AppConfig):
    name = "fazhi.market_entities"
    verbose_name = _("市场主体")
    fazhi_module = Module(
        order=30, url_prefix="market-entities/", urls="fazhi.market_entities.urls",
        api_prefix="/market-entities", api_router="fazhi.market_entities.api:router",
        menu=(MenuItem(_("市场主体"), "market_entities:list", "market_entities.marketentity", group=BASE_DATA,
                       order=500),),
        idor_records="fazhi.market_entities.tests.idor:other_units_records",
    )

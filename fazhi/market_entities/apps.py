from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketEntitiesConfig(AppConfig):
    name = "fazhi.market_entities"
    verbose_name = _("市场主体")

from django.utils.translation import gettext_lazy as _

from fazhi.market_entities.models import MarketEntity
from fazhi.records.pages import RecordPages


class MarketEntityPages(RecordPages):
    model = MarketEntity
    namespace = "market_entities"
    register_name = "market_entities"
    list_fields = ("name", "uscc", "street", "entity_type", "industry", "risk_class", "registration_status")
    secondary_fields = ("entity_type", "industry", "registration_status")
    search_fields = ("uscc", "name")
    search_placeholder = _("统一社会信用代码或名称")
    filter_fields = ("street", "risk_class", "registration_status", "industry", "entity_type")
    form_fields = ("uscc", "name", "entity_type", "legal_representative", "address", "street", "industry",
                   "registration_status", "risk_class")


pages = MarketEntityPages()

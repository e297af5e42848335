from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.market_entities.models import MarketEntity


@admin.register(MarketEntity)
class MarketEntityAdmin(RecordAdmin):
    list_display = ("name", "uscc", "street", "entity_type", "risk_class", "registration_status")
    list_filter = (ArchivedFilter, "street", "risk_class", "registration_status", "industry", "entity_type")
    search_fields = ("uscc", "name", "legal_representative")
    list_select_related = ("street",)
    fieldsets = [(None, {"fields": ("uscc", "name", "entity_type", "legal_representative", "address", "street",
                                    "industry", "registration_status", "risk_class")})]

from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.organisation.models import OrgUnit, Zone


@admin.register(Zone)
class ZoneAdmin(RecordAdmin):
    list_display = ("name", "short_name", "division_code")
    fieldsets = [(None, {"fields": ("name", "short_name", "division_code")})]


@admin.register(OrgUnit)
class OrgUnitAdmin(RecordAdmin):
    list_display = ("name", "code", "kind", "parent", "sort_order", "archived_on")
    list_filter = (ArchivedFilter, "kind", "zone")
    search_fields = ("name", "short_name", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    fieldsets = [(None, {"fields": ("zone", "code", "name", "short_name", "kind", "parent", "sort_order")})]

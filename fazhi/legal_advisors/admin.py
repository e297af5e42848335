"""Admin for system administrators: the legal-advisor register with its history; nothing deleted."""

from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.legal_advisors.models import AdvisorContract, AdvisorWork, LegalAdvisor


@admin.register(LegalAdvisor)
class LegalAdvisorAdmin(RecordAdmin):
    list_display = ("full_name", "firm", "licence_number")
    search_fields = ("full_name", "firm", "licence_number")
    fieldsets = [(None, {"fields": ("full_name", "firm", "licence_number", "specialties")})]


@admin.register(AdvisorContract)
class AdvisorContractAdmin(RecordAdmin):
    list_display = ("number", "advisor", "org_unit", "starts_on", "ends_on", "terminated_on")
    list_filter = (ArchivedFilter, "org_unit")
    list_select_related = ("advisor", "org_unit")
    fieldsets = [(None, {"fields": ("number", "advisor", "org_unit", "starts_on", "ends_on", "terminated_on")})]


@admin.register(AdvisorWork)
class AdvisorWorkAdmin(RecordAdmin):
    list_display = ("done_on", "title", "kind", "contract")
    fieldsets = [(None, {"fields": ("contract", "kind", "done_on", "title", "description")})]

from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.deadlines.models import CalendarDay, CalendarYear, Deadline


@admin.register(CalendarYear)
class CalendarYearAdmin(RecordAdmin):
    list_display = ("year", "notice")
    fieldsets = [(None, {"fields": ("year", "notice")})]


@admin.register(CalendarDay)
class CalendarDayAdmin(RecordAdmin):
    list_display = ("date", "kind", "name")
    list_filter = (ArchivedFilter, "kind")
    date_hierarchy = "date"
    fieldsets = [(None, {"fields": ("date", "kind", "name")})]


@admin.register(Deadline)
class DeadlineAdmin(RecordAdmin):
    list_display = ("title", "org_unit", "rule_code", "starts_on", "due_on", "completed_on")
    list_filter = (ArchivedFilter, "rule_code", "org_unit")
    search_fields = ("title",)
    date_hierarchy = "due_on"
    list_select_related = ("org_unit",)
    readonly_fields = (*RecordAdmin.readonly_fields, "content_type", "object_id")
    fieldsets = [(None, {"fields": ("title", "org_unit", "rule_code", "content_type", "object_id",
                                    "starts_on", "due_on", "completed_on")})]

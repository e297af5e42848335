"""Admin for system administrators: every enforcement record, with its history; nothing deleted."""

from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    DecisionPublication,
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    MajorCriterion,
    MajorDecisionReview,
    ProcessRecord,
    Rectification,
    SpecialInspection,
    UnitInspection,
)


@admin.register(EnforcementBody)
class EnforcementBodyAdmin(RecordAdmin):
    list_display = ("name", "org_unit", "kind", "fields")
    list_filter = (ArchivedFilter, "kind")
    search_fields = ("name", "fields")
    list_select_related = ("org_unit",)
    fieldsets = [(None, {"fields": ("org_unit", "name", "kind", "legal_basis", "fields")})]


@admin.register(EnforcementMatter)
class EnforcementMatterAdmin(RecordAdmin):
    list_display = ("code", "name", "kind", "body")
    list_filter = (ArchivedFilter, "kind", "body")
    search_fields = ("code", "name")
    list_select_related = ("body",)
    fieldsets = [(None, {"fields": ("body", "code", "name", "kind", "legal_basis")})]


@admin.register(MajorCriterion)
class MajorCriterionAdmin(RecordAdmin):
    list_display = ("kind", "fine_threshold", "legal_source", "enabled")
    fieldsets = [(None, {"fields": ("kind", "fine_threshold", "legal_source", "enabled")})]


@admin.register(EnforcementCase)
class EnforcementCaseAdmin(RecordAdmin):
    list_display = ("number", "body", "kind", "opened_on", "decision_kind", "decided_on", "closed_on")
    list_filter = (ArchivedFilter, "kind", "decision_kind", "body")
    search_fields = ("number", "summary")
    list_select_related = ("body",)
    date_hierarchy = "opened_on"
    fieldsets = [(None, {"fields": ("body", "number", "kind", "matter", "party_entity", "party_name",
                                    "party_id_number", "summary", "opened_on", "decision_kind", "fine_amount",
                                    "had_hearing", "decision_text", "decided_on", "closed_on")})]


@admin.register(CaseOfficer)
class CaseOfficerAdmin(RecordAdmin):
    list_display = ("case", "officer", "certificate", "assigned_on")
    list_select_related = ("case", "officer", "certificate")
    fieldsets = [(None, {"fields": ("case", "officer", "certificate", "assigned_on")})]


@admin.register(CaseStep)
class CaseStepAdmin(RecordAdmin):
    list_display = ("case", "kind", "happened_on")
    list_filter = (ArchivedFilter, "kind")
    list_select_related = ("case",)
    fieldsets = [(None, {"fields": ("case", "kind", "happened_on", "note")})]


@admin.register(ProcessRecord)
class ProcessRecordAdmin(RecordAdmin):
    """Files and digests are evidence: shown, never edited here."""

    list_display = ("original_name", "step", "kind", "size", "sha256")
    list_select_related = ("step",)
    readonly_fields = ("step", "kind", "file", "original_name", "size", "sha256", *RecordAdmin.readonly_fields)
    fieldsets = [(None, {"fields": ("step", "kind", "file", "original_name", "size", "sha256")})]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(MajorDecisionReview)
class MajorDecisionReviewAdmin(RecordAdmin):
    list_display = ("case", "reviewer", "reviewed_on", "approved")
    list_select_related = ("case", "reviewer")
    fieldsets = [(None, {"fields": ("case", "reviewer", "reviewed_on", "approved", "opinion")})]


@admin.register(DecisionPublication)
class DecisionPublicationAdmin(RecordAdmin):
    list_display = ("title", "case", "published_on")
    list_select_related = ("case",)
    fieldsets = [(None, {"fields": ("case", "published_on", "title", "text")})]


@admin.register(SpecialInspection)
class SpecialInspectionAdmin(RecordAdmin):
    list_display = ("name", "year", "starts_on", "ends_on", "status")
    list_filter = (ArchivedFilter, "year", "status")
    fieldsets = [(None, {"fields": ("name", "year", "checklist", "starts_on", "ends_on", "status")})]


@admin.register(UnitInspection)
class UnitInspectionAdmin(RecordAdmin):
    list_display = ("inspection", "org_unit", "self_check_on", "on_site_on")
    list_select_related = ("inspection", "org_unit")
    fieldsets = [(None, {"fields": ("inspection", "org_unit", "self_check_on", "self_check_report", "on_site_on",
                                    "findings")})]


@admin.register(Rectification)
class RectificationAdmin(RecordAdmin):
    list_display = ("unit_inspection", "due_on", "completed_on")
    list_select_related = ("unit_inspection",)
    fieldsets = [(None, {"fields": ("unit_inspection", "problem", "measure", "due_on", "completed_on")})]

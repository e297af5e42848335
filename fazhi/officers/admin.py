"""Admin for system administrators: officers (maintained here) and their certificates, trainings, exams and
applications (shown, with their history; nothing deleted)."""

from django.contrib import admin

from fazhi.core.admin import ArchivedFilter, RecordAdmin
from fazhi.officers.models import (
    CertificateApplication,
    EnforcementCertificate,
    Exam,
    ExamResult,
    Officer,
    Training,
    TrainingAttendance,
)


@admin.register(Officer)
class OfficerAdmin(RecordAdmin):
    list_display = ("full_name", "org_unit", "position")
    list_filter = (ArchivedFilter, "org_unit")
    search_fields = ("full_name",)
    list_select_related = ("org_unit",)
    fieldsets = [(None, {"fields": ("org_unit", "full_name", "id_number", "phone", "position", "user")})]


@admin.register(EnforcementCertificate)
class EnforcementCertificateAdmin(RecordAdmin):
    list_display = ("number", "officer", "issuer", "valid_from", "valid_until", "status")
    list_filter = (ArchivedFilter, "status")
    search_fields = ("number", "officer__full_name")
    list_select_related = ("officer",)
    fieldsets = [(None, {"fields": ("officer", "number", "issuer", "area", "field", "valid_from", "valid_until",
                                    "status")})]


@admin.register(Training)
class TrainingAdmin(RecordAdmin):
    list_display = ("held_on", "topic", "organiser", "hours", "trainer")
    list_filter = (ArchivedFilter, "organiser")
    search_fields = ("topic", "trainer")
    date_hierarchy = "held_on"
    fieldsets = [(None, {"fields": ("organiser", "topic", "held_on", "hours", "trainer")})]


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(RecordAdmin):
    list_display = ("training", "officer")
    list_select_related = ("training", "officer")
    fieldsets = [(None, {"fields": ("training", "officer")})]


@admin.register(Exam)
class ExamAdmin(RecordAdmin):
    list_display = ("held_on", "kind", "organiser", "pass_mark")
    list_filter = (ArchivedFilter, "kind")
    date_hierarchy = "held_on"
    fieldsets = [(None, {"fields": ("organiser", "training", "held_on", "kind", "pass_mark")})]


@admin.register(ExamResult)
class ExamResultAdmin(RecordAdmin):
    list_display = ("exam", "officer", "score")
    list_select_related = ("exam", "officer")
    fieldsets = [(None, {"fields": ("exam", "officer", "score")})]


@admin.register(CertificateApplication)
class CertificateApplicationAdmin(RecordAdmin):
    list_display = ("officer", "kind", "applied_on", "status", "certificate")
    list_filter = (ArchivedFilter, "kind", "status")
    list_select_related = ("officer", "certificate")
    fieldsets = [(None, {"fields": ("officer", "kind", "exam_result", "applied_on", "status", "certificate")})]

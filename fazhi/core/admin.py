"""Admin for system administrators: the shared base for records, and the read-only access log."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from fazhi.core.exceptions import StaleRecordError
from fazhi.core.models import AccessLog

RECORD_FIELDS = ("created_on", "created_by", "modified_on", "modified_by", "version",
                 "archived_on", "archived_by", "archived_reason")


class ArchivedFilter(admin.SimpleListFilter):
    title = _("归档状态")
    parameter_name = "archived"

    def lookups(self, request, model_admin):
        return [("no", _("在用")), ("yes", _("已归档"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(archived_on__isnull=True)
        if self.value() == "yes":
            return queryset.filter(archived_on__isnull=False)
        return queryset


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the administrator read, so a change made meanwhile is not overwritten."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if cleaned.get("expected_version") != current:
                raise forms.ValidationError(StaleRecordError().message, code="stale")
        return cleaned


class RecordAdmin(SimpleHistoryAdmin):
    """Admin for a BaseModel record: full history, stamped edits, and no delete when the law keeps it."""

    list_filter = (ArchivedFilter,)
    readonly_fields = RECORD_FIELDS
    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets:
            fieldsets = [*fieldsets, (_("记录信息"), {"fields": RECORD_FIELDS, "classes": ("collapse",)})]
        if obj is not None and not any("expected_version" in opts["fields"] for _name, opts in fieldsets):
            name, opts = fieldsets[0]
            fieldsets = [(name, {**opts, "fields": [*opts["fields"], "expected_version"]}), *fieldsets[1:]]
        return fieldsets

    def has_add_permission(self, request) -> bool:
        # Workflow records are made by their services, with their rules (BaseModel.ADMIN_MAINTAINED).
        return self.model.ADMIN_MAINTAINED and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        # Shown, not changed: the change form becomes a read-only view of the record and its history.
        return self.model.ADMIN_MAINTAINED and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # 档案法 第二十一条: 禁止擅自销毁档案: records the law requires to be kept are archived, never deleted.
        if getattr(self.model, "RETAIN_RECORDS", False):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if getattr(self.model, "RETAIN_RECORDS", False):
            actions.pop("delete_selected", None)
        return actions

    def revert_disabled(self, request, obj=None) -> bool:
        # History is read-only here: a revert would bypass the version check of record_update.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied  # the history is evidence: look, never restore from here
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        else:
            # The conditional UPDATE closes the gap between the form's check and this save.
            expected = form.cleaned_data.get("expected_version")
            if not type(obj).objects.filter(pk=obj.pk, version=expected).update(version=F("version") + 1):
                raise StaleRecordError(obj)
            obj.version = expected + 1
        obj.modified_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdminMixin:
    """An admin page for evidence (a log): looked at, never added, changed or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        return {}


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who viewed which personal data: read-only, it is the evidence (个人信息保护法 第五十一条)."""

    list_display = ("viewed_on", "user", "content_type", "object_repr", "path")
    list_filter = ("content_type",)
    search_fields = ("object_repr", "user__username", "user__full_name", "path")
    date_hierarchy = "viewed_on"
    list_select_related = ("user", "content_type")

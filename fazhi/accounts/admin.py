from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.models import User
from fazhi.core.admin import RECORD_FIELDS, ArchivedFilter, ReadOnlyAdminMixin, RecordAdmin, VersionedAdminForm


class UserCreationForm(auth_forms.UserCreationForm):
    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "org_unit", "role")


class UserChangeForm(VersionedAdminForm, auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User
        fields = "__all__"

    def clean_id_number(self) -> str:
        return (self.cleaned_data.get("id_number") or "").strip().upper()


@admin.register(User)
class UserAdmin(RecordAdmin, auth_admin.UserAdmin):
    """Accounts: created, changed and deactivated here; never deleted (their history names them)."""

    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ("username", "full_name", "org_unit", "role", "is_active", "last_login")
    list_filter = (ArchivedFilter, "role", "is_active", "org_unit")
    search_fields = ("username", "full_name")
    list_select_related = ("org_unit",)
    ordering = ("username",)
    readonly_fields = (*RECORD_FIELDS, "last_login", "date_joined", "is_staff", "is_superuser")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone", "id_number", "email")}),
        (_("法制审核资格"), {"fields": ("legal_qualification_number", "legal_review_since")}),
        (_("单位和角色"), {
            "fields": ("org_unit", "role", "is_active"),
            "description": _("角色决定权限；只有“系统管理员”可以进入系统管理。停用账号请取消“有效”，不要删除。"),
        }),
        (_("登录"), {"fields": ("last_login", "date_joined", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "full_name", "org_unit", "role", "password1", "password2")}),
    )
    filter_horizontal = ()

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        return super().get_fieldsets(request, obj)



# ----- the login audit (django-axes): logs kept like the history, names in Chinese -----


class LockedOutFilter(axes_admin.IsLockedOutFilter):
    title = _("是否已锁定")

    def lookups(self, request, model_admin):
        return (("yes", _("是")), ("no", _("否")))


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """The lock-out counter: deleting a row unlocks the account (the failure itself stays logged)."""

    list_filter = ["attempt_time", "path_info", LockedOutFilter]
    fieldsets = (
        (None, {"fields": ("username", "path_info", "failures_since_start", "expiration")}),
        (_("提交的数据"), {"fields": ("get_data", "post_data")}),
        (_("来源"), {"fields": ("user_agent", "ip_address", "http_accept")}),
    )
    actions = []

    @admin.display(description=_("状态"))
    def status(self, obj):
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return _("还可尝试%(n)d次") % {"n": left} if left > 0 else _("已锁定")

    @admin.display(description=_("锁定到期"))
    def expiration(self, obj):
        return obj.expiration.expires_at if hasattr(obj, "expiration") else "—"


class ReadOnlyLogAdmin(ReadOnlyAdminMixin):
    """A login log: looked at, never changed or deleted (login_audit.py guards the models too)."""

    fieldsets = ((None, {"fields": ("username", "path_info")}),
                 (_("来源"), {"fields": ("user_agent", "ip_address", "http_accept")}))


class AccessLogAdmin(ReadOnlyLogAdmin, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(ReadOnlyLogAdmin, axes_admin.AccessFailureLogAdmin):
    pass


for _model, _admin_class in ((AccessAttempt, AccessAttemptAdmin), (AccessLog, AccessLogAdmin),
                             (AccessFailureLog, AccessFailureLogAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin_class)

from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from fazhi.records.pages import BootstrapFormMixin


class LoginForm(BootstrapFormMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确（密码区分大小写）。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

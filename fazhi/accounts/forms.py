from django.contrib.auth import forms as auth_forms

from fazhi.web.views_generic import BootstrapFormMixin


class LoginForm(BootstrapFormMixin, auth_forms.AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

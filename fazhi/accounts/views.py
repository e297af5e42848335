from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from fazhi.accounts.forms import LoginForm, PasswordChangeForm
from fazhi.accounts.models import User
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.records.pages import RecordPages


class UserPages(RecordPages):
    """Looking up accounts; creating and changing them is done in system administration."""

    model = User
    namespace = "accounts"
    list_fields = ("username", "full_name", "org_unit", "role", "phone", "id_number", "is_active")
    secondary_fields = ("id_number", "is_active")
    masked_fields = {"phone": mask_phone, "id_number": mask_id_number}
    search_fields = ("username", "full_name")
    filter_fields = ("org_unit", "role", "is_active")
    detail_fields = ("username", "full_name", "org_unit", "role", "phone", "id_number", "email", "is_active",
                     "last_login", "date_joined")
    register_name = "users"
    # The export is unmasked (so it can be edited and imported back), so each one is logged.
    actions = ("list", "detail", "export")


pages = UserPages()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            failure_limit=settings.AXES_FAILURE_LIMIT,
            lockout_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            **kwargs,
        )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"

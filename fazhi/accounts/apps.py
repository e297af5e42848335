from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fazhi.accounts"
    verbose_name = _("用户")

    def ready(self) -> None:
        from fazhi.accounts.login_audit import name_axes_in_chinese

        name_axes_in_chinese()  # and connects the login logs' append-only guards

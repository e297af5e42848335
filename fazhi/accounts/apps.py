from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import BASE_DATA, MenuItem, Module


class AccountsConfig(AppConfig):
    name = "fazhi.accounts"
    verbose_name = _("用户")
    fazhi_module = Module(
        order=20, url_prefix="accounts/", urls="fazhi.accounts.urls",
        api_prefix="/users", api_router="fazhi.accounts.api:router",
        menu=(MenuItem(_("用户"), "accounts:list", "accounts.user", group=BASE_DATA, order=520),),
        idor_records="fazhi.accounts.tests.idor:other_units_records",
    )

    def ready(self) -> None:
        from fazhi.accounts.login_audit import name_axes_in_chinese

        name_axes_in_chinese()  # and connects the login logs' append-only guards

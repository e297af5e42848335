from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import BASE_DATA, MenuItem, Module


def can_import_any(user) -> bool:
    """True when the user may import into at least one register."""
    from fazhi.core.models import perm_name
    from fazhi.registers.base import REGISTERS

    return any(
        r.importable and user.has_perm(perm_name(r.model, "add")) for r in REGISTERS.values()
    )


class RegistersConfig(AppConfig):
    name = "fazhi.registers"
    verbose_name = _("名册导入导出")
    # No records of its own: pages to import into and export other apps' registers.
    fazhi_module = Module(
        order=110, url_prefix="registers/", urls="fazhi.registers.urls",
        menu=(MenuItem(_("数据导入"), "registers:index", check=can_import_any, group=BASE_DATA, order=530),),
    )

    def ready(self) -> None:
        # Each app declares its registers in its own registers.py.
        autodiscover_modules("registers")

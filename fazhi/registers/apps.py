from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "fazhi.registers"
    verbose_name = _("名册导入导出")

    def ready(self) -> None:
        # Each app declares its registers in its own registers.py.
        autodiscover_modules("registers")

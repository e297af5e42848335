from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAdvisorsConfig(AppConfig):
    name = "fazhi.legal_advisors"
    verbose_name = _("法律顾问")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "fazhi.organisation"
    verbose_name = _("组织机构")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import BASE_DATA, MenuItem, Module


class OrganisationConfig(AppConfig):
    name = "fazhi.organisation"
    verbose_name = _("组织机构")
    fazhi_module = Module(
        order=10, url_prefix="org-units/", urls="fazhi.organisation.urls",
        api_prefix="/org-units", api_router="fazhi.organisation.api:router",
        menu=(MenuItem(_("机构"), "organisation:list", "organisation.orgunit", group=BASE_DATA, order=510),),
        idor_records="fazhi.organisation.tests.idor:other_units_records",
    )

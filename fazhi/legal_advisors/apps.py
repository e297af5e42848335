from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import DECISIONS, MenuItem, Module


class LegalAdvisorsConfig(AppConfig):
    name = "fazhi.legal_advisors"
    verbose_name = _("法律顾问")
    fazhi_module = Module(
        order=80, url_prefix="legal-advisors/", urls="fazhi.legal_advisors.urls",
        api_prefix="/legal-advisors", api_router="fazhi.legal_advisors.api:router",
        api_matrix="fazhi.normative_documents.tests.test_api",  # shared with documents and decisions
        menu=(
            MenuItem(_("法律顾问"), "legal_advisors:advisors:list", "legal_advisors.legaladvisor", group=DECISIONS,
                     order=450),
            MenuItem(_("法律顾问聘用合同"), "legal_advisors:contracts:list", "legal_advisors.advisorcontract",
                     group=DECISIONS, order=460),
            MenuItem(_("法律顾问覆盖情况"), "legal_advisors:coverage", "legal_advisors.advisorcontract",
                     group=DECISIONS, order=470),
        ),
        idor_records="fazhi.legal_advisors.tests.idor:other_units_records",
        report_section="fazhi.legal_advisors.report:report_section",
    )

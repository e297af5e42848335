from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import DECISIONS, MenuItem, Module


class NormativeDocumentsConfig(AppConfig):
    name = "fazhi.normative_documents"
    verbose_name = _("行政规范性文件")
    fazhi_module = Module(
        order=60, url_prefix="normative-documents/", urls="fazhi.normative_documents.urls",
        api_prefix="/normative-documents", api_router="fazhi.normative_documents.api:router",
        api_matrix="fazhi.normative_documents.tests.test_api",
        menu=(
            MenuItem(_("行政规范性文件"), "normative_documents:documents:list", "normative_documents.normativedocument",
                     group=DECISIONS, order=400),
            MenuItem(_("规范性文件清理"), "normative_documents:cleanups:list", "normative_documents.cleanup",
                     group=DECISIONS, order=410),
            MenuItem(_("规范性文件统计"), "normative_documents:statistics", "normative_documents.normativedocument",
                     group=DECISIONS, order=420),
        ),
        work_queue="fazhi.normative_documents.selectors:work_queue",
        idor_records="fazhi.normative_documents.tests.idor:other_units_records",
        report_section="fazhi.normative_documents.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.normative_documents import deadline_rules  # noqa: F401  (register the statutory periods)

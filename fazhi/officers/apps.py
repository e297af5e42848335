"""Officers, certificates, training and exams: what this module brings to the platform (fazhi.core.modules)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import ENFORCEMENT, MenuItem, Module


class OfficersConfig(AppConfig):
    name = "fazhi.officers"
    verbose_name = _("执法人员、执法证件、培训考试")
    # The pages keep the paths they had in enforcement (/enforcement/officers/ ...): a URL prefix is a module's
    # own, so this one is empty and urls.py names each path whole. The API keeps its paths the same way
    # (/api/enforcement/officers ...): the enforcement router mounts the routers of fazhi.officers.api, since
    # an API prefix may not be shared either; the enforcement API matrix covers them with the rest of
    # /api/enforcement, this module's own tests the officers' part in detail.
    fazhi_module = Module(
        order=45, url_prefix="", urls="fazhi.officers.urls",
        menu=(
            MenuItem(_("执法人员"), "officers:officers:list", "officers.officer", group=ENFORCEMENT, order=130),
            MenuItem(_("执法证件"), "officers:certificates:list", "officers.enforcementcertificate",
                     group=ENFORCEMENT, order=140),
            MenuItem(_("执法证件申领"), "officers:applications:list", "officers.certificateapplication",
                     group=ENFORCEMENT, order=150),
            MenuItem(_("执法培训"), "officers:trainings:list", "officers.training", group=ENFORCEMENT, order=160),
            MenuItem(_("执法资格考试"), "officers:exams:list", "officers.exam", group=ENFORCEMENT, order=170),
            MenuItem(_("培训考试统计"), "officers:training_statistics", "officers.training", group=ENFORCEMENT,
                     order=180),
        ),
        idor_records="fazhi.officers.tests.idor:other_units_records",
        report_section="fazhi.officers.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.officers import deadline_rules  # noqa: F401  (register the certificate expiry reminder)

"""Pages of officers, their certificates and certificate applications.

Kept apart from the rest of enforcement so that they can move to an app of their own as a file move.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.enforcement import forms as action_forms
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.models import CertificateApplication, EnforcementCertificate, Officer
from fazhi.enforcement.views.common import certificate_status_text, days_to_expiry_text
from fazhi.records.workflow import Action, ReasonForm, WorkflowPages

# ----- officers and certificates -----


class OfficerPages(WorkflowPages):
    model = Officer
    namespace = "enforcement:officers"
    register_name = "officers"
    list_fields = ("full_name", "org_unit", "position", "id_number", "phone", "certificate_today")
    secondary_fields = ("position", "phone")
    # Personal data: masked in lists; shown in full on the officer's page (whose view is logged) only to
    # those who keep the register, and to the officer (permissions.may_see_officer_personal_data).
    masked_fields = permissions.OFFICER_MASKS
    labels = {"certificate_today": gettext_lazy("今日可否执法")}
    search_fields = ("full_name",)
    filter_fields = ("org_unit",)
    form_fields = ("org_unit", "full_name", "id_number", "phone", "position")
    detail_template = "enforcement/officer_detail.html"

    def create(self, request, data):
        return services.officer_create(user=request.user, **self.fields_of(data))

    def shows_personal_data(self, user, record) -> bool:
        return permissions.may_see_officer_personal_data(user, record)

    def decorate(self, rows):
        today = clock.today()
        for officer in rows:
            problem = selectors.officer_certificate_problem(officer, today)
            officer.certificate_today = problem or _("可以（持有效证件）")

    def detail_context(self, record, request):
        today = clock.today()
        user = request.user
        certificates = list(record.certificates.visible_to(user).order_by("-valid_until"))
        for certificate in certificates:
            certificate.status_today = certificate_status_text(certificate, today)
            certificate.days_left = days_to_expiry_text(certificate, today)
        return {
            "today": today,
            "certificate_problem": selectors.officer_certificate_problem(record, today),
            "certificates": certificates,
            "attendances": record.attendances.visible_to(user).active().select_related("training"),
            "exam_results": record.exam_results.visible_to(user).active().select_related("exam"),
            "assignments": record.assignments.visible_to(user).active().select_related("case"),
        }


def _certificate_change(service, done: str) -> Callable:
    def run(request, record, data) -> str:
        service(user=request.user, certificate=record, reason=data["reason"])
        return done % {"record": record}

    return run


class CertificatePages(WorkflowPages):
    model = EnforcementCertificate
    namespace = "enforcement:certificates"
    register_name = "certificates"
    list_fields = ("number", "officer", "issuer", "field", "valid_from", "valid_until", "status_today",
                   "days_left")
    secondary_fields = ("issuer", "field", "valid_from")
    labels = {"status_today": gettext_lazy("今日状态"), "days_left": gettext_lazy("距到期")}
    search_fields = ("number", "officer__full_name")
    search_placeholder = gettext_lazy("证件编号或持证人姓名")
    form_fields = ("officer", "number", "issuer", "area", "field", "valid_from", "valid_until")
    # The dates start an expiry reminder and the status has its own actions: no free edit.
    actions = ("list", "detail", "create", "export")
    workflow = (
        Action("suspend", gettext_lazy("暂扣"), ReasonForm,
               _certificate_change(services.certificate_suspend, gettext_lazy("已暂扣证件“%(record)s”。")),
               allowed=permissions.may_suspend_certificate),
        Action("reinstate", gettext_lazy("恢复"), ReasonForm,
               _certificate_change(services.certificate_reinstate, gettext_lazy("已恢复证件“%(record)s”。")),
               allowed=permissions.may_reinstate_certificate),
        Action("revoke", gettext_lazy("注销"), ReasonForm,
               _certificate_change(services.certificate_revoke, gettext_lazy("已注销证件“%(record)s”。")),
               allowed=permissions.may_revoke_certificate),
    )

    def create(self, request, data):
        return services.certificate_issue(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.select_related("officer")

    def decorate(self, rows):
        today = clock.today()
        for certificate in rows:
            certificate.status_today = certificate_status_text(certificate, today)
            certificate.days_left = days_to_expiry_text(certificate, today)

    def extra_detail_fields(self, record, request):
        today = clock.today()
        return [
            (_("今日状态"), certificate_status_text(record, today)),
            (_("距到期"), days_to_expiry_text(record, today)),
        ]


def _approve(request, record, data) -> str:
    services.certificate_application_approve(user=request.user, application=record, **data)
    return _("已核发证件“%(number)s”。") % {"number": data["number"]}


def _reject(request, record, data) -> str:
    services.certificate_application_reject(user=request.user, application=record, reason=data["reason"])
    return _("已作出不予核发的决定。")


class ApplicationPages(WorkflowPages):
    model = CertificateApplication
    namespace = "enforcement:applications"
    list_fields = ("officer", "kind", "applied_on", "status", "certificate")
    filter_fields = ("status", "kind")
    search_fields = ("officer__full_name",)
    form_fields = ("exam_result", "applied_on")
    form_base = action_forms.CertificateApplicationForm
    actions = ("list", "detail", "create")
    workflow = (
        Action("approve", gettext_lazy("核发证件"), action_forms.ApproveApplicationForm, _approve,
               allowed=permissions.may_approve_application),
        Action("reject", gettext_lazy("不予核发"), ReasonForm, _reject, allowed=permissions.may_reject_application),
    )

    def create(self, request, data):
        return services.certificate_application_submit(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.select_related("officer", "certificate")


officers = OfficerPages()
certificates = CertificatePages()
applications = ApplicationPages()

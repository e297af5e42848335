"""Pages of the legal-advisor register: advisors, contracts (with work), and coverage on a date."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.legal_advisors import forms as action_forms
from fazhi.legal_advisors import permissions, selectors, services
from fazhi.legal_advisors.models import AdvisorContract, AdvisorWork, LegalAdvisor
from fazhi.organisation.constants import OrgUnitKind
from fazhi.records.pages import can_view
from fazhi.records.statistics import wants_workbook, workbook_response
from fazhi.records.workflow import Action, WorkflowPages


class AdvisorPages(WorkflowPages):
    model = LegalAdvisor
    namespace = "legal_advisors:advisors"
    register_name = "legal_advisors"
    list_fields = ("full_name", "firm", "licence_number", "specialties")
    search_fields = ("full_name", "firm", "licence_number")
    form_fields = ("full_name", "firm", "licence_number", "specialties")
    detail_template = "legal_advisors/advisor_detail.html"

    def create(self, request, data):
        return services.advisor_create(user=request.user, **self.fields_of(data))

    def detail_context(self, advisor, request):
        return {"contracts": AdvisorContract.objects.visible_to(request.user).active().filter(advisor=advisor)
                .select_related("org_unit")}


def _work(request, contract, data) -> str:
    services.work_record(user=request.user, contract=contract, **data)
    return _("已记录工作。")


def _terminate(request, contract, data) -> str:
    services.contract_terminate(user=request.user, contract=contract, **data)
    return _("合同已解除；如该单位没有其他法律顾问，将列为覆盖缺口。")


class ContractPages(WorkflowPages):
    model = AdvisorContract
    namespace = "legal_advisors:contracts"
    register_name = "advisor_contracts"
    list_fields = ("number", "advisor", "org_unit", "starts_on", "ends_on", "terminated_on")
    search_fields = ("number", "advisor__full_name", "advisor__firm")
    filter_fields = ("org_unit", "advisor")
    create_fields = ("advisor", "org_unit", "number", "starts_on", "ends_on")
    form_fields = ("number",)
    form_base = action_forms.ContractForm
    detail_template = "legal_advisors/contract_detail.html"
    workflow = (
        Action("work", gettext_lazy("记录法律顾问工作"), action_forms.WorkForm, _work,
               allowed=permissions.may_record_work),
        Action("terminate", gettext_lazy("提前解除合同"), action_forms.TerminateForm, _terminate,
               allowed=permissions.may_terminate),
    )

    def create(self, request, data):
        return services.contract_create(user=request.user, **self.fields_of(data))

    def detail_context(self, contract, request):
        return {"work": AdvisorWork.objects.visible_to(request.user).active().filter(contract=contract)}


advisors = AdvisorPages()
contracts = ContractPages()


class CoverageView(LoginRequiredMixin, View):
    """全覆盖: each department, street and state enterprise, served or not on the date; gaps listed."""

    def get(self, request):
        if not can_view(request.user, AdvisorContract):
            raise PermissionDenied
        form = action_forms.CoverageForm(request.GET or None)
        on = form.cleaned_data.get("on") if form.is_valid() else None
        result = selectors.coverage(on=on or clock.today())
        labels = dict(OrgUnitKind.choices)
        if wants_workbook(request):
            return workbook_response(_("法律顾问覆盖情况%(day)s") % {"day": result.on.isoformat()}, [(
                _("覆盖情况"), [_("单位"), _("类别"), _("是否覆盖"), _("法律顾问"), _("原合同结束日期")], [
                    [str(u.org_unit), str(labels.get(u.org_unit.kind, "")), _("是") if u.covered else _("否"),
                     "、".join(str(a) for a in u.advisors),
                     u.last_contract.last_day.isoformat() if u.last_contract and not u.covered else ""]
                    for u in result.units])])
        return render(request, "legal_advisors/coverage.html", {
            "form": form, "coverage": result,
            "by_kind": [(labels[k], covered, total) for k, (covered, total) in result.by_kind.items()],
        })

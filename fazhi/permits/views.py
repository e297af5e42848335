"""Pages of the permit module: the catalogue (editions, matters, entries), cases of one window, statistics."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.core.validators import mask_id_number
from fazhi.organisation.models import OrgUnit
from fazhi.permits import forms as permit_forms
from fazhi.permits import permissions, selectors, services
from fazhi.permits.models import CatalogueEdition, CatalogueEntry, PermitCase, PermitMatter
from fazhi.records.pages import can_view
from fazhi.records.statistics import chosen_year, wants_workbook, workbook_response
from fazhi.records.workflow import Action, WorkflowPages


class EditionPages(WorkflowPages):
    model = CatalogueEdition
    namespace = "permits:editions"
    register_name = "permit_catalogue"
    list_fields = ("name", "document_number", "effective_on")
    search_fields = ("name", "document_number")
    form_fields = ("name", "document_number", "effective_on")
    detail_template = "permits/edition_detail.html"

    def create(self, request, data):
        return services.edition_create(user=request.user, **self.fields_of(data))

    def detail_context(self, edition, request):
        return {"entries": selectors.entries_visible(request.user).filter(edition=edition).order_by("matter__code")}


class MatterPages(WorkflowPages):
    model = PermitMatter
    namespace = "permits:matters"
    list_fields = ("code", "name")
    search_fields = ("code", "name")
    form_fields = ("code", "name")
    detail_template = "permits/matter_detail.html"

    def create(self, request, data):
        return services.matter_create(user=request.user, **self.fields_of(data))

    def detail_context(self, matter, request):
        return {"history": selectors.mode_history(matter)}


class EntryPages(WorkflowPages):
    model = CatalogueEntry
    namespace = "permits:entries"
    register_name = "permit_catalogue"
    list_fields = ("matter", "edition", "mode", "approval_level", "approving_department", "org_unit")
    secondary_fields = ("approval_level", "approving_department")
    search_fields = ("matter__name", "matter__code", "approving_department")
    filter_fields = ("edition", "mode", "approval_level", "org_unit")
    create_fields = ("edition", "matter", "basis", "approval_level", "approving_department", "org_unit", "mode",
                     "measures", "supervision", "statutory_days", "promised_days")
    form_fields = ("basis", "approval_level", "approving_department", "org_unit", "mode", "measures", "supervision",
                   "statutory_days", "promised_days")
    detail_fields = ("matter", "edition", "basis", "approval_level", "approving_department", "org_unit", "mode",
                     "measures", "supervision", "statutory_days", "promised_days")

    def create(self, request, data):
        return services.entry_create(user=request.user, **self.fields_of(data))


def _start(request, case, data) -> str:
    services.case_start(user=request.user, case=case)
    return _("已开始办理。")


def _demand(request, case, data) -> str:
    services.case_demand(user=request.user, case=case, **data)
    case.refresh_from_db()
    if case.disguised_approval:
        return _("已记录。注意：本办件被标记为“以备案之名行审批之实”。")
    return _("已记录要求提交的材料。")


def _extend(request, case, data) -> str:
    services.case_extend(user=request.user, case=case, **data)
    return _("已延长办理期限。")


def _exclude(request, case, data) -> str:
    services.case_exclude(user=request.user, case=case, **data)
    return _("已扣除不计入期限的时间。")


def _decide(request, case, data) -> str:
    services.case_decide(user=request.user, case=case, **data)
    return _("已办结。")


def _withdraw(request, case, data) -> str:
    services.case_withdraw(user=request.user, case=case, **data)
    return _("已撤回。")


class CasePages(WorkflowPages):
    model = PermitCase
    namespace = "permits:cases"
    register_name = "permit_cases"
    list_fields = ("number", "applicant_entity", "applicant_name", "matters_text", "org_unit", "received_on",
                   "status", "statutory_due_on")
    secondary_fields = ("applicant_name", "org_unit", "statutory_due_on")
    search_fields = ("number", "applicant_name", "applicant_entity__name", "applicant_entity__uscc", "matters_text")
    search_placeholder = gettext_lazy("办件编号、申请人、统一社会信用代码或事项")
    filter_fields = ("status", "org_unit", "applicant_kind", "disguised_approval")
    create_fields = ("org_unit", "applicant_kind", "applicant_entity", "applicant_name", "applicant_id_number",
                     "received_on")
    form_fields = ("applicant_name", "applicant_id_number")
    form_base = permit_forms.CaseForm
    edit_form_base = permit_forms.RecordForm
    detail_fields = ("number", "org_unit", "edition", "applicant_kind", "applicant_entity", "applicant_name",
                     "applicant_id_number", "matters_text", "received_on", "status", "statutory_days",
                     "promised_days", "extended_days", "extension_reason", "excluded_days", "statutory_due_on",
                     "promised_due_on", "provisional", "decided_on", "decision_form", "decision_note",
                     "working_days_used", "on_time", "within_promise", "withdrawn_on", "disguised_approval",
                     "disguised_reasons")
    masked_fields = {"applicant_id_number": mask_id_number}
    detail_template = "permits/case_detail.html"
    workflow = (
        Action("start", gettext_lazy("开始办理"), permit_forms.ActionForm, _start, allowed=permissions.may_start),
        Action("demand", gettext_lazy("记录要求提交的材料"), permit_forms.DemandForm, _demand,
               allowed=permissions.may_demand),
        Action("extend", gettext_lazy("延长办理期限"), permit_forms.ExtendForm, _extend,
               allowed=permissions.may_extend),
        Action("exclude", gettext_lazy("扣除不计入期限的时间"), permit_forms.ExcludeForm, _exclude,
               allowed=permissions.may_exclude),
        Action("decide", gettext_lazy("办结"), permit_forms.DecideForm, _decide, allowed=permissions.may_decide),
        Action("withdraw", gettext_lazy("撤回"), permit_forms.WithdrawForm, _withdraw,
               allowed=permissions.may_withdraw),
    )

    def create(self, request, data):
        return services.case_create(user=request.user, matters=data["matters"], **self.fields_of(data))

    def editable(self, case) -> bool:
        return case.status in ("accepted", "processing") and case.applicant_kind == "person"

    def detail_context(self, case, request):
        return {"lines": case.lines.active().select_related("entry__matter", "entry__edition"),
                "documents": case.documents.active().select_related("line__entry__matter")}


editions = EditionPages()
matters = MatterPages()
entries = EntryPages()
cases = CasePages()


class StatisticsView(LoginRequiredMixin, View):
    """Per year (and unit): matters per mode in the catalogue in force at the year's end, cases, on time, days."""

    def get(self, request):
        user = request.user
        if not can_view(user, PermitCase):
            raise PermissionDenied
        year = chosen_year(request, selectors.years_with_cases(), clock.today().year)
        zone_wide = user.has_perm("permits.view_all_permitcase")
        unit = None
        if not zone_wide:
            unit = user.org_unit
        elif request.GET.get("org_unit", "").isdigit():
            unit = OrgUnit.objects.filter(pk=int(request.GET["org_unit"])).first()
        figures = selectors.statistics(year, unit)
        if wants_workbook(request):
            header = [_("改革方式"), _("清单事项"), _("办件"), _("已办结"), _("按时办结"), _("按时办结率（%）"),
                      _("平均办理用时（工作日）")]
            rows = [[r.label, r.matters, r.cases, r.decided, r.on_time, r.on_time_rate, r.average_days]
                    for r in figures.rows]
            return workbook_response(_("涉企经营许可统计%(year)s") % {"year": year}, [(_("按改革方式"), header, rows)])
        return render(request, "permits/statistics.html", {
            "figures": figures, "year": year, "unit": unit, "zone_wide": zone_wide,
            "units": OrgUnit.objects.active() if zone_wide else [],
        })

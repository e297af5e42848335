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
from fazhi.permits.models import (
    CatalogueEdition,
    CatalogueEntry,
    CheckDraw,
    Commendation,
    CommitmentCheck,
    CreditRecord,
    Pairing,
    PermitCase,
    PermitMatter,
    ServiceTeamMember,
    Visit,
)
from fazhi.records.pages import can_view
from fazhi.records.statistics import chosen_year, statistics_unit, wants_workbook, workbook_response
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


def _commitment(request, case, data) -> str:
    services.case_record_commitment(user=request.user, case=case, **data)
    return _("已记录告知承诺。")


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
        Action("commitment", gettext_lazy("记录告知承诺"), permit_forms.CommitmentForm, _commitment,
               allowed=permissions.may_record_commitment),
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


def _reveal(request, draw, data) -> str:
    services.check_draw_reveal(user=request.user, draw=draw, sources=data["sources"])
    return _("已抽取。")


def _result(request, check, data) -> str:
    services.check_record_result(user=request.user, check=check, **data)
    return _("已记录核查结果。")


class DrawPages(WorkflowPages):
    model = CheckDraw
    namespace = "permits:draws"
    list_fields = ("number", "org_unit", "period_from", "period_to", "committed_on", "commit_sha256", "drawn_on")
    secondary_fields = ("commit_sha256",)
    search_fields = ("number",)
    filter_fields = ("org_unit",)
    create_fields = ("org_unit", "period_from", "period_to")
    form_fields = ("period_from", "period_to")
    detail_fields = ("number", "org_unit", "period_from", "period_to", "source_labels", "committed_on",
                     "commit_sha256", "pool_counts", "drawn_on", "sources", "quotas", "record_sha256")
    workflow = (Action("reveal", gettext_lazy("公开随机源并抽取"), permit_forms.DrawRevealForm, _reveal,
                       allowed=permissions.may_reveal),)

    def create(self, request, data):
        labels = ["本次抽取后首个交易日上证指数收盘点位", "本次抽取后首期福彩3D开奖号码"]
        return services.check_draw_commit(user=request.user, source_labels=labels, **self.fields_of(data))

    def editable(self, draw) -> bool:
        return False


class CheckPages(WorkflowPages):
    model = CommitmentCheck
    namespace = "permits:checks"
    list_fields = ("number", "case", "risk_class", "due_on", "method", "checked_on", "result")
    secondary_fields = ("risk_class", "method")
    search_fields = ("number", "case__number", "case__applicant_name", "case__applicant_entity__name")
    filter_fields = ("result", "risk_class", "method")
    detail_fields = ("number", "case", "draw", "risk_class", "due_on", "method", "checked_on", "result", "finding",
                     "enforcement_case")
    workflow = (Action("result", gettext_lazy("记录核查结果"), permit_forms.CheckResultForm, _result,
                       allowed=permissions.may_record_result),)

    def editable(self, check) -> bool:
        return False


def _repair(request, record, data) -> str:
    services.credit_record_repair(user=request.user, record=record, **data)
    return _("已记录信用修复。")


class CreditPages(WorkflowPages):
    model = CreditRecord
    namespace = "permits:credit"
    list_fields = ("number", "subject_name", "uscc", "behaviour", "basis", "recorded_on", "case", "commitment_check",
                   "repaired_on")
    secondary_fields = ("basis", "case", "commitment_check")
    search_fields = ("number", "subject_name", "uscc")
    detail_fields = ("number", "subject_name", "uscc", "entity", "behaviour", "basis", "recorded_on", "case",
                     "commitment_check", "repaired_on", "repair_basis")
    workflow = (Action("repair", gettext_lazy("记录信用修复"), permit_forms.CreditRepairForm, _repair,
                       allowed=permissions.may_repair_credit),)

    def editable(self, record) -> bool:
        return False


class CommendationPages(WorkflowPages):
    model = Commendation
    namespace = "permits:commendations"
    register_name = "permit_commendations"
    list_fields = ("number", "name", "held_on", "org_unit")
    search_fields = ("number", "name", "firm_names")
    create_fields = ("org_unit", "name", "held_on", "firms")
    form_fields = ("name", "held_on")
    detail_fields = ("number", "name", "held_on", "org_unit", "firm_names")

    def create(self, request, data):
        return services.commendation_create(user=request.user, **self.fields_of(data))


class PairingPages(WorkflowPages):
    model = Pairing
    namespace = "permits:pairings"
    register_name = "permit_pairings"
    list_fields = ("number", "year", "leader_name", "leader_title", "entity", "org_unit")
    search_fields = ("number", "leader_name", "entity__name", "entity__uscc")
    filter_fields = ("year", "org_unit")
    create_fields = ("org_unit", "year", "leader_name", "leader_title", "entity")
    form_fields = ("leader_title",)

    def create(self, request, data):
        return services.pairing_create(user=request.user, **self.fields_of(data))


class VisitPages(WorkflowPages):
    """The visit log: a short form (date, who, firm or pairing, issues) that fits a phone."""

    model = Visit
    namespace = "permits:visits"
    register_name = "permit_visits"
    list_fields = ("number", "visited_on", "kind", "visitor", "entity", "org_unit", "issues")
    secondary_fields = ("number", "org_unit", "issues")
    search_fields = ("number", "visitor", "entity__name", "issues")
    filter_fields = ("kind", "org_unit")
    create_fields = ("org_unit", "kind", "visited_on", "visitor", "pairing", "entity", "issues")
    form_fields = ("visitor", "issues")

    def create(self, request, data):
        return services.visit_create(user=request.user, **self.fields_of(data))


class MemberPages(WorkflowPages):
    model = ServiceTeamMember
    namespace = "permits:members"
    register_name = "permit_service_team"
    list_fields = ("name", "affiliation", "specialty", "org_unit", "joined_on")
    search_fields = ("name", "affiliation", "specialty")
    create_fields = ("org_unit", "name", "affiliation", "specialty", "phone", "joined_on")
    form_fields = ("affiliation", "specialty", "phone")

    def create(self, request, data):
        return services.member_create(user=request.user, **self.fields_of(data))


editions = EditionPages()
matters = MatterPages()
entries = EntryPages()
cases = CasePages()
draws = DrawPages()
checks = CheckPages()
credit = CreditPages()
commendations = CommendationPages()
pairings = PairingPages()
visits = VisitPages()
members = MemberPages()


class DrawRecordView(LoginRequiredMixin, View):
    """The complete draw record as JSON, for `fazhi draw verify <file> --commit <hash>` (or any re-run)."""

    def get(self, request, pk: int):
        from django.http import Http404, HttpResponse

        draw = selectors.draws_visible(request.user).filter(pk=pk).first()
        if draw is None or not draw.drawn:
            raise Http404
        response = HttpResponse(draw.record_json, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{draw.number}-record.json"'
        return response


class CreditCsvView(LoginRequiredMixin, View):
    """失信记录 as CSV for the credit system, with the case, check and enforcement case behind each."""

    def get(self, request):
        import csv

        from django.http import HttpResponse

        if not can_view(request.user, CreditRecord):
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="credit-records.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["失信主体名称", "统一社会信用代码", "失信行为", "认定依据", "认定单位", "认定日期", "记录编号",
                         "办件编号", "核查编号", "执法案件编号"])
        for row in selectors.credit_records_visible(request.user).select_related("case__org_unit"):
            enforcement = row.commitment_check.enforcement_case
            writer.writerow([row.subject_name, row.uscc, row.behaviour, row.basis, row.case.org_unit.name,
                             row.recorded_on.isoformat(), row.number, row.case.number, row.commitment_check.number,
                             enforcement.number if enforcement else ""])
        return response


class StatisticsView(LoginRequiredMixin, View):
    """Per year (and unit): matters per mode in the catalogue in force at the year's end, cases, on time, days."""

    def get(self, request):
        unit = statistics_unit(request.user, PermitCase, request.GET.get("org_unit"))
        zone_wide = request.user.has_perm("permits.view_all_permitcase")
        year = chosen_year(request, selectors.years_with_cases(), clock.today().year)
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

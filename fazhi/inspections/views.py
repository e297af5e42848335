"""Pages of 双随机、一公开: the registers, plans with their draw, tasks, the inspector's list, statistics."""

import csv
import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.enforcement.selectors import records_verify
from fazhi.enforcement.views import ProcessRecordFileView
from fazhi.inspections import engine, lifecycle, permissions, selectors, services
from fazhi.inspections import forms as action_forms
from fazhi.inspections.constants import DrawStatus, PlanStatus, TaskStatus
from fazhi.inspections.credit_export import CREDIT_COLUMNS, credit_rows
from fazhi.inspections.models import (
    Draw,
    InspectionItem,
    InspectionPlan,
    InspectionRules,
    InspectionTask,
    JointMeeting,
    JointMeetingRecord,
    Recusal,
    TaskRecord,
)
from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus
from fazhi.records.pages import RecordPages, can_view
from fazhi.records.statistics import chosen_year, wants_workbook, workbook_response
from fazhi.records.workflow import Action, WorkflowPages

# ----- the registers: 一单, 一细则, the joint meeting, recusals -----


class ItemPages(RecordPages):
    model = InspectionItem
    namespace = "inspections:items"
    register_name = "inspection_items"
    list_fields = ("code", "name", "org_unit", "category", "object_type", "method")
    secondary_fields = ("object_type", "method")
    search_fields = ("code", "name")
    filter_fields = ("org_unit", "category")
    form_fields = ("org_unit", "code", "name", "legal_basis", "object_type", "category", "method", "ratio_min",
                   "ratio_max")


class RulesPages(RecordPages):
    model = InspectionRules
    namespace = "inspections:rules"
    list_fields = ("org_unit", "document", "ratio_a", "ratio_b", "ratio_c", "ratio_d", "min_team_size",
                   "exempt_days", "max_tasks_per_inspector")
    secondary_fields = ("document", "exempt_days", "max_tasks_per_inspector")
    form_fields = ("org_unit", "document", "adopted_on", "ratio_a", "ratio_b", "ratio_c", "ratio_d",
                   "min_team_size", "exempt_days", "max_tasks_per_inspector")
    actions = ("list", "detail", "create", "edit", "archive")


class MeetingPages(RecordPages):
    model = JointMeeting
    namespace = "inspections:meetings"
    list_fields = ("name", "convenor", "convenor_title", "lead_unit", "established_on")
    form_fields = ("name", "convenor", "convenor_title", "lead_unit", "members", "established_on", "document")
    detail_template = "inspections/meeting_detail.html"
    actions = ("list", "detail", "create", "edit", "archive")


class MeetingRecordPages(RecordPages):
    model = JointMeetingRecord
    namespace = "inspections:meeting_records"
    list_fields = ("held_on", "topic", "meeting")
    search_fields = ("topic", "decisions")
    filter_fields = ("meeting",)
    form_fields = ("meeting", "held_on", "topic", "attendees", "decisions")
    actions = ("list", "detail", "create", "edit", "archive")


class RecusalPages(RecordPages):
    model = Recusal
    namespace = "inspections:recusals"
    list_fields = ("officer", "entity", "reason", "declared_on")
    search_fields = ("officer__full_name", "entity__uscc", "entity__name")
    search_placeholder = gettext_lazy("检查人员、主体名称或统一社会信用代码")
    filter_fields = ("reason",)
    form_fields = ("officer", "entity", "reason", "note", "declared_on")

    def form_class(self):
        if self._form_class is None:
            from django import forms

            self._form_class = forms.modelform_factory(Recusal, form=action_forms.RecusalForm,
                                                       fields=list(self.form_fields))
        return self._form_class


# ----- plans and their draw -----


def _approve(request, plan, data) -> str:
    services.plan_approve(user=request.user, plan=plan)
    return _("已批准抽查计划。")


def _publish_plan(request, plan, data) -> str:
    services.plan_publish(user=request.user, plan=plan)
    return _("已在门户网站公布抽查计划。")


def _commit(request, plan, data) -> str:
    labels, seals = zip(*data["source_labels"], strict=True)
    draw = services.draw_commit(user=request.user, plan=plan, source_labels=list(labels), source_seals=list(seals),
                                method=data["method"])
    return _("名录已冻结。承诺哈希：%(hash)s。请在随机源公开后录入其数值进行抽取。") % {"hash": draw.commit_sha256}


def _reveal(request, plan, data) -> str:
    draw = selectors.live_draw(plan)
    if draw is None:
        raise Http404
    draw = services.draw_reveal(user=request.user, draw=draw, sources=data["sources"])
    return _("抽取完成：%(n)d项任务。抽取记录的SHA-256：%(hash)s") % {"n": draw.task_count, "hash": draw.record_sha256}


def _void(request, plan, data) -> str:
    draw = selectors.live_draw(plan)
    if draw is None:
        raise Http404
    services.draw_void(user=request.user, draw=draw, reason=data["reason"])
    return _("本次摇号已作废，计划回到“已公布”，可重新冻结名录。")


def _publish_results(request, plan, data) -> str:
    count = services.results_publish(user=request.user, plan=plan)
    return _("已公示%(n)d项检查结果。") % {"n": count}


def year_param(request, default: int) -> int:
    """The ?year= of a statistics page, within the years the platform can hold; else `default`."""
    text = request.GET.get("year", "")
    return int(text) if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100 else default


class PlanPages(WorkflowPages):
    model = InspectionPlan
    namespace = "inspections:plans"
    list_fields = ("number", "title", "lead_unit", "starts_on", "ends_on", "inspection_date", "status")
    secondary_fields = ("starts_on", "ends_on")
    search_fields = ("number", "title")
    filter_fields = ("status", "lead_unit")
    create_fields = ("title", "lead_unit", "departments", "items", "starts_on", "ends_on", "inspection_date",
                     "registration_statuses", "industries", "entity_types", "streets", "ratio_a", "ratio_b",
                     "ratio_c", "ratio_d", "team_size", "lead_seat", "max_tasks_per_inspector", "exempt_days")
    form_fields = create_fields
    detail_fields = ("number", "title", "lead_unit", "departments", "items", "starts_on", "ends_on",
                     "inspection_date", "streets", "ratio_a", "ratio_b", "ratio_c", "ratio_d", "team_size", "lead_seat",
                     "max_tasks_per_inspector", "exempt_days", "status", "approved_by", "approved_on", "published_on")
    form_base = action_forms.PlanForm
    detail_template = "inspections/plan_detail.html"
    actions = ("list", "detail", "create", "edit")
    workflow = (
        Action("approve", gettext_lazy("批准"), action_forms.ApproveForm, _approve, allowed=permissions.may_approve),
        Action("publish", gettext_lazy("公布计划"), action_forms.PublishForm, _publish_plan,
               allowed=permissions.may_publish),
        Action("commit", gettext_lazy("冻结名录并公布承诺值"), action_forms.CommitForm, _commit,
               allowed=permissions.may_commit),
        Action("reveal", gettext_lazy("录入随机源并抽取"), action_forms.RevealForm, _reveal,
               allowed=permissions.may_reveal),
        Action("void", gettext_lazy("作废本次摇号"), action_forms.VoidForm, _void, allowed=permissions.may_void),
        Action("publish_results", gettext_lazy("公示检查结果"), action_forms.PublishForm, _publish_results,
               allowed=permissions.may_publish_results),
    )

    def editable(self, record) -> bool:
        return lifecycle.may_take(lifecycle.LIFECYCLE, record.status, "edit")

    def extra_detail_fields(self, record, request):
        def chosen(values, choices, empty):
            labels = dict(choices)
            return "、".join(str(labels.get(v, v)) for v in values) or str(empty)

        return [
            (_("登记状态"), chosen(record.registration_statuses or [RegistrationStatus.ACTIVE],
                                RegistrationStatus.choices, "")),
            (_("行业"), chosen(record.industries, Industry.choices, _("不限"))),
            (_("主体类型"), chosen(record.entity_types, EntityType.choices, _("不限"))),
        ]

    @staticmethod
    def _split(data: dict) -> tuple[dict, dict]:
        many = {name: list(data.pop(name) or []) for name in ("departments", "items", "streets") if name in data}
        return data, many

    def create(self, request, data):
        fields, many = self._split(self.fields_of(data))
        return services.plan_create(user=request.user, **many, **fields)

    def update(self, request, record, changes, reason=""):
        fields, many = self._split(dict(changes))
        return services.plan_update(user=request.user, plan=record, expected_version=record.version,
                                    reason=reason, **many, **fields)

    def detail_context(self, record, request):
        draws = list(record.draws.order_by("-committed_on"))
        live = next((d for d in draws if d.status != DrawStatus.VOIDED), None)
        tasks = record.tasks.active()
        return {
            "units": selectors.plan_units(record),
            "draw": live, "voided_draws": [d for d in draws if d.status == DrawStatus.VOIDED],
            "task_counts": {
                "all": tasks.count(), "pending": tasks.filter(status=TaskStatus.PENDING).count(),
                "completed": tasks.filter(status=TaskStatus.COMPLETED).count(),
                "published": tasks.filter(status=TaskStatus.PUBLISHED).count(),
            },
            "tasks_url": reverse("inspections:tasks:list") + f"?plan={record.pk}",
            "status": PlanStatus,
            # The steps the plan's lifecycle allows from its status: the page offers those of them the user may take.
            "next_actions": lifecycle.LIFECYCLE.actions_from(record.status),
            "min_digits": engine.SECRET_MIN_DIGITS,
        }


# ----- tasks -----


def _record_result(request, task, data) -> str:
    services.task_record_result(user=request.user, task=task, result=data["result"],
                                inspected_on=data["inspected_on"], findings=data["findings"])
    return _("已录入检查结果。结果须在完成之日起20个工作日内公示。")


def _attach(request, task, data) -> str:
    upload = data["file"]
    record = services.task_record_attach(user=request.user, task=task, kind=data["kind"], file=upload,
                                         original_name=upload.name)
    return _("已保存“%(name)s”，SHA-256：%(digest)s") % {"name": record.original_name, "digest": record.sha256}


class TaskPages(WorkflowPages):
    model = InspectionTask
    namespace = "inspections:tasks"
    list_fields = ("number", "entity", "stratum", "plan", "status", "result", "inspected_on")
    secondary_fields = ("plan", "inspected_on")
    search_fields = ("number", "entity__name", "entity__uscc")
    search_placeholder = gettext_lazy("任务编号、主体名称或统一社会信用代码")
    filter_fields = ("plan", "status", "result")
    detail_fields = ("number", "plan", "entity", "stratum", "status", "result", "findings", "inspected_on",
                     "completed_on", "published_on")
    detail_template = "inspections/task_detail.html"
    actions = ("list", "detail", "export")
    register_name = "inspection_tasks"
    workflow = (
        Action("result", gettext_lazy("录入检查结果"), action_forms.ResultForm, _record_result,
               allowed=permissions.may_record_result),
        Action("attach", gettext_lazy("上传检查记录"), action_forms.TaskRecordForm, _attach,
               allowed=permissions.may_attach_record),
    )

    def detail_context(self, record, request):
        records = list(record.records.active().select_related("created_by"))
        verification = records_verify(records) if request.GET.get("verify") else None
        return {"team": selectors.team_of(record), "records": records,
                "deadline": selectors.publication_deadline(record), "verification": verification}


items = ItemPages()
rules = RulesPages()
meetings = MeetingPages()
meeting_records = MeetingRecordPages()
recusals = RecusalPages()
plans = PlanPages()
tasks = TaskPages()


# ----- the inspector's list, the inspector pool, statistics, files -----


class MyTasksView(LoginRequiredMixin, View):
    """An inspector's tasks, phone-sized: what to visit, with whom, and the result form one tap away."""

    def get(self, request):
        rows = list(selectors.tasks_of_officer(request.user))
        return render(request, "inspections/my_tasks.html", {
            "pending": [t for t in rows if t.status == TaskStatus.PENDING],
            "done": [t for t in rows if t.status != TaskStatus.PENDING][:50],
        })


class InspectorPoolView(LoginRequiredMixin, View):
    """执法检查人员名录库: officers with a certificate valid on a date, by department."""

    def get(self, request):
        if not can_view(request.user, InspectionPlan):
            raise PermissionDenied
        try:
            on = dt.date.fromisoformat(request.GET.get("on", ""))
        except ValueError:
            on = clock.today()
        rows = selectors.inspector_pool(on=on, user=request.user)
        return render(request, "inspections/inspector_pool.html", {"on": on, "rows": rows})


class StatisticsView(LoginRequiredMixin, View):
    def get(self, request):
        if not can_view(request.user, InspectionPlan):
            raise PermissionDenied
        today = clock.today()
        held = [day.year for day in InspectionPlan.objects.active().filter(status__in=selectors.COUNTED_STATUSES)
                .dates("starts_on", "year")]
        year = chosen_year(request, held, today.year)
        stats = selectors.year_statistics(year, today=today)
        if wants_workbook(request):
            rate = stats.on_time_rate
            return workbook_response(_("%(year)d年“双随机、一公开”统计") % {"year": year}, [
                (_("指标"), [_("项目"), _("数值")], [
                    [_("抽查计划"), stats.plans], [_("部门联合抽查计划"), stats.joint_plans],
                    [_("有抽查职责的部门"), len(stats.coverage.with_duties)],
                    [_("已覆盖的部门"), len(stats.coverage.covered)],
                    [_("检查市场主体（户）"), stats.entities_inspected], [_("抽查任务"), stats.tasks],
                    [_("发现问题"), stats.problems_found], [_("已公示结果"), stats.published],
                    [_("按期公示"), stats.published_on_time],
                    [_("按期公示率"), "—" if rate is None else f"{rate:.0%}"],
                    [_("逾期未公示"), stats.overdue_unpublished]]),
                (_("未覆盖的部门"), [_("部门")], [[unit.name] for unit in stats.coverage.gaps]),
            ])
        return render(request, "inspections/statistics.html", {
            "stats": stats, "year": year,
            "years": sorted({*range(today.year, today.year - 6, -1), *held, year}, reverse=True),
        })


class DrawFileView(LoginRequiredMixin, View):
    """The frozen input (before the reveal) or the complete record (after), as published JSON."""

    def get(self, request, pk: int, kind: str):
        draw = get_object_or_404(Draw.objects.visible_to(request.user), pk=pk)
        return draw_file_response(draw, kind)


def draw_file_response(draw: Draw, kind: str) -> FileResponse:
    if kind not in ("input", "record"):
        raise Http404
    stored = draw.record_file if kind == "record" else draw.input_file
    if not stored or not stored.storage.exists(stored.name):
        raise Http404
    name = f"{draw.plan.number}-{kind}.json"
    response = FileResponse(stored.open("rb"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


class TaskRecordFileView(ProcessRecordFileView):
    """Download an inspection's full-process record file, for users who may see its task."""

    model = TaskRecord


class CreditExportView(LoginRequiredMixin, View):
    """Published results in the layout of the national credit publicity system (CSV, UTF-8 with BOM)."""

    def get(self, request):
        if not can_view(request.user, InspectionTask):
            raise PermissionDenied
        year = year_param(request, clock.today().year)
        rows = (InspectionTask.objects.visible_to(request.user).active()
                .filter(status=TaskStatus.PUBLISHED, published_on__year=year))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"抽查检查结果-{year}.csv")
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([str(label) for label in CREDIT_COLUMNS])
        writer.writerows(credit_rows(rows))
        return response

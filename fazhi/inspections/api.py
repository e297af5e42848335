"""REST API of 双随机、一公开: /api/inspections/ — plans (draft, approve, publish), their draw (commit, reveal,
void), tasks, results and their publication.

The same services and scopes as the pages: a plan is visible to its lead department and the
departments taking part; a result is entered by the task's team, those departments' staff or
the legal-affairs office.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fazhi.core.api_support import (
    MAX_ID,
    Filters,
    InputSchema,
    OrgUnitRef,
    Pagination,
    QueryParams,
    RecordId,
    add_history_route,
    choices_text,
    get_visible_or_404,
    label,
    pick_linked,
    record_for_action,
    record_id_param,
    record_invalid,
    record_routes,
    responses,
    run_service,
    search_rows,
)
from fazhi.inspections import permissions, selectors, services
from fazhi.inspections.constants import (
    DrawMethod,
    DrawStatus,
    InspectionMethod,
    ItemCategory,
    ObjectType,
    PlanStatus,
    RecusalReason,
    TaskResult,
    TaskStatus,
)
from fazhi.inspections.models import (
    Draw,
    InspectionItem,
    InspectionPlan,
    InspectionRules,
    InspectionTask,
    JointMeeting,
    JointMeetingRecord,
    Recusal,
    TaskInspector,
)
from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus
from fazhi.market_entities.models import MarketEntity
from fazhi.officers.models import Officer
from fazhi.organisation.models import OrgUnit

router = Router(tags=["双随机、一公开"])
plans_router = Router(tags=["双随机、一公开"])
tasks_router = Router(tags=["双随机、一公开"])
P, T, D = InspectionPlan, InspectionTask, Draw


class DrawOut(Schema):
    id: int
    method: str = Field(..., title=label(D, "method"), description=choices_text(DrawMethod))
    method_version: str = Field(..., title=label(D, "method_version"), description="抽取记录所用的方法版本")
    status: str = Field(..., title=label(D, "status"), description=choices_text(DrawStatus))
    source_labels: list[str] = Field(..., title=label(D, "source_labels"))
    source_seals: list[str] = Field(..., title=label(D, "source_seals"),
                                    description="与随机源逐一对应；见证人秘密数的SHA-256封存值，未封存的为空字符串")
    sources: list[list[int]] | None = Field(None, title=label(D, "sources"))
    pool_counts: dict[str, int] = Field(..., title=label(D, "pool_counts"))
    exempt_count: int
    inspector_count: int
    conflict_count: int
    commit_sha256: str = Field(..., title=label(D, "commit_sha256"))
    committed_on: dt.datetime
    drawn_on: dt.datetime | None
    record_sha256: str
    task_count: int
    void_reason: str

    @staticmethod
    def resolve_source_seals(obj: Draw) -> list[str]:
        return obj.seals_by_source


class PlanOut(Schema):
    id: int
    number: str = Field(..., title=label(P, "number"))
    title: str = Field(..., title=label(P, "title"))
    lead_unit: OrgUnitRef = Field(..., title=label(P, "lead_unit"))
    departments: list[OrgUnitRef] = Field(..., title=label(P, "departments"))
    items: list[str] = Field(..., title=label(P, "items"), description="抽查事项编码")
    starts_on: dt.date
    ends_on: dt.date
    inspection_date: dt.date
    ratios: dict[str, str] = Field(..., title="各信用风险分类的抽查比例")
    team_size: int
    max_tasks_per_inspector: int
    exempt_days: int
    status: str = Field(..., title=label(P, "status"), description=choices_text(PlanStatus))
    approved_on: dt.date | None
    published_on: dt.date | None
    draw: DrawOut | None = Field(None, title="当前摇号")
    version: int

    @staticmethod
    def resolve_departments(obj: InspectionPlan) -> list:
        return [d for d in obj.departments.all() if d.pk != obj.lead_unit_id]

    @staticmethod
    def resolve_items(obj: InspectionPlan) -> list[str]:
        return [item.code for item in obj.items.all()]

    @staticmethod
    def resolve_ratios(obj: InspectionPlan) -> dict[str, str]:
        return {risk: services.ratio_text(value) for risk, value in obj.ratios().items()}

    @staticmethod
    def resolve_draw(obj: InspectionPlan):
        live = getattr(obj, "live_draws", None)
        return live[0] if live else (None if live is not None else selectors.live_draw(obj))


class TeamMemberOut(Schema):
    officer: str
    department: OrgUnitRef


class TaskOut(Schema):
    id: int
    number: str = Field(..., title=label(T, "number"))
    plan: int
    entity_uscc: str = Field(..., title="统一社会信用代码")
    entity_name: str = Field(..., title="主体名称")
    stratum: str = Field(..., title=label(T, "stratum"))
    status: str = Field(..., title=label(T, "status"), description=choices_text(TaskStatus))
    result: str = Field(..., title=label(T, "result"), description=choices_text(TaskResult))
    findings: str
    inspected_on: dt.date | None
    completed_on: dt.date | None
    published_on: dt.date | None
    team: list[TeamMemberOut]
    version: int

    @staticmethod
    def resolve_plan(obj: InspectionTask) -> int:
        return obj.plan_id

    @staticmethod
    def resolve_entity_uscc(obj: InspectionTask) -> str:
        return obj.entity.uscc

    @staticmethod
    def resolve_entity_name(obj: InspectionTask) -> str:
        return obj.entity.name

    @staticmethod
    def resolve_team(obj: InspectionTask) -> list[dict]:
        return [{"officer": s.officer.full_name, "department": s.department} for s in obj.team.all()]


class PlanFilters(QueryParams):
    status: PlanStatus | None = Field(None, title=label(P, "status"), description=choices_text(PlanStatus))
    year: int | None = Field(None, ge=2000, le=2100, title="年度", description="计划开始日期所在年度")


class TaskFilters(QueryParams):
    plan: int | None = Field(None, ge=1, le=MAX_ID, title=label(T, "plan"))
    status: TaskStatus | None = Field(None, title=label(T, "status"), description=choices_text(TaskStatus))
    mine: bool = Field(False, title="只看本人检查组的任务")
    q: str | None = Field(None, max_length=100, title="关键词", description="主体名称或统一社会信用代码")


class CommitIn(InputSchema):
    source_labels: list[str] = Field(..., min_length=1, max_length=20, title=label(D, "source_labels"))
    source_seals: list[str] = Field([], max_length=20, title=label(D, "source_seals"),
                                    description="与随机源逐一对应：见证人秘密数的封存值（64位十六进制SHA-256，"
                                                "见 docs/draw-algorithm.md 第2节），公开随机源留空字符串")
    method: DrawMethod = Field(DrawMethod.HASHRANK, title=label(D, "method"), description=choices_text(DrawMethod))


class PlanIn(InputSchema):
    """A draft plan, as the page's form takes it; ratios and team rules left out come from the lead's 一细则."""

    title: str = Field(..., min_length=1, max_length=200, title=label(P, "title"))
    lead_unit: int = Field(..., ge=1, le=MAX_ID, title=label(P, "lead_unit"), description="牵头部门的机构 id")
    departments: list[RecordId] = Field([], max_length=50, title=label(P, "departments"),
                                        description="联合抽查（1+N）时，牵头部门以外的参与部门的机构 id")
    items: list[str] = Field(..., min_length=1, max_length=100, title=label(P, "items"), description="抽查事项编码")
    starts_on: dt.date = Field(..., title=label(P, "starts_on"))
    ends_on: dt.date = Field(..., title=label(P, "ends_on"))
    inspection_date: dt.date = Field(..., title=label(P, "inspection_date"),
                                     description="检查人员须在该日持有有效执法证")
    registration_statuses: list[RegistrationStatus] = Field(
        [], max_length=10, title=label(P, "registration_statuses"),
        description="不填则为存续；" + choices_text(RegistrationStatus))
    industries: list[Industry] = Field([], max_length=30, title=label(P, "industries"),
                                       description="不填则不限；" + choices_text(Industry))
    entity_types: list[EntityType] = Field([], max_length=20, title=label(P, "entity_types"),
                                           description="不填则不限；" + choices_text(EntityType))
    streets: list[RecordId] = Field([], max_length=100, title=label(P, "streets"),
                                    description="街道的机构 id，不填则不限")
    ratio_a: Decimal | None = Field(None, ge=0, le=1, decimal_places=4, title=label(P, "ratio_a"))
    ratio_b: Decimal | None = Field(None, ge=0, le=1, decimal_places=4, title=label(P, "ratio_b"))
    ratio_c: Decimal | None = Field(None, ge=0, le=1, decimal_places=4, title=label(P, "ratio_c"))
    ratio_d: Decimal | None = Field(None, ge=0, le=1, decimal_places=4, title=label(P, "ratio_d"))
    team_size: int | None = Field(None, ge=1, le=20, title=label(P, "team_size"))
    max_tasks_per_inspector: int | None = Field(None, ge=1, le=100000, title=label(P, "max_tasks_per_inspector"))
    exempt_days: int | None = Field(None, ge=0, le=3660, title=label(P, "exempt_days"))


class VoidIn(InputSchema):
    reason: str = Field(..., min_length=1, max_length=200, title=label(D, "void_reason"))


class RevealIn(InputSchema):
    sources: list[list[int]] = Field(..., min_length=1, max_length=20, title=label(D, "sources"),
                                     description="按公布顺序，每个随机源一组非负整数")


class TaskResultIn(InputSchema):
    version: int = Field(..., ge=1, le=MAX_ID, title=label(T, "version"), description="读取任务时的 version")
    result: TaskResult = Field(..., title=label(T, "result"), description=choices_text(TaskResult))
    inspected_on: dt.date = Field(..., title=label(T, "inspected_on"))
    findings: str = Field("", max_length=5000, title=label(T, "findings"))


def _plans(user):
    live = Prefetch("draws", Draw.objects.exclude(status=DrawStatus.VOIDED), to_attr="live_draws")
    return (InspectionPlan.objects.visible_to(user).active().select_related("lead_unit")
            .prefetch_related("departments", "items", live))


def _team():
    return Prefetch("team", TaskInspector.objects.select_related("officer", "department").order_by("position"))


def _tasks(user):
    return InspectionTask.objects.visible_to(user).active().select_related("entity", "plan").prefetch_related(_team())


@plans_router.get("", response=responses(401, 422, s200=list[PlanOut]), operation_id="inspection_plans_list",
            summary="抽查计划列表")
@paginate(Pagination)
def plans_list(request: HttpRequest, filters: Query[PlanFilters]):
    rows = _plans(request.user)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.year is not None:
        rows = rows.filter(starts_on__year=filters.year)
    return rows


@plans_router.get("/{id}", response=responses(401, 404, 422, s200=PlanOut), operation_id="inspection_plans_detail",
            summary="抽查计划详情（含当前摇号）")
def plans_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(InspectionPlan, request.user, id, queryset=_plans(request.user))


UNKNOWN_UNITS = gettext_lazy("没有这些机构：%(ids)s。")
UNKNOWN_ITEMS = gettext_lazy("没有这些抽查事项：%(codes)s。")


def _units(ids: list[int], field: str) -> list[OrgUnit]:
    """The organisation units with these ids, else 422 naming the field; whether the plan may take them (their
    kind, not archived) is the service's to say (services.plan_unit_choices)."""
    found = list(OrgUnit.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        missing = sorted(set(ids) - {unit.pk for unit in found})
        raise record_invalid(P, ValidationError({field: UNKNOWN_UNITS % {"ids": "、".join(map(str, missing))}}))
    return found


@plans_router.post("", response=responses(400, 401, 403, 422, s201=PlanOut), operation_id="inspection_plans_create",
                   summary="拟定抽查计划（比例、检查组人数等留空则按牵头部门的抽查工作细则）")
def plans_create(request: HttpRequest, payload: PlanIn):
    fields = payload.model_dump(exclude={"lead_unit", "departments", "items", "streets"})
    (lead_unit,) = _units([payload.lead_unit], "lead_unit")
    items = list(InspectionItem.objects.filter(code__in=payload.items))
    unknown = sorted(set(payload.items) - {item.code for item in items})
    if unknown:
        raise record_invalid(P, ValidationError({"items": UNKNOWN_ITEMS % {"codes": "、".join(unknown)}}))
    plan = run_service(P, services.plan_create, user=request.user, lead_unit=lead_unit, items=items,
                       departments=_units(payload.departments, "departments"),
                       streets=_units(payload.streets, "streets"), **fields)
    return Status(201, _plans(request.user).get(pk=plan.pk))


def _plan_step(request: HttpRequest, id: int, may, service):
    """A workflow step of a visible plan, allowed by its permissions.may_<action> (403 otherwise), through its
    service."""
    plan = record_for_action(InspectionPlan, request.user, id, may)
    run_service(P, service, user=request.user, plan=plan)
    return _plans(request.user).get(pk=plan.pk)


@plans_router.post("/{id}/approve", response=responses(400, 401, 403, 404, 422, s200=PlanOut),
                   operation_id="inspection_plans_approve", summary="审批抽查计划（领导或法制机构）")
def plans_approve(request: HttpRequest, id: int = record_id_param()):
    return _plan_step(request, id, permissions.may_approve, services.plan_approve)


@plans_router.post("/{id}/publish", response=responses(400, 401, 403, 404, 422, s200=PlanOut),
                   operation_id="inspection_plans_publish", summary="在门户网站公布已批准的抽查计划")
def plans_publish(request: HttpRequest, id: int = record_id_param()):
    return _plan_step(request, id, permissions.may_publish, services.plan_publish)


@plans_router.post("/{id}/publish-results", response=responses(400, 401, 403, 404, 422, s200=PlanOut),
                   operation_id="inspection_plans_publish_results",
                   summary="公示已录入的检查结果（一公开；自检查之日起20个工作日内）")
def plans_publish_results(request: HttpRequest, id: int = record_id_param()):
    return _plan_step(request, id, permissions.may_publish_results, services.results_publish)


@plans_router.post("/{id}/commit", response=responses(400, 401, 403, 404, 422, s200=PlanOut),
             operation_id="inspection_plans_commit", summary="冻结名录并公布承诺值（抽取前）")
def plans_commit(request: HttpRequest, payload: CommitIn, id: int = record_id_param()):
    plan = record_for_action(InspectionPlan, request.user, id, permissions.may_commit)
    services.draw_commit(user=request.user, plan=plan, source_labels=payload.source_labels,
                         source_seals=payload.source_seals, method=payload.method)
    return _plans(request.user).get(pk=plan.pk)


@plans_router.post("/{id}/reveal", response=responses(400, 401, 403, 404, 422, s200=PlanOut),
             operation_id="inspection_plans_reveal", summary="录入随机源数值并抽取")
def plans_reveal(request: HttpRequest, payload: RevealIn, id: int = record_id_param()):
    plan = record_for_action(InspectionPlan, request.user, id, permissions.may_reveal)
    draw = selectors.live_draw(plan)
    if draw is None:
        services.raise_no_draw(plan)
    services.draw_reveal(user=request.user, draw=draw, sources=payload.sources)
    return _plans(request.user).get(pk=plan.pk)


@plans_router.post("/{id}/void", response=responses(400, 401, 403, 404, 422, s200=PlanOut),
                   operation_id="inspection_plans_void_draw",
                   summary="作废已冻结、尚未抽取的摇号（法制机构；作废记录在门户网站保留）")
def plans_void_draw(request: HttpRequest, payload: VoidIn, id: int = record_id_param()):
    plan = record_for_action(InspectionPlan, request.user, id, permissions.may_void)
    draw = selectors.live_draw(plan)
    if draw is None:
        services.raise_no_draw(plan)
    services.draw_void(user=request.user, draw=draw, reason=payload.reason)
    return _plans(request.user).get(pk=plan.pk)


@tasks_router.get("", response=responses(401, 422, s200=list[TaskOut]), operation_id="inspection_tasks_list",
            summary="抽查任务列表")
@paginate(Pagination)
def tasks_list(request: HttpRequest, filters: Query[TaskFilters]):
    rows = (selectors.tasks_of_officer(request.user).prefetch_related(_team()) if filters.mine
            else _tasks(request.user))
    if filters.plan is not None:
        rows = rows.filter(plan_id=filters.plan)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.q:
        rows = rows.filter(Q(entity__name__icontains=filters.q) | Q(entity__uscc=filters.q.upper()))
    return rows


def _task(request, id: int) -> InspectionTask:
    user = request.user
    rows = _tasks(user) | selectors.tasks_of_officer(user)
    return get_visible_or_404(InspectionTask, user, id, queryset=rows)


@tasks_router.get("/{id}", response=responses(401, 404, 422, s200=TaskOut), operation_id="inspection_tasks_detail",
            summary="抽查任务详情")
def tasks_detail(request: HttpRequest, id: int = record_id_param()):
    return _task(request, id)


@tasks_router.post("/{id}/result", response=responses(400, 401, 403, 404, 409, 422, s200=TaskOut),
             operation_id="inspection_tasks_result", summary="录入或更正检查结果（需提供 version）")
def tasks_result(request: HttpRequest, payload: TaskResultIn, id: int = record_id_param()):
    task = _task(request, id)
    return services.task_record_result(user=request.user, task=task, result=payload.result,
                                       inspected_on=payload.inspected_on, findings=payload.findings,
                                       expected_version=payload.version)


add_history_route(plans_router, InspectionPlan, "inspection_plans", "抽查计划")
add_history_route(tasks_router, InspectionTask, "inspection_tasks", "抽查任务")


# --- the registers: 一单 (items), 一细则 (rules), the joint meeting, recusals ---------------------------

items_router = Router(tags=["双随机、一公开"])
rules_router = Router(tags=["双随机、一公开"])
meetings_router = Router(tags=["双随机、一公开"])
recusals_router = Router(tags=["双随机、一公开"])


class ItemOut(Schema):
    id: int
    code: str = Field(..., title=label(InspectionItem, "code"))
    name: str = Field(..., title=label(InspectionItem, "name"))
    org_unit: OrgUnitRef = Field(..., title=label(InspectionItem, "org_unit"))
    legal_basis: str = Field(..., title=label(InspectionItem, "legal_basis"))
    object_type: str = Field(..., title=label(InspectionItem, "object_type"), description=choices_text(ObjectType))
    category: str = Field(..., title=label(InspectionItem, "category"), description=choices_text(ItemCategory))
    method: str = Field(..., title=label(InspectionItem, "method"), description=choices_text(InspectionMethod))
    ratio_min: Decimal = Field(..., title=label(InspectionItem, "ratio_min"))
    ratio_max: Decimal = Field(..., title=label(InspectionItem, "ratio_max"))
    archived_on: dt.datetime | None
    version: int


class ItemFilters(Filters):
    org_unit: int | None = Field(None, ge=1, le=MAX_ID, title=label(InspectionItem, "org_unit"))
    category: ItemCategory | None = Field(None, title=label(InspectionItem, "category"))


def _filter_items(rows, f: ItemFilters):
    if f.org_unit is not None:
        rows = rows.filter(org_unit_id=f.org_unit)
    if f.category is not None:
        rows = rows.filter(category=f.category)
    return search_rows(rows, f, "code", "name")


class RulesOut(Schema):
    id: int
    org_unit: OrgUnitRef = Field(..., title=label(InspectionRules, "org_unit"))
    document: str = Field(..., title=label(InspectionRules, "document"))
    adopted_on: dt.date | None = Field(None, title=label(InspectionRules, "adopted_on"))
    ratios: dict[str, str] = Field(..., title="各信用风险分类的抽查比例")
    min_team_size: int = Field(..., title=label(InspectionRules, "min_team_size"))
    exempt_days: int = Field(..., title=label(InspectionRules, "exempt_days"))
    max_tasks_per_inspector: int = Field(..., title=label(InspectionRules, "max_tasks_per_inspector"))
    archived_on: dt.datetime | None
    version: int

    @staticmethod
    def resolve_ratios(obj: InspectionRules) -> dict[str, str]:
        return {risk: services.ratio_text(getattr(obj, f"ratio_{risk.lower()}")) for risk in "ABCD"}


class MeetingRecordOut(Schema):
    held_on: dt.date = Field(..., title=label(JointMeetingRecord, "held_on"))
    topic: str = Field(..., title=label(JointMeetingRecord, "topic"))
    attendees: list[OrgUnitRef] = Field(..., title=label(JointMeetingRecord, "attendees"))
    decisions: str = Field(..., title=label(JointMeetingRecord, "decisions"))


class MeetingOut(Schema):
    id: int
    name: str = Field(..., title=label(JointMeeting, "name"))
    convenor: str = Field(..., title=label(JointMeeting, "convenor"))
    convenor_title: str = Field(..., title=label(JointMeeting, "convenor_title"))
    lead_unit: OrgUnitRef = Field(..., title=label(JointMeeting, "lead_unit"))
    members: list[OrgUnitRef] = Field(..., title=label(JointMeeting, "members"))
    established_on: dt.date = Field(..., title=label(JointMeeting, "established_on"))
    document: str = Field(..., title=label(JointMeeting, "document"))
    records: list[MeetingRecordOut] = Field(..., title="会议记录")
    archived_on: dt.datetime | None
    version: int

    @staticmethod
    def resolve_records(obj: JointMeeting) -> list:
        return [r for r in obj.records.all() if r.archived_on is None]


class RecusalOut(Schema):
    id: int
    officer: str = Field(..., title=label(Recusal, "officer"))
    officer_id: int
    entity_uscc: str = Field(..., title="统一社会信用代码")
    entity_name: str = Field(..., title="主体名称")
    reason: str = Field(..., title=label(Recusal, "reason"), description=choices_text(RecusalReason))
    note: str = Field(..., title=label(Recusal, "note"))
    declared_on: dt.date = Field(..., title=label(Recusal, "declared_on"))
    archived_on: dt.datetime | None
    version: int

    @staticmethod
    def resolve_officer(obj: Recusal) -> str:
        return obj.officer.full_name

    @staticmethod
    def resolve_entity_uscc(obj: Recusal) -> str:
        return obj.entity.uscc

    @staticmethod
    def resolve_entity_name(obj: Recusal) -> str:
        return obj.entity.name


class RecusalIn(InputSchema):
    officer: int = Field(..., ge=1, le=MAX_ID, title=label(Recusal, "officer"), description="执法人员 id")
    entity_uscc: str = Field(..., min_length=18, max_length=18, title="统一社会信用代码",
                             description="须回避的市场主体")
    reason: RecusalReason = Field(..., title=label(Recusal, "reason"), description=choices_text(RecusalReason))
    note: str = Field("", max_length=200, title=label(Recusal, "note"))
    declared_on: dt.date = Field(..., title=label(Recusal, "declared_on"))


class RecusalFilters(Filters):
    officer: int | None = Field(None, ge=1, le=MAX_ID, title=label(Recusal, "officer"))
    reason: RecusalReason | None = Field(None, title=label(Recusal, "reason"))


def _filter_recusals(rows, f: RecusalFilters):
    if f.officer is not None:
        rows = rows.filter(officer_id=f.officer)
    if f.reason is not None:
        rows = rows.filter(reason=f.reason)
    return search_rows(rows, f, "officer__full_name", "entity__uscc", "entity__name")


def _recusal_entity(_user, uscc: str) -> MarketEntity:
    entity = MarketEntity.objects.filter(uscc=uscc.strip().upper()).first()
    if entity is None:
        message = _("市场主体名录中没有统一社会信用代码为%(uscc)s的主体。") % {"uscc": uscc}
        raise record_invalid(Recusal, ValidationError({"entity": message}))
    return entity


def _declare_recusal(*, user, entity_uscc: MarketEntity, **fields) -> Recusal:
    return services.recusal_declare(user=user, entity=entity_uscc, **fields)


record_routes(items_router, model=InspectionItem, prefix="inspection_items", title="抽查事项清单（一单）", out=ItemOut,
              rows=lambda user: InspectionItem.objects.visible_to(user).select_related("org_unit"),
              filters_schema=ItemFilters, apply=_filter_items)
record_routes(rules_router, model=InspectionRules, prefix="inspection_rules", title="抽查工作细则（一细则）",
              out=RulesOut, rows=lambda user: InspectionRules.objects.visible_to(user).select_related("org_unit"),
              filters_schema=Filters, apply=lambda rows, f: search_rows(rows, f, "document", "org_unit__name"))
record_routes(meetings_router, model=JointMeeting, prefix="inspection_meetings", title="联席会议", out=MeetingOut,
              rows=lambda user: JointMeeting.objects.visible_to(user).select_related("lead_unit").prefetch_related(
                  "members", "records__attendees"),
              filters_schema=Filters,
              apply=lambda rows, f: search_rows(rows, f, "name", "convenor", "member_names", "document"))
record_routes(recusals_router, model=Recusal, prefix="inspection_recusals", title="回避申报", out=RecusalOut,
              rows=lambda user: Recusal.objects.visible_to(user).select_related("officer", "entity"),
              filters_schema=RecusalFilters, apply=_filter_recusals,
              create=RecusalIn, service=_declare_recusal, create_summary="申报回避（抽取时不会派往该主体）",
              # The officer as the pages offer them; the service checks the user may declare for them.
              convert={"officer": lambda user, pk: pick_linked(Officer, user, pk, Recusal, "officer"),
                       "entity_uscc": _recusal_entity})

router.add_router("/plans", plans_router)
router.add_router("/tasks", tasks_router)
router.add_router("/items", items_router)
router.add_router("/rules", rules_router)
router.add_router("/meetings", meetings_router)
router.add_router("/recusals", recusals_router)

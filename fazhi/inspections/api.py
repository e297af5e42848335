"""REST API of 双随机、一公开: /api/inspections/ — plans (draft, approve, publish), their draw (commit, reveal,
void), tasks, results and their publication.

The same services and scopes as the pages: a plan is visible to its lead department and the
departments taking part; a result is entered by the task's team, those departments' staff or
the legal-affairs office.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from fazhi.core.api_support import (
    MAX_ID,
    ActionRoute,
    Filters,
    InputSchema,
    OrgUnitRef,
    Pagination,
    QueryParams,
    RecordId,
    add_history_route,
    choices_text,
    filter_fields,
    get_visible_or_404,
    label,
    lifecycle_routes,
    model_schema,
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
from fazhi.inspections.constants import DrawStatus
from fazhi.inspections.lifecycle import PLAN_LIFECYCLE
from fazhi.inspections.models import (
    RATIO_FIELDS,
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

# A drawn entity and a recusal name their market entity by its code and name (not fields of theirs).
_ENTITY = {"entity_uscc": (str, Field(..., title=label(MarketEntity, "uscc"))),
           "entity_name": (str, Field(..., title="主体名称"))}
_ENTITY_RESOLVE = {"entity_uscc": lambda record: record.entity.uscc,
                   "entity_name": lambda record: record.entity.name}
_RATIOS = {"ratios": (dict[str, str], Field(..., title="各信用风险分类的抽查比例"))}


def _ratios_text(record: InspectionPlan | InspectionRules) -> dict[str, str]:
    """The sampling ratio of each risk class, as text (the `ratios` of a plan or of rules)."""
    return {risk: services.ratio_text(value) for risk, value in record.ratios().items()}


def _live_draw(plan: InspectionPlan) -> Draw | None:
    """The plan's draw that is not voided: prefetched by _plans (live_draws), else read."""
    live = getattr(plan, "live_draws", None)
    return live[0] if live else (None if live is not None else selectors.live_draw(plan))


DrawOut = model_schema(
    "DrawOut", D,
    ("id", "method", "method_version", "status", "source_labels", "source_seals", "sources", "pool_counts",
     "exempt_count", "inspector_count", "conflict_count", "commit_sha256", "committed_on", "drawn_on",
     "record_sha256", "task_count", "void_reason"),
    types={"source_labels": list[str], "source_seals": list[str], "sources": list[list[int]],
           "pool_counts": dict[str, int]},
    optional=("sources",), options={"method_version": {"description": "抽取记录所用的方法版本"}},
    resolve={"source_seals": lambda draw: draw.seals_by_source},
)

PlanOut = model_schema(
    "PlanOut", P,
    ("id", "number", "title", "lead_unit", "departments", "items", "starts_on", "ends_on", "inspection_date",
     "ratios", "team_size", "max_tasks_per_inspector", "exempt_days", "status", "approved_on", "published_on",
     "draw", "version"),
    types={"departments": list[OrgUnitRef], "items": list[str]},
    options={"items": {"description": "抽查事项编码"}},
    extra={**_RATIOS, "draw": (DrawOut | None, Field(None, title="当前摇号"))},
    resolve={
        "departments": lambda plan: [d for d in plan.departments.all() if d.pk != plan.lead_unit_id],
        "items": lambda plan: [item.code for item in plan.items.all()],
        "ratios": _ratios_text,
        "draw": _live_draw,
    },
)

TeamMemberOut = model_schema("TeamMemberOut", TaskInspector, ("officer", "department"), types={"officer": str},
                             resolve={"officer": lambda seat: seat.officer.full_name})

TaskOut = model_schema(
    "TaskOut", T,
    ("id", "number", "plan", "entity_uscc", "entity_name", "stratum", "status", "result", "findings",
     "inspected_on", "completed_on", "published_on", "team", "version"),
    types={"plan": int}, extra={**_ENTITY, "team": list[TeamMemberOut]},
    resolve={"plan": lambda task: task.plan_id, **_ENTITY_RESOLVE, "team": lambda task: list(task.team.all())},
)

PlanFilters = model_schema(
    "PlanFilters", P, ("status", "year"), base=QueryParams,
    extra={"year": (int | None, Field(None, ge=2000, le=2100, title="年度", description="计划开始日期所在年度"))})

TaskFilters = model_schema(
    "TaskFilters", T, ("plan", "status", "mine", "q"), base=QueryParams,
    extra={"mine": (bool, Field(False, title="只看本人检查组的任务")),
           "q": filter_fields("主体名称或统一社会信用代码")["q"]})

CommitIn = model_schema(
    "CommitIn", D, ("source_labels", "source_seals", "method"), base=InputSchema,
    types={"source_labels": list[str], "source_seals": list[str]},
    options={"source_labels": {"min_length": 1, "max_length": 20},
             "source_seals": {"max_length": 20, "description": "与随机源逐一对应：见证人秘密数的封存值（64位十六进制"
                              "SHA-256，见 docs/draw-algorithm.md 第2节），公开随机源留空字符串"}},
)


def _not_sent(low: int, high: int) -> dict:
    """A number left out (None): the lead department's 一细则 gives it."""
    return {"default": None, "ge": low, "le": high}


_RATIO = {"default": None, "ge": 0, "le": 1, "decimal_places": 4}

# The many-to-many fields are lists of ids or codes, with a default []: model_schema has no shape for them.
PlanIn = model_schema(
    "PlanIn", P,
    ("title", "lead_unit", "departments", "items", "starts_on", "ends_on", "inspection_date",
     "registration_statuses", "industries", "entity_types", "streets", "ratio_a", "ratio_b", "ratio_c", "ratio_d",
     "team_size", "max_tasks_per_inspector", "exempt_days"), base=InputSchema,
    types={"registration_statuses": list[RegistrationStatus], "industries": list[Industry],
           "entity_types": list[EntityType], **dict.fromkeys(RATIO_FIELDS.values(), Decimal | None),
           "team_size": int | None, "max_tasks_per_inspector": int | None, "exempt_days": int | None},
    options={"lead_unit": {"description": "牵头部门的机构 id"},
             "registration_statuses": {"max_length": 10,
                                       "description": "不填则为存续；" + choices_text(RegistrationStatus)},
             "industries": {"max_length": 30, "description": "不填则不限；" + choices_text(Industry)},
             "entity_types": {"max_length": 20, "description": "不填则不限；" + choices_text(EntityType)},
             **dict.fromkeys(RATIO_FIELDS.values(), _RATIO),
             "team_size": _not_sent(1, 20), "max_tasks_per_inspector": _not_sent(1, 100000),
             "exempt_days": _not_sent(0, 3660)},
    extra={"departments": (list[RecordId], Field([], max_length=50, title=label(P, "departments"),
                                                 description="联合抽查（1+N）时，牵头部门以外的参与部门的机构 id")),
           "items": (list[str], Field(..., min_length=1, max_length=100, title=label(P, "items"),
                                      description="抽查事项编码")),
           "streets": (list[RecordId], Field([], max_length=100, title=label(P, "streets"),
                                             description="街道的机构 id，不填则不限"))},
    doc="A draft plan, as the page's form takes it; ratios and team rules left out come from the lead's 一细则.",
)

VoidIn = model_schema("VoidIn", D, ("reason",), base=InputSchema, source={"reason": "void_reason"},
                      required=("reason",))

RevealIn = model_schema("RevealIn", D, ("sources",), base=InputSchema, types={"sources": list[list[int]]},
                        required=("sources",),
                        options={"sources": {"min_length": 1, "max_length": 20,
                                             "description": "按公布顺序，每个随机源一组非负整数"}})

TaskResultIn = model_schema(
    "TaskResultIn", T, ("version", "result", "inspected_on", "findings"), base=InputSchema,
    required=("version", "result", "inspected_on"),
    options={"version": {"ge": 1, "le": MAX_ID, "description": "读取任务时的 version"},
             "findings": {"max_length": 5000}},
)


def _plans(user, *, with_archived: bool = False):
    live = Prefetch("draws", Draw.objects.exclude(status=DrawStatus.VOIDED), to_attr="live_draws")
    rows = InspectionPlan.objects.visible_to(user)
    return ((rows if with_archived else rows.active()).select_related("lead_unit")
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


# Approving, publishing and publishing the results take no body: the standard action routes.
lifecycle_routes(
    plans_router, PLAN_LIFECYCLE, model=P, rows=lambda user: _plans(user, with_archived=True), out=PlanOut,
    record_param="plan", operation_prefix="inspection_plans",
    routes={
        "approve": ActionRoute("approve", None, services.plan_approve, permissions.may_approve,
                               summary="审批抽查计划（领导或法制机构）"),
        "publish": ActionRoute("publish", None, services.plan_publish, permissions.may_publish,
                               summary="在门户网站公布已批准的抽查计划"),
        "publish_results": ActionRoute("publish-results", None, services.results_publish,
                                       permissions.may_publish_results,
                                       summary="公示已录入的检查结果（一公开；自检查之日起20个工作日内）"),
    },
    not_routed={"edit": "a draft is edited on its page only",
                "commit": "its own route below: the body has no version and the service writes a draw",
                "reveal": "its own route below: acts on the plan's live draw",
                "void": "its own route below (void_draw): acts on the plan's live draw"},
)


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


_ARCHIVE = ("archived_on", "version")

ItemOut = model_schema(
    "ItemOut", InspectionItem,
    ("id", "code", "name", "org_unit", "legal_basis", "object_type", "category", "method", "ratio_min", "ratio_max",
     *_ARCHIVE),
)

ItemFilters = model_schema("ItemFilters", InspectionItem, ("org_unit", "category"), base=Filters)


def _filter_items(rows, f):
    if f.org_unit is not None:
        rows = rows.filter(org_unit_id=f.org_unit)
    if f.category is not None:
        rows = rows.filter(category=f.category)
    return search_rows(rows, f, "code", "name")


RulesOut = model_schema(
    "RulesOut", InspectionRules,
    ("id", "org_unit", "document", "adopted_on", "ratios", "min_team_size", "exempt_days", "max_tasks_per_inspector",
     *_ARCHIVE),
    optional=("adopted_on",), extra=_RATIOS,
    resolve={"ratios": _ratios_text},
)

MeetingRecordOut = model_schema("MeetingRecordOut", JointMeetingRecord, ("held_on", "topic", "attendees", "decisions"),
                                types={"attendees": list[OrgUnitRef]})

MeetingOut = model_schema(
    "MeetingOut", JointMeeting,
    ("id", "name", "convenor", "convenor_title", "lead_unit", "members", "established_on", "document", "records",
     *_ARCHIVE),
    types={"members": list[OrgUnitRef]},
    extra={"records": (list[MeetingRecordOut], Field(..., title="会议记录"))},
    resolve={"records": lambda meeting: [r for r in meeting.records.all() if r.archived_on is None]},
)

RecusalOut = model_schema(
    "RecusalOut", Recusal,
    ("id", "officer", "officer_id", "entity_uscc", "entity_name", "reason", "note", "declared_on", *_ARCHIVE),
    types={"officer": str}, extra={"officer_id": int, **_ENTITY},
    resolve={"officer": lambda recusal: recusal.officer.full_name, **_ENTITY_RESOLVE},
)

RecusalIn = model_schema(
    "RecusalIn", Recusal, ("officer", "entity_uscc", "reason", "note", "declared_on"), base=InputSchema,
    options={"officer": {"description": "执法人员 id"}},
    # The entity is named by its code (the service looks it up), not by the id model_schema would take.
    extra={"entity_uscc": (str, Field(..., min_length=18, max_length=18, title=label(MarketEntity, "uscc"),
                                      description="须回避的市场主体"))},
)

RecusalFilters = model_schema("RecusalFilters", Recusal, ("officer", "reason"), base=Filters)


def _filter_recusals(rows, f):
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

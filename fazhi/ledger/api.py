"""REST API of the tracking ledger: /api/ledger/items... the items with their extend / escalate / answer / rate
actions (the same rules as the pages: permissions.may_<action>), and /api/ledger/statistics per kind."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    QueryParams,
    filter_fields,
    lifecycle_routes,
    model_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
    search_rows,
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.core.services import record_create
from fazhi.ledger import permissions, selectors, services
from fazhi.ledger.constants import AnswerGrade, ItemKind, ItemState, ProposalKind, Rectification
from fazhi.ledger.models import CoHandling, HandlingRule, TrackedItem
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit
from fazhi.records.statistics import statistics_unit

router = Router(tags=["跟踪台账"])

_ARCHIVE = ("version", "archived_on")

EntityRef = model_schema("LedgerEntityRef", MarketEntity, ("id", "uscc", "name"))
# What the 主办 unit reads of its item's co-handling on the item itself.
CoHandlingRef = model_schema("LedgerCoHandlingRef", CoHandling,
                             ("id", "unit", "assigned_on", "views_due_on", "views_on", "views"))
ItemOut = model_schema(
    "LedgerItemOut", TrackedItem,
    ("id", "number", "kind", "kind_label", "source", "source_entity", "source_reference", "owner_unit", "handler",
     "lawsuit", "subject", "content", "received_on", "due_on", "due_basis", "extended_to", "extension_reason",
     "answered_on",
     "escalated_on", "escalation_note", "returned_on", "return_reason", "answer", "grade", "days_taken", "on_time",
     "satisfaction", "satisfaction_label", "rated_on", "second_due_on", "second_answered_on", "second_answer",
     "second_satisfaction", "rectification", "closed_on", "closing_note", "closing_file_name", "closing_file_sha256",
     "co_handlings", "state", *_ARCHIVE),
    types={"source_entity": EntityRef | None, "lawsuit": int | None}, optional=("archived_on",),
    extra={"state": (ItemState, Field(..., title="办理状态（今日）")),
           "co_handlings": (list[CoHandlingRef], Field(..., title="会办单位及会办意见"))},
    resolve={"state": lambda item: item.state_on(clock.today()), "lawsuit": lambda item: item.lawsuit_id,
             "co_handlings": lambda item: [co for co in item.co_handlings.all() if not co.is_archived]})
ItemIn = model_schema(
    "LedgerItemIn", TrackedItem,
    ("kind", "source", "source_entity", "source_reference", "lawsuit", "owner_unit", "handler", "subject", "content",
     "received_on", "due_on", "due_basis", "rectification"), base=InputSchema,
    types={"rectification": Rectification | None},
    options={"rectification": {"default": None, "description": "审计发现问题必填：立行立改、分阶段整改或持续整改"}},
    extra={"due_on": (dt.date | None, Field(None, title="办理期限",
                                            description="该类事项没有默认期限的必填，并填写期限依据")),
           "due_basis": (str, Field("", max_length=200, title="期限依据"))})
ItemFilters = model_schema("LedgerItemFilters", TrackedItem, ("kind", "q", "include_archived"), base=QueryParams,
                           types={"kind": ItemKind}, extra=filter_fields("编号、来源、事项或来源文号中的文字"))
ExtendIn = model_schema("LedgerExtendIn", TrackedItem, ("extended_to", "reason"), base=ActionIn,
                        required=("extended_to",),
                        extra={"reason": (str, Field(..., min_length=1, max_length=200, title="延期理由"))})
AnswerIn = model_schema("LedgerAnswerIn", TrackedItem, ("answer", "answered_on", "grade"), base=ActionIn,
                        required=("answer",), types={"grade": AnswerGrade | None},
                        options={"answered_on": {"description": "默认今天"},
                                 "grade": {"default": None,
                                           "description": "人大代表建议、政协提案必填（A、B、C、D，含义见办理规则）"}})
EscalateIn = model_schema("LedgerEscalateIn", TrackedItem, ("note", "escalated_on"), base=ActionIn,
                          options={"escalated_on": {"description": "默认今天"}},
                          extra={"note": (str, Field(..., min_length=1, max_length=200, title="督办意见"))})
RateIn = model_schema("LedgerRateIn", TrackedItem, ("satisfaction", "rated_on"), base=ActionIn,
                      required=("satisfaction",), options={"rated_on": {"description": "默认今天"}})
RateAgainIn = model_schema("LedgerRateAgainIn", TrackedItem, ("satisfaction",), base=ActionIn,
                           required=("satisfaction",))
ReturnIn = model_schema("LedgerReturnIn", TrackedItem, ("reason", "returned_on"), base=ActionIn,
                        options={"returned_on": {"description": "默认今天"}},
                        extra={"reason": (str, Field(..., min_length=1, max_length=200, title="退回理由"))})
ReassignIn = model_schema("LedgerReassignIn", TrackedItem, ("owner_unit", "reason"), base=ActionIn,
                          required=("owner_unit",),
                          extra={"reason": (str, Field(..., min_length=1, max_length=90, title="改派说明"))})
CoHandlingOut = model_schema(
    "LedgerCoHandlingOut", CoHandling,
    ("id", "item", "subject", "source", "content", "lead_unit", "item_due_on", "unit", "assigned_on", "views_due_on",
     "views_on", "views", *_ARCHIVE),
    types={"item": int}, optional=("archived_on",),
    extra={"subject": (str, Field(..., title="事项")), "source": (str, Field(..., title="来源")),
           "content": (str, Field(..., title="内容")), "lead_unit": (str, Field(..., title="主办单位")),
           "item_due_on": (dt.date, Field(..., title="答复期限"))},
    resolve={"item": lambda co: co.item_id, "subject": lambda co: co.item.subject,
             "source": lambda co: co.item.source, "content": lambda co: co.item.content,
             "lead_unit": lambda co: str(co.item.owner_unit), "item_due_on": lambda co: co.item.effective_due_on})
CoHandlerIn = model_schema("LedgerCoHandlerIn", CoHandling, ("unit", "assigned_on"), base=ActionIn,
                           required=("unit",), options={"assigned_on": {"description": "默认今天", "default": None}},
                           types={"assigned_on": dt.date | None})
ViewsIn = model_schema("LedgerViewsIn", CoHandling, ("views", "views_on"), base=ActionIn, required=("views",),
                       options={"views_on": {"description": "默认今天"}})
RuleOut = model_schema(
    "LedgerRuleOut", HandlingRule,
    ("id", "kind", "kind_label", "name", "effective_from", "reply_months", "return_days", "return_in_working_days",
     "co_handler_months", "second_round_months", "grade_a", "grade_b", "grade_c", "grade_d", *_ARCHIVE),
    optional=("archived_on",), types={"kind": ProposalKind})
RuleIn = model_schema(
    "LedgerRuleIn", HandlingRule,
    ("kind", "name", "effective_from", "reply_months", "return_days", "return_in_working_days", "co_handler_months",
     "second_round_months", "grade_a", "grade_b", "grade_c", "grade_d"), base=InputSchema,
    types={"kind": ProposalKind})


def _co_handler(*, user, item, unit: int, assigned_on: dt.date | None = None):
    picked = pick_linked(OrgUnit, user, unit, CoHandling, "unit", queryset=OrgUnit.objects.active())
    return services.co_handler_add(user=user, item=item, unit=picked, assigned_on=assigned_on)


def _reassign(*, user, item, owner_unit: int, reason: str):
    unit = pick_linked(OrgUnit, user, owner_unit, TrackedItem, "owner_unit")
    return services.item_reassign(user=user, item=item, owner_unit=unit, reason=reason)


def _filtered(rows, filters):
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    return search_rows(rows, filters, "number", "source", "subject", "source_reference")


items = Router()
record_routes(items, model=TrackedItem, prefix="ledger_items", title="跟踪事项", out=ItemOut,
              rows=selectors.items_visible, filters_schema=ItemFilters, apply=_filtered, create=ItemIn,
              service=services.item_create, create_summary="登记跟踪事项（期限按该类事项的默认期限，或填写期限及依据）",
              convert={"owner_unit": unit_to_write(TrackedItem, "owner_unit"),
                       "source_entity": lambda user, pk: pick_linked(MarketEntity, user, pk, TrackedItem,
                                                                     "source_entity"),
                       "lawsuit": lambda user, pk: pick_linked(AdministrativeLitigation, user, pk, TrackedItem,
                                                               "lawsuit")},
              archivable=True)
# The ledger has no status table: its acts are routed as actions outside a lifecycle.
lifecycle_routes(
    items, None, model=TrackedItem, rows=selectors.items_visible, out=ItemOut, record_param="item",
    operation_prefix="ledger_items",
    other_routes={
        "extend": ActionRoute("extend", ExtendIn, services.item_extend, permissions.may_extend,
                              summary="延期（一次，延至原期限之后，写明理由）"),
        "escalate": ActionRoute("escalate", EscalateIn, services.item_escalate, permissions.may_escalate,
                                summary="督办逾期未答复的事项（法制机构，一次）"),
        "return": ActionRoute("return", ReturnIn, services.item_return, permissions.may_return,
                              summary="退回不属于本单位职责的建议、提案（办理规则的退回期限内）"),
        "reassign": ActionRoute("reassign", ReassignIn, _reassign, permissions.may_reassign,
                                summary="改派退回的事项（法制机构）"),
        "co_handler": ActionRoute("co-handlers", CoHandlerIn, _co_handler, permissions.may_add_co_handler,
                                  out=CoHandlingOut, status=201, result=CoHandling,
                                  summary="交办会办单位（人大代表建议、政协提案；会办意见期限按办理规则）"),
        "answer": ActionRoute("answer", AnswerIn, services.item_answer, permissions.may_answer,
                              summary="答复（计算办理用时和是否按期；建议、提案标注答复类别）"),
        "rate": ActionRoute("rate", RateIn, services.item_rate, permissions.may_rate,
                            summary="记录提出方对答复的满意度（建议、提案不满意的进入再次办理）"),
        "answer_again": ActionRoute("answer-again", AnswerIn, services.item_answer_again,
                                    permissions.may_answer_again, summary="不满意后再次答复"),
        "rate_again": ActionRoute("rate-again", RateAgainIn, services.item_rate_again, permissions.may_rate_again,
                                  summary="记录对再次答复的满意度"),
    },
)



class LedgerKindRowOut(Schema):
    kind: str | None = Field(..., description="类别；合计行为空")
    label: str
    received: int
    answered: int
    on_time: int
    late: int
    overdue: int = Field(..., description="截至今日逾期未答复")
    extended: int
    escalated: int
    on_time_rate: float | None = Field(..., description="按期答复数 ÷（已答复数 + 逾期未答复数）× 100")
    satisfaction_rate: float | None
    average_days: float | None


class LedgerStatisticsOut(Schema):
    year: int
    as_of: dt.date
    rows: list[LedgerKindRowOut]
    total: LedgerKindRowOut


def _row(kind, figures) -> dict:
    return {"kind": kind.value if kind else None, "label": str(kind.label) if kind else "合计",
            "received": figures.received, "answered": figures.answered, "on_time": figures.on_time,
            "late": figures.late, "overdue": figures.overdue, "extended": figures.extended,
            "escalated": figures.escalated, "on_time_rate": figures.on_time_rate,
            "satisfaction_rate": figures.satisfaction_rate, "average_days": figures.average_days}


@router.get("/statistics", response=responses(401, 403, 422, s200=LedgerStatisticsOut),
            operation_id="ledger_statistics",
            summary="按年度、单位、类别统计跟踪事项：收到、按期答复、逾期、延期、督办、按期答复率、满意率")
def statistics(request: HttpRequest, year: int = Query(..., ge=1990, le=9999), org_unit: int | None = None):
    try:
        unit = statistics_unit(request.user, TrackedItem, org_unit)
    except PermissionDenied:
        raise PermissionDeniedError() from None
    today = clock.today()
    return {"year": year, "as_of": today,
            "rows": [_row(kind, figures) for kind, figures in selectors.figures_by_kind(year, unit, today)],
            "total": _row(None, selectors.figures(year, None, unit, today))}




@items.post("/{id}/close", response=responses(400, 401, 403, 404, 409, 422, s200=ItemOut),
            operation_id="ledger_items_close",
            summary="审计发现问题对账销号（法制机构；multipart：file 证明材料、note 销号意见；保存SHA-256摘要）")
def items_close(request: HttpRequest, file: File[UploadedFile], note: Form[str], id: int = record_id_param(),
                closed_on: Form[dt.date | None] = None, version: Form[int | None] = None):
    user = request.user
    item = record_for_action(TrackedItem, user, id, permissions.may_close, version,
                             queryset=selectors.items_visible(user))
    return run_service(TrackedItem, services.item_close, user=user, item=item, note=note, upload=file,
                       closed_on=closed_on)


router.add_router("/items", items)
co_handlings = Router()
record_routes(co_handlings, model=CoHandling, prefix="ledger_co_handlings", title="会办", out=CoHandlingOut,
              rows=lambda user: CoHandling.objects.visible_to(user).select_related("item", "unit"))
lifecycle_routes(
    co_handlings, None, model=CoHandling, rows=lambda user: CoHandling.objects.visible_to(user), out=CoHandlingOut,
    record_param="co_handling", operation_prefix="ledger_co_handlings",
    other_routes={"views": ActionRoute("views", ViewsIn, services.co_handling_views, permissions.may_give_views,
                                       summary="会办单位提出会办意见（一次）")},
)
router.add_router("/co-handlings", co_handlings)
rules = Router()
record_routes(rules, model=HandlingRule, prefix="ledger_rules", title="办理规则", out=RuleOut,
              rows=lambda user: HandlingRule.objects.visible_to(user), create=RuleIn,
              service=lambda *, user, **fields: record_create(model=HandlingRule, user=user, reason="登记", **fields),
              create_summary="登记人大代表建议或政协提案的办理规则（法制机构）")
router.add_router("/rules", rules)

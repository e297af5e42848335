"""REST API of the tracking ledger: /api/ledger/items... the items with their extend / escalate / answer / rate
actions (the same rules as the pages: permissions.may_<action>), and /api/ledger/statistics per kind."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

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
    record_routes,
    responses,
    search_rows,
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.ledger import permissions, selectors, services
from fazhi.ledger.constants import ItemKind, ItemState
from fazhi.ledger.models import TrackedItem
from fazhi.market_entities.models import MarketEntity
from fazhi.records.statistics import statistics_unit

router = Router(tags=["跟踪台账"])

_ARCHIVE = ("version", "archived_on")

EntityRef = model_schema("LedgerEntityRef", MarketEntity, ("id", "uscc", "name"))
ItemOut = model_schema(
    "LedgerItemOut", TrackedItem,
    ("id", "number", "kind", "kind_label", "source", "source_entity", "source_reference", "owner_unit", "handler",
     "subject", "content", "received_on", "due_on", "due_basis", "extended_to", "extension_reason", "answered_on",
     "escalated_on", "escalation_note", "answer", "days_taken", "on_time", "satisfaction", "satisfaction_label",
     "state", *_ARCHIVE),
    types={"source_entity": EntityRef | None}, optional=("archived_on",),
    extra={"state": (ItemState, Field(..., title="办理状态（今日）"))},
    resolve={"state": lambda item: item.state_on(clock.today())})
ItemIn = model_schema(
    "LedgerItemIn", TrackedItem,
    ("kind", "source", "source_entity", "source_reference", "owner_unit", "handler", "subject", "content",
     "received_on", "due_on", "due_basis"), base=InputSchema,
    extra={"due_on": (dt.date | None, Field(None, title="办理期限",
                                            description="该类事项没有默认期限的必填，并填写期限依据")),
           "due_basis": (str, Field("", max_length=200, title="期限依据"))})
ItemFilters = model_schema("LedgerItemFilters", TrackedItem, ("kind", "q", "include_archived"), base=QueryParams,
                           types={"kind": ItemKind}, extra=filter_fields("编号、来源、事项或来源文号中的文字"))
ExtendIn = model_schema("LedgerExtendIn", TrackedItem, ("extended_to", "reason"), base=ActionIn,
                        required=("extended_to",),
                        extra={"reason": (str, Field(..., min_length=1, max_length=200, title="延期理由"))})
AnswerIn = model_schema("LedgerAnswerIn", TrackedItem, ("answer", "answered_on"), base=ActionIn, required=("answer",),
                        options={"answered_on": {"description": "默认今天"}})
EscalateIn = model_schema("LedgerEscalateIn", TrackedItem, ("note", "escalated_on"), base=ActionIn,
                          options={"escalated_on": {"description": "默认今天"}},
                          extra={"note": (str, Field(..., min_length=1, max_length=200, title="督办意见"))})
RateIn = model_schema("LedgerRateIn", TrackedItem, ("satisfaction",), base=ActionIn, required=("satisfaction",))


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
                                                                     "source_entity")},
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
        "answer": ActionRoute("answer", AnswerIn, services.item_answer, permissions.may_answer,
                              summary="答复（计算办理用时和是否按期）"),
        "rate": ActionRoute("rate", RateIn, services.item_rate, permissions.may_rate,
                            summary="记录提出方对答复的满意度"),
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


router.add_router("/items", items)

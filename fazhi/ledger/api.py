"""REST API of the tracking ledger: /api/ledger/items... the items with their extend / answer / rate actions (the
same rules as the pages: permissions.may_<action>)."""

import datetime as dt

from ninja import Field, Router

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
    search_rows,
    unit_to_write,
)
from fazhi.ledger import permissions, selectors, services
from fazhi.ledger.constants import ItemKind
from fazhi.ledger.models import TrackedItem
from fazhi.market_entities.models import MarketEntity

router = Router(tags=["跟踪台账"])

_ARCHIVE = ("version", "archived_on")

EntityRef = model_schema("LedgerEntityRef", MarketEntity, ("id", "uscc", "name"))
ItemOut = model_schema(
    "LedgerItemOut", TrackedItem,
    ("id", "number", "kind", "kind_label", "source", "source_entity", "source_reference", "owner_unit", "handler",
     "subject", "content", "received_on", "due_on", "due_basis", "extended_to", "extension_reason", "answered_on",
     "answer", "days_taken", "on_time", "satisfaction", "satisfaction_label", *_ARCHIVE),
    types={"source_entity": EntityRef | None}, optional=("archived_on",))
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
        "answer": ActionRoute("answer", AnswerIn, services.item_answer, permissions.may_answer,
                              summary="答复（计算办理用时和是否按期）"),
        "rate": ActionRoute("rate", RateIn, services.item_rate, permissions.may_rate,
                            summary="记录提出方对答复的满意度"),
    },
)

router.add_router("/items", items)

"""REST API of statutory deadlines: /api/deadlines/ (open deadlines due soon, detail, history)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core.api_support import (
    MAX_ID,
    OrgUnitRef,
    Pagination,
    QueryParams,
    add_history_route,
    get_visible_or_404,
    label,
    record_id_param,
    responses,
)
from fazhi.deadlines.constants import DUE_SOON_DAYS, PROVISIONAL_DESCRIPTION, PROVISIONAL_REASON
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.rules import UnknownRuleError
from fazhi.deadlines.selectors import deadlines_open

router = Router(tags=["期限"])
D = Deadline


class DeadlineOut(Schema):
    id: int
    title: str = Field(..., title=label(D, "title"))
    rule_code: str = Field(..., title=label(D, "rule_code"))
    rule_name: str = Field(..., description="期限规则的名称；规则未登记时为空")
    org_unit: OrgUnitRef = Field(..., title=label(D, "org_unit"))
    starts_on: dt.date = Field(..., title=label(D, "starts_on"))
    due_on: dt.date = Field(..., title=label(D, "due_on"))
    provisional: bool = Field(..., title=label(D, "provisional"), description=PROVISIONAL_DESCRIPTION)
    provisional_reason: str = Field(..., description="到期日为暂定时的原因；正式时为空")
    completed_on: dt.date | None = Field(None, title=label(D, "completed_on"))
    days_left: int = Field(..., description="距到期日的天数；负数表示已逾期")
    overdue: bool = Field(..., description="未完成且已过到期日")
    record_type: str = Field(..., description="期限所属记录的类型（app_label.model）")
    record_id: str = Field(..., description="期限所属记录的 id")
    version: int

    @staticmethod
    def resolve_rule_name(obj: Deadline) -> str:
        try:
            return obj.rule.name
        except UnknownRuleError:
            return ""

    @staticmethod
    def resolve_provisional_reason(obj: Deadline) -> str:
        return str(PROVISIONAL_REASON) if obj.provisional else ""

    @staticmethod
    def resolve_days_left(obj: Deadline) -> int:
        return obj.days_left()

    @staticmethod
    def resolve_overdue(obj: Deadline) -> bool:
        return obj.completed_on is None and obj.days_left() < 0

    @staticmethod
    def resolve_record_type(obj: Deadline) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    @staticmethod
    def resolve_record_id(obj: Deadline) -> str:
        return obj.object_id


class DeadlineFilters(QueryParams):
    within_days: int = Field(
        DUE_SOON_DAYS, ge=0, le=366, title="天数", description="到期日在今天起多少天内（已逾期的也列出）"
    )
    org_unit: int | None = Field(None, ge=1, le=MAX_ID, title=label(D, "org_unit"), description="责任单位的机构 id")


@router.get(
    "", response=responses(401, 422, s200=list[DeadlineOut]),
    operation_id="deadlines_list", summary="未完成且即将到期或已逾期的期限",
)
@paginate(Pagination)
def deadlines_list(request: HttpRequest, filters: Query[DeadlineFilters]):
    # Never user=None here: that is the command line's unscoped view of every unit.
    rows = deadlines_open(user=request.user, within_days=filters.within_days)
    if filters.org_unit is not None:
        rows = rows.filter(org_unit_id=filters.org_unit)
    return rows.select_related("content_type")


@router.get(
    "/{id}", response=responses(401, 404, 422, s200=DeadlineOut),
    operation_id="deadlines_detail", summary="期限详情",
)
def deadlines_detail(request: HttpRequest, id: int = record_id_param()):
    rows = Deadline.objects.visible_to(request.user).select_related("org_unit", "content_type")
    return get_visible_or_404(Deadline, request.user, id, queryset=rows)


add_history_route(router, Deadline, "deadlines", "期限")

"""REST API of statutory deadlines: /api/deadlines/ (open deadlines due soon, detail, history)."""

from ninja import Field, Router

from fazhi.core.api_support import QueryParams, model_schema, record_routes
from fazhi.deadlines.constants import DUE_SOON_DAYS, PROVISIONAL_DESCRIPTION, PROVISIONAL_REASON
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.rules import UnknownRuleError
from fazhi.deadlines.selectors import due_soon

router = Router(tags=["期限"])


def _rule_name(deadline: Deadline) -> str:
    try:
        return deadline.rule.name
    except UnknownRuleError:
        return ""


DeadlineOut = model_schema(
    "DeadlineOut", Deadline,
    ("id", "title", "rule_code", "rule_name", "org_unit", "starts_on", "due_on", "provisional", "provisional_reason",
     "completed_on", "days_left", "overdue", "record_type", "record_id", "version"),
    optional=("completed_on",), options={"provisional": {"description": PROVISIONAL_DESCRIPTION}},
    extra={
        "rule_name": (str, Field(..., description="期限规则的名称；规则未登记时为空")),
        "provisional_reason": (str, Field(..., description="到期日为暂定时的原因；正式时为空")),
        "days_left": (int, Field(..., description="距到期日的天数；负数表示已逾期")),
        "overdue": (bool, Field(..., description="未完成且已过到期日")),
        "record_type": (str, Field(..., description="期限所属记录的类型（app_label.model）")),
        "record_id": (str, Field(..., description="期限所属记录的 id")),
    },
    resolve={
        "rule_name": _rule_name,
        "provisional_reason": lambda deadline: str(PROVISIONAL_REASON) if deadline.provisional else "",
        "days_left": lambda deadline: deadline.days_left(),
        "overdue": lambda deadline: deadline.completed_on is None and deadline.days_left() < 0,
        "record_type": lambda deadline: f"{deadline.content_type.app_label}.{deadline.content_type.model}",
        "record_id": lambda deadline: deadline.object_id,
    },
)

DeadlineFilters = model_schema(
    "DeadlineFilters", Deadline, ("within_days", "org_unit"), base=QueryParams,
    options={"org_unit": {"description": "责任单位的机构 id"}},
    extra={"within_days": (int, Field(DUE_SOON_DAYS, ge=0, le=366, title="天数",
                                      description="到期日在今天起多少天内（已逾期的也列出）"))},
)


def _visible(user):
    return Deadline.objects.visible_to(user).select_related("org_unit", "content_type")


def _open_due_soon(rows, filters):
    rows = due_soon(rows, within_days=filters.within_days)
    if filters.org_unit is not None:
        rows = rows.filter(org_unit_id=filters.org_unit)
    return rows


# The list holds the open deadlines due soon or overdue (archived ones never: the filters have no include_archived).
record_routes(router, model=Deadline, prefix="deadlines", title="期限", out=DeadlineOut, rows=_visible,
              filters_schema=DeadlineFilters, apply=_open_due_soon, list_summary="未完成且即将到期或已逾期的期限")

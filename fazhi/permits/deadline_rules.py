"""The statutory periods a permit case carries (registered with the deadline engine)."""

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, days_under, register_rule
from fazhi.permits.constants import STATUTORY_DECISION_DAYS

# 行政许可法 第四十二条: 二十日内作出决定; 第八十二条 makes its periods working days (days_under says so).
_UNIT, _WORKING_DAYS_SOURCE = days_under("行政许可法", STATUTORY_DECISION_DAYS)
DECISION = register_rule(DeadlineRule(
    code="permits_decision", name="行政许可决定",
    legal_source=f"《行政许可法》第四十二条第一款（经负责人批准可延长十日），第四十五条；{_WORKING_DAYS_SOURCE}",
    amount=STATUTORY_DECISION_DAYS, unit=_UNIT, trigger="受理行政许可申请之日",
))
# The promised period is the zone's own commitment (承诺时限, below the statutory one), published with the catalogue.
PROMISED = register_rule(DeadlineRule(
    code="permits_promised", name="承诺办结时限",
    legal_source="涉企经营许可事项清单所列承诺时限（优化审批服务：压减审批时限）",
    amount=STATUTORY_DECISION_DAYS, unit=PeriodUnit.WORKING_DAYS, trigger="受理之日",
))

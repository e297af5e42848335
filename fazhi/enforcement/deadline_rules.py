"""The statutory periods enforcement records carry (registered with the deadline engine)."""

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, days_under, register_rule
from fazhi.enforcement.constants import PUBLICATION_DAYS_OTHER, PUBLICATION_DAYS_PERMIT_PENALTY, WITHDRAWAL_DAYS

PUBLICATION_PERMIT_PENALTY = register_rule(DeadlineRule(
    code="enforcement_publication_permit_penalty", name="行政许可、行政处罚决定公示",
    legal_source="国办发〔2018〕118号 二(六)", amount=PUBLICATION_DAYS_PERMIT_PENALTY,
    unit=PeriodUnit.WORKING_DAYS, trigger="执法决定作出之日",
))
PUBLICATION_OTHER = register_rule(DeadlineRule(
    code="enforcement_publication_other", name="其他执法决定公示",
    legal_source="国办发〔2018〕118号 二(六)", amount=PUBLICATION_DAYS_OTHER,
    unit=PeriodUnit.WORKING_DAYS, trigger="执法决定作出之日",
))
# 行政处罚法 第四十八条第二款: 三日内撤回; 第八十五条 makes the 三日 working days (days_under).
_WITHDRAWAL_UNIT, _WITHDRAWAL_DAYS_SOURCE = days_under("行政处罚法", WITHDRAWAL_DAYS)
PUBLICATION_WITHDRAWAL = register_rule(DeadlineRule(
    code="enforcement_publication_withdrawal", name="执法决定公示撤回",
    legal_source=f"《行政处罚法》第四十八条第二款；{_WITHDRAWAL_DAYS_SOURCE}；国办发〔2018〕118号 二(六)",
    amount=WITHDRAWAL_DAYS, unit=_WITHDRAWAL_UNIT, trigger="执法决定被依法变更、撤销、确认违法或者确认无效之日",
))
RECTIFICATION = register_rule(DeadlineRule(
    code="enforcement_rectification", name="专项检查整改", legal_source="专项检查通知确定的整改期限",
    amount=0, unit=PeriodUnit.ON_DATE, trigger="整改期限",
))

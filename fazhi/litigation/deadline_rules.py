"""The statutory periods a lawsuit carries (registered with the deadline engine)."""

from fazhi.deadlines.rules import DeadlineRule, days_under, register_rule
from fazhi.litigation.constants import DEFENCE_DAYS

# No working-day clause in this law (days_under gives calendar days).
_UNIT = days_under("行政诉讼法", DEFENCE_DAYS)[0]
DEFENCE = register_rule(DeadlineRule(
    code="litigation_defence", name="提交答辩状和证据",
    legal_source="《中华人民共和国行政诉讼法》（2017年修正）第六十七条第一款",
    amount=DEFENCE_DAYS, unit=_UNIT, trigger="收到起诉状副本之日",
))

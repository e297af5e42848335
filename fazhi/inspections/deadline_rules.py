"""The statutory period of 一公开, registered with the deadline engine."""

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, register_rule
from fazhi.inspections.constants import RESULT_PUBLICATION_WORKING_DAYS

RESULT_PUBLICATION = register_rule(DeadlineRule(
    code="inspection_result_publication", name="随机抽查结果公示",
    legal_source="企业信息公示暂行条例（国务院令第777号修订）第六条；国发〔2019〕5号 二(四)",
    amount=RESULT_PUBLICATION_WORKING_DAYS, unit=PeriodUnit.WORKING_DAYS, trigger="抽查检查完成之日",
))

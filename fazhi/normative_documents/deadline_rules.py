"""The periods normative documents carry (registered with the deadline engine)."""

from django.conf import settings

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, register_rule
from fazhi.normative_documents.constants import REVIEW_MAX_WORKING_DAYS

# A review request enters the legal office's to-do list at once: the reminder opens before the
# period starts (15 working days are at most 21 calendar days, plus holidays).
_AT_ONCE = 60

LEGALITY_REVIEW = register_rule(DeadlineRule(
    code="normative_legality_review", name="规范性文件合法性审核",
    legal_source="国办发〔2018〕115号：审核时间原则上不少于5个工作日，最长不超过15个工作日",
    amount=REVIEW_MAX_WORKING_DAYS, unit=PeriodUnit.WORKING_DAYS, trigger="报送合法性审核之日",
    remind_days=_AT_ONCE,
))
FILING = register_rule(DeadlineRule(
    code="normative_filing", name="规范性文件报送备案",
    legal_source="《辽宁省规章规范性文件备案办法》（省政府令第149号）第三条：公布之日起15日内；"
                 "《法规规章备案审查条例》（国务院令第789号）第二十五条；国办发〔2018〕37号（期限见设置）",
    amount=settings.FAZHI_NORMATIVE_FILING_DAYS, unit=PeriodUnit.CALENDAR_DAYS, trigger="文件公布之日",
    remind_days=_AT_ONCE,
))
VALIDITY = register_rule(DeadlineRule(
    code="normative_validity", name="规范性文件有效期届满",
    legal_source="省行政规范性文件管理规定：有效期届满前评估，决定继续施行、修改或失效", amount=0,
    unit=PeriodUnit.ON_DATE, trigger="文件有效期至",
))

"""The statutory periods a permit case carries (registered with the deadline engine)."""

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, days_under, register_rule
from fazhi.permits.constants import STATUTORY_DECISION_DAYS

# 行政许可法 (2019年修正) 第四十二条第一款: 二十日内作出决定, 经本行政机关负责人批准可以延长十日; 第四十五条: time
# excluded; 第八十二条 makes its periods working days (days_under says so).
_UNIT, _WORKING_DAYS_SOURCE = days_under("行政许可法", STATUTORY_DECISION_DAYS)
DECISION = register_rule(DeadlineRule(
    code="permits_decision", name="行政许可决定",
    legal_source=f"《行政许可法》第四十二条第一款（经负责人批准可延长十日），第四十五条；{_WORKING_DAYS_SOURCE}",
    amount=STATUTORY_DECISION_DAYS, unit=_UNIT, trigger="受理行政许可申请之日",
))
# The promised period is the zone's own commitment (承诺时限, below the statutory one), published with the catalogue;
# 《优化营商环境条例》第三十六条第二款 allows it: 各地区可以在国家规定的政务服务事项办理时限内进一步压减时间，并应当
# 向社会公开 (the length is the zone's).
PROMISED = register_rule(DeadlineRule(
    code="permits_promised", name="承诺办结时限",
    legal_source="涉企经营许可事项清单所列承诺时限（优化审批服务：压减审批时限）",
    amount=STATUTORY_DECISION_DAYS, unit=PeriodUnit.WORKING_DAYS, trigger="受理之日",
))
# 告知承诺核查: 国办发〔2020〕42号 has the units check commitments after the decision and sets no period that could be
# found (section not confirmed; the words in brackets below paraphrase it, they are not quoted from its text); the
# zone sets CHECK_DAYS working days from the draw (or from the date the applicant committed to meet the conditions by,
# when later).
COMMITMENT_CHECK = register_rule(DeadlineRule(
    code="permits_commitment_check", name="告知承诺核查",
    legal_source="国办发〔2020〕42号（在规定期限内对承诺内容进行核查）；期限为本区规定",
    amount=20, unit=PeriodUnit.WORKING_DAYS, trigger="抽中核查之日（承诺限期达到条件的，自该期限届满之日）",
))

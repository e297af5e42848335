"""The periods a 行政复议 case carries for the respondent (registered with the deadline engine)."""

from fazhi.deadlines.rules import DeadlineRule, days_under, register_rule
from fazhi.reconsideration.constants import ANSWER_DAYS, DECISION_DAYS, DOCUMENT_ANSWER_DAYS, OPINION_REPORT_DAYS

_LAW = "《中华人民共和国行政复议法》（2023年修订）"
_ANSWER_UNIT, _WORKING = days_under("行政复议法", ANSWER_DAYS)
ANSWER = register_rule(DeadlineRule(
    code="reconsideration_answer", name="行政复议书面答复",
    legal_source=f"{_LAW}第四十八条（简易程序五日：第五十四条第一款）；{_WORKING}",
    amount=ANSWER_DAYS, unit=_ANSWER_UNIT, trigger="收到行政复议申请书副本或申请笔录复印件之日",
))
# The 复议机关's own period: the respondent tracks when the decision is due, it does not owe it (no Deadline record).
DECISION = register_rule(DeadlineRule(
    code="reconsideration_decision", name="作出行政复议决定",
    legal_source=f"{_LAW}第六十二条（情况复杂的经批准最多延长三十日；简易程序三十日）",
    amount=DECISION_DAYS, unit=days_under("行政复议法", DECISION_DAYS)[0], trigger="受理行政复议申请之日",
))
OPINION_REPORT = register_rule(DeadlineRule(
    code="reconsideration_opinion_report", name="报送行政复议意见书纠正情况",
    legal_source=f"{_LAW}第七十六条", amount=OPINION_REPORT_DAYS,
    unit=days_under("行政复议法", OPINION_REPORT_DAYS)[0], trigger="收到行政复议意见书之日",
))
_DOCUMENT_UNIT, _DOCUMENT_WORKING = days_under("行政复议法", DOCUMENT_ANSWER_DAYS)
DOCUMENT_ANSWER = register_rule(DeadlineRule(
    code="reconsideration_document_answer", name="规范性文件附带审查书面答复",
    legal_source=f"{_LAW}第五十八条第一款；{_DOCUMENT_WORKING}", amount=DOCUMENT_ANSWER_DAYS, unit=_DOCUMENT_UNIT,
    trigger="收到附带审查书面通知之日",
))

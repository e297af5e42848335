"""Writes of 行政复议: every change goes through here, checked and audited.

The respondent answers within 10 working days of the application copy (5 in the simple procedure; 行政复议法 第四十八条,
第五十四条, a deadline of the deadline engine); the 复议机关 decides within 60 days of acceptance, extendable once by at
most 30 (simple procedure: 30 days, no extension; 第六十二条); a decision that revokes, changes or declares unlawful or
void the enforcement decision under review is recorded on that case (the closed loop). A 行政复议意见书 asks for a
correction reported within 60 days (第七十六条).
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core.dates import happened_on
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.lifecycle import TransitionError
from fazhi.core.services import record_create, record_transition
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.services import deadline_start, deadlines_cancel_for, deadlines_complete_for
from fazhi.enforcement.services.decisions import decision_overturn_record, require_challengeable
from fazhi.reconsideration import permissions
from fazhi.reconsideration.constants import (
    DECISION_EXTENSION_DAYS,
    OVERTURN_OF_OUTCOME,
    SIMPLE_ANSWER_DAYS,
    SIMPLE_DECISION_DAYS,
    Outcome,
)
from fazhi.reconsideration.deadline_rules import ANSWER, DECISION, DOCUMENT_ANSWER, OPINION_REPORT
from fazhi.reconsideration.lifecycle import LIFECYCLE, Actor
from fazhi.reconsideration.models import Reconsideration

SIMPLE_NOT_EXTENDED = _("适用简易程序的案件应在受理之日起三十日内作出决定，不能延期（《中华人民共和国行政复议法》"
                        "第六十二条第二款）。")
EXTENDED_ALREADY = _("本案已延期至%(date)s，延期只有一次。")
EXTENSION_OUT_OF_RANGE = _("延期后的决定期限须晚于原期限%(due)s，且最多延长三十日（至%(limit)s）"
                           "（《中华人民共和国行政复议法》第六十二条第一款）。")
DOCUMENT_REQUIRED = _("请填写%(what)s的名称和文号。")
OPINION_ALREADY = _("本案已于%(date)s收到行政复议意见书。")
NO_OPINION = _("本案没有收到行政复议意见书，无须报送纠正情况。")
OPINION_REPORTED_ALREADY = _("已于%(date)s报送纠正情况。")
REPORT_REQUIRED = _("请填写纠正相关行政行为的情况。")
DOCUMENT_REVIEW_ALREADY = _("本案已于%(date)s收到对《%(document)s》的附带审查通知。")
NO_DOCUMENT_REVIEW = _("本案没有规范性文件附带审查，无须答复。")
DOCUMENT_ANSWERED_ALREADY = _("已于%(date)s提交附带审查书面答复。")
DOCUMENT_NOT_IN_FORCE = _("《%(document)s》不是已公布的规范性文件，不能作为附带审查的对象。")
DECIDED_WITHOUT_ANSWER = _("未提出书面答复即作出复议决定（《中华人民共和国行政复议法》第七十条）")


def _actors(user, case: Reconsideration) -> set[str]:
    """The user's actor kinds on the case; PermissionDeniedError for a user who may not act on it."""
    actors = {Actor.UNIT} if user is None else permissions.actors(user, case)
    if not actors:
        raise PermissionDeniedError()
    return actors


def _acting(user, case: Reconsideration, action: str) -> str:
    actors = _actors(user, case)
    try:
        return LIFECYCLE.transition(case.status, action, actors)
    except TransitionError as error:
        raise refuse(str(error)) from None


def _received(case: Reconsideration) -> tuple:
    return _("收到申请书副本日期"), case.copy_received_on


@transaction.atomic
def reconsideration_create(*, user, number: str, organ: str, applicant_type: str, applicant: str, respondent_unit,
                           matter: str, category: str, accepted_on: dt.date, copy_received_on: dt.date,
                           simple_procedure: bool = False, enforcement_case=None) -> Reconsideration:
    """登记: the application copy has arrived; the answer falls due (ANSWER), the decision is expected (DECISION)."""
    happened_on(accepted_on, _("受理日期"))
    happened_on(copy_received_on, _("收到申请书副本日期"), (_("受理日期"), accepted_on))
    if enforcement_case is not None:
        require_challengeable(enforcement_case, respondent_unit)
    calendar = working_calendar()
    answer_days = SIMPLE_ANSWER_DAYS if simple_procedure else None
    decision_days = SIMPLE_DECISION_DAYS if simple_procedure else None
    case = record_create(
        model=Reconsideration, user=user, reason="收到行政复议申请书副本", number=number.strip(), organ=organ.strip(),
        applicant_type=applicant_type, applicant=applicant.strip(), respondent_unit=respondent_unit,
        matter=matter.strip(), category=category, simple_procedure=simple_procedure,
        enforcement_case=enforcement_case, accepted_on=accepted_on, copy_received_on=copy_received_on,
        answer_due_on=ANSWER.compute(calendar, copy_received_on, answer_days).due_on,
        decision_due_on=DECISION.compute(calendar, accepted_on, decision_days).due_on)
    deadline_start(rule_code=ANSWER.code, record=case, org_unit=respondent_unit, starts_on=copy_received_on,
                   title=f"行政复议{case.number}书面答复", amount=answer_days)
    return case


@transaction.atomic
def reconsideration_answer(*, user, reconsideration: Reconsideration,
                           answered_on: dt.date | None = None) -> Reconsideration:
    """书面答复 with the evidence and basis (第四十八条); a late answer is recorded as late, not refused."""
    case = reconsideration
    target = _acting(user, case, "answer")
    answered_on = happened_on(answered_on, _("书面答复日期"), _received(case))
    deadlines_complete_for(record=case, rule_code=ANSWER.code, completed_on=answered_on)
    return record_transition(record=case, user=user, expected_version=case.version, reason="提出书面答复",
                             status=target, answered_on=answered_on)


@transaction.atomic
def reconsideration_extend(*, user, reconsideration: Reconsideration, extended_to: dt.date) -> Reconsideration:
    """The 复议机关 extended the period (情况复杂, 第六十二条第一款): once, by at most 30 days, not in the simple
    procedure. The respondent records the notice."""
    case = reconsideration
    target = _acting(user, case, "extend")
    if case.simple_procedure:
        raise refuse(SIMPLE_NOT_EXTENDED)
    if case.extended_to is not None:
        raise refuse(EXTENDED_ALREADY, date=cn_date(case.extended_to))
    limit = case.decision_due_on + dt.timedelta(days=DECISION_EXTENSION_DAYS)
    if not case.decision_due_on < extended_to <= limit:
        raise refuse(EXTENSION_OUT_OF_RANGE, due=cn_date(case.decision_due_on), limit=cn_date(limit))
    return record_transition(record=case, user=user, expected_version=case.version, reason="行政复议机关延期审理",
                             status=target, extended_to=extended_to)


@transaction.atomic
def reconsideration_decide(*, user, reconsideration: Reconsideration, outcome: str, document: str,
                           decided_on: dt.date | None = None) -> Reconsideration:
    """登记复议决定. A decision against the enforcement decision under review is recorded on that case."""
    case = reconsideration
    target = _acting(user, case, "decide")
    outcome = Outcome(outcome)
    decided_on = happened_on(decided_on, _("复议决定日期"), (_("受理日期"), case.accepted_on))
    if not document.strip():
        raise refuse(DOCUMENT_REQUIRED, what=_("复议决定书"))
    if case.answered_on is None:  # no answer any more: the decision came without it (第七十条)
        deadlines_cancel_for(record=case, rule_code=ANSWER.code, reason=str(DECIDED_WITHOUT_ANSWER))
    kind = OVERTURN_OF_OUTCOME.get(outcome)
    if kind is not None and case.enforcement_case is not None:
        decision_overturn_record(user=user, case=case.enforcement_case, kind=kind, overturned_on=decided_on,
                                 document=document.strip(),
                                 note=str(_("行政复议案件%(case)s") % {"case": case.number}))
    return record_transition(record=case, user=user, expected_version=case.version, reason="登记复议决定",
                             status=target, outcome=outcome, decided_on=decided_on,
                             decision_document=document.strip())


@transaction.atomic
def reconsideration_opinion(*, user, reconsideration: Reconsideration, document: str,
                            received_on: dt.date | None = None) -> Reconsideration:
    """收到行政复议意见书: the correction is to be reported within 60 days (第七十六条)."""
    case = reconsideration
    _actors(user, case)
    if case.opinion_received_on is not None:
        raise refuse(OPINION_ALREADY, date=cn_date(case.opinion_received_on))
    received_on = happened_on(received_on, _("收到意见书日期"), _received(case))
    if not document.strip():
        raise refuse(DOCUMENT_REQUIRED, what=_("行政复议意见书"))
    deadline = deadline_start(rule_code=OPINION_REPORT.code, record=case, org_unit=case.respondent_unit,
                              starts_on=received_on, title=f"行政复议{case.number}意见书纠正情况报送")
    return record_transition(record=case, user=user, expected_version=case.version, reason="收到行政复议意见书",
                             opinion_document=document.strip(), opinion_received_on=received_on,
                             opinion_report_due_on=deadline.due_on)


@transaction.atomic
def reconsideration_opinion_report(*, user, reconsideration: Reconsideration, report: str,
                                   reported_on: dt.date | None = None) -> Reconsideration:
    """报送纠正情况 to the 复议机关 (第七十六条); late is recorded as late."""
    case = reconsideration
    _actors(user, case)
    if case.opinion_received_on is None:
        raise refuse(NO_OPINION)
    if case.opinion_reported_on is not None:
        raise refuse(OPINION_REPORTED_ALREADY, date=cn_date(case.opinion_reported_on))
    if not report.strip():
        raise refuse(REPORT_REQUIRED)
    reported_on = happened_on(reported_on, _("报送纠正情况日期"), (_("收到意见书日期"), case.opinion_received_on))
    deadlines_complete_for(record=case, rule_code=OPINION_REPORT.code, completed_on=reported_on)
    return record_transition(record=case, user=user, expected_version=case.version, reason="报送纠正情况",
                             opinion_report=report.strip(), opinion_reported_on=reported_on)


@transaction.atomic
def reconsideration_document_review(*, user, reconsideration: Reconsideration, document,
                                    notice_on: dt.date | None = None) -> Reconsideration:
    """收到附带审查通知: the issuing organ answers on the document's legality within 10 working days (第五十八条第一款);
    the deadline is the issuer's."""
    case = reconsideration
    _actors(user, case)
    if case.reviewed_document_id is not None:
        raise refuse(DOCUMENT_REVIEW_ALREADY, date=cn_date(case.document_notice_on), document=case.reviewed_document)
    if document.published_on is None:
        raise refuse(DOCUMENT_NOT_IN_FORCE, document=document)
    notice_on = happened_on(notice_on, _("收到附带审查通知日期"), _received(case))
    deadline = deadline_start(rule_code=DOCUMENT_ANSWER.code, record=case, org_unit=document.issuer,
                              starts_on=notice_on, title=f"行政复议{case.number}附带审查《{document.title}》书面答复")
    return record_transition(record=case, user=user, expected_version=case.version, reason="收到附带审查通知",
                             reviewed_document=document, document_notice_on=notice_on,
                             document_answer_due_on=deadline.due_on)


@transaction.atomic
def reconsideration_document_answer(*, user, reconsideration: Reconsideration,
                                    answered_on: dt.date | None = None) -> Reconsideration:
    """提交附带审查书面答复及相关材料 (第五十八条第一款); late is recorded as late."""
    case = reconsideration
    _actors(user, case)
    if case.reviewed_document_id is None:
        raise refuse(NO_DOCUMENT_REVIEW)
    if case.document_answered_on is not None:
        raise refuse(DOCUMENT_ANSWERED_ALREADY, date=cn_date(case.document_answered_on))
    answered_on = happened_on(answered_on, _("附带审查答复日期"), (_("收到附带审查通知日期"), case.document_notice_on))
    deadlines_complete_for(record=case, rule_code=DOCUMENT_ANSWER.code, completed_on=answered_on)
    return record_transition(record=case, user=user, expected_version=case.version, reason="提交附带审查书面答复",
                             document_answered_on=answered_on)

"""Writes of 行政诉讼: every change goes through here, checked and audited.

A lawsuit is registered when the complaint copy arrives; the defence and evidence are due 15 days later (行政诉讼法
第六十七条第一款, a deadline of the deadline engine); each hearing records who appeared for the defendant (第三条第三款:
the head, or staff the head sent, with the reason); the outcome closes it. A judgment that revokes, changes or
declares unlawful or void the enforcement decision under suit is recorded on that enforcement case (the closed loop:
the case then withdraws its publication, 行政处罚法 第四十八条第二款).
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core.dates import happened_on
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.lifecycle import TransitionError
from fazhi.core.services import record_create, record_transition
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.enforcement.services.decisions import decision_overturn_record, require_challengeable
from fazhi.litigation import permissions
from fazhi.litigation.constants import OVERTURN_OF_OUTCOME, Level, Outcome
from fazhi.litigation.deadline_rules import DEFENCE
from fazhi.litigation.lifecycle import LIFECYCLE, Actor
from fazhi.litigation.models import AdministrativeLitigation, CourtAppearance

APPEAL_OF_FIRST_INSTANCE = _("一审案件没有原审案件。")
APPEAL_WITHOUT_ORIGINAL = _("二审案件须填写原审案件。")
RECONSIDERATION_OF_ANOTHER_UNIT = _("行政复议案件%(case)s的被申请人是%(unit)s，与本案被告单位不同。")
RECONSIDERATION_NOT_DECIDED = _("行政复议案件%(case)s尚未作出复议决定。")
APPEAL_OF_ANOTHER_UNIT = _("原审案件%(case)s的被告单位是%(unit)s，与本案不同。")
HEAD_DETAILS_REQUIRED = _("负责人出庭的，须填写出庭负责人的姓名和职务（《最高人民法院关于行政机关负责人出庭应诉若干"
                          "问题的规定》第六条第一款）。")
ABSENCE_DETAILS_REQUIRED = _("负责人未出庭的，须填写未出庭事由和委托出庭的工作人员（《中华人民共和国行政诉讼法》"
                             "第三条第三款）。")
ABSENCE_DETAILS_WITH_HEAD = _("负责人出庭的，不填写未出庭事由。")
HEARING_BEFORE_DEFENCE = _("开庭日期（%(date)s）早于提交答辩状的日期%(defended)s。")
DOCUMENT_REQUIRED = _("请填写裁判文书或调解书的名称和文号。")


def _acting(user, litigation: AdministrativeLitigation, action: str) -> str:
    """The status after `action`, or the lifecycle's refusal; PermissionDeniedError for a user who may not act."""
    actors = {Actor.UNIT} if user is None else permissions.actors(user, litigation)
    if not actors:
        raise PermissionDeniedError()
    try:
        return LIFECYCLE.transition(litigation.status, action, actors)
    except TransitionError as error:
        raise refuse(str(error)) from None


def _received(litigation: AdministrativeLitigation) -> tuple:
    return _("收到起诉状副本日期"), litigation.complaint_received_on


@transaction.atomic
def litigation_create(*, user, case_number: str, court: str, plaintiff_type: str, plaintiff: str, defendant_unit,
                      cause: str, category: str, complaint_received_on: dt.date, level: str = Level.FIRST,
                      appealed_from: AdministrativeLitigation | None = None, compensation_claimed: bool = False,
                      enforcement_case=None, reconsideration=None) -> AdministrativeLitigation:
    """登记: the complaint copy has arrived; the defence falls due under DEFENCE (15 calendar days)."""
    happened_on(complaint_received_on, _("收到起诉状副本日期"))
    if level == Level.FIRST and appealed_from is not None:
        raise refuse(APPEAL_OF_FIRST_INSTANCE)
    if level == Level.SECOND and appealed_from is None:
        raise refuse(APPEAL_WITHOUT_ORIGINAL)
    if appealed_from is not None and appealed_from.defendant_unit_id != defendant_unit.pk:
        raise refuse(APPEAL_OF_ANOTHER_UNIT, case=appealed_from.case_number, unit=appealed_from.defendant_unit)
    if enforcement_case is not None:
        require_challengeable(enforcement_case, defendant_unit)
    if reconsideration is not None:
        if reconsideration.respondent_unit_id != defendant_unit.pk:
            raise refuse(RECONSIDERATION_OF_ANOTHER_UNIT, case=reconsideration.number,
                         unit=reconsideration.respondent_unit)
        if reconsideration.decided_on is None:
            raise refuse(RECONSIDERATION_NOT_DECIDED, case=reconsideration.number)
    due = DEFENCE.compute(working_calendar(), complaint_received_on)
    litigation = record_create(
        model=AdministrativeLitigation, user=user, reason="收到起诉状副本", case_number=case_number.strip(),
        court=court.strip(), level=level, appealed_from=appealed_from, plaintiff_type=plaintiff_type,
        plaintiff=plaintiff.strip(), defendant_unit=defendant_unit, cause=cause.strip(), category=category,
        compensation_claimed=compensation_claimed, enforcement_case=enforcement_case, reconsideration=reconsideration,
        complaint_received_on=complaint_received_on, defence_due_on=due.due_on)
    deadline_start(rule_code=DEFENCE.code, record=litigation, org_unit=defendant_unit,
                   starts_on=complaint_received_on, title=f"{litigation.case_number}提交答辩状和证据")
    return litigation


@transaction.atomic
def litigation_defend(*, user, litigation: AdministrativeLitigation,
                      filed_on: dt.date | None = None) -> AdministrativeLitigation:
    """提交答辩状和证据 (行政诉讼法 第六十七条第一款); a late filing is recorded as late, not refused."""
    target = _acting(user, litigation, "defend")
    filed_on = happened_on(filed_on, _("提交答辩状日期"), _received(litigation))
    deadlines_complete_for(record=litigation, rule_code=DEFENCE.code, completed_on=filed_on)
    return record_transition(record=litigation, user=user, expected_version=litigation.version,
                             reason="提交答辩状和证据", status=target, defence_filed_on=filed_on)


@transaction.atomic
def litigation_hearing(*, user, litigation: AdministrativeLitigation, hearing_on: dt.date, head_appeared: bool,
                       head_name: str = "", head_title: str = "", absence_reason: str = "", staff_name: str = "",
                       note: str = "") -> CourtAppearance:
    """登记开庭: who appeared for the defendant. The head appears (行政诉讼法 第三条第三款; name and rank,
    负责人出庭应诉规定 第六条第一款); if not, the reason (第八条) and the staff member sent in their place."""
    target = _acting(user, litigation, "hearing")
    hearing_on = happened_on(hearing_on, _("开庭日期"), _received(litigation))
    if litigation.defence_filed_on and hearing_on < litigation.defence_filed_on:
        raise refuse(HEARING_BEFORE_DEFENCE, date=cn_date(hearing_on), defended=cn_date(litigation.defence_filed_on))
    head_name, head_title, staff_name = head_name.strip(), head_title.strip(), staff_name.strip()
    if head_appeared and not (head_name and head_title):
        raise refuse(HEAD_DETAILS_REQUIRED)
    if head_appeared and absence_reason:
        raise refuse(ABSENCE_DETAILS_WITH_HEAD)
    if not head_appeared and not (absence_reason and staff_name):
        raise refuse(ABSENCE_DETAILS_REQUIRED)
    appearance = record_create(
        model=CourtAppearance, user=user, reason="登记开庭", litigation=litigation, hearing_on=hearing_on,
        head_appeared=head_appeared, head_name=head_name, head_title=head_title, absence_reason=absence_reason,
        staff_name=staff_name, note=note.strip())
    # The hearing is a step of the case: its version moves, so a page read before it is stale.
    record_transition(record=litigation, user=user, expected_version=litigation.version, reason="登记开庭",
                      status=target)
    return appearance


@transaction.atomic
def litigation_close(*, user, litigation: AdministrativeLitigation, outcome: str, document: str,
                     closed_on: dt.date | None = None) -> AdministrativeLitigation:
    """登记结案: the judgment, ruling or mediation. A judgment against the enforcement decision under suit is recorded
    on that case as its overturn (OVERTURN_OF_OUTCOME)."""
    target = _acting(user, litigation, "close")
    outcome = Outcome(outcome)
    closed_on = happened_on(closed_on, _("结案日期"), _received(litigation))
    if not document.strip():
        raise refuse(DOCUMENT_REQUIRED)
    kind = OVERTURN_OF_OUTCOME.get(outcome)
    if kind is not None and litigation.enforcement_case is not None:
        decision_overturn_record(user=user, case=litigation.enforcement_case, kind=kind, overturned_on=closed_on,
                                 document=document.strip(), note=str(_("行政诉讼案件%(case)s") % {
                                     "case": litigation.case_number}))
    return record_transition(record=litigation, user=user, expected_version=litigation.version, reason="登记结案",
                             status=target, outcome=outcome, closed_on=closed_on,
                             judgment_document=document.strip())

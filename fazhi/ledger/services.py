"""Writes of the tracking ledger: receive an item, extend it once, escalate it when overdue, answer it, record the
asker's satisfaction."""

import datetime as dt
import os
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.files import EVIDENCE, store_record_file
from fazhi.core.services import may_change, record_create, record_transition
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.ledger import permissions
from fazhi.ledger.constants import (
    DEPUTY_LONGEST_REPLY_MONTHS,
    DEPUTY_REPLY_BASIS,
    DEPUTY_REPLY_MONTHS,
    ENTERPRISE_REQUEST_DAYS,
    JUDICIAL_REPLY_BASIS,
    JUDICIAL_REPLY_MONTHS,
    PROCURATORIAL_REPLY_BASIS,
    PROCURATORIAL_REPLY_MONTHS,
    PROPOSAL_KINDS,
    PUBLIC_INTEREST_REPLY_BASIS,
    PUBLIC_INTEREST_REPLY_MONTHS,
    AnswerGrade,
    ItemKind,
    Rectification,
    Satisfaction,
)
from fazhi.ledger.models import CoHandling, HandlingRule, TrackedItem

RECEIVED_IN_FUTURE = _("收到日期（%(date)s）晚于今天。")
ANSWER_BEFORE_RECEIVED = _("答复日期不能早于收到日期（%(date)s）。")
ANSWER_BEFORE_RATED = _("再次答复日期不能早于反馈日期（%(date)s）。")
ANSWER_IN_FUTURE = _("答复日期（%(date)s）晚于今天。")
ANSWER_REQUIRED = _("请填写答复内容。")
ANSWERED_ON_REQUIRED = _("填写了答复内容或满意度的，须填写答复日期。")
EXTEND_AFTER_DUE = _("办理期限已于%(date)s届满，不能再延期；逾期事项由法制机构督办。")
EXTEND_NOT_LATER = _("延期后的期限须晚于原期限（%(date)s）。")
EXTEND_BEYOND_LAW = _("人大代表建议最迟应自交办之日起六个月内答复（《代表法》第五十一条第二款），延期不能晚于"
                      "%(date)s。")
REASON_REQUIRED = _("请填写理由。")
DUE_REQUIRED = _("该类事项没有默认期限，请填写办理期限及其依据。")
NOT_NOW = _("该事项当前不能办理此操作。")
ESCALATE_NOT_OVERDUE = _("督办日期须在期限（%(date)s）之后，且不晚于今天。")
RETURN_TOO_LATE = _("退回期限已于%(date)s届满（%(rule)s），请按程序办理或报交办机构协调。")
# The name an unrecorded body's rule goes by (its periods are the model's defaults, fazhi.ledger.constants).
DEFAULT_RULE_NAME = _("未登记办理规则，按默认期限")
GRADE_REQUIRED = _("请选择答复类别（A、B、C、D）。")
GRADE_NOT_USED = _("只有人大代表建议和政协提案的答复标注类别。")
SAME_UNIT = _("改派的承办单位须不同于退回的单位。")
REASSIGN_TO_CO_HANDLER = _("%(unit)s是该事项的会办单位，不能同时作为承办单位。")
CO_HANDLER_IS_OWNER = _("会办单位不能是主办单位。")
CO_HANDLER_TWICE = _("%(unit)s已是该事项的会办单位。")
ASSIGNED_OUTSIDE = _("交办日期须在收到日期（%(date)s）之后，且不晚于今天。")
VIEWS_REQUIRED = _("请填写会办意见。")
VIEWS_OUTSIDE = _("提出意见日期须在交办日期（%(date)s）之后，且不晚于今天。")
RECTIFICATION_REQUIRED = _("审计发现问题须选择整改类型（立行立改、分阶段整改或持续整改）。")
RECTIFICATION_NOT_USED = _("只有审计发现问题填写整改类型。")
LAWSUIT_NOT_JUDICIAL = _("只有司法建议可以填写来源行政诉讼案件。")
CLOSING_FILE_REQUIRED = _("对账销号须上传整改完成的证明材料。")
CLOSED_BEFORE_ANSWER = _("销号日期须在整改情况报告日期（%(date)s）之后，且不晚于今天。")
RATED_OUTSIDE = _("反馈日期须在答复日期（%(date)s）之后，且不晚于今天。")



@dataclass(frozen=True)
class Period:
    """A kind's default period from receipt: working days, or months (a month's end that falls on a holiday rolls
    to the next working day, 民法典 第二百零三条), with its basis."""

    amount: int
    months: bool
    basis: str

    def due(self, received_on: dt.date) -> dt.date:
        calendar = working_calendar()
        if self.months:
            return calendar.add_months_period(received_on, self.amount)
        return calendar.add_working_days(received_on, self.amount)


# The default period of each kind that has one (constants: sources); the others are given with their basis.
DEFAULT_PERIODS = {
    ItemKind.ENTERPRISE_REQUEST: Period(ENTERPRISE_REQUEST_DAYS, False, "本区法律服务团服务承诺：5个工作日内答复"),
    ItemKind.JUDICIAL: Period(JUDICIAL_REPLY_MONTHS, True, JUDICIAL_REPLY_BASIS),
    ItemKind.PROCURATORIAL: Period(PROCURATORIAL_REPLY_MONTHS, True, PROCURATORIAL_REPLY_BASIS),
    ItemKind.PUBLIC_INTEREST: Period(PUBLIC_INTEREST_REPLY_MONTHS, True, PUBLIC_INTEREST_REPLY_BASIS),
    ItemKind.DEPUTY: Period(DEPUTY_REPLY_MONTHS, True, DEPUTY_REPLY_BASIS),
}


def rule_for(kind: str, on: dt.date) -> HandlingRule | None:
    """The body's handling rule in force on `on` (the latest effective by then), for the proposal kinds."""
    return (HandlingRule.objects.active().filter(kind=kind, effective_from__lte=on).order_by("-effective_from")
            .first())


def default_due(kind: str, received_on: dt.date) -> tuple[dt.date, str] | None:
    """The due date of a kind's default period, with its basis: the body's handling rule for a proposal kind
    (a deputy's suggestion without one: 代表法's three months), else DEFAULT_PERIODS; None when there is none."""
    rule = rule_for(kind, received_on) if kind in PROPOSAL_KINDS else None
    if rule is not None:
        period = Period(rule.reply_months, True, f"{rule.name}：自交办之日起{rule.reply_months}个月内答复")
    elif kind in DEFAULT_PERIODS:
        period = DEFAULT_PERIODS[kind]
    else:
        return None
    return period.due(received_on), period.basis


@transaction.atomic
def item_create(*, user, kind: str, source: str, owner_unit, subject: str, received_on: dt.date, content: str = "",
                source_entity=None, source_reference: str = "", handler: str = "", due_on: dt.date | None = None,
                due_basis: str = "", rectification: str = "", lawsuit=None) -> TrackedItem:
    """Receive an item; its due date is the kind's default period unless one is given with its basis. An audit
    finding says how it is to be put right (立行立改 / 分阶段整改 / 持续整改); a judicial recommendation may name the
    lawsuit it arose from."""
    ItemKind(kind)
    rectification = checked_rectification(kind, rectification)
    if lawsuit is not None and kind != ItemKind.JUDICIAL:
        raise refuse(LAWSUIT_NOT_JUDICIAL)
    if received_on > clock.today():
        raise refuse(RECEIVED_IN_FUTURE, date=cn_date(received_on))
    if due_on is None:
        default = default_due(kind, received_on)
        if default is None:
            raise refuse(DUE_REQUIRED)
        due_on, due_basis = default
    elif not due_basis.strip():
        raise refuse(DUE_REQUIRED)
    return record_create(model=TrackedItem, user=user, reason="登记", kind=kind, source=source.strip(),
                         source_entity=source_entity, source_reference=source_reference.strip(), lawsuit=lawsuit,
                         owner_unit=owner_unit, handler=handler.strip(),
                         subject=subject.strip(), content=content.strip(), received_on=received_on, due_on=due_on,
                         due_basis=due_basis.strip()[:200], rectification=rectification)


def checked_rectification(kind: str, rectification: str | None) -> str:
    if kind != ItemKind.AUDIT:
        if rectification:
            raise refuse(RECTIFICATION_NOT_USED)
        return ""
    if not rectification:
        raise refuse(RECTIFICATION_REQUIRED)
    return Rectification(rectification).value


def _allowed(rule, user, record) -> None:
    """The rule allows it, else 403 to whoever may not change the record at all, and "not now" to the others."""
    if user is not None and not rule(user, record):
        if not may_change(record, user):
            raise PermissionDeniedError()
        raise refuse(NOT_NOW)


@transaction.atomic
def item_extend(*, user, item: TrackedItem, extended_to: dt.date, reason: str) -> TrackedItem:
    """延期: once, to a later date, with the reason, asked for before the due date has passed (an overdue item is
    escalated, not extended: extending it afterwards would clear its lateness); an extended item is not overdue before
    its new date."""
    _allowed(permissions.may_extend, user, item)
    if clock.today() > item.due_on:
        raise refuse(EXTEND_AFTER_DUE, date=cn_date(item.due_on))
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    if problem := extension_problem(item, extended_to):
        raise refuse(problem)
    return record_transition(record=item, user=user, expected_version=item.version, reason="延期",
                             extended_to=extended_to, extension_reason=reason.strip()[:200])


def extension_problem(item: TrackedItem, extended_to: dt.date) -> str | None:
    """Why the item cannot be extended to `extended_to`: not after its due date, or (a deputy's suggestion) after the
    six months the law allows at the most (DEPUTY_LONGEST_REPLY_MONTHS). The pages and the import share it."""
    if extended_to <= item.due_on:
        return str(EXTEND_NOT_LATER % {"date": cn_date(item.due_on)})
    if item.kind == ItemKind.DEPUTY:
        latest = working_calendar().add_months_period(item.received_on, DEPUTY_LONGEST_REPLY_MONTHS)
        if extended_to > latest:
            return str(EXTEND_BEYOND_LAW % {"date": cn_date(latest)})
    return None


@transaction.atomic
def item_answer(*, user, item: TrackedItem, answer: str, answered_on: dt.date | None = None,
                grade: str | None = "") -> TrackedItem:
    """答复: the days taken (calendar days from receipt) and whether by the due date that counts; a proposal's
    answer is graded A/B/C/D (what each means is its body's rule)."""
    _allowed(permissions.may_answer, user, item)
    answered_on = _answer_date(answer, answered_on, item.received_on)
    grade = _checked_grade(item, grade)
    return record_transition(record=item, user=user, expected_version=item.version, reason="答复",
                             answered_on=answered_on, answer=answer.strip(), grade=grade,
                             days_taken=(answered_on - item.received_on).days,
                             on_time=answered_on <= item.effective_due_on)


def _answer_date(answer: str, answered_on: dt.date | None, not_before: dt.date,
                 too_early=ANSWER_BEFORE_RECEIVED) -> dt.date:
    answered_on = answered_on or clock.today()
    if not answer.strip():
        raise refuse(ANSWER_REQUIRED)
    if answered_on < not_before:
        raise refuse(too_early, date=cn_date(not_before))
    if answered_on > clock.today():
        raise refuse(ANSWER_IN_FUTURE, date=cn_date(answered_on))
    return answered_on


def _checked_grade(item: TrackedItem, grade: str | None) -> str:
    if item.kind not in PROPOSAL_KINDS:
        if grade:
            raise refuse(GRADE_NOT_USED)
        return ""
    if not grade:
        raise refuse(GRADE_REQUIRED)
    return AnswerGrade(grade).value


@transaction.atomic
def item_rate(*, user, item: TrackedItem, satisfaction: str, rated_on: dt.date | None = None) -> TrackedItem:
    """The asker's rating of the answer (满意 / 基本满意 / 不满意), recorded by the unit. A deputy or member not
    satisfied starts a second round: the unit studies it again and answers within the body's rule's period."""
    _allowed(permissions.may_rate, user, item)
    Satisfaction(satisfaction)
    rated_on = _rating_date(rated_on, item.answered_on)
    second_due_on = None
    if satisfaction == Satisfaction.UNSATISFIED and item.kind in PROPOSAL_KINDS:
        rule = _rule(item.kind, item.received_on)
        second_due_on = working_calendar().add_months_period(rated_on, rule.second_round_months)
    return record_transition(record=item, user=user, expected_version=item.version, reason="记录满意度",
                             satisfaction=satisfaction, rated_on=rated_on, second_due_on=second_due_on)


def _rating_date(rated_on: dt.date | None, answered_on: dt.date) -> dt.date:
    rated_on = rated_on or clock.today()
    if not answered_on <= rated_on <= clock.today():
        raise refuse(RATED_OUTSIDE, date=cn_date(answered_on))
    return rated_on


def _rule(kind: str, on: dt.date) -> HandlingRule:
    """The rule in force, or (none recorded yet) an unsaved one with the defaults, so that a return, a co-handler
    or an unsatisfied rating is not refused for want of a record the unit cannot make."""
    return rule_for(kind, on) or HandlingRule(kind=kind, name=str(DEFAULT_RULE_NAME), effective_from=on)


@transaction.atomic
def item_return(*, user, item: TrackedItem, reason: str, returned_on: dt.date | None = None) -> TrackedItem:
    """退回: a proposal not within the unit's duties goes back to the body's office for reassignment, within the
    rule's period from receipt (not kept, not passed on by the unit itself)."""
    _allowed(permissions.may_return, user, item)
    returned_on = returned_on or clock.today()
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    rule = _rule(item.kind, item.received_on)
    last_day = return_deadline(rule, item.received_on)
    if not item.received_on <= returned_on <= clock.today() or returned_on > last_day:
        raise refuse(RETURN_TOO_LATE, date=cn_date(last_day), rule=rule.name)
    return record_transition(record=item, user=user, expected_version=item.version, reason="退回",
                             returned_on=returned_on, return_reason=reason.strip()[:200])


def return_deadline(rule: HandlingRule, received_on: dt.date) -> dt.date:
    calendar = working_calendar()
    if rule.return_in_working_days:
        return calendar.add_working_days(received_on, rule.return_days)
    return calendar.next_working_day(received_on + dt.timedelta(days=rule.return_days))


@transaction.atomic
def item_reassign(*, user, item: TrackedItem, owner_unit, reason: str) -> TrackedItem:
    """改派: the legal-affairs office hands a returned item to the unit whose duty it is. The period runs on from
    the first 交办 (the body's office may set another due date: an extension)."""
    _allowed(permissions.may_reassign, user, item)
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    if owner_unit.pk == item.owner_unit_id:
        raise refuse(SAME_UNIT)
    if item.co_handlings.active().filter(unit=owner_unit).exists():
        raise refuse(REASSIGN_TO_CO_HANDLER, unit=owner_unit)
    # The history's change reason holds 100 characters (simple_history); the form and API allow 90.
    return record_transition(record=item, user=user, expected_version=item.version,
                             reason=f"改派：{reason.strip()}"[:100], owner_unit=owner_unit, handler="",
                             returned_on=None, return_reason="")


@transaction.atomic
def item_answer_again(*, user, item: TrackedItem, answer: str, answered_on: dt.date | None = None,
                      grade: str | None = "") -> TrackedItem:
    """再次答复 in the second round (the first answer and its rating are kept); the grade may change."""
    _allowed(permissions.may_answer_again, user, item)
    answered_on = _answer_date(answer, answered_on, item.rated_on, ANSWER_BEFORE_RATED)
    return record_transition(record=item, user=user, expected_version=item.version, reason="再次答复",
                             second_answered_on=answered_on, second_answer=answer.strip(),
                             grade=_checked_grade(item, grade))


@transaction.atomic
def item_rate_again(*, user, item: TrackedItem, satisfaction: str) -> TrackedItem:
    """The asker's rating of the second answer (there is no third round on the platform)."""
    _allowed(permissions.may_rate_again, user, item)
    Satisfaction(satisfaction)
    return record_transition(record=item, user=user, expected_version=item.version, reason="记录再次答复满意度",
                             second_satisfaction=satisfaction)


@transaction.atomic
def item_escalate(*, user, item: TrackedItem, note: str, escalated_on: dt.date | None = None) -> TrackedItem:
    """督办: the legal-affairs office tells the owner unit to answer an item past its due date; the notice is kept on
    the item (and in its history) and the unit's desk shows it among its overdue items."""
    _allowed(permissions.may_escalate, user, item)
    escalated_on = escalated_on or clock.today()
    if not note.strip():
        raise refuse(REASON_REQUIRED)
    if not item.effective_due_on < escalated_on <= clock.today():
        raise refuse(ESCALATE_NOT_OVERDUE, date=cn_date(item.effective_due_on))
    return record_transition(record=item, user=user, expected_version=item.version, reason="督办",
                             escalated_on=escalated_on, escalation_note=note.strip()[:200])


@transaction.atomic
def item_close(*, user, item: TrackedItem, note: str, upload, closed_on: dt.date | None = None) -> TrackedItem:
    """对账销号: an audit finding whose rectification was reported is struck off the ledger once checked against the
    evidence, kept with its SHA-256 (stored once by digest, docs/decisions/0009)."""
    _allowed(permissions.may_close, user, item)
    closed_on = closed_on or clock.today()
    if not note.strip():
        raise refuse(REASON_REQUIRED)
    if not item.answered_on <= closed_on <= clock.today():
        raise refuse(CLOSED_BEFORE_ANSWER, date=cn_date(item.answered_on))
    if upload is None:
        raise refuse(CLOSING_FILE_REQUIRED)
    stored = store_record_file(upload, os.path.basename(getattr(upload, "name", "") or "证明材料"), kind=EVIDENCE,
                               folder="ledger", storage=TrackedItem._meta.get_field("closing_file").storage)
    return record_transition(record=item, user=user, expected_version=item.version, reason="对账销号",
                             closed_on=closed_on, closing_note=note.strip()[:200], closing_file=stored.name,
                             closing_file_name=stored.original_name, closing_file_sha256=stored.sha256)


@transaction.atomic
def co_handler_add(*, user, item: TrackedItem, unit, assigned_on: dt.date | None = None) -> CoHandling:
    """会办: another unit is to send the 主办 unit its views on a proposal within the body's rule's period. Added by
    the 主办 unit or the legal-affairs office (the record is the co-handling unit's, so it is written here, stamped
    with the user, after the item's rule `may_add_co_handler`)."""
    _allowed(permissions.may_add_co_handler, user, item)
    assigned_on = assigned_on or clock.today()
    if unit.pk == item.owner_unit_id:
        raise refuse(CO_HANDLER_IS_OWNER)
    if item.co_handlings.active().filter(unit=unit).exists():
        raise refuse(CO_HANDLER_TWICE, unit=unit)
    if not item.received_on <= assigned_on <= clock.today():
        raise refuse(ASSIGNED_OUTSIDE, date=cn_date(item.received_on))
    rule = _rule(item.kind, item.received_on)
    co_handling = CoHandling(item=item, unit=unit, assigned_on=assigned_on, created_by=user, modified_by=user,
                             views_due_on=working_calendar().add_months_period(assigned_on, rule.co_handler_months))
    co_handling.full_clean()
    co_handling._change_reason = "交办会办"
    co_handling.save()
    return co_handling


@transaction.atomic
def co_handling_views(*, user, co_handling: CoHandling, views: str, views_on: dt.date | None = None) -> CoHandling:
    """The co-handling unit's views, sent to the 主办 unit (once; on time when by the period's end)."""
    _allowed(permissions.may_give_views, user, co_handling)
    views_on = views_on or clock.today()
    if not views.strip():
        raise refuse(VIEWS_REQUIRED)
    if not co_handling.assigned_on <= views_on <= clock.today():
        raise refuse(VIEWS_OUTSIDE, date=cn_date(co_handling.assigned_on))
    return record_transition(record=co_handling, user=user, expected_version=co_handling.version,
                             reason="提出会办意见", views=views.strip(), views_on=views_on)

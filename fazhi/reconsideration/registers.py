"""Import/export of the 行政复议 cases, keyed by 复议案号: past cases arrive with their answer and decision. The
answer's and the decision's due dates and the status are derived as on the pages; an unanswered case gets its answer
deadline. 意见书 and 附带审查 are recorded on the case's page."""

from django.core.exceptions import ValidationError

from fazhi.core.dates import happened_problem
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.reconsideration.constants import SIMPLE_ANSWER_DAYS, SIMPLE_DECISION_DAYS
from fazhi.reconsideration.deadline_rules import ANSWER, DECISION
from fazhi.reconsideration.lifecycle import Status
from fazhi.reconsideration.models import Reconsideration
from fazhi.registers.base import BooleanColumn, ChoiceColumn, Column, ForeignKeyColumn, Register, register

DECISION_INCOMPLETE = "复议结果、复议决定日期和复议决定书须同时填写。"


@register
class ReconsiderationRegister(Register):
    name = "reconsideration_cases"
    title = "行政复议案件"
    model = Reconsideration
    key = "number"
    save_each = True  # few rows; an unanswered case's deadline is started after it is saved
    derived_fields = ("answer_due_on", "decision_due_on", "status")
    columns = [
        Column("复议案号", "number"),
        Column("行政复议机关", "organ"),
        ChoiceColumn("申请人类型", "applicant_type"),
        Column("申请人", "applicant"),
        ForeignKeyColumn("被申请人编码", "respondent_unit", lookup="code"),
        Column("被申请复议的行政行为", "matter"),
        ChoiceColumn("行政管理类别", "category"),
        BooleanColumn("适用简易程序", "simple_procedure", required=False),
        Column("受理日期", "accepted_on", help_text="日期，不晚于今天"),
        Column("收到申请书副本日期", "copy_received_on", help_text="不早于受理日期，不晚于今天"),
        Column("书面答复日期", "answered_on", required=False, help_text="不早于收到副本日期，不晚于今天"),
        ChoiceColumn("复议结果", "outcome", required=False),
        Column("复议决定日期", "decided_on", required=False, help_text="不早于受理日期，不晚于今天"),
        Column("复议决定书", "decision_document", required=False, help_text="填写复议结果的须填写"),
    ]

    def complete(self, case) -> None:
        """The rules of the case's pages (fazhi.reconsideration.services), on a whole row at once."""
        problems = {}
        accepted = ("受理日期", case.accepted_on)
        for field, label, after in (
                ("accepted_on", accepted[0], None), ("copy_received_on", "收到申请书副本日期", accepted),
                ("answered_on", "书面答复日期", ("收到申请书副本日期", case.copy_received_on)),
                ("decided_on", "复议决定日期", accepted)):
            if getattr(case, field) is not None and (problem := happened_problem(getattr(case, field), label, after)):
                problems[field] = problem
        deciding = (case.outcome, case.decided_on, case.decision_document)
        if any(deciding) and not all(deciding):
            problems.setdefault("outcome", DECISION_INCOMPLETE)
        if problems:
            raise ValidationError(problems)
        calendar = working_calendar()
        simple = case.simple_procedure
        case.answer_due_on = ANSWER.compute(calendar, case.copy_received_on,
                                            SIMPLE_ANSWER_DAYS if simple else None).due_on
        case.decision_due_on = DECISION.compute(calendar, case.accepted_on,
                                                SIMPLE_DECISION_DAYS if simple else None).due_on
        case.status = (Status.DECIDED if case.outcome else Status.ANSWERED if case.answered_on else Status.RECEIVED)

    def save(self, created: list, updated: list, fields: list[str], user, reason: str, **kwargs) -> None:
        super().save(created, updated, fields, user, reason, **kwargs)
        for case in created:
            if case.status == Status.RECEIVED:  # the answer is still due: on the unit's desk like a new case
                deadline_start(rule_code=ANSWER.code, record=case, org_unit=case.respondent_unit,
                               starts_on=case.copy_received_on, title=f"行政复议{case.number}书面答复",
                               amount=SIMPLE_ANSWER_DAYS if case.simple_procedure else None)
        for case in updated:
            if case.answered_on is not None:
                deadlines_complete_for(record=case, rule_code=ANSWER.code, completed_on=case.answered_on)

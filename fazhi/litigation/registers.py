"""Import/export of the lawsuits, keyed by 案号: a unit's cases from before the platform arrive with their defence and
outcome. The defence's due date and the status are derived as on the pages; an open case gets its defence deadline.
Hearings are recorded on the case's page (one row per case here)."""

from django.core.exceptions import ValidationError

from fazhi.core.dates import happened_problem
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.litigation.deadline_rules import DEFENCE
from fazhi.litigation.lifecycle import Status
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.registers.base import BooleanColumn, ChoiceColumn, Column, ForeignKeyColumn, Register, register

OUTCOME_WITHOUT_DEFENCE = "登记结案的须填写提交答辩状日期。"
OUTCOME_INCOMPLETE = "结案方式、结案日期和裁判文书须同时填写。"
CLOSED_BEFORE_DEFENCE = "结案日期不能早于提交答辩状日期。"


@register
class LitigationRegister(Register):
    name = "litigation_cases"
    title = "行政诉讼案件"
    model = AdministrativeLitigation
    key = "case_number"
    save_each = True  # few rows; an open case's deadline is started after it is saved
    derived_fields = ("defence_due_on", "status")
    columns = [
        Column("案号", "case_number"),
        Column("审理法院", "court"),
        ChoiceColumn("审级", "level"),
        ChoiceColumn("原告类型", "plaintiff_type"),
        Column("原告", "plaintiff"),
        ForeignKeyColumn("被告单位编码", "defendant_unit", lookup="code"),
        Column("案由", "cause"),
        ChoiceColumn("行政管理类别", "category"),
        BooleanColumn("一并请求行政赔偿", "compensation_claimed", required=False),
        Column("收到起诉状副本日期", "complaint_received_on", help_text="日期，不晚于今天"),
        Column("提交答辩状日期", "defence_filed_on", required=False, help_text="不早于收到日期，不晚于今天"),
        ChoiceColumn("结案方式", "outcome", required=False),
        Column("结案日期", "closed_on", required=False, help_text="不早于提交答辩状日期，不晚于今天"),
        Column("裁判文书", "judgment_document", required=False, help_text="填写结案方式的须填写"),
    ]

    def complete(self, case) -> None:
        """The rules of the lawsuit's pages (fazhi.litigation.services), on a whole row at once."""
        problems = {}
        received = ("收到起诉状副本日期", case.complaint_received_on)
        for field, label, after in (("complaint_received_on", received[0], None),
                                    ("defence_filed_on", "提交答辩状日期", received),
                                    ("closed_on", "结案日期", received)):
            if getattr(case, field) is not None and (problem := happened_problem(getattr(case, field), label, after)):
                problems[field] = problem
        closing = (case.outcome, case.closed_on, case.judgment_document)
        if any(closing) and not all(closing):
            problems.setdefault("outcome", OUTCOME_INCOMPLETE)
        elif case.outcome and case.defence_filed_on is None:
            problems.setdefault("defence_filed_on", OUTCOME_WITHOUT_DEFENCE)
        elif case.closed_on and case.closed_on < case.defence_filed_on:
            problems.setdefault("closed_on", CLOSED_BEFORE_DEFENCE)
        if problems:
            raise ValidationError(problems)
        case.defence_due_on = DEFENCE.compute(working_calendar(), case.complaint_received_on).due_on
        case.status = (Status.CLOSED if case.outcome else Status.DEFENDED if case.defence_filed_on
                       else Status.RECEIVED)

    def save(self, created: list, updated: list, fields: list[str], user, reason: str, **kwargs) -> None:
        super().save(created, updated, fields, user, reason, **kwargs)
        for case in created:
            if case.status == Status.RECEIVED:  # the defence is still due: on the unit's desk like a new case
                deadline_start(rule_code=DEFENCE.code, record=case, org_unit=case.defendant_unit,
                               starts_on=case.complaint_received_on, title=f"{case.case_number}提交答辩状和证据")
        for case in updated:
            if case.defence_filed_on is not None:
                deadlines_complete_for(record=case, rule_code=DEFENCE.code, completed_on=case.defence_filed_on)

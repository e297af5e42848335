"""Import/export of the 行政复议 cases: past cases arrive with their answer and decision, derived as on the pages; an
unanswered case gets its answer deadline; a bad row writes nothing and is named with its reason."""

import datetime as dt

import pytest

from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.reconsideration.deadline_rules import ANSWER
from fazhi.reconsideration.lifecycle import Status
from fazhi.reconsideration.models import Reconsideration
from fazhi.reconsideration.registers import DECISION_INCOMPLETE, ReconsiderationRegister
from fazhi.registers.tabular import write_table

TODAY = dt.date(2022, 10, 31)


@pytest.fixture
def register(units, set_today):
    set_today(TODAY)
    return ReconsiderationRegister()


def _row(**cells) -> list[str]:
    row = dict.fromkeys(ReconsiderationRegister().headers, "")
    row.update({"复议案号": "大政复字〔2022〕1号", "行政复议机关": "大连市人民政府", "申请人类型": "公民",
                "申请人": "王某某", "被申请人编码": "STR-A", "被申请复议的行政行为": "行政处罚决定",
                "行政管理类别": "市场监管", "受理日期": "2022-09-25", "收到申请书副本日期": "2022-09-28"})
    row.update(cells)
    return list(row.values())


def _import(register, rows):
    return register.import_file(write_table(register.headers, rows, "xlsx"), "xlsx")


def test_past_cases_arrive_derived_and_the_unanswered_one_with_its_deadline(register):
    rows = [_row(书面答复日期="2022-10-12", 复议结果="撤销或部分撤销", 复议决定日期="2022-10-28",
                 复议决定书="大政复决字〔2022〕1号"),
            _row(复议案号="大政复字〔2022〕2号", 适用简易程序="是")]
    result = _import(register, rows)
    assert result.ok and result.created == 2, [str(e) for e in result.errors]
    decided, simple = Reconsideration.objects.order_by("number")
    assert (decided.status, decided.corrected, decided.answer_due_on) == (Status.DECIDED, True, dt.date(2022, 10, 17))
    assert (simple.status, simple.answer_due_on, simple.decision_due_on) == (
        Status.RECEIVED, dt.date(2022, 10, 10), dt.date(2022, 10, 25))
    assert deadlines_for_record(simple).get(rule_code=ANSWER.code).due_on == dt.date(2022, 10, 10)
    assert not deadlines_for_record(decided).exists()


def test_bad_rows_are_named_and_nothing_is_written(register):
    rows = [_row(复议结果="维持"), _row(复议案号="大政复字〔2022〕2号", 收到申请书副本日期="2022-09-24"),
            _row(复议案号="大政复字〔2022〕3号", 书面答复日期="2022-11-01")]
    result = _import(register, rows)
    assert not result.ok and Reconsideration.objects.count() == 0
    messages = {(error.row, error.message) for error in result.errors}
    assert (2, DECISION_INCOMPLETE) in messages
    assert any(error.row == 3 and "早于受理日期" in error.message for error in result.errors)
    assert any(error.row == 4 and "晚于今天" in error.message for error in result.errors)

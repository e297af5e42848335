"""Import/export of the lawsuits: past cases arrive with their defence and outcome, derived as on the pages; an open
case gets its defence deadline; a bad row writes nothing and is named with its reason."""

import datetime as dt

import pytest

from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.litigation.deadline_rules import DEFENCE
from fazhi.litigation.lifecycle import Status
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.litigation.registers import OUTCOME_INCOMPLETE, OUTCOME_WITHOUT_DEFENCE, LitigationRegister
from fazhi.registers.tabular import write_table

TODAY = dt.date(2022, 6, 30)


@pytest.fixture
def register(units, set_today):
    set_today(TODAY)
    return LitigationRegister()


def _row(**cells) -> list[str]:
    row = dict.fromkeys(LitigationRegister().headers, "")
    row.update({"案号": "（2022）辽0291行初1号", "审理法院": "大连市长兴岛人民法院", "审级": "一审", "原告类型": "公民",
                "原告": "王某某", "被告单位编码": "STR-A", "案由": "不服行政处罚决定", "行政管理类别": "市场监管",
                "收到起诉状副本日期": "2022-03-05"})
    row.update(cells)
    return list(row.values())


def _import(register, rows):
    return register.import_file(write_table(register.headers, rows, "xlsx"), "xlsx")


def test_past_cases_arrive_with_their_status_and_the_open_one_with_its_deadline(register):
    rows = [_row(提交答辩状日期="2022-03-15", 结案方式="判决撤销或部分撤销", 结案日期="2022-05-10",
                 裁判文书="（2022）辽0291行初1号行政判决书"),
            _row(案号="（2022）辽0291行初2号", 提交答辩状日期="2022-03-22"),
            _row(案号="（2022）辽0291行初3号", 收到起诉状副本日期="2022-06-20")]
    result = _import(register, rows)
    assert result.ok and result.created == 3, [str(e) for e in result.errors]
    closed, defended, received = AdministrativeLitigation.objects.order_by("case_number")
    assert (closed.status, closed.lost, closed.defence_due_on) == (Status.CLOSED, True, dt.date(2022, 3, 21))
    assert (defended.status, defended.defence_on_time) == (Status.DEFENDED, False)
    assert received.status == Status.RECEIVED and received.defence_due_on == dt.date(2022, 7, 5)
    assert [d.due_on for d in deadlines_for_record(received).filter(rule_code=DEFENCE.code)] == [dt.date(2022, 7, 5)]
    assert not deadlines_for_record(closed).exists()
    updated = _import(register, [_row(案号="（2022）辽0291行初3号", 收到起诉状副本日期="2022-06-20",
                                      提交答辩状日期="2022-06-29")])
    assert updated.ok and updated.updated == 1, [str(e) for e in updated.errors]
    assert deadlines_for_record(received).get().completed_on == dt.date(2022, 6, 29)


def test_bad_rows_are_named_and_nothing_is_written(register):
    rows = [_row(),
            _row(案号="（2022）辽0291行初2号", 结案方式="裁定准许撤诉"),
            _row(案号="（2022）辽0291行初3号", 结案方式="裁定准许撤诉", 结案日期="2022-04-01", 裁判文书="裁定书"),
            _row(案号="（2022）辽0291行初4号", 收到起诉状副本日期="2022-07-01")]
    result = _import(register, rows)
    assert not result.ok and AdministrativeLitigation.objects.count() == 0
    messages = {(error.row, error.message) for error in result.errors}
    assert (3, OUTCOME_INCOMPLETE) in messages and (4, OUTCOME_WITHOUT_DEFENCE) in messages
    assert any(error.row == 5 and "晚于今天" in error.message for error in result.errors)

"""Import/export of the tracking ledger: items from before the platform arrive with their answers; the due date,
days taken and on time are derived as on the pages; a bad row writes nothing and is named with its reason."""

import datetime as dt

import pytest

from fazhi.ledger import services
from fazhi.ledger.constants import ItemKind
from fazhi.ledger.models import TrackedItem
from fazhi.ledger.registers import TrackedItemRegister
from fazhi.registers.tabular import write_table

TODAY = dt.date(2022, 6, 30)


@pytest.fixture
def register(units, set_today):
    set_today(TODAY)
    return TrackedItemRegister()


def _row(**cells) -> list[str]:
    row = dict.fromkeys(TrackedItemRegister().headers, "")
    row.update({"类别": "企业法律服务诉求", "来源": "大连某某有限公司", "承办单位编码": "STR-A", "事项": "合同审查",
                "收到日期": "2022-03-01"})
    row.update(cells)
    return list(row.values())


def _import(register, rows, **kwargs):
    return register.import_file(write_table(register.headers, rows, "xlsx"), "xlsx", **kwargs)


def test_an_answered_item_is_derived_as_on_the_pages(register):
    result = _import(register, [_row(答复日期="2022-03-10", 答复内容="已出具审查意见", 满意度="满意"),
                                _row(事项="用工咨询", 答复日期="2022-03-04", 答复内容="已答复")])
    assert result.ok and result.created == 2, [str(e) for e in result.errors]
    late, early = TrackedItem.objects.order_by("answered_on").reverse()
    made = services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="某公司",
                                owner_unit=late.owner_unit, subject="咨询", received_on=dt.date(2022, 3, 1))
    assert (late.due_on, late.due_basis) == (made.due_on, made.due_basis)  # the kind's default period
    assert (late.days_taken, late.on_time, early.days_taken, early.on_time) == (9, False, 3, True)
    assert late.number.startswith("TZ2022-ENT-") and made.number > late.number


def test_an_update_recomputes_whether_the_answer_was_on_time(register):
    _import(register, [_row(答复日期="2022-03-10", 答复内容="已出具审查意见")])
    item = TrackedItem.objects.get()
    assert item.on_time is False
    fixed = _row(编号=item.number, 延期至="2022-03-15", 延期理由="需调取材料", 答复日期="2022-03-10",
                 答复内容="已出具审查意见")
    result = _import(register, [fixed])
    assert result.ok and result.updated == 1, [str(e) for e in result.errors]
    item.refresh_from_db()
    assert item.on_time is True and item.extended_to == dt.date(2022, 3, 15)


def test_bad_rows_are_named_and_nothing_is_written(register):
    rows = [
        _row(),
        _row(类别="政协提案"),  # no default period: a due date and its basis are needed
        _row(收到日期="2022-07-01"),  # after today
        _row(答复日期="2022-02-01", 答复内容="x"),  # before receipt
        _row(答复日期="2022-03-02"),  # answered without an answer
        _row(满意度="满意"),  # rated before an answer
        _row(延期至="2022-03-02", 延期理由="x"),  # not after the due date
    ]
    result = _import(register, rows)
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "办理期限"), (4, "收到日期"), (5, "答复日期"), (6, "答复内容"), (7, "答复日期"), (8, "延期至")}
    assert not TrackedItem.objects.exists()
    proposal = _row(类别="政协提案", 办理期限="2022-05-01", 期限依据="区政协提案办理办法")
    assert _import(register, [proposal]).ok
    # A proposal's answer needs its grade; another kind's has none.
    result = _import(register, [_row(类别="人大代表建议", 答复日期="2022-05-20", 答复内容="已答复"),
                                _row(答复日期="2022-03-04", 答复内容="已答复", 答复类别="A")])
    assert {(e.row, e.column) for e in result.errors} == {(2, "答复类别"), (3, "答复类别")}
    # An audit finding says how it is put right.
    finding = _row(类别="审计发现问题", 办理期限="2022-05-01", 期限依据="审计决定书")
    result = _import(register, [finding, _row(整改类型="立行立改")])
    assert {(e.row, e.column) for e in result.errors} == {(2, "整改类型"), (3, "整改类型")}
    assert _import(register, [_row(类别="审计发现问题", 办理期限="2022-05-01", 期限依据="审计决定书",
                                   整改类型="持续整改")]).ok

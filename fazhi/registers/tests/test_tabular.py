"""The spreadsheet reader and writer, without Django: what a clerk's file turns into."""

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from fazhi.core.tests.messages import message_pattern
from fazhi.registers.tabular import (
    CSV_ENCODING_UNKNOWN,
    UNSUPPORTED_TYPE,
    TableFormatError,
    file_kind,
    read_table,
    write_table,
)
from fazhi.registers.tests.helpers import csv_bytes, xlsx_bytes

HEADERS = ["用户名", "姓名", "手机号码"]


def read_all(data: bytes, kind: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    headers, rows = read_table(data, kind)
    return headers, list(rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_excel_and_wps_write_is_read(encoding):
    # 䶮 is outside GBK: a real name character that only GB18030 (or UTF-8) can hold.
    rows = [["wangyan", "王䶮", "13800000000"], ["li", "李, 娜", ""]]
    headers, read = read_all(csv_bytes(HEADERS, rows, encoding), "csv")
    assert headers == HEADERS
    assert read == [(2, rows[0]), (3, rows[1])]


def test_csv_from_old_mac_excel_with_cr_line_ends_is_read():
    data = "用户名,姓名\r张三,Zhang\r".encode("gb18030")
    assert read_all(data, "csv") == (["用户名", "姓名"], [(2, ["张三", "Zhang"])])


def test_undecodable_csv_is_refused_in_chinese():
    with pytest.raises(TableFormatError, match=message_pattern(CSV_ENCODING_UNKNOWN)):
        read_all(b"\xff\xfe\x00\x00\x81", "csv")


def test_xlsx_numeric_and_date_cells_become_the_text_the_clerk_typed():
    data = xlsx_bytes(["手机号码", "排序", "比例", "日期", "是否启用"],
                      [[13800000000, 10, 0.5, dt.date(2024, 3, 1), True]])
    assert read_all(data, "xlsx")[1] == [(2, ["13800000000", "10", "0.5", "2024-03-01", "是"])]


def test_blank_rows_are_skipped_but_keep_their_row_numbers():
    data = xlsx_bytes(HEADERS, [["a", "甲", ""], ["b", "乙", ""]], blank_rows_before={1: 2})
    assert [number for number, _ in read_all(data, "xlsx")[1]] == [2, 5]
    csv_data = csv_bytes(HEADERS, [["a", "甲", ""], ["", "", ""], [], ["b", "乙", ""]])
    assert [number for number, _ in read_all(csv_data, "csv")[1]] == [2, 5]


def test_cells_lose_surrounding_spaces_including_full_width_ones():
    data = csv_bytes([" 用户名 ", "姓名\u3000"], [["\u3000zhang ", " 张三"]])
    assert read_all(data, "csv") == (["用户名", "姓名"], [(2, ["zhang", "张三"])])


def test_xlsx_data_sheet_is_read_even_if_the_notes_sheet_was_moved_first():
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填写说明"
    notes.append(["列", "填写要求"])
    data_sheet = book.create_sheet("市场主体名录")
    data_sheet.append(HEADERS)
    data_sheet.append(["a", "甲", "1"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_all(buffer.getvalue(), "xlsx") == (HEADERS, [(2, ["a", "甲", "1"])])


@pytest.mark.parametrize(("data", "kind", "message"), [
    (b"", "csv", "文件是空的"),
    (b"not a zip file", "xlsx", "无法读取该Excel文件：文件可能已损坏"),
])
def test_unreadable_files_say_why(data, kind, message):
    with pytest.raises(TableFormatError, match=message):
        read_all(data, kind)


@pytest.mark.parametrize(("name", "kind"), [("名册.XLSX", "xlsx"), ("a.csv", "csv"), ("b.xlsm", "xlsx")])
def test_file_kind_from_name(name, kind):
    assert file_kind(name) == kind


def test_file_kind_refuses_old_xls_in_chinese():
    with pytest.raises(TableFormatError, match=message_pattern(UNSUPPORTED_TYPE, suffix=".xls")):
        file_kind("名册.xls")


def test_written_xlsx_has_notes_sheet_text_cells_and_drop_downs():
    data = write_table(HEADERS, [["007", "张三", "13800000000"]], "xlsx", sheet_name="用户名册",
                       notes=[("用户名", "必填")], choices={1: ["是", "否"]})
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["用户名册", "填写说明"]
    assert book.get_sheet_by_index(0).to_python() == [HEADERS, ["007", "张三", "13800000000"]]


@pytest.mark.parametrize("value", ["=1+1", "+86 138", "-1", "@SUM(A1)", "'=already quoted", "''-x", "'plain"])
def test_csv_export_defuses_formulas_and_reads_them_back_unchanged(value):
    data = write_table(["名称"], [[value]], "csv")
    raw = data.decode("utf-8-sig").splitlines()[1]
    assert not raw.lstrip('"').startswith(("=", "+", "-", "@"))  # Excel would run it as a formula
    assert read_all(write_table(["名称"], [[value]], "xlsx"), "xlsx")[1] == [(2, [value])]  # xlsx needs no quoting
    assert read_all(data, "csv")[1] == [(2, [value])]


# Text a clerk can type into a cell: any printable character, including rare Han characters.
cell_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=30)
tables = st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=8)


def expected(rows: list[list[str]]) -> list[tuple[int, list[str]]]:
    cleaned = [(n, [c.strip() for c in row]) for n, row in enumerate(rows, start=2)]
    return [(n, row) for n, row in cleaned if any(row)]


def padded(rows: list[tuple[int, list[str]]], width: int) -> list[tuple[int, list[str]]]:
    return [(n, (row + [""] * width)[:width]) for n, row in rows]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=tables, kind=st.sampled_from(["xlsx", "csv"]))
def test_reader_never_loses_a_cell_we_wrote(rows, kind):
    headers, read = read_all(write_table(HEADERS, rows, kind), kind)
    assert headers == HEADERS
    assert padded(read, 3) == expected(rows)


# A leading apostrophe before = + - @ is how our export defuses formulas, so the reader drops it.
plain_tables = st.lists(st.lists(cell_text.filter(lambda t: not t.strip().startswith("'")), min_size=3, max_size=3),
                        min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(rows=plain_tables, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_reader_never_loses_a_cell_of_a_csv_in_any_encoding(rows, encoding):
    headers, read = read_all(csv_bytes(HEADERS, rows, encoding), "csv")
    assert headers == HEADERS
    assert padded(read, 3) == expected(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=tables)
def test_reader_never_loses_a_cell_of_an_xlsx_from_another_writer(rows):
    # openpyxl refuses a few control characters; a clerk cannot type them anyway.
    headers, read = read_all(xlsx_bytes(HEADERS, rows), "xlsx")
    assert headers == HEADERS
    assert padded(read, 3) == expected(rows)

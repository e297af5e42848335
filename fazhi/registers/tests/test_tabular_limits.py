"""The caps on what one spreadsheet may hold, and files built to exhaust the reader (audit, issue 16).

Before the reader ran in a child process, the first of these aborted the process running the test.
"""

import gc
import os
import time
from pathlib import Path

import pytest

from fazhi.core.tests.messages import message_pattern
from fazhi.registers.tabular import (
    DEFAULT_LIMITS,
    ROWS_COUNTED,
    ROWS_UNCOUNTED,
    TOO_BIG_UNZIPPED,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TOO_MUCH_MEMORY,
    TOO_SLOW,
    UNREADABLE_XLSX,
    TableFormatError,
    TableLimits,
    read_table,
    write_table,
)
from fazhi.registers.tests.bombs import SHEET, declare_size, xlsx_with_cells
from fazhi.registers.tests.helpers import csv_bytes

HEADERS = ["用户名", "姓名", "手机号码"]


def memory() -> str:
    """The refusal of a file that would need more memory than its size allows (whatever that allowance is)."""
    return message_pattern(TOO_MUCH_MEMORY, max_rows=DEFAULT_LIMITS.max_rows, max_columns=DEFAULT_LIMITS.max_columns)



def read_all(data: bytes, kind: str = "xlsx", limits: TableLimits | None = None):
    headers, rows = read_table(data, kind, **({"limits": limits} if limits else {}))
    return headers, list(rows)


def children() -> list[int]:
    """Our child processes still existing (running or not yet collected)."""
    me = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.append(int(entry.name))
    return found


def test_a_cell_at_the_last_cell_of_a_sheet_is_refused_and_this_process_lives():
    # 1.8 KB that asks calamine for a grid of 1,048,576 × 16,384 cells (512 GB): an abort, before.
    data = xlsx_with_cells({"A1": "用户名", "XFD1048576": "x"})
    assert len(data) < 2000
    with pytest.raises(TableFormatError, match=memory()):
        read_all(data)


def test_a_lone_cell_at_z1000000_is_refused_in_well_under_a_second():
    # Before: 1 GB and 4 s, then two rows read as if nothing had happened.
    data = xlsx_with_cells({"A1": "用户名", "Z1000000": "x"})
    started = time.monotonic()
    with pytest.raises(TableFormatError, match=memory()):
        read_all(data)
    assert time.monotonic() - started < 2


def test_a_long_shared_string_repeated_in_every_cell_is_refused():
    # 20 kB of text referred to by 5,000 cells: calamine copies it into each (100 MB, then Python's copies).
    data = xlsx_with_cells({"A1": "用户名"}, shared=["国" * 20_000],
                           shared_refs={f"A{row}": 0 for row in range(2, 5002)})
    assert len(data) < 100_000
    with pytest.raises(TableFormatError, match=memory()):
        read_all(data, limits=TableLimits(memory_floor=64 << 20))


def test_rows_over_the_cap_are_refused_naming_the_cap_and_the_cap_itself_is_allowed():
    rows = [[f"u{i}", "张三", ""] for i in range(4)]
    refusal = message_pattern(TOO_MANY_ROWS, counted=ROWS_COUNTED.format(rows=4), limit=3)
    with pytest.raises(TableFormatError, match=refusal):
        read_all(write_table(HEADERS, rows, "xlsx"), limits=TableLimits(max_rows=3))
    assert len(read_all(write_table(HEADERS, rows[:3], "xlsx"), limits=TableLimits(max_rows=3))[1]) == 3


def test_a_stray_cell_beyond_the_column_cap_is_refused_naming_the_column():
    data = xlsx_with_cells({"A1": "用户名", "B1": "姓名", "D7": "x"})
    refusal = message_pattern(TOO_MANY_COLUMNS, columns=4, letter="D", limit=3, limit_letter="C")
    with pytest.raises(TableFormatError, match=refusal):
        read_all(data, limits=TableLimits(max_columns=3))
    assert read_all(data, limits=TableLimits(max_columns=4))[1] == [(7, ["", "", "", "x"])]


def test_the_default_caps_refuse_column_xfd_and_allow_a_province_scale_shape():
    refusal = message_pattern(TOO_MANY_COLUMNS, columns=16_384, letter="XFD", limit=64, limit_letter="BL")
    with pytest.raises(TableFormatError, match=refusal):
        read_all(xlsx_with_cells({"A1": "用户名", "XFD2": "x"}))
    limits = TableLimits()
    assert limits.max_rows >= 1_000_000 and limits.max_columns >= 64


def test_a_file_unzipping_past_the_cap_is_refused_before_it_is_read():
    data = xlsx_with_cells({"A1": "用户名", "A2": "x"}, padding=200_000)
    with pytest.raises(TableFormatError, match=message_pattern(TOO_BIG_UNZIPPED, size="0.2MB", limit="0.1MB")):
        read_all(data, limits=TableLimits(max_unzipped_bytes=100_000))
    assert read_all(data, limits=TableLimits(max_unzipped_bytes=300_000))[1] == [(2, ["x"])]


def test_a_zip_header_that_understates_the_size_makes_the_file_unreadable_not_big():
    # The check trusts the declared sizes because the zip reader stops at them.
    data = declare_size(xlsx_with_cells({"A1": "用户名", "A2": "x"}, padding=5_000_000), SHEET, 1000)
    with pytest.raises(TableFormatError, match=message_pattern(UNREADABLE_XLSX)):
        read_all(data, limits=TableLimits(max_unzipped_bytes=100_000))


def test_a_file_read_too_slowly_is_refused_naming_the_time_limit():
    data = write_table(HEADERS, ([f"u{i}", "张三", "13800000000"] for i in range(20_000)), "xlsx")
    with pytest.raises(TableFormatError, match=message_pattern(TOO_SLOW, seconds=0.01)):
        read_all(data, limits=TableLimits(timeout_seconds=0.01))


def test_data_starting_away_from_a1_keeps_its_row_and_column_numbers():
    data = xlsx_with_cells({"B1": "用户名", "C3": "x", "B5": "y"})
    assert read_all(data) == (["", "用户名"], [(3, ["", "", "x"]), (5, ["", "y", ""])])


def test_an_abandoned_read_leaves_no_process_behind():
    before = children()
    data = write_table(HEADERS, ([f"u{i}", "张三", ""] for i in range(10_000)), "xlsx")
    headers, rows = read_table(data, "xlsx")
    assert headers == HEADERS and next(rows) == (2, ["u0", "张三", ""])
    del rows
    gc.collect()
    headers, rows = read_table(data, "xlsx")  # never iterated, as an import stopped at its headers
    del rows
    gc.collect()
    assert children() == before


def test_csv_rows_over_the_cap_are_refused():
    data = csv_bytes(HEADERS, [[f"u{i}", "张三", ""] for i in range(4)])
    with pytest.raises(TableFormatError, match=message_pattern(TOO_MANY_ROWS, counted=ROWS_UNCOUNTED, limit=3)):
        read_all(data, "csv", TableLimits(max_rows=3))
    assert len(read_all(data, "csv", TableLimits(max_rows=4))[1]) == 4


def test_csv_columns_over_the_cap_are_refused_but_trailing_commas_are_not_columns():
    wide = csv_bytes(HEADERS, [["a", "b", "c", "d"]])
    refusal = message_pattern(TOO_MANY_COLUMNS, columns=4, letter="D", limit=3, limit_letter="C")
    with pytest.raises(TableFormatError, match=refusal):
        read_all(wide, "csv", TableLimits(max_columns=3))
    trailing = csv_bytes(HEADERS, [["a", "b", "c", "", "", ""]])
    assert read_all(trailing, "csv", TableLimits(max_columns=3))[1] == [(2, ["a", "b", "c"])]

"""Reading and writing spreadsheets (xlsx, csv) as plain rows of text. No Django import.

CSV files come from Excel and WPS in UTF-8, UTF-8 with BOM or GB18030; all three are read.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
NOTES_SHEET = "填写说明"
# A CSV cell starting with one of these is run as a formula when Excel opens the file
# (OWASP "CSV injection"); the writer puts an apostrophe in front and the reader takes it off.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableFormatError(ValueError):
    """The file is not a spreadsheet we can read; the message says why, in Chinese."""


def _cell_text(value) -> str:
    if type(value) is str:  # nearly every cell: the fast path
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 13800000000 as a float
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()


def column_letter(index: int) -> str:
    """The spreadsheet's name of a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _looks_like_formula(value: str) -> bool:
    # Apostrophes already in front count too, so that writing and reading are exact inverses.
    return value.lstrip("'").startswith(FORMULA_START)


def _defuse(value: str) -> str:
    return "'" + value if _looks_like_formula(value) else value


def _undefuse(value: str) -> str:
    return value[1:] if value.startswith("'") and _looks_like_formula(value) else value


def file_kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    raise TableFormatError(f"不支持的文件类型“{suffix or name}”：请使用 .xlsx 或 .csv 文件。")


def decode_csv(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableFormatError("无法识别CSV文件的编码：请另存为“CSV UTF-8”或GB18030编码。")


def read_table(data: bytes, kind: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Headers and the data rows, each with its row number as the spreadsheet shows it (header = 1).

    Entirely blank rows are skipped (their numbers are kept for the rows after them).
    """
    if kind == "csv":
        rows: Iterable[list] = _csv_rows(decode_csv(data))
        clean = _csv_cells
    else:
        rows = _xlsx_rows(data)
        clean = _xlsx_cells
    iterator = iter(rows)
    try:
        headers = clean(next(iterator))
    except StopIteration:
        raise TableFormatError("文件是空的：第1行应为表头。") from None
    while headers and not headers[-1]:
        headers.pop()

    def data_rows() -> Iterator[tuple[int, list[str]]]:
        for number, row in enumerate(iterator, start=2):
            cells = clean(row)
            if any(cells):
                yield number, cells

    return headers, data_rows()


def _csv_rows(text: str) -> Iterator[list[str]]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:
        raise TableFormatError(f"CSV文件格式有误：{error}") from error


def _csv_cells(row: list[str]) -> list[str]:
    return [_undefuse(cell.strip()).strip() for cell in row]


def _xlsx_cells(row: list) -> list[str]:
    return [_cell_text(cell) for cell in row]


def _xlsx_rows(data: bytes) -> Iterator[list]:
    """The rows of the data sheet (the first one that is not the notes), from A1 on."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [n for n in workbook.sheet_names if n != NOTES_SHEET] or workbook.sheet_names
        sheet = workbook.get_sheet_by_name(names[0])
        # skip_empty_area=False keeps row and column numbers as the spreadsheet shows them
        # even when the top rows or left columns are empty.
        return iter(sheet.to_python(skip_empty_area=False))
    except Exception as error:  # calamine raises several types for a broken file
        # The library's own words are English and technical; the clerk needs to know what to do.
        raise TableFormatError(
            "无法读取该Excel文件：文件可能已损坏，或不是.xlsx格式。请用Excel或WPS打开后“另存为”.xlsx再导入。"
        ) from error


def write_table(
    headers: list[str],
    rows: Iterable[list[str]],
    kind: str,
    *,
    sheet_name: str = "Sheet1",
    notes: list[tuple[str, str]] | None = None,
    choices: dict[int, list[str]] | None = None,
) -> bytes:
    """A spreadsheet as bytes. Every cell is written as text so codes keep leading zeros.

    `notes` (header, explanation) go on a second sheet "填写说明"; `choices` maps a column
    index to its allowed values, offered as a drop-down in Excel.
    """
    if kind == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows([_defuse(str(cell)) for cell in row] for row in rows)
        return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
    text = book.add_format({"num_format": "@"})
    for col, header in enumerate(headers):
        sheet.set_column(col, col, max(10, min(40, len(header) * 2 + 4)), text)
        sheet.write_string(0, col, header, bold)
    for col, values in (choices or {}).items():
        source = ",".join(values)
        if len(source) <= 255:  # Excel's limit for an inline list
            sheet.data_validation(1, col, 1048575, col, {"validate": "list", "source": values})
    sheet.freeze_panes(1, 0)
    for row_index, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value not in ("", None):
                sheet.write_string(row_index, col, str(value))
    if notes:
        help_sheet = book.add_worksheet(NOTES_SHEET)
        help_sheet.set_column(0, 0, 20)
        help_sheet.set_column(1, 1, 90)
        help_sheet.write_string(0, 0, "列", bold)
        help_sheet.write_string(0, 1, "填写要求", bold)
        for i, (header, explanation) in enumerate(notes, start=1):
            help_sheet.write_string(i, 0, header)
            help_sheet.write_string(i, 1, explanation)
    book.close()
    return buffer.getvalue()

"""Reading and writing spreadsheets (xlsx, csv) as plain rows of text. No Django import.

CSV files come from Excel and WPS in UTF-8, UTF-8 with BOM or GB18030; all three are read.

An xlsx is read in a forked child process (Linux), because a file of a few kilobytes can make the
reader allocate without bound: calamine builds a dense grid of every cell between the first and the
last used one as it loads a sheet (a cell at XFD1048576 asks for 512 GB, and Rust aborts the process
when an allocation fails), and copies a shared string into every cell that refers to it. The child
checks the zip's declared sizes (the zip readers stop at them, so a lying header fails), limits its
own address space in proportion to them (`TableLimits.memory_floor`, `memory_per_unzipped_byte`) and
its CPU time, checks the sheet's rows and columns against the caps before converting a cell, and sends
back the non-blank rows as text. A bomb kills the child only, and the parent raises TableFormatError
with a Chinese message saying which limit was passed and what to do. The parent waits at most
`timeout_seconds` for the child in all (time the caller spends on the rows it was given not counted).
"""

import contextlib
import csv
import datetime as dt
import fcntl  # Linux only, like the platform: the reading child's pipe and limits
import io
import marshal
import os
import resource
import select
import signal
import struct
import time
import weakref
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
NOTES_SHEET = "填写说明"
# A CSV cell starting with one of these is run as a formula when Excel opens the file
# (OWASP "CSV injection"); the writer puts an apostrophe in front and the reader takes it off.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Caps on what one file may hold. The Django side passes the settings FAZHI_IMPORT_* (fazhi/settings.py);
# these defaults are the same values, for callers that pass none.
# A province's register in one file; Excel's own sheet ends at 1,048,576 rows.
MAX_ROWS = 1_000_000
# The widest register (cases) has 16 columns with 记录版本; 64 leaves room for a clerk's own columns
# (refused later, by name) and still refuses a stray cell far to the right (XFD is column 16,384).
MAX_COLUMNS = 64
# 100,000 rows of the 9-column market-entity register unzip to 47 MB (docs/benchmarks.md), so 1 GiB
# holds about 2,000,000 such rows, or 1,000,000 rows of about 20 filled columns.
MAX_UNZIPPED_BYTES = 1 << 30
# Reading 100,000 rows takes about 1 s, 1,000,000 about 10 s; a file still unread after this is
# refused rather than holding a web worker.
READ_TIMEOUT_SECONDS = 120.0
# The child's address space beyond what it inherits: calamine needed 2 bytes per unzipped byte for
# the benchmark file (dense grid, text, the Python rows in flight); 4 leaves room for sheets with
# many empty cells between filled ones. The floor lets small files through whatever their shape,
# but not a sheet whose grid alone outgrows it: a lone cell at Z1000000 asks for 832 MB.
MEMORY_FLOOR = 512 << 20
MEMORY_PER_UNZIPPED_BYTE = 4
ROWS_PER_MESSAGE = 2000  # rows the child sends at a time: the parent starts on them while it reads on
_FRAME = struct.Struct("<Q")  # length prefix of each message the child sends
_EXIT_MEMORY = 3  # the child's exit status when Python itself ran out of memory
PIPE_BYTES = 1 << 20
MAX_FD = 1 << 20  # the child closes every descriptor below this but its pipe


class TableFormatError(ValueError):
    """The file is not a spreadsheet we can read; the message says why, in Chinese."""


@dataclass(frozen=True)
class TableLimits:
    """What one file may hold (see the constants above for why each default)."""

    max_rows: int = MAX_ROWS  # data rows, after the header row
    max_columns: int = MAX_COLUMNS
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES
    timeout_seconds: float = READ_TIMEOUT_SECONDS
    memory_floor: int = MEMORY_FLOOR
    memory_per_unzipped_byte: int = MEMORY_PER_UNZIPPED_BYTE

    def memory_budget(self, unzipped: int) -> int:
        """Bytes the child reading a file of `unzipped` bytes may add to its address space."""
        return self.memory_floor + self.memory_per_unzipped_byte * unzipped


DEFAULT_LIMITS = TableLimits()


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
    raise TableFormatError(UNSUPPORTED_TYPE.format(suffix=suffix or name))


def decode_csv(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableFormatError(CSV_ENCODING_UNKNOWN)


def read_table(data: bytes, kind: str, *, limits: TableLimits = DEFAULT_LIMITS,
               ) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Headers and the data rows, each with its row number as the spreadsheet shows it (header = 1).

    Entirely blank rows are skipped (their numbers are kept for the rows after them). A file over
    one of `limits` raises TableFormatError: at once for an xlsx, at the first row past a cap for a
    CSV (so the caller must read every row before writing any, as the importers do).
    """
    rows = _csv_rows(decode_csv(data), limits) if kind == "csv" else _xlsx_rows(data, limits)
    try:
        _, headers = next(rows)
    except StopIteration:
        raise TableFormatError(EMPTY_FILE) from None
    while headers and not headers[-1]:
        headers.pop()

    def data_rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in rows:
            if any(cells):
                yield number, cells

    return headers, data_rows()


# ----- the messages for each limit ---------------------------------------------------------------

UNSUPPORTED_TYPE = "不支持的文件类型“{suffix}”：请使用 .xlsx 或 .csv 文件。"
CSV_ENCODING_UNKNOWN = "无法识别CSV文件的编码：请另存为“CSV UTF-8”或GB18030编码。"
EMPTY_FILE = "文件是空的：第1行应为表头。"
ROWS_COUNTED = "有{rows:,}行数据，"  # what TOO_MANY_ROWS says of an xlsx; a CSV is read no further
ROWS_UNCOUNTED = "的数据行"
TOO_MANY_ROWS = ("文件中的表格{counted}超过了每个文件最多{limit:,}行的上限，未导入任何数据。"
                 "请分成几个文件分别导入；如果实际没有这么多行，请删除数据下方的空白行（其中可能留有内容或格式）后另存再导入。")
TOO_MANY_COLUMNS = ("文件中的表格用到了第{columns:,}列（{letter}列），超过了最多{limit}列（到{limit_letter}列）的上限，"
                    "未导入任何数据。请删除右侧多余的列（其中可能留有内容或格式）后另存再导入。")
TOO_BIG_UNZIPPED = ("文件解压后有{size}，超过了导入文件解压后最多{limit}的上限，未导入任何数据。"
                    "请分成几个较小的文件分别导入。")
MEMORY_BUDGET = "约{size}"  # what TOO_MUCH_MEMORY names as the allowance; "上限" when the size is unknown
MEMORY_LIMIT = "上限"
TOO_MUCH_MEMORY = ("读取该Excel文件所需的内存超过了按其大小允许的{budget}，未导入任何数据。"
                   "这通常是因为表格中很远的行或列（例如第1048576行或XFD列）有内容或格式，使表格范围远大于实际数据，"
                   "或同一段很长的文字被大量单元格重复引用。请在Excel或WPS中删除数据区域以外的行和列后另存再导入；"
                   "每个文件最多{max_rows:,}行、{max_columns}列。")
TOO_SLOW = ("读取该Excel文件超过了{seconds:g}秒的时限，未导入任何数据。"
            "请删除数据区域以外的行和列，或分成几个较小的文件分别导入。")
# The library's own words are English and technical; the clerk needs to know what to do.
UNREADABLE_XLSX = "无法读取该Excel文件：文件可能已损坏，或不是.xlsx格式。请用Excel或WPS打开后“另存为”.xlsx再导入。"
CSV_MALFORMED = "CSV文件格式有误：{error}"
NO_READER = ("服务器暂时无法读取Excel文件（无法启动读取进程），未导入任何数据。"
             "请稍后重试；如果一直如此，请联系系统管理员。")


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f}MB"


def _too_many_rows(rows: int | None, limits: TableLimits) -> TableFormatError:
    """`rows` None: a CSV, read no further than the first row past the cap."""
    counted = ROWS_COUNTED.format(rows=rows) if rows is not None else ROWS_UNCOUNTED
    return TableFormatError(TOO_MANY_ROWS.format(counted=counted, limit=limits.max_rows))


def _too_many_columns(columns: int, limits: TableLimits) -> TableFormatError:
    return TableFormatError(TOO_MANY_COLUMNS.format(columns=columns, letter=column_letter(columns - 1),
                                                    limit=limits.max_columns,
                                                    limit_letter=column_letter(limits.max_columns - 1)))


def _too_big_unzipped(unzipped: int, limits: TableLimits) -> TableFormatError:
    return TableFormatError(TOO_BIG_UNZIPPED.format(size=_megabytes(unzipped),
                                                    limit=_megabytes(limits.max_unzipped_bytes)))


def _too_much_memory(limits: TableLimits, unzipped: int | None) -> TableFormatError:
    budget = (MEMORY_BUDGET.format(size=_megabytes(limits.memory_budget(unzipped))) if unzipped is not None
              else MEMORY_LIMIT)
    return TableFormatError(TOO_MUCH_MEMORY.format(budget=budget, max_rows=limits.max_rows,
                                                   max_columns=limits.max_columns))


def _too_slow(limits: TableLimits) -> TableFormatError:
    return TableFormatError(TOO_SLOW.format(seconds=limits.timeout_seconds))


def _unreadable_xlsx() -> TableFormatError:
    return TableFormatError(UNREADABLE_XLSX)


# ----- CSV -----------------------------------------------------------------------------------------


def _csv_rows(text: str, limits: TableLimits) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every row, header first, checked against the caps as they come."""
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if number - 1 > limits.max_rows:
                raise _too_many_rows(None, limits)
            cells = [_undefuse(cell.strip()).strip() for cell in row]
            if len(cells) > limits.max_columns:
                while cells and not cells[-1]:  # trailing empty cells are only commas
                    cells.pop()
                if len(cells) > limits.max_columns:
                    raise _too_many_columns(len(cells), limits)
            yield number, cells
    except csv.Error as error:
        raise TableFormatError(CSV_MALFORMED.format(error=error)) from error


# ----- xlsx ------------------------------------------------------------------------------------------


def _declared_unzipped_size(data: bytes) -> int:
    """The sum of the zip entries' declared sizes: what the zip reader will stop at."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise _unreadable_xlsx() from error


def _sheet_messages(data: bytes, limits: TableLimits) -> Iterator[tuple]:
    """The reading itself, as the messages the child sends: ("size", unzipped bytes) once the zip's
    declared sizes are checked (the child then limits its memory before anything is decompressed),
    ("rows", [(number, cells), ...]) many times, ("end",); or ("error", message) at any point."""
    try:
        unzipped = _declared_unzipped_size(data)
        if unzipped > limits.max_unzipped_bytes:
            raise _too_big_unzipped(unzipped, limits)
        yield ("size", unzipped)
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            names = [n for n in workbook.sheet_names if n != NOTES_SHEET] or workbook.sheet_names
            sheet = workbook.get_sheet_by_name(names[0])
            end, start = sheet.end, sheet.start
        except (MemoryError, KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as error:  # calamine raises several types for a broken file; pyo3 panics too
            raise _unreadable_xlsx() from error
        if end is None:  # no cell at all
            yield ("end",)
            return
        # end is the 0-based (row, column) of the last used cell; row 1 is the header.
        if end[0] > limits.max_rows:
            raise _too_many_rows(end[0], limits)
        if end[1] + 1 > limits.max_columns:
            raise _too_many_columns(end[1] + 1, limits)
        # iter_rows gives the rows from the sheet's first row but the columns only from the first used
        # one: put back the empty columns on the left so that cell i is column i as Excel shows it.
        left = [""] * start[1]
        chunk: list[tuple[int, list[str]]] = []
        rows = enumerate(sheet.iter_rows(), start=1)
        for number, row in rows:  # the header row, even if blank
            chunk.append((number, left + list(map(_cell_text, row))))
            break
        for number, row in rows:
            cells = list(map(_cell_text, row))
            if any(cells):
                chunk.append((number, left + cells if left else cells))
                if len(chunk) >= ROWS_PER_MESSAGE:
                    yield ("rows", chunk)
                    chunk = []
        if chunk:
            yield ("rows", chunk)
        yield ("end",)
    except TableFormatError as error:
        yield ("error", str(error))


def _xlsx_rows(data: bytes, limits: TableLimits) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the data sheet (the first one that is not the notes), header row first."""
    child = _SheetChild(data, limits)
    first = child.message()  # a file over a cap, or a bomb, is refused here, before read_table returns
    return _rows_from(_chain(first, child))


def _chain(first: tuple, child: "_SheetChild") -> Iterator[tuple]:
    message = first
    yield message
    while message[0] not in ("end", "error"):
        message = child.message()
        yield message


def _rows_from(messages: Iterable[tuple]) -> Iterator[tuple[int, list[str]]]:
    for message in messages:
        if message[0] == "rows":
            yield from message[1]
        elif message[0] == "error":
            raise TableFormatError(message[1])
        elif message[0] == "end":
            return


class _Process:
    """A child's pid and our end of its pipe; `stop()` kills it unless it has exited, collects it once."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd, self.status = pid, fd, None

    def stop(self) -> int | None:
        """Its wait status (None if a SIGCHLD handler elsewhere collected it)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.pid:
            pid, self.pid = self.pid, 0  # never again: the number may go to another process
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done == 0:
                    os.kill(pid, signal.SIGKILL)
                    done, status = os.waitpid(pid, 0)
                self.status = status
            except (ChildProcessError, ProcessLookupError):
                pass
        return self.status


class _SheetChild:
    """A forked child running `_sheet_messages` and sending its messages through a pipe.

    The parent reads them with `message()`. Dropping the object (or the row iterator holding it)
    kills and collects a child that has not finished. The child runs nothing but the reading and
    leaves with `os._exit`, so it never runs exit handlers, flushes inherited buffers or touches the
    parent's database connections.
    """

    def __init__(self, data: bytes, limits: TableLimits):
        self._limits = limits
        self._waited = 0.0  # seconds spent waiting for the child, against limits.timeout_seconds
        self._unzipped: int | None = None
        self._timed_out = False
        self._buffer = bytearray()
        read, write = os.pipe()
        with contextlib.suppress(OSError, AttributeError):  # fewer, larger reads; 1 MiB is Linux's default cap
            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        try:
            pid = os.fork()
        except OSError as error:  # no process left, or no memory to copy this one's tables
            os.close(read)
            os.close(write)
            raise TableFormatError(NO_READER) from error
        if pid == 0:
            _child_main(data, limits, write)  # never returns
        os.close(write)
        self._process = _Process(pid, read)
        self._poll = select.poll()
        self._poll.register(read, select.POLLIN)
        self._finalizer = weakref.finalize(self, self._process.stop)

    def message(self) -> tuple:
        """The child's next message; its death or a timeout becomes an ("error", message)."""
        while True:
            try:
                size = _FRAME.unpack(self._read(_FRAME.size))[0]
                message = marshal.loads(self._read(size))
            except EOFError:
                message = ("error", str(self._death()))
            if message[0] != "size":
                break
            self._unzipped = message[1]  # for the memory message, should the child die
        if message[0] in ("end", "error"):
            self._finalizer()
        return message

    def _read(self, size: int) -> bytearray:
        while len(self._buffer) < size:
            left = self._limits.timeout_seconds - self._waited
            started = time.monotonic()
            ready = self._poll.poll(max(int(left * 1000), 1)) if left > 0 else []
            self._waited += time.monotonic() - started
            if not ready:
                self._timed_out = True
                raise EOFError
            chunk = os.read(self._process.fd, size - len(self._buffer))
            if not chunk:
                raise EOFError
            self._buffer += chunk
        if len(self._buffer) == size:  # the usual case: one message per read
            out, self._buffer = self._buffer, bytearray()
            return out
        out = self._buffer[:size]
        del self._buffer[:size]
        return out

    def _death(self) -> TableFormatError:
        """Why the child stopped before its last message (it is killed, if need be, and collected)."""
        status = self._process.stop()
        if self._timed_out or (status is not None and os.WIFSIGNALED(status)
                               and os.WTERMSIG(status) == signal.SIGXCPU):
            return _too_slow(self._limits)
        if status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) not in (0, _EXIT_MEMORY):
            return _unreadable_xlsx()
        # Killed by a signal: Rust aborts when an allocation fails, the kernel's OOM killer sends SIGKILL.
        return _too_much_memory(self._limits, self._unzipped)


def _child_main(data: bytes, limits: TableLimits, write: int) -> None:
    """The child: read, send, leave — never return into the caller's code."""
    status = 1
    try:
        # Only our pipe stays open: a child another thread forks meanwhile must not hold our read end's
        # peer, nor we theirs (the parent would wait for an end of file that never comes).
        os.closerange(3, write)
        os.closerange(write + 1, MAX_FD)
        base = _address_space()
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        ceiling = base + limits.memory_budget(limits.max_unzipped_bytes)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (min(base + limits.memory_floor, ceiling), ceiling))
        cpu = int(limits.timeout_seconds) + 5  # a backstop, should the parent be gone
        cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if cpu_hard == resource.RLIM_INFINITY or cpu < cpu_hard:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu_hard))
        for message in _sheet_messages(data, limits):
            if message[0] == "size":
                resource.setrlimit(resource.RLIMIT_AS, (min(base + limits.memory_budget(message[1]), ceiling),
                                                        ceiling))
            _send(write, message)
        status = 0
    except MemoryError:
        status = _EXIT_MEMORY
    except BaseException:  # the parent sees the pipe close and says the file cannot be read
        pass
    finally:
        os._exit(status)


def _address_space() -> int:
    """This process's virtual memory size in bytes (what RLIMIT_AS limits)."""
    with open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize in /proc/self/status")


def _send(fd: int, message: tuple) -> None:
    payload = marshal.dumps(message)
    view = memoryview(_FRAME.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


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
    text = book.add_format({"num_format": "@"})
    sheet, bold = _sheet_with_headers(book, sheet_name, headers, min_width=10, text=text)
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


def _sheet_with_headers(book, name: str, headers: list, *, min_width: int, text=None):
    """A new sheet whose first row holds the headers in bold, columns as wide as their headers need."""
    sheet = book.add_worksheet(name[:31])
    bold = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
    for col, header in enumerate(headers):
        sheet.set_column(col, col, max(min_width, min(40, len(str(header)) * 2 + 4)), text)
        sheet.write_string(0, col, str(header), bold)
    return sheet, bold


def write_workbook(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """Tables of figures as one .xlsx: a sheet per (name, headers, rows); numbers stay numbers."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, headers, rows in sheets:
        sheet, _bold = _sheet_with_headers(book, name, headers, min_width=12)
        for row_index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(row_index, col, value)
                elif value not in (None, ""):
                    sheet.write_string(row_index, col, str(value))
    book.close()
    return buffer.getvalue()

"""Registers: a model's import/export layout, and the all-or-nothing import.

A register names its columns (Chinese headers), the key column that identifies a row
(a re-import of the same key updates instead of duplicating), and how each cell maps
to a field. Apps declare theirs in `registers.py`; see fazhi/market_entities/registers.py.

An import reads the whole file, checks every row and reports every error with its row,
column and reason; only a file without errors is written, in one transaction. The checks
are done in memory, with queries per batch of 900 rows rather than per row (lookups,
existing records, uniqueness), so 100,000 rows take seconds; see docs/benchmarks.md.
"""

import copy
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import CharField
from django.utils import translation

from fazhi.core import clock
from fazhi.core.models import perm_name
from fazhi.core.numbering import give_numbers
from fazhi.registers.bulk import LOOKUP_BATCH, insert_with_history, update_with_history
from fazhi.registers.tabular import TableLimits, column_letter, read_table, write_table

MAX_REPORTED_ERRORS = 1000

# ----- what an import says (tests match these, formatted with their values) -----
ROW_AT = "第{row}行"
COLUMN_AT = "“{column}”列"
ERROR_AT = "{where}：{message}"
logger = logging.getLogger(__name__)

IMPORT_FAILED = "导入失败：发现{count}处错误，未写入任何数据。请更正后重新导入。"
CHECKED, IMPORTED = "检查通过（试导入，未写入）", "导入成功"
IMPORT_COUNTS = "{verb}：新增{created}条，更新{updated}条，未变化{unchanged}条。"
NOT_A_CHOICE = "“{text}”不是可选值，应为：{choices}。"
NOT_YES_OR_NO = "“{text}”应为“是”或“否”。"
NOT_FOUND = "找不到“{text}”（{model}）。"
DATABASE_REFUSED = ("保存时数据库拒绝了写入，未写入任何数据：可能有人同时修改了这些记录，或文件中的修改相互冲突"
                    "（如两条记录互换名称，须分两次导入）。请稍后重新导入；仍不成功的，请告知系统管理员导入的时间。")
UNKNOWN_COLUMN = "不是本名册的列，请使用导入模板（不能增加列）。"
DUPLICATE_HEADER = "表头中有重复的列。"
MISSING_COLUMN = "缺少此列。"
NO_IMPORT_PERMISSION = "您没有导入“{title}”的权限。"
DUPLICATE_KEY = "与第{row}行重复。"
UNHEADED_CELL = "此列没有表头，内容“{text}”无法导入。"
ARCHIVED_RECORD = "{model}“{key}”已归档，不能通过导入修改。"
NO_SUCH_NUMBER = "没有编号为“{key}”的{model}。新增的记录请将此列留空，由系统编号。"
NOT_A_VERSION = "“{text}”不是导出时的版本号，请勿修改此列（新增的行留空）。"
CHANGED_SINCE_EXPORT = ("导出后此记录已被修改（文件中为第{exported}版，当前为第{current}版）。"
                        "请重新导出，在新文件上修改后再导入。")
EMPTY_CELL = "不能为空。"
NO_ADD_PERMISSION = "您没有新增{model}的权限，只能更新已有记录。"
NO_CHANGE_PERMISSION = "您没有修改{model}的权限，只能新增。"
OWN_UNIT_ONLY = "您只能导入本单位（{unit}）的记录。"
DUPLICATE_VALUE = "“{value}”与第{row}行重复。"
VALUE_TAKEN = "“{value}”已被{model}“{other}”使用，不能重复。"
UNKNOWN_REGISTER = "没有名为“{name}”的名册。可用的名册：{names}。"
IMPORTED_REASON, IMPORTED_FROM_REASON = "导入", "导入：{source}"  # the history's reason for an imported change


def table_limits() -> TableLimits:
    """The caps on one imported file, from the settings FAZHI_IMPORT_*."""
    return TableLimits(max_rows=settings.FAZHI_IMPORT_MAX_ROWS, max_columns=settings.FAZHI_IMPORT_MAX_COLUMNS,
                       max_unzipped_bytes=settings.FAZHI_IMPORT_MAX_UNZIPPED_BYTES,
                       timeout_seconds=settings.FAZHI_IMPORT_READ_TIMEOUT_SECONDS)


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it: the header is row 1; 0 for the file as a whole
    column: str
    message: str
    position: int = field(default=0, compare=False, repr=False)  # column index, to sort a row's errors

    def __str__(self) -> str:
        if self.row <= 0:
            return self.message
        where = ROW_AT.format(row=self.row) + (COLUMN_AT.format(column=self.column) if self.column else "")
        return ERROR_AT.format(where=where, message=self.message)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.error_count

    def add_error(self, row: int, column: str, message: str, position: int = 0) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(row, column, message, position))

    def summary(self) -> str:
        if not self.ok:
            return IMPORT_FAILED.format(count=self.error_count)
        verb = CHECKED if self.dry_run else IMPORTED
        return IMPORT_COUNTS.format(verb=verb, created=self.created, updated=self.updated, unchanged=self.unchanged)


class Column:
    """One spreadsheet column bound to a model field."""

    many = False  # a many-to-many link (ManyToManyColumn)

    def __init__(self, header: str, field_name: str, *, required: bool = True, help_text: str = ""):
        self.header = header
        self.field_name = field_name
        self.required = required
        self.help_text = help_text

    def bind(self, model) -> None:
        self.model_field = model._meta.get_field(self.field_name)
        self.attname = self.model_field.attname
        self.plain_text = isinstance(self.model_field, CharField) and not self.model_field.choices

    @property
    def checks_field(self) -> bool:
        """Whether the model field's own validation still has to run on the parsed value."""
        return True

    def check_value(self, value, record):
        """The model field's validation of the parsed value (what clean_fields() does for it)."""
        if self.plain_text:
            # A CharField without choices: to_python() and validate() have nothing to do on a non-empty str.
            self.model_field.run_validators(value)
            return value
        return self.model_field.clean(value, record)

    def prepare(self, register: "Register") -> None:
        """Load whatever lookups parsing needs, once per import (on a copy of the column)."""

    def allowed_values(self) -> list[str] | None:
        return None

    def row_accepted(self, record) -> None:
        """Called for each valid row, so later rows of the same file can refer to it."""

    def normalize(self, text: str) -> str:
        """The cell's text as stored; the key column's normalized text identifies the row."""
        return text

    def parse(self, text: str):
        return self.normalize(text)

    def to_cell(self, record) -> str:
        value = getattr(record, self.field_name)
        return "" if value is None else str(value)

    def read(self, record):
        """The value an import compares, to tell a changed row from an unchanged one."""
        return getattr(record, self.attname)

    def note(self) -> str:
        parts = ["必填" if self.required else "选填"]
        if self.help_text:
            parts.append(self.help_text)
        return "；".join(parts)


class CodeColumn(Column):
    """A code such as the USCC: full-width characters, spaces and lower case are typing slips."""

    def normalize(self, text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split()).upper()


class ChoiceColumn(Column):
    """A field with choices: the cell holds the Chinese label (the code is accepted too)."""

    def bind(self, model) -> None:
        super().bind(model)
        # Labels in the language files are written in, whatever language the request uses.
        with translation.override(settings.LANGUAGE_CODE):
            self.labels = {value: str(label) for value, label in self.model_field.flatchoices}
        self.by_label = {label: value for value, label in self.labels.items()}
        # "A类" for "A类（信用风险低）": the part before the explanation in brackets is enough.
        self.by_short_label = {label.split("（")[0]: value for value, label in self.labels.items() if "（" in label}

    @property
    def checks_field(self) -> bool:
        return False  # parse only returns the field's own choices

    def allowed_values(self) -> list[str]:
        return list(self.by_label)

    def parse(self, text: str):
        if text in self.by_label:
            return self.by_label[text]
        if text in self.labels:
            return text
        if text in self.by_short_label:
            return self.by_short_label[text]
        raise ValidationError(NOT_A_CHOICE.format(text=text, choices="、".join(self.by_label)))

    def to_cell(self, record) -> str:
        return self.labels.get(getattr(record, self.field_name), "")

    def note(self) -> str:
        return super().note() + "；可选值：" + "、".join(self.by_label)


class BooleanColumn(Column):
    TRUE, FALSE = ("是", "true", "1", "yes", "y"), ("否", "false", "0", "no", "n")

    @property
    def checks_field(self) -> bool:
        return False

    def allowed_values(self) -> list[str]:
        return ["是", "否"]

    def parse(self, text: str):
        lowered = text.lower()
        if lowered in self.TRUE:
            return True
        if lowered in self.FALSE:
            return False
        raise ValidationError(NOT_YES_OR_NO.format(text=text))

    def to_cell(self, record) -> str:
        return "是" if getattr(record, self.field_name) else "否"


class ForeignKeyColumn(Column):
    """A link to another record, written as that record's natural key (e.g. its name or code)."""

    def __init__(self, header, field_name, *, lookup: str, queryset_filter: dict | None = None, **kwargs):
        super().__init__(header, field_name, **kwargs)
        self.lookup = lookup
        self.queryset_filter = queryset_filter or {}

    @property
    def checks_field(self) -> bool:
        return False  # the lookup only finds active targets that pass queryset_filter: no query per row

    def prepare(self, register: "Register") -> None:
        related = self.model_field.related_model
        rows = related.objects.active().filter(**self.queryset_filter)
        self.targets = {str(getattr(obj, self.lookup)): obj for obj in rows}

    def parse(self, text: str):
        try:
            return self.targets[text]
        except KeyError:
            raise ValidationError(
                NOT_FOUND.format(text=text, model=self.model_field.related_model._meta.verbose_name)
            ) from None

    def to_cell(self, record) -> str:
        target = getattr(record, self.field_name)
        return "" if target is None else str(getattr(target, self.lookup))


class ManyToManyColumn(ForeignKeyColumn):
    """Links to several records in one cell, their natural keys separated by ；(or ;，,、 or spaces).

    The parsed records wait on the row's record (as `_import_<field>`) until it is saved, then are linked; the
    model's MANY_TO_MANY_TEXT field takes their names, as record_create does, so the history shows the change.
    """

    many = True
    SEPARATORS = re.compile(r"[；;，,、\s]+")

    def bind(self, model) -> None:
        super().bind(model)
        self.attname = f"_import_{self.field_name}"
        self.text_field = model.MANY_TO_MANY_TEXT[self.field_name]

    def parse(self, text: str):
        keys = [key for key in self.SEPARATORS.split(text) if key]
        missing = [key for key in keys if key not in self.targets]
        if missing:
            raise ValidationError(NOT_FOUND.format(text="、".join(missing),
                                                   model=self.model_field.related_model._meta.verbose_name))
        return sorted({self.targets[key].pk: self.targets[key] for key in keys}.values(), key=lambda t: t.pk)

    def assign(self, record, linked: list) -> None:
        setattr(record, self.attname, linked)
        setattr(record, self.text_field, "、".join(sorted(map(str, linked))))

    def read(self, record):
        if hasattr(record, self.attname):
            return tuple(target.pk for target in getattr(record, self.attname))
        if record.pk is None:
            return ()
        return tuple(getattr(record, self.field_name).order_by("pk").values_list("pk", flat=True))

    def link(self, record) -> None:
        if hasattr(record, self.attname):
            getattr(record, self.field_name).set(getattr(record, self.attname))

    def to_cell(self, record) -> str:
        return "；".join(str(getattr(target, self.lookup)) for target in getattr(record, self.field_name).all())


@dataclass
class _Scope:
    """What the importing user may do: everything, or add/change rows of their own unit only."""

    can_add: bool = True
    can_change: bool = True
    unit_id: int | None = None  # set: only rows of this unit
    unit_name: str = ""


# Exports end with this column: the version each row had when exported. On import it is
# checked, so editing an old export cannot silently undo a change saved since.
VERSION_HEADER = "记录版本"
VERSION_NOTE = "导出时自动填写，请勿修改；新增的行留空。导出后如记录被他人修改，该行将不予导入"


class Register:
    """A model's import/export layout. Subclasses set name, model, key and columns."""

    name: str  # snake-case plural, as typed on the command line: "market_entities"
    title: str  # Chinese, for pages and file names
    model: type
    key: str  # field that identifies a row across imports
    columns: list[Column]
    # Save row by row (model.save()) instead of in bulk: for small registers whose save()
    # does work, or whose rows refer to rows earlier in the same file.
    save_each = False
    # False for registers that are only exported (their records are made through a workflow);
    # `export_only_reason` then tells the person where such records are made.
    importable = True
    export_only_reason = "该名册只能导出，记录须在相应页面中办理。"
    # The key is the number the platform gives a record (fazhi.core.numbering), for records without a natural
    # key (a visit, a tracked item): a new row leaves it empty, and a number the platform has not given is refused.
    numbered = False
    # Fields a record derives from the imported ones (set by complete()), written whenever a row changes.
    derived_fields: tuple[str, ...] = ()

    def __init__(self) -> None:
        for column in self.columns:
            column.bind(self.model)
        self.headers = [c.header for c in self.columns]
        self.key_column = next(c for c in self.columns if c.field_name == self.key)
        self.unique_sets = self._unique_sets()

    # ----- hooks -----
    def new_instance(self, user):
        return self.model()

    def complete(self, record) -> None:
        """Derive `derived_fields` from the imported values, before the record is checked; a ValidationError
        names the fields at fault."""

    def export_queryset(self, user):
        qs = self.model.objects.all() if user is None else self.model.objects.visible_to(user)
        return qs.active()

    def save(self, created: list, updated: list, fields: list[str], user, reason: str, *,
             in_file_order: list | None = None) -> None:
        """Write in bulk, with history rows, so 100,000 rows take seconds, not minutes."""
        now = clock.now()
        if self.save_each:
            for record in in_file_order or [*created, *updated]:
                record._history_user = user
                record._change_reason = reason
                record.save()
            return
        insert_with_history(created, self.model, key=self.key, user=user, reason=reason, date=now)
        update_with_history(updated, self.model, fields, user=user, reason=reason, date=now)

    # ----- export -----
    def template(self, kind: str) -> bytes:
        return self._write([], kind)

    def export(self, kind: str, user=None, queryset=None) -> bytes:
        qs = self.export_queryset(user) if queryset is None else queryset
        related = [c.field_name for c in self.columns if isinstance(c, ForeignKeyColumn) and not c.many]
        many = [c.field_name for c in self.columns if c.many]
        rows = ([*(c.to_cell(r) for c in self.columns), str(r.version)]
                for r in qs.select_related(*related).prefetch_related(*many).iterator(2000))
        return self._write(rows, kind, with_version=True)

    def _write(self, rows: Iterable[list[str]], kind: str, with_version: bool = False) -> bytes:
        choices = {i: c.allowed_values() for i, c in enumerate(self.columns) if c.allowed_values()}
        notes = [(c.header, c.note()) for c in self.columns]
        headers = self.headers
        if with_version:
            headers, notes = [*headers, VERSION_HEADER], [*notes, (VERSION_HEADER, VERSION_NOTE)]
        return write_table(headers, rows, kind, sheet_name=self.title, notes=notes, choices=choices)

    # ----- import -----
    def import_file(self, data: bytes, kind: str, *, user=None, dry_run: bool = False,
                    source: str = "") -> ImportResult:
        """Validate every row; write all of them, or nothing if any row is bad."""
        result = ImportResult(dry_run=dry_run)
        if not self.importable:
            result.add_error(0, "", self.export_only_reason)
            return result
        headers, rows = read_table(data, kind, limits=table_limits())
        self._check_headers(headers, result)
        scope = self._scope(user, result)
        if not result.ok:
            return result
        run = _ImportRun(self, headers, user, scope, result)
        run.check(rows)
        _sort_errors(result)
        if not result.ok:
            return result
        result.created, result.updated, result.unchanged = len(run.created), len(run.updated), run.unchanged
        if dry_run:
            return result
        run.stamp()
        reason = (IMPORTED_FROM_REASON.format(source=source) if source else IMPORTED_REASON)[:100]
        try:
            with transaction.atomic():
                if self.numbered:
                    give_numbers(run.created)
                saved = run.to_save()
                self.save(run.created, run.updated, run.update_fields(), user, reason, in_file_order=saved)
                for column in (c for _, c in run.present if c.many):
                    for record in saved:
                        column.link(record)
        except DatabaseError as error:
            # Checked rows can still clash with a change someone saved in the meantime.
            result.created = result.updated = result.unchanged = 0
            database_refused(self, result, error)
        return result

    def _check_headers(self, headers: list[str], result: ImportResult) -> None:
        known = {*self.headers, VERSION_HEADER}
        seen = set()
        for position, header in enumerate(headers):
            if not header:
                continue  # a column without a header is reported only if a row has a value in it
            if header not in known:
                result.add_error(1, header, UNKNOWN_COLUMN, position)
            elif header in seen:
                result.add_error(1, header, DUPLICATE_HEADER, position)
            seen.add(header)
        for column in self.columns:
            if column.required and column.header not in seen:
                result.add_error(1, column.header, MISSING_COLUMN, len(headers))

    def _scope(self, user, result: ImportResult) -> _Scope:
        if user is None:
            return _Scope()  # the command line without --as: the system itself
        perm = partial(perm_name, self.model)
        change_all = user.has_perm(perm("change_all"))
        scope = _Scope(can_add=user.has_perm(perm("add")),
                       can_change=change_all or user.has_perm(perm("change_own_unit")))
        if not change_all and self.model.UNIT_FIELD:
            # Without zone-wide rights, every row (new or changed) must belong to the user's own unit.
            if user.org_unit_id:
                scope.unit_id, scope.unit_name = user.org_unit_id, user.org_unit.name
            else:
                scope.can_add = scope.can_change = False
        if not (scope.can_add or scope.can_change):
            result.add_error(0, "", NO_IMPORT_PERMISSION.format(title=self.title))
        return scope

    def _unique_sets(self) -> list[tuple[str, ...]]:
        """Field sets the database keeps unique, other than the key (which the import matches on)."""
        opts = self.model._meta
        sets = [(f.name,) for f in opts.concrete_fields if f.unique and not f.primary_key]
        sets += [tuple(fields) for fields in opts.unique_together]
        sets += [tuple(c.fields) for c in opts.total_unique_constraints if c.fields]
        imported = {c.field_name for c in self.columns}
        return [s for s in dict.fromkeys(sets) if s != (self.key,) and imported.intersection(s)]


class NumberedRegister(Register):
    """A register keyed by the numbers the platform gives (fazhi.core.numbering): its first column is 编号."""

    key = "number"
    numbered = True

    @staticmethod
    def number_column() -> "CodeColumn":
        return CodeColumn("编号", "number", required=False, help_text="系统编号；新增的行留空")


def database_refused(register: Register, result: ImportResult, error: DatabaseError) -> None:
    """A write the database refused after the rows were checked: the person reads why in Chinese; the
    database's own text (English, with the constraint) goes to the log, for the administrator."""
    logger.warning("import into %s refused by the database: %s", register.name, error)
    result.add_error(0, "", DATABASE_REFUSED)


def _sort_errors(result: ImportResult) -> None:
    result.errors.sort(key=lambda e: (e.row, e.position))


class _ImportRun:
    """The checks of one import: per-import state lives here, not on the shared register."""

    def __init__(self, register: Register, headers: list[str], user, scope: _Scope, result: ImportResult):
        self.register, self.user, self.scope, self.result = register, user, scope, result
        self.model = register.model
        self.columns = [copy.copy(c) for c in register.columns]  # prepare() stores lookups on them
        for column in self.columns:
            column.prepare(register)
        by_header = {c.header: c for c in self.columns}
        # (position in the file, column), in file order; a repeated header was refused already.
        self.present = [(i, by_header[h]) for i, h in enumerate(headers) if h in by_header]
        self.width = len(headers)
        self.unheaded = [i for i, h in enumerate(headers) if not h]
        self.version_position = headers.index(VERSION_HEADER) if VERSION_HEADER in headers else None
        self.key_column = next(c for _, c in self.present if c.field_name == register.key)
        self.key_position = next(i for i, c in self.present if c is self.key_column)
        self.position_of = {c.field_name: i for i, c in self.present}
        self.header_of = {c.field_name: c.header for _, c in self.present}
        unit_field = self.model.UNIT_FIELD
        self.unit_column = unit_field.split("__")[0] if unit_field else ""
        self.unit_header = self.header_of.get(self.unit_column, "")
        self.created: list = []
        self.updated: list = []
        self.changed_fields: set[str] = set()
        self.unchanged = 0
        self.accepted: list[tuple[int, object]] = []  # (row number, record)

    # ----- checking -----
    def check(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        rows = list(rows)
        keys = [self._key(cells) for _, cells in rows]
        self.keys_in_file = set(keys)
        existing = self._existing([k for k in self.keys_in_file if k])
        seen: dict[str, int] = {}
        for (number, cells), key in zip(rows, keys, strict=True):
            errors: list[tuple[int, str, str]] = []
            self._unheaded_cells(cells, errors)
            if key and key in seen:
                errors.append((self.key_position, self.key_column.header, DUPLICATE_KEY.format(row=seen[key])))
            else:
                if key:
                    seen[key] = number
                self._row(number, cells, existing.get(key) if key else None, errors)
            for position, header, message in errors:
                self.result.add_error(number, header, message, position)
        self._check_unique()

    def _key(self, cells: list[str]) -> str:
        text = cells[self.key_position] if self.key_position < len(cells) else ""
        return self.key_column.normalize(text)

    def _existing(self, keys: list[str]) -> dict:
        found = {}
        manager = self.model._base_manager  # archived records too: their keys are taken
        for start in range(0, len(keys), LOOKUP_BATCH):
            batch = keys[start:start + LOOKUP_BATCH]
            for record in manager.filter(**{f"{self.register.key}__in": batch}):
                found[getattr(record, self.register.key)] = record
        return found

    def _unheaded_cells(self, cells: list[str], errors: list) -> None:
        for i in [*self.unheaded, *range(self.width, len(cells))]:
            if i < len(cells) and cells[i]:
                errors.append((i, column_letter(i), UNHEADED_CELL.format(text=cells[i])))

    def _row(self, number: int, cells: list[str], record, errors: list) -> None:
        is_new = record is None
        if not is_new and getattr(record, "archived_on", None) is not None:
            # Archived records are out of use and out of the lists: an import must not change them unseen.
            errors.append((self.key_position, self.key_column.header,
                           ARCHIVED_RECORD.format(model=self.model._meta.verbose_name, key=self._key(cells))))
            return
        if not is_new and self._changed_since_export(record, cells, errors):
            return
        if is_new and self.register.numbered and self._key(cells):
            errors.append((self.key_position, self.key_column.header,
                           NO_SUCH_NUMBER.format(model=self.model._meta.verbose_name, key=self._key(cells))))
            return
        if is_new:
            record = self.register.new_instance(self.user)
            before = None
            unit_before = None
        else:
            before = [column.read(record) for _, column in self.present]
            unit_before = self._unit_id(record)
        failed = self._fill(record, cells, is_new, errors)
        self._clean(record, failed, errors)
        if not errors:
            self._check_scope(record, is_new, unit_before, errors)
        if errors:
            return
        for column in self.columns:
            column.row_accepted(record)
        self.accepted.append((number, record))
        if is_new:
            self.created.append(record)
            return
        after = [column.read(record) for _, column in self.present]
        if after == before:
            self.unchanged += 1
            return
        self.updated.append(record)
        self.changed_fields.update(c.text_field if c.many else c.field_name
                                   for (_, c), b, a in zip(self.present, before, after, strict=True) if b != a)

    def _changed_since_export(self, record, cells: list[str], errors: list) -> bool:
        """The optimistic lock for imports: the row's 记录版本 must still be the record's version."""
        position = self.version_position
        text = cells[position].strip() if position is not None and position < len(cells) else ""
        if not text:
            return False
        if not text.isdigit():
            errors.append((position, VERSION_HEADER, NOT_A_VERSION.format(text=text)))
            return True
        if int(text) != record.version:
            errors.append((position, VERSION_HEADER,
                           CHANGED_SINCE_EXPORT.format(exported=text, current=record.version)))
            return True
        return False

    def _fill(self, record, cells: list[str], is_new: bool, errors: list) -> set[str]:
        """Set fields from the row's cells; returns the fields whose cells were rejected."""
        failed = set()
        for position, column in self.present:
            text = cells[position] if position < len(cells) else ""
            if not text:
                if column.required:
                    errors.append((position, column.header, EMPTY_CELL))
                    failed.add(column.field_name)
                elif column.many:
                    column.assign(record, [])
                elif column.model_field.null:
                    setattr(record, column.field_name, None)
                elif column.model_field.blank:
                    setattr(record, column.field_name, "")
                # else: nothing to clear; a new record keeps the field's default, an old one its value
                continue
            try:
                value = column.parse(text)
            except ValidationError as error:
                errors.append((position, column.header, " ".join(error.messages)))
                failed.add(column.field_name)
                continue
            if column.many:
                column.assign(record, value)
            else:
                setattr(record, column.field_name, value)
        return failed

    def _clean(self, record, failed: set[str], errors: list) -> None:
        """The model's own field validation and clean(), without the queries full_clean() would make."""
        for position, column in self.present:
            if not column.checks_field or column.field_name in failed:
                continue
            model_field = column.model_field
            raw = getattr(record, column.attname)
            if model_field.blank and raw in model_field.empty_values:
                continue
            try:
                setattr(record, column.attname, column.check_value(raw, record))
            except ValidationError as error:
                errors.append((position, column.header, " ".join(error.messages)))
        if errors:
            return  # clean() may rely on the fields being valid
        try:
            self.register.complete(record)
            record.clean()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                header = self.header_of.get(field_name, "")
                position = self.position_of.get(field_name, self.width)
                errors.extend((position, header, message) for message in messages)

    def _unit_id(self, record):
        """The unit a row belongs to, also through a link (UNIT_FIELD "officer__org_unit")."""
        unit_field = self.model.UNIT_FIELD
        if not unit_field:
            return None
        if unit_field == "pk":
            return record.pk
        *links, last = unit_field.split("__")
        for name in links:
            record = getattr(record, name, None)
            if record is None:
                return None
        return getattr(record, record._meta.get_field(last).attname)

    def _check_scope(self, record, is_new: bool, unit_before, errors: list) -> None:
        scope, verbose = self.scope, self.model._meta.verbose_name
        # The column that puts the row in a unit: the unit itself, or the link leading to it.
        position = self.position_of.get(self.unit_column, self.key_position)
        if is_new and not scope.can_add:
            errors.append((self.key_position, self.key_column.header, NO_ADD_PERMISSION.format(model=verbose)))
        elif not is_new and not scope.can_change:
            errors.append((self.key_position, self.key_column.header, NO_CHANGE_PERMISSION.format(model=verbose)))
        elif scope.unit_id is not None and (
            self._unit_id(record) != scope.unit_id or (not is_new and unit_before != scope.unit_id)
        ):
            errors.append((position, self.unit_header, OWN_UNIT_ONLY.format(unit=scope.unit_name)))

    def _check_unique(self) -> None:
        """Values the database keeps unique must not repeat in the file or clash with other records."""
        key = self.register.key
        for fields in self.register.unique_sets:
            attnames = [self.model._meta.get_field(f).attname for f in fields]
            imported = [f for f in fields if f in self.header_of]
            position, header = self.position_of[imported[-1]], self.header_of[imported[-1]]
            in_file: dict[tuple, int] = {}
            for number, record in self.accepted:
                values = tuple(getattr(record, a) for a in attnames)
                if None in values:
                    continue  # NULLs never clash in SQL
                shown = "、".join(str(getattr(record, f)) for f in imported)
                if values in in_file:
                    self.result.add_error(number, header, DUPLICATE_VALUE.format(value=shown, row=in_file[values]),
                                          position)
                else:
                    in_file[values] = number
            taken = self._taken(fields, attnames, imported[0], in_file)
            for number, record in self.accepted:
                values = tuple(getattr(record, a) for a in attnames)
                other = None if None in values else taken.get(values)
                if other is not None and other != getattr(record, key):
                    shown = "、".join(str(getattr(record, f)) for f in imported)
                    self.result.add_error(
                        number, header,
                        VALUE_TAKEN.format(value=shown, model=self.model._meta.verbose_name, other=other), position,
                    )

    def _taken(self, fields, attnames, lookup_field: str, in_file: dict) -> dict[tuple, str]:
        """Values of `fields` held by records that this file leaves as they are, with their keys."""
        key = self.register.key
        lookup_attname = self.model._meta.get_field(lookup_field).attname
        index = attnames.index(lookup_attname)
        wanted = list({values[index] for values in in_file})
        taken = {}
        for start in range(0, len(wanted), LOOKUP_BATCH):
            rows = self.model._base_manager.filter(**{f"{lookup_attname}__in": wanted[start:start + LOOKUP_BATCH]})
            for *values, other in rows.values_list(*attnames, key):
                if other not in self.keys_in_file:  # rows in the file get the file's values
                    taken[tuple(values)] = other
        return taken

    # ----- writing -----
    def stamp(self) -> None:
        """Who and when, and the version the optimistic lock checks."""
        user_id, now = getattr(self.user, "pk", None), clock.now()
        for record in self.created:
            record.created_by_id = record.modified_by_id = user_id
            record.created_on = record.modified_on = now
        for record in self.updated:
            record.version += 1
            record.modified_by_id = user_id
            record.modified_on = now

    def to_save(self) -> list:
        """Created and changed records in the order of the file: a parent before its children."""
        changed = {id(r) for r in (*self.created, *self.updated)}
        return [record for _, record in self.accepted if id(record) in changed]

    def update_fields(self) -> list[str]:
        derived = self.register.derived_fields
        return [*sorted({*self.changed_fields, *derived}), "version", "modified_by", "modified_on"]


REGISTERS: dict[str, Register] = {}


def register(cls: type[Register]) -> type[Register]:
    REGISTERS[cls.name] = cls()
    return cls


class UnknownRegisterError(KeyError):
    def __init__(self, name: str):
        super().__init__(name)
        self.message = UNKNOWN_REGISTER.format(name=name, names=", ".join(sorted(REGISTERS)))


def get_register(name: str) -> Register:
    try:
        return REGISTERS[name]
    except KeyError:
        raise UnknownRegisterError(name) from None

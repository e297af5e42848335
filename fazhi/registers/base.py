"""Registers: a model's import/export layout, and the all-or-nothing import.

A register names its columns (Chinese headers), the key column that identifies a row
(a re-import of the same key updates instead of duplicating), and how each cell maps
to a field. Apps declare theirs in `registers.py`; see fazhi/market_entities/registers.py.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.registers.tabular import read_table, write_table

MAX_REPORTED_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


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

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(row, column, message))

    def summary(self) -> str:
        if not self.ok:
            return f"导入失败：发现{self.error_count}处错误，未写入任何数据。请更正后重新导入。"
        verb = "检查通过（试导入，未写入）" if self.dry_run else "导入成功"
        return f"{verb}：新增{self.created}条，更新{self.updated}条，未变化{self.unchanged}条。"


class Column:
    """One spreadsheet column bound to a model field."""

    def __init__(self, header: str, field_name: str, *, required: bool = True, help_text: str = ""):
        self.header = header
        self.field_name = field_name
        self.required = required
        self.help_text = help_text

    def bind(self, model) -> None:
        self.model_field = model._meta.get_field(self.field_name)

    def prepare(self, register: "Register") -> None:
        """Load whatever lookups parsing needs, once per import."""

    def allowed_values(self) -> list[str] | None:
        return None

    def row_accepted(self, record) -> None:
        """Called for each valid row, so later rows of the same file can refer to it."""

    def parse(self, text: str):
        return text

    def to_cell(self, record) -> str:
        value = getattr(record, self.field_name)
        return "" if value is None else str(value)

    def note(self) -> str:
        parts = ["必填" if self.required else "选填"]
        if self.help_text:
            parts.append(self.help_text)
        return "；".join(parts)


class ChoiceColumn(Column):
    """A field with choices: the cell holds the Chinese label (the code is accepted too)."""

    def bind(self, model) -> None:
        super().bind(model)
        self.by_label = {str(label): value for value, label in self.model_field.flatchoices}
        self.values = {value for value, _ in self.model_field.flatchoices}
        self.labels = dict(self.model_field.flatchoices)

    def allowed_values(self) -> list[str]:
        return list(self.by_label)

    def parse(self, text: str):
        if text in self.by_label:
            return self.by_label[text]
        if text in self.values:
            return text
        raise ValidationError(f"“{text}”不是可选值，应为：{'、'.join(self.by_label)}。")

    def to_cell(self, record) -> str:
        return str(self.labels.get(getattr(record, self.field_name), ""))

    def note(self) -> str:
        return super().note() + "；可选值：" + "、".join(self.by_label)


class BooleanColumn(Column):
    TRUE, FALSE = ("是", "true", "1", "yes", "y"), ("否", "false", "0", "no", "n")

    def allowed_values(self) -> list[str]:
        return ["是", "否"]

    def parse(self, text: str):
        lowered = text.lower()
        if lowered in self.TRUE:
            return True
        if lowered in self.FALSE:
            return False
        raise ValidationError(f"“{text}”应为“是”或“否”。")

    def to_cell(self, record) -> str:
        return "是" if getattr(record, self.field_name) else "否"


class ForeignKeyColumn(Column):
    """A link to another record, written as that record's natural key (e.g. its name or code)."""

    def __init__(self, header, field_name, *, lookup: str, queryset_filter: dict | None = None, **kwargs):
        super().__init__(header, field_name, **kwargs)
        self.lookup = lookup
        self.queryset_filter = queryset_filter or {}

    def prepare(self, register: "Register") -> None:
        related = self.model_field.related_model
        rows = related.objects.active().filter(**self.queryset_filter)
        self.targets = {str(getattr(obj, self.lookup)): obj for obj in rows}

    def parse(self, text: str):
        try:
            return self.targets[text]
        except KeyError:
            raise ValidationError(
                f"找不到“{text}”（{self.model_field.related_model._meta.verbose_name}）。"
            ) from None

    def to_cell(self, record) -> str:
        target = getattr(record, self.field_name)
        return "" if target is None else str(getattr(target, self.lookup))


class Register:
    """A model's import/export layout. Subclasses set name, model, key and columns."""

    name: str  # snake-case plural, as typed on the command line: "market_entities"
    title: str  # Chinese, for pages and file names
    model: type
    key: str  # field that identifies a row across imports
    columns: list[Column]
    # Run per-row uniqueness checks against the database (small registers only).
    check_unique_per_row = False

    def __init__(self) -> None:
        for column in self.columns:
            column.bind(self.model)
        self.headers = [c.header for c in self.columns]
        self.key_column = next(c for c in self.columns if c.field_name == self.key)

    # ----- hooks -----
    def new_instance(self, user):
        return self.model()

    def export_queryset(self, user):
        qs = self.model.objects.all() if user is None else self.model.objects.visible_to(user)
        return qs.active()

    def save(self, created: list, updated: list, fields: list[str], user, reason: str) -> None:
        """Write in bulk, with history rows, so 100,000 rows take seconds, not minutes."""
        bulk_create_with_history(created, self.model, batch_size=2000, default_user=user,
                                 default_change_reason=reason)
        if updated:
            bulk_update_with_history(updated, self.model, fields=[*fields, "version", "modified_by"],
                                     batch_size=2000, default_user=user, default_change_reason=reason)

    # ----- export -----
    def template(self, kind: str) -> bytes:
        return self._write([], kind)

    def export(self, kind: str, user=None, queryset=None) -> bytes:
        qs = self.export_queryset(user) if queryset is None else queryset
        related = [c.field_name for c in self.columns if isinstance(c, ForeignKeyColumn)]
        rows = ([c.to_cell(r) for c in self.columns] for r in qs.select_related(*related).iterator(2000))
        return self._write(rows, kind)

    def _write(self, rows: Iterable[list[str]], kind: str) -> bytes:
        choices = {i: c.allowed_values() for i, c in enumerate(self.columns) if c.allowed_values()}
        notes = [(c.header, c.note()) for c in self.columns]
        return write_table(self.headers, rows, kind, sheet_name=self.title, notes=notes, choices=choices)

    # ----- import -----
    def import_file(self, data: bytes, kind: str, *, user=None, dry_run: bool = False,
                    source: str = "") -> ImportResult:
        """Validate every row; write all of them, or nothing if any row is bad."""
        result = ImportResult(dry_run=dry_run)
        headers, rows = read_table(data, kind)
        columns = self._match_headers(headers, result)
        if not result.ok:
            return result
        for column in self.columns:
            column.prepare(self)
        rows = list(rows)
        key_index = headers.index(self.key_column.header)
        keys = [cells[key_index].strip() if key_index < len(cells) else "" for _, cells in rows]
        existing = self.model.objects.in_bulk([k for k in keys if k], field_name=self.key)
        own_unit_only = self._own_unit_only(user)
        created, updated, seen = [], [], {}
        for (number, cells), key in zip(rows, keys, strict=True):
            if key in seen:
                result.add_error(number, self.key_column.header, f"与第{seen[key]}行重复。")
                continue
            seen[key] = number
            record = existing.get(key)
            is_new = record is None
            if is_new:
                record = self.new_instance(user)
            before = None if is_new else self._values(record, columns)
            unit_before = None if is_new else self._unit_id(record)
            failed = self._fill(record, columns, headers, number, cells, result)
            if not self._validate(record, number, columns, failed, result):
                continue
            if own_unit_only and not (
                self._unit_id(record) == user.org_unit_id and (is_new or unit_before == user.org_unit_id)
            ):
                result.add_error(number, "", "您只能导入本单位的记录。")
                continue
            for column in self.columns:
                column.row_accepted(record)
            if is_new:
                created.append(record)
            elif before != self._values(record, columns):
                updated.append(record)
            else:
                result.unchanged += 1
        if not result.ok:
            return result
        result.created, result.updated = len(created), len(updated)
        if dry_run:
            return result
        now = timezone.now()
        for record in created:
            record.created_by = record.modified_by = user
            record.created_on = now
        for record in updated:
            record.version += 1
            record.modified_by = user
        reason = f"导入{('：' + source) if source else ''}"[:100]
        with transaction.atomic():
            self.save(created, updated, [c.field_name for c in columns], user, reason)
        return result

    def _match_headers(self, headers: list[str], result: ImportResult) -> list[Column]:
        by_header = {c.header: c for c in self.columns}
        for header in headers:
            if header not in by_header:
                result.add_error(1, header, "不是本名册的列，请使用导入模板（不能增加列）。")
        if len(set(headers)) != len(headers):
            result.add_error(1, "", "表头中有重复的列。")
        for column in self.columns:
            if column.required and column.header not in headers:
                result.add_error(1, column.header, "缺少此列。")
        return [by_header[h] for h in headers if h in by_header]

    @staticmethod
    def _values(record, columns) -> dict:
        return {c.field_name: getattr(record, c.model_field.attname) for c in columns}

    def _unit_id(self, record):
        unit_field = self.model.UNIT_FIELD
        if not unit_field:
            return None
        return record.pk if unit_field == "pk" else getattr(record, self.model._meta.get_field(unit_field).attname)

    def _fill(self, record, columns, headers, number, cells, result) -> set[str]:
        """Set fields from the row's cells; returns the headers whose cells were rejected."""
        index = {h: i for i, h in enumerate(headers)}
        failed = set()
        for column in columns:
            i = index[column.header]
            text = cells[i].strip() if i < len(cells) else ""
            if not text:
                if column.required:
                    result.add_error(number, column.header, "不能为空。")
                    failed.add(column.header)
                else:
                    setattr(record, column.field_name, None if column.model_field.null else "")
                continue
            try:
                setattr(record, column.field_name, column.parse(text))
            except ValidationError as error:
                result.add_error(number, column.header, " ".join(error.messages))
                failed.add(column.header)
        return failed

    def _validate(self, record, number, columns, failed, result) -> bool:
        errors_before = result.error_count
        by_field = {c.field_name: c.header for c in columns}
        exclude = [f.name for f in self.model._meta.fields if f.name not in by_field]
        try:
            record.clean_fields(exclude=exclude)
            record.clean()
            if self.check_unique_per_row:
                record.validate_unique(exclude=[f for f in exclude if f != self.key])
                record.validate_constraints()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                header = by_field.get(field_name, "")
                if header in failed:
                    continue  # already reported when the cell was read
                for message in messages:
                    result.add_error(number, header, message)
        return not failed and result.error_count == errors_before

    def _own_unit_only(self, user) -> bool:
        if user is None:
            return False
        opts = self.model._meta
        return not user.has_perm(f"{opts.app_label}.change_all_{opts.model_name}")


REGISTERS: dict[str, Register] = {}


def register(cls: type[Register]) -> type[Register]:
    REGISTERS[cls.name] = cls()
    return cls


class UnknownRegisterError(KeyError):
    def __init__(self, name: str):
        super().__init__(name)
        self.message = f"没有名为“{name}”的名册。可用的名册：{', '.join(sorted(REGISTERS))}。"


def get_register(name: str) -> Register:
    try:
        return REGISTERS[name]
    except KeyError:
        raise UnknownRegisterError(name) from None

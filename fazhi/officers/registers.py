"""Import/export registers of officers, certificates, training attendances and exam results."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from simple_history.models import HistoricalRecords

from fazhi.core.audit import personal_data_exported
from fazhi.core.exceptions import FazhiError
from fazhi.officers import services
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.models import EnforcementCertificate, Exam, ExamResult, Officer, Training, TrainingAttendance
from fazhi.registers.base import (
    EMPTY_CELL,
    UNHEADED_CELL,
    VERSION_HEADER,
    ChoiceColumn,
    CodeColumn,
    Column,
    ForeignKeyColumn,
    ImportResult,
    Register,
    database_refused,
    register,
    table_limits,
)
from fazhi.registers.tabular import column_letter, read_table

CERTIFICATE_ISSUED_ONLY = "证件的状态和有效期只能通过核发、暂扣、恢复、注销办理，不能通过导入修改"
CERTIFICATE_HOLDER_FIXED = "证件的持证人不能通过导入修改；请为新的持证人核发证件"
FIXED_WITH_VALUES = "{message}（现为“{stored}”，文件中为“{given}”）。"
# The officer-link registers (attendances, exam results): one row per officer at an event (a training, an exam).
DUPLICATE_PERSON = "与第{row}行重复（同一{event}、同一人员）。"
NO_ADD = "您没有新增{model}的权限。"
EVENT_NOT_FOUND = "找不到{event}“{text}”，须先在{model}页面登记。"
EVENT_AMBIGUOUS = "有{count}场{event}“{text}”，无法确定是哪一场。"
EVENT_OF_OTHER_UNIT = "您只能导入本单位（{unit}）组织的{event}的记录。"
OFFICER_NOT_FOUND = "找不到该身份证号码的执法人员，须先在执法人员名册中登记。"
OFFICER_NAME_MISMATCH = "与执法人员名册中该身份证号码登记的姓名不一致，请核对身份证号码和姓名。"
ROW_ARCHIVED = "该{model}已归档，不能通过导入修改。"
ROW_CHANGED_SINCE_EXPORT = "导出后此记录已被修改（当前为第{version}版），请重新导出后再导入。"
ROW_FIXED = "已登记为“{value}”，{model}不能通过导入修改。"


def _current_request():
    """The request being answered, if any (simple_history's middleware keeps it for the thread)."""
    return getattr(HistoricalRecords.context, "request", None)


def log_officer_data_export(register: Register, *, user, count: int) -> None:
    """Log an export that carries officers' full ID numbers, as one of the officer register.

    The page's export view logs only models that hold personal data themselves; these
    registers carry the holder's data through a link, so they log it here. Without a user
    (the command line without --as) nothing is logged, as for any other export.
    """
    request = _current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    path = request.get_full_path() if request is not None else f"fazhi export {register.name}"
    personal_data_exported(user=user, model=Officer, count=count, path=path)


class IdNumberColumn(CodeColumn):
    """A 居民身份证号码: full-width digits, spaces and a lower-case x are typing slips."""


class OfficerByIdNumberColumn(ForeignKeyColumn):
    """The certificate holder, written as the officer's ID number (the one key a person has)."""

    def parse(self, text: str):
        return super().parse("".join(unicodedata.normalize("NFKC", text).split()).upper())


@register
class OfficerRegister(Register):
    name = "officers"
    title = "执法人员名册"
    model = Officer
    key = "id_number"
    columns = [
        IdNumberColumn("身份证号码", "id_number", help_text="18位居民身份证号码，末位为校验码"),
        Column("姓名", "full_name"),
        ForeignKeyColumn("所属单位编码", "org_unit", lookup="code", help_text="须已在机构名册中"),
        Column("职务", "position", required=False),
        Column("手机号码", "phone", required=False),
    ]


class _IssuedOnly:
    """A certificate column set when it is issued; afterwards only its own actions change it.

    An import may add certificates (issued through the service) and correct the issuer, area
    and field; a row that would change this column of an existing certificate is refused, so a
    suspension cannot be undone, nor an expired certificate extended, without the service's
    reason, history and expiry reminder.
    """

    message = CERTIFICATE_ISSUED_ONLY

    @property
    def checks_field(self) -> bool:
        return True  # check_value compares with the stored value

    def prepare(self, register: Register) -> None:
        super().prepare(register)
        self.stored = dict(register.model._base_manager.values_list("pk", self.attname))

    def check_value(self, value, record):
        value = self.validated(value, record)
        stored = self.stored.get(record.pk) if record.pk is not None else None
        if stored is not None and getattr(value, "pk", value) != stored:
            raise ValidationError(FIXED_WITH_VALUES.format(message=self.message, stored=self.shown(stored),
                                                           given=self.shown(value)))
        return value

    def validated(self, value, record):
        return super().check_value(value, record)

    def shown(self, value) -> str:
        return str(value)


class IssuedDateColumn(_IssuedOnly, Column):
    pass


class IssuedStatusColumn(_IssuedOnly, ChoiceColumn):
    def shown(self, value) -> str:
        return self.labels.get(value, str(value))


class HolderColumn(_IssuedOnly, OfficerByIdNumberColumn):
    message = CERTIFICATE_HOLDER_FIXED

    def validated(self, value, record):
        return value  # the lookup found an active officer already: no query per row

    def shown(self, value) -> str:
        officer = value if isinstance(value, Officer) else Officer.objects.filter(pk=value).first()
        return officer.full_name if officer is not None else str(value)


@register
class EnforcementCertificateRegister(Register):
    name = "certificates"
    title = "执法证件名册"
    model = EnforcementCertificate
    key = "number"
    columns = [
        CodeColumn("证件编号", "number", help_text="本系统内唯一"),
        HolderColumn("持证人身份证号码", "officer", lookup="id_number",
                     help_text="须已在执法人员名册中；已有证件的持证人不能修改"),
        Column("发证机关", "issuer"),
        Column("执法区域", "area"),
        Column("执法类别", "field"),
        IssuedDateColumn("有效期起", "valid_from", help_text="日期，如 2022-03-01；已有证件不能通过导入修改"),
        IssuedDateColumn("有效期至", "valid_until", help_text="日期，如 2027-02-28；已有证件不能通过导入修改"),
        IssuedStatusColumn("状态", "status", required=False,
                           help_text="空白为“有效”；已有证件的暂扣、恢复、注销须在证件页面办理"),
    ]

    def export(self, kind: str, user=None, queryset=None) -> bytes:
        """The holders' full ID numbers are the key to re-import: the export is logged as personal data."""
        data = super().export(kind, user=user, queryset=queryset)
        rows = self.export_queryset(user) if queryset is None else queryset
        log_officer_data_export(self, user=user, count=rows.count())
        return data

    def save(self, created: list, updated: list, fields: list[str], user, reason: str, *,
             in_file_order: list | None = None) -> None:
        """New certificates are issued through the service, so each gets its expiry reminder.

        A certificate imported as suspended or revoked is issued, then suspended or revoked
        the same way, so its history and reminder say so. Changed rows are written as usual.
        """
        super().save([], updated, fields, user, reason)
        for row in created:
            certificate = services.certificate_issue(
                user=user, officer=row.officer, number=row.number, issuer=row.issuer, area=row.area,
                field=row.field, valid_from=row.valid_from, valid_until=row.valid_until,
            )
            if row.status == CertificateStatus.SUSPENDED:
                services.certificate_suspend(user=user, certificate=certificate, reason=reason)
            elif row.status == CertificateStatus.REVOKED:
                services.certificate_revoke(user=user, certificate=certificate, reason=reason)


# ----- training attendances and exam results -----


class _Abort(Exception):
    """A service refused a row while writing: the transaction is rolled back."""


class OfficerLinkRegister(Register):
    """Rows linking an officer to an event (a training, an exam), keyed by the event and the officer.

    The event is named by its own columns (a training by topic and date, an exam by date and
    kind) and must exist; the officer by the ID number, with the name as a check. The key is
    two records, so this register checks its rows itself, reports every error with its row,
    column and reason, and writes new rows through the service, all in one transaction or none.
    A row already recorded is left as it is: these records are not changed by import.
    """

    parent_model: type  # Training, Exam
    parent_field: str  # "training", "exam"
    parent_label: str  # how an error names the event: "培训", "考试"
    id_header: str
    name_header: str
    # (column, the model it reads: parent_model, Officer or the register's own model)
    bound: list[tuple[Column, type]]

    def __init__(self) -> None:
        for column, model in self.bound:
            column.bind(model)
        self.columns = [c for c, _ in self.bound]
        self.source = {c.header: m for c, m in self.bound}
        self.headers = [c.header for c in self.columns]
        self.key_column = next(c for c in self.columns if c.header == self.id_header)
        self.unique_sets = []
        self.parent_columns = [c for c, m in self.bound if m is self.parent_model]
        self.own_columns = [c for c, m in self.bound if m is self.model]

    # ----- hooks -----
    def create(self, *, user, parent, officer, values: dict):
        raise NotImplementedError

    def parent_text(self, values: dict) -> str:
        return " ".join(str(values[c.header]) for c in self.parent_columns if c.header in values)

    # ----- export -----
    def export(self, kind: str, user=None, queryset=None) -> bytes:
        """All rows the user may see, or those of the events listed on the page (a queryset of events)."""
        if queryset is None:
            queryset = self.export_queryset(user)
        elif queryset.model is self.parent_model:
            events = list(queryset.values_list("pk", flat=True))
            queryset = self.model.objects.active().filter(**{f"{self.parent_field}__in": events})
        queryset = queryset.select_related(self.parent_field, "officer").order_by(
            f"-{self.parent_field}__held_on", self.parent_field, "officer__full_name", "pk")
        rows = []
        for record in queryset:
            objects = {self.parent_model: getattr(record, self.parent_field), Officer: record.officer,
                       self.model: record}
            rows.append([*(c.to_cell(objects[self.source[c.header]]) for c in self.columns), str(record.version)])
        data = self._write(rows, kind, with_version=True)
        log_officer_data_export(self, user=user, count=len(rows))
        return data

    # ----- import -----
    def import_file(self, data: bytes, kind: str, *, user=None, dry_run: bool = False,
                    source: str = "") -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        headers, rows = read_table(data, kind, limits=table_limits())
        self._check_headers(headers, result)
        scope = self._scope(user, result)
        if not result.ok:
            return result
        position = {h: i for i, h in enumerate(headers) if h}
        events: dict[tuple, list] = {}
        for event in self.parent_model.objects.active():
            events.setdefault(tuple(getattr(event, c.field_name) for c in self.parent_columns), []).append(event)
        officers = {o.id_number: o for o in Officer.objects.active()}
        existing = {(getattr(r, f"{self.parent_field}_id"), r.officer_id): r for r in self.model._base_manager.all()}
        seen: dict[tuple, int] = {}
        new_rows = []
        unchanged = 0
        for number, cells in rows:
            errors: list[tuple[int, str, str]] = []
            for i, text in enumerate(cells):
                if text and (i >= len(headers) or not headers[i]):
                    errors.append((i, column_letter(i), UNHEADED_CELL.format(text=text)))
            values = self._values(cells, position, errors)
            row = None if errors else self._link(values, events, officers, scope, position, errors)
            if row is not None:
                event, officer = row
                key = (event.pk, officer.pk)
                id_at = position[self.id_header]
                if key in seen:
                    errors.append((id_at, self.id_header, DUPLICATE_PERSON.format(row=seen[key],
                                                                                  event=self.parent_label)))
                else:
                    seen[key] = number
                    record = existing.get(key)
                    if record is None:
                        if not scope.can_add:
                            errors.append((id_at, self.id_header, NO_ADD.format(model=self.model._meta.verbose_name)))
                        else:
                            new_rows.append((number, event, officer, values))
                    elif self._same(record, values, cells, position, errors):
                        unchanged += 1
            for at, header, message in errors:
                result.add_error(number, header, message, at)
        result.errors.sort(key=lambda e: (e.row, e.position))
        if not result.ok:
            return result
        result.created, result.unchanged = len(new_rows), unchanged
        if dry_run:
            return result
        try:
            with transaction.atomic():
                for number, event, officer, values in new_rows:
                    try:
                        self.create(user=user, parent=event, officer=officer, values=values)
                    except FazhiError as error:
                        result.add_error(number, self.id_header, error.message, position[self.id_header])
                    except ValidationError as error:
                        result.add_error(number, self.id_header, " ".join(error.messages), position[self.id_header])
                if not result.ok:
                    raise _Abort
        except _Abort:
            result.created = result.unchanged = 0
        except DatabaseError as error:
            result.created = result.unchanged = 0
            database_refused(self, result, error)
        return result

    def _values(self, cells: list[str], position: dict, errors: list) -> dict:
        values = {}
        for column in self.columns:
            at = position.get(column.header)
            text = cells[at] if at is not None and at < len(cells) else ""
            if not text:
                if column.required and at is not None:
                    errors.append((at, column.header, EMPTY_CELL))
                continue
            try:
                value = column.parse(text)
                if column.checks_field:
                    value = column.check_value(value, None)
            except ValidationError as error:
                errors.append((at, column.header, " ".join(error.messages)))
                continue
            values[column.header] = value
        return values

    def _link(self, values: dict, events: dict, officers: dict, scope, position: dict, errors: list):
        first = self.parent_columns[0].header
        found = events.get(tuple(values.get(c.header) for c in self.parent_columns), [])
        event = None
        if not found:
            errors.append((position[first], first, EVENT_NOT_FOUND.format(
                event=self.parent_label, text=self.parent_text(values), model=self.parent_model._meta.verbose_name)))
        elif len(found) > 1:
            errors.append((position[first], first, EVENT_AMBIGUOUS.format(
                count=len(found), event=self.parent_label, text=self.parent_text(values))))
        else:
            event = found[0]
            if scope.unit_id is not None and event.organiser_id != scope.unit_id:
                errors.append((position[first], first,
                               EVENT_OF_OTHER_UNIT.format(unit=scope.unit_name, event=self.parent_label)))
        officer = officers.get(values.get(self.id_header))
        if officer is None:
            errors.append((position[self.id_header], self.id_header, OFFICER_NOT_FOUND))
        elif self.name_header in values and values[self.name_header] != officer.full_name:
            errors.append((position[self.name_header], self.name_header, OFFICER_NAME_MISMATCH))
        return None if errors or event is None or officer is None else (event, officer)

    def _same(self, record, values: dict, cells: list[str], position: dict, errors: list) -> bool:
        """An existing row: fine if the file says the same; these records are not changed by import."""
        verbose = self.model._meta.verbose_name
        if record.archived_on is not None:
            errors.append((position[self.id_header], self.id_header, ROW_ARCHIVED.format(model=verbose)))
            return False
        at = position.get(VERSION_HEADER)
        text = cells[at].strip() if at is not None and at < len(cells) else ""
        if text and (not text.isdigit() or int(text) != record.version):
            errors.append((at, VERSION_HEADER, ROW_CHANGED_SINCE_EXPORT.format(version=record.version)))
            return False
        for column in self.own_columns:
            if column.header in values and values[column.header] != getattr(record, column.field_name):
                errors.append((position[column.header], column.header,
                               ROW_FIXED.format(value=column.to_cell(record), model=verbose)))
                return False
        return True


@register
class TrainingAttendanceRegister(OfficerLinkRegister):
    name = "training_attendances"
    title = "参训记录"
    model = TrainingAttendance
    key = "officer"
    parent_model, parent_field, parent_label = Training, "training", "培训"
    id_header, name_header = "参训人员身份证号码", "参训人员姓名"
    bound = [
        (Column("培训主题", "topic", help_text="须与已登记的培训主题一致"), Training),
        (Column("培训日期", "held_on", help_text="日期，如 2022-06-15；培训须已登记"), Training),
        (IdNumberColumn("参训人员身份证号码", "id_number", help_text="须已在执法人员名册中"), Officer),
        (Column("参训人员姓名", "full_name", help_text="用于核对身份证号码"), Officer),
    ]

    def create(self, *, user, parent, officer, values):
        return services.attendance_add(user=user, training=parent, officer=officer)


@register
class ExamResultRegister(OfficerLinkRegister):
    name = "exam_results"
    title = "考试成绩"
    model = ExamResult
    key = "officer"
    parent_model, parent_field, parent_label = Exam, "exam", "考试"
    id_header, name_header = "考生身份证号码", "考生姓名"
    bound = [
        (Column("考试日期", "held_on", help_text="日期，如 2022-06-16；考试须已登记"), Exam),
        (ChoiceColumn("考试类别", "kind"), Exam),
        (IdNumberColumn("考生身份证号码", "id_number", help_text="须已在执法人员名册中"), Officer),
        (Column("考生姓名", "full_name", help_text="用于核对身份证号码"), Officer),
        (Column("成绩", "score", help_text="0到100之间的数；已登记的成绩不能通过导入修改"), ExamResult),
    ]

    def create(self, *, user, parent, officer, values):
        return services.exam_result_record(user=user, exam=parent, officer=officer, score=values["成绩"])

"""Import/export of the 涉企经营许可事项清单 in the provincial list's layout, one row per matter of an edition.

Each row names its edition (清单名称, 发布文号, 施行日期) and the matter (事项编码, 事项名称), so one file may hold
several editions and an export imports back into the same catalogue. The key is two records (edition, matter), so
this register checks its rows itself and reports every error with its row, column and reason; only a file without
errors is written, in one transaction (all or nothing). Cases (办件) are made on their pages: export only.

The business-environment registers (commendations, pairings, visits, the legal service team) import with the
generic importer,
keyed by the number the platform gives each record: a new row leaves 编号 empty.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.core.services import record_create, record_update
from fazhi.core.validators import mask_id_number
from fazhi.permits.constants import VisitKind
from fazhi.permits.models import (
    CatalogueEdition,
    CatalogueEntry,
    Commendation,
    Pairing,
    PermitCase,
    PermitMatter,
    ServiceTeamMember,
    Visit,
)
from fazhi.permits.services import VISIT_IN_FUTURE, VISIT_PAIRING_REQUIRED
from fazhi.registers.base import (
    UNHEADED_CELL,
    VERSION_HEADER,
    ChoiceColumn,
    CodeColumn,
    Column,
    ForeignKeyColumn,
    ImportResult,
    ManyToManyColumn,
    NumberedRegister,
    Register,
    database_refused,
    register,
    table_limits,
)
from fazhi.registers.tabular import column_letter, read_table

ENTRY_FIELDS = ("basis", "approval_level", "approving_department", "org_unit", "mode", "measures", "supervision",
                "statutory_days", "promised_days")


class _Abort(Exception):
    pass


@dataclass
class _Plan:
    """What a checked file will write."""

    editions: dict = field(default_factory=dict)  # document number -> (values, existing edition or None, row)
    matters: dict = field(default_factory=dict)  # code -> (name, existing matter or None)
    entries: list = field(default_factory=list)  # (row, matter code, document number, values, entry or None)
    unchanged: int = 0


@register
class CatalogueRegister(Register):
    name = "permit_catalogue"
    title = "涉企经营许可事项清单"
    model = CatalogueEntry
    key = "matter"
    bound = [
        (Column("清单名称", "name", help_text="如 辽宁省涉企经营许可事项清单（2021年版）"), CatalogueEdition),
        (Column("发布文号", "document_number", help_text="同一清单各行相同"), CatalogueEdition),
        (Column("施行日期", "effective_on", help_text="日期，如 2021-07-01"), CatalogueEdition),
        (CodeColumn("事项编码", "code", help_text="同一事项在各版清单中编码相同"), PermitMatter),
        (Column("事项名称", "name"), PermitMatter),
        (Column("设定依据", "basis"), CatalogueEntry),
        (ChoiceColumn("审批层级", "approval_level"), CatalogueEntry),
        (Column("审批部门", "approving_department"), CatalogueEntry),
        (ForeignKeyColumn("办理单位编码", "org_unit", lookup="code", required=False,
                          help_text="本区受理该事项的单位的机构编码；本区不办理的留空"), CatalogueEntry),
        (ChoiceColumn("改革方式", "mode"), CatalogueEntry),
        (Column("具体改革举措", "measures"), CatalogueEntry),
        (Column("事中事后监管措施", "supervision"), CatalogueEntry),
        (Column("法定办结时限（工作日）", "statutory_days", help_text="整数；《行政许可法》第四十二条：一般为20"),
         CatalogueEntry),
        (Column("承诺办结时限（工作日）", "promised_days", required=False, help_text="整数，不长于法定时限"),
         CatalogueEntry),
    ]

    def __init__(self) -> None:
        for column, model in self.bound:
            column.bind(model)
        self.columns = [column for column, _model in self.bound]
        self.source = {column.header: model for column, model in self.bound}
        self.headers = [column.header for column in self.columns]
        self.key_column = self.columns[3]
        self.unique_sets = []

    # ----- export -----
    def export_queryset(self, user):
        rows = CatalogueEntry.objects.all() if user is None else CatalogueEntry.objects.visible_to(user)
        return rows.active()

    def export(self, kind: str, user=None, queryset=None) -> bytes:
        queryset = self.export_queryset(user) if queryset is None else queryset
        if queryset.model is CatalogueEdition:  # the editions listed on a page: their entries
            queryset = CatalogueEntry.objects.active().filter(edition__in=queryset)
        queryset = queryset.select_related("edition", "matter", "org_unit").order_by(
            "edition__effective_on", "matter__code")
        rows = []
        for entry in queryset.iterator(2000):
            objects = {CatalogueEdition: entry.edition, PermitMatter: entry.matter, CatalogueEntry: entry}
            rows.append([*(c.to_cell(objects[self.source[c.header]]) for c in self.columns), str(entry.version)])
        return self._write(rows, kind, with_version=True)

    # ----- import -----
    def import_file(self, data: bytes, kind: str, *, user=None, dry_run: bool = False,
                    source: str = "") -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        headers, rows = read_table(data, kind, limits=table_limits())
        self._check_headers(headers, result)
        self._scope(user, result)
        if not result.ok:
            return result
        if user is not None and not user.has_perm("permits.change_all_catalogueentry"):
            result.add_error(0, "", f"您没有导入“{self.title}”的权限。")
            return result
        position = {h: i for i, h in enumerate(headers) if h}
        plan = self._check(rows, headers, position, result)
        result.errors.sort(key=lambda e: (e.row, e.position))
        if not result.ok:
            return result
        result.created = sum(1 for *_rest, existing in plan.entries if existing is None)
        result.updated = len(plan.entries) - result.created
        result.unchanged = plan.unchanged
        if dry_run:
            return result
        reason = f"导入{('：' + source) if source else ''}"[:100]
        try:
            with transaction.atomic():
                self._write_plan(plan, user, reason, result, position)
                if not result.ok:
                    raise _Abort
        except _Abort:
            result.created = result.updated = result.unchanged = 0
        except DatabaseError as error:
            result.created = result.updated = result.unchanged = 0
            database_refused(self, result, error)
        return result

    def _check(self, rows, headers: list[str], position: dict, result: ImportResult) -> _Plan:
        columns = [column for column in self.columns]
        for column in columns:
            column.prepare(self)
        editions = {e.document_number: e for e in CatalogueEdition.objects.all()}
        by_date = {e.effective_on: e.document_number for e in editions.values()}
        matters = {m.code: m for m in PermitMatter.objects.all()}
        existing = {(e.edition.document_number, e.matter.code): e
                    for e in CatalogueEntry.objects.select_related("edition", "matter")}
        plan, seen = _Plan(), {}
        for number, cells in rows:
            errors: list[tuple[int, str, str]] = []
            for i, text in enumerate(cells):
                if text and (i >= len(headers) or not headers[i]):
                    errors.append((i, column_letter(i), UNHEADED_CELL.format(text=text)))
            values = self._values(columns, cells, position, errors)
            if not errors:
                self._plan_row(number, cells, values, position, plan, editions, by_date, matters, existing, seen,
                               errors)
            for at, header, message in errors:
                result.add_error(number, header, message, at)
        return plan

    def _values(self, columns, cells: list[str], position: dict, errors: list) -> dict:
        values = {}
        for column in columns:
            at = position.get(column.header)
            text = cells[at] if at is not None and at < len(cells) else ""
            if not text:
                if column.required:
                    errors.append((at if at is not None else len(cells), column.header, "不能为空。"))
                values[column.header] = None
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

    def _plan_row(self, number, cells, values, position, plan, editions, by_date, matters, existing, seen,
                  errors) -> None:
        doc, effective, edition_name = values["发布文号"], values["施行日期"], values["清单名称"]
        code, matter_name = values["事项编码"], values["事项名称"]
        known = plan.editions.get(doc)
        edition = editions.get(doc)
        if known is not None:
            first = known[0]
            if (first["name"], first["effective_on"]) != (edition_name, effective):
                errors.append((position["发布文号"], "发布文号",
                               f"与第{known[2]}行同一文号的清单名称或施行日期不一致。"))
        elif edition is not None and (edition.name, edition.effective_on) != (edition_name, effective):
            errors.append((position["发布文号"], "发布文号",
                           f"已登记的清单“{edition}”施行日期为{edition.effective_on}，与本行不一致；"
                           "清单的名称和施行日期请在清单页面修改。"))
        elif edition is None and by_date.get(effective, doc) != doc:
            errors.append((position["施行日期"], "施行日期",
                           f"该日已有另一版清单（{by_date[effective]}）施行，同一天只能施行一版清单。"))
        key = (doc, code)
        if key in seen:
            errors.append((position["事项编码"], "事项编码", f"与第{seen[key]}行重复（同一清单、同一事项）。"))
        planned_matter = plan.matters.get(code)
        if planned_matter is not None and planned_matter[0] != matter_name:
            errors.append((position["事项名称"], "事项名称", "同一事项编码在本文件中的事项名称不一致。"))
        entry = existing.get(key)
        entry_values = {name: values[c.header] for c in self.columns if self.source[c.header] is CatalogueEntry
                        for name in [c.field_name]}
        if entry_values["statutory_days"] is not None and entry_values["promised_days"] is not None \
                and entry_values["promised_days"] > entry_values["statutory_days"]:
            errors.append((position.get("承诺办结时限（工作日）", 0), "承诺办结时限（工作日）",
                           "承诺办结时限不能长于法定办结时限。"))
        if entry is not None and self._stale(entry, cells, position, errors):
            return
        if entry is not None and entry.archived_on is not None:
            errors.append((position["事项编码"], "事项编码", "该清单事项已归档，不能通过导入修改。"))
        if errors:
            return
        seen[key] = number
        if known is None:
            by_date[effective] = doc
            plan.editions[doc] = ({"name": edition_name, "document_number": doc, "effective_on": effective},
                                  edition, number)
        plan.matters[code] = (matter_name, matters.get(code))
        if entry is not None and all(getattr(entry, name) == value for name, value in entry_values.items()):
            plan.unchanged += 1
            return
        plan.entries.append((number, code, doc, entry_values, entry))

    def _stale(self, entry, cells, position, errors) -> bool:
        at = position.get(VERSION_HEADER)
        text = cells[at].strip() if at is not None and at < len(cells) else ""
        if text and (not text.isdigit() or int(text) != entry.version):
            errors.append((at, VERSION_HEADER,
                           f"导出后此记录已被修改（当前为第{entry.version}版），请重新导出后再导入。"))
            return True
        return False

    def _write_plan(self, plan: _Plan, user, reason: str, result: ImportResult, position: dict) -> None:
        editions = {}
        for doc, (values, edition, _number) in plan.editions.items():
            editions[doc] = edition or record_create(model=CatalogueEdition, user=user, reason=reason, **values)
        matters = {}
        for code, (name, matter) in plan.matters.items():
            if matter is None:
                matter = record_create(model=PermitMatter, user=user, reason=reason, code=code, name=name)
            elif matter.name != name:
                matter = record_update(record=matter, user=user, expected_version=matter.version, reason=reason,
                                       name=name)
            matters[code] = matter
        for number, code, doc, values, entry in plan.entries:
            try:
                if entry is None:
                    record_create(model=CatalogueEntry, user=user, reason=reason, edition=editions[doc],
                                  matter=matters[code], **values)
                else:
                    record_update(record=entry, user=user, expected_version=entry.version, reason=reason, **values)
            except ValidationError as error:
                result.add_error(number, "事项编码", " ".join(error.messages), position["事项编码"])


class MaskedIdNumberColumn(Column):
    def to_cell(self, record) -> str:
        value = getattr(record, self.field_name)
        return mask_id_number(value) if value else ""


@register
class PermitCaseRegister(Register):
    """The cases as a spreadsheet; a natural person's ID number is masked. Import is refused."""

    name = "permit_cases"
    title = "办件"
    importable = False
    export_only_reason = "办件须在办件页面受理并逐环节办理，不能通过导入新增或修改。本名册只供导出。"
    model = PermitCase
    key = "number"
    columns = [
        Column("办件编号", "number"),
        ForeignKeyColumn("承办单位编码", "org_unit", lookup="code"),
        ChoiceColumn("申请人类型", "applicant_kind"),
        ForeignKeyColumn("统一社会信用代码", "applicant_entity", lookup="uscc", required=False),
        Column("申请人姓名", "applicant_name", required=False),
        MaskedIdNumberColumn("申请人身份证号码（已遮蔽）", "applicant_id_number", required=False),
        Column("申请事项", "matters_text"),
        Column("受理日期", "received_on"),
        ChoiceColumn("状态", "status"),
        Column("法定办结期限", "statutory_due_on"),
        Column("承诺办结期限", "promised_due_on"),
        Column("办结日期", "decided_on", required=False),
        ChoiceColumn("办结文书", "decision_form", required=False),
        Column("办理用时（工作日）", "working_days_used", required=False),
    ]



# ----- business environment: keyed by the platform's numbers -----

PAIRING_HAS_VISITS = "该包联关系已有走访记录，不能通过导入改变年度或包联企业。"


@register
class CommendationRegister(NumberedRegister):
    name = "permit_commendations"
    title = "表彰大会"
    model = Commendation
    columns = [
        NumberedRegister.number_column(),
        Column("会议名称", "name"),
        Column("召开日期", "held_on", help_text="日期，如 2022-12-20"),
        ForeignKeyColumn("主办单位编码", "org_unit", lookup="code"),
        ManyToManyColumn("受表彰企业统一社会信用代码", "firms", lookup="uscc",
                         help_text="多个企业用“；”分隔，须已在市场主体名录中"),
    ]


@register
class PairingRegister(NumberedRegister):
    name = "permit_pairings"
    title = "领导包联企业"
    model = Pairing
    columns = [
        NumberedRegister.number_column(),
        Column("年度", "year", help_text="如 2022"),
        Column("包联领导", "leader_name"),
        Column("职务", "leader_title", required=False),
        ForeignKeyColumn("包联企业统一社会信用代码", "entity", lookup="uscc", help_text="须已在市场主体名录中"),
        ForeignKeyColumn("领导所在单位编码", "org_unit", lookup="code"),
    ]

    def complete(self, record) -> None:
        if record.pk is None:
            return
        stored = Pairing.objects.filter(pk=record.pk).values("year", "entity_id").get()
        if (stored["year"], stored["entity_id"]) != (record.year, record.entity_id) and record.visits.exists():
            raise ValidationError({"entity": PAIRING_HAS_VISITS})


@register
class VisitRegister(NumberedRegister):
    name = "permit_visits"
    title = "走访记录"
    model = Visit
    columns = [
        NumberedRegister.number_column(),
        ForeignKeyColumn("走访单位编码", "org_unit", lookup="code"),
        ChoiceColumn("走访类型", "kind"),
        Column("走访日期", "visited_on", help_text="日期，如 2022-05-10；不晚于今天"),
        Column("走访人", "visitor"),
        ForeignKeyColumn("包联编号", "pairing", lookup="number", required=False,
                         help_text="领导包联走访必填（领导包联企业名册的编号），走访企业即包联企业"),
        ForeignKeyColumn("走访企业统一社会信用代码", "entity", lookup="uscc", required=False,
                         help_text="部门、街道走访必填"),
        Column("企业反映的问题", "issues", required=False),
    ]

    def complete(self, record) -> None:
        """As on the visit page: a pairing visit is to the paired firm; other visits name the firm."""
        if record.visited_on > clock.today():
            raise ValidationError({"visited_on": VISIT_IN_FUTURE % {"date": cn_date(record.visited_on)}})
        if record.kind == VisitKind.PAIRING:
            if record.pairing_id is None:
                raise ValidationError({"pairing": str(VISIT_PAIRING_REQUIRED)})
            record.entity = record.pairing.entity
        else:
            record.pairing = None
            if record.entity_id is None:
                raise ValidationError({"entity": str(VISIT_PAIRING_REQUIRED)})


@register
class ServiceTeamRegister(NumberedRegister):
    name = "permit_service_team"
    title = "法律服务团成员"
    model = ServiceTeamMember
    columns = [
        NumberedRegister.number_column(),
        Column("姓名", "name"),
        Column("所在机构", "affiliation", help_text="律师事务所、法律服务所等"),
        Column("擅长领域", "specialty", required=False),
        Column("联系电话", "phone", required=False),
        Column("加入日期", "joined_on", help_text="日期，如 2022-03-01"),
        ForeignKeyColumn("组建单位编码", "org_unit", lookup="code"),
    ]

"""Importing the 市场主体名录 as a street or market-supervision clerk does it."""

import io
import re

import pytest
from python_calamine import CalamineWorkbook

from fazhi.core import clock
from fazhi.core.tests.messages import message_pattern
from fazhi.core.validators import USCC_CHECK, USCC_LENGTH
from fazhi.market_entities.constants import RiskClass
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.organisation.models import OrgUnit
from fazhi.registers.base import (
    ARCHIVED_RECORD,
    CHANGED_SINCE_EXPORT,
    CHECKED,
    COLUMN_AT,
    DATABASE_REFUSED,
    DUPLICATE_HEADER,
    DUPLICATE_KEY,
    EMPTY_CELL,
    ERROR_AT,
    IMPORT_COUNTS,
    IMPORT_FAILED,
    IMPORTED_FROM_REASON,
    MISSING_COLUMN,
    NO_IMPORT_PERMISSION,
    NOT_A_CHOICE,
    NOT_FOUND,
    OWN_UNIT_ONLY,
    ROW_AT,
    UNHEADED_CELL,
    UNKNOWN_COLUMN,
    VERSION_HEADER,
    RowError,
)
from fazhi.registers.tabular import NOTES_SHEET, read_table
from fazhi.registers.tests.helpers import (
    MARKET_HEADERS,
    bad_check_character,
    csv_bytes,
    entity_rows,
    entity_snapshot,
    xlsx_bytes,
)

USCC, NAME, STREET, RISK = MARKET_HEADERS[0], MARKET_HEADERS[1], MARKET_HEADERS[5], MARKET_HEADERS[8]


def not_found(text: str) -> str:
    return NOT_FOUND.format(text=text, model=OrgUnit._meta.verbose_name)


def write(kind: str, rows: list[list], headers: list[str] = MARKET_HEADERS) -> bytes:
    return xlsx_bytes(headers, rows) if kind == "xlsx" else csv_bytes(headers, rows)


# ----- template and export -----

@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_template_has_exactly_the_published_headers_and_no_rows(market, kind):
    headers, rows = read_table(market.template(kind), kind)
    assert headers == [
        "统一社会信用代码", "名称", "类型", "法定代表人", "住所", "所属街道", "行业", "登记状态", "信用风险分类",
    ]
    assert list(rows) == []


def test_xlsx_template_explains_every_column_and_offers_the_allowed_values(market):
    book = CalamineWorkbook.from_filelike(io.BytesIO(market.template("xlsx")))
    assert book.sheet_names == [market.title, NOTES_SHEET]
    notes = dict(book.get_sheet_by_name(NOTES_SHEET).to_python()[1:])
    assert list(notes) == MARKET_HEADERS
    assert notes == {column.header: column.note() for column in market.columns}
    assert market.columns[0].help_text in notes[USCC]
    assert all(str(label) in notes[RISK] for label in RiskClass.labels)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(market, users, kind):
    assert market.import_file(write("xlsx", entity_rows(30)), "xlsx").created == 30
    before = entity_snapshot()

    result = market.import_file(market.export(kind), kind, user=users["admin"])

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 30)
    assert entity_snapshot() == before


def test_export_writes_labels_a_clerk_reads(market):
    entity = MarketEntityFactory(street=market_street("甲街道"), risk_class="D", entity_type="individual")
    _, rows = read_table(market.export("csv"), "csv")
    (_, cells), = rows
    assert cells == [entity.uscc, entity.name, entity.get_entity_type_display(), entity.legal_representative,
                     entity.address, "甲街道", entity.get_industry_display(), entity.get_registration_status_display(),
                     str(RiskClass.D.label), "1"]  # last: 记录版本


def market_street(name):
    from fazhi.organisation.models import OrgUnit

    return OrgUnit.objects.get(name=name)


def test_export_as_a_street_clerk_holds_every_entity_they_may_view(market, users):
    MarketEntityFactory(street=market_street("甲街道"))
    MarketEntityFactory(street=market_street("乙街道"))
    _, rows = read_table(market.export("csv", user=users["unit_staff"]), "csv")
    assert len(list(rows)) == 2  # registration data is public to all staff roles


# ----- all or nothing -----

@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_one_wrong_check_character_among_valid_rows_imports_nothing(market, kind):
    rows = entity_rows(50)
    good = rows[36][0]
    rows[36][0] = bad_check_character(good)

    result = market.import_file(write(kind, rows), kind)

    assert not result.ok
    assert result.errors == [RowError(38, USCC, str(USCC_CHECK) % {"expected": good[17], "actual": rows[36][0][17]})]
    assert result.summary() == IMPORT_FAILED.format(count=1)
    assert MarketEntity.objects.count() == 0
    assert MarketEntity.history.count() == 0


def test_a_bad_row_also_stops_the_updates_in_the_same_file(market):
    rows = entity_rows(10)
    market.import_file(write("csv", rows), "csv")
    before = entity_snapshot()
    rows[0][1] = "改名后的公司"
    rows.append(entity_rows(12)[11])
    rows[-1][0] = bad_check_character(rows[-1][0])

    assert not market.import_file(write("csv", rows), "csv").ok
    assert entity_snapshot() == before


def test_several_bad_rows_are_all_reported_with_row_column_and_reason(market):
    rows = entity_rows(8)
    rows[1][0] = rows[1][0][:10]  # row 3: too short
    rows[3][5] = "丙街道"  # row 5: no such street
    rows[3][8] = "E类"  # row 5: not a risk class
    rows[6][1] = ""  # row 8: name left empty

    result = market.import_file(write("xlsx", rows), "xlsx")

    assert [(e.row, e.column) for e in result.errors] == [(3, USCC), (5, STREET), (5, RISK), (8, NAME)]
    messages = [e.message for e in result.errors]
    assert messages[0] == str(USCC_LENGTH) % {"n": 10}
    assert messages[1] == not_found("丙街道")
    assert messages[2] == NOT_A_CHOICE.format(text="E类", choices="、".join(str(label) for label in RiskClass.labels))
    assert messages[3] == EMPTY_CELL
    assert result.error_count == 4
    assert MarketEntity.objects.count() == 0


def test_row_numbers_count_the_blank_rows_as_the_spreadsheet_shows_them(market):
    rows = entity_rows(3)
    rows[2][0] = bad_check_character(rows[2][0])
    data = xlsx_bytes(MARKET_HEADERS, rows, blank_rows_before={2: 3})
    assert [e.row for e in market.import_file(data, "xlsx").errors] == [7]


def test_a_street_that_is_not_a_street_is_refused(market):
    rows = entity_rows(1)
    rows[0][5] = "市场监督管理局"  # a department of the conftest zone, not a street
    (error,) = market.import_file(write("csv", rows), "csv").errors
    assert (error.row, error.column, error.message) == (2, STREET, not_found("市场监督管理局"))


def test_duplicate_key_in_the_file_names_both_rows(market):
    rows = entity_rows(5)
    rows.append([*rows[1]])
    rows[-1][1] = "另一个名称"

    result = market.import_file(write("csv", rows), "csv")

    assert result.errors == [RowError(7, USCC, DUPLICATE_KEY.format(row=3))]
    assert MarketEntity.objects.count() == 0


def test_rows_without_a_key_are_reported_as_empty_not_as_duplicates(market):
    rows = entity_rows(4)
    rows[1][0] = rows[2][0] = ""
    result = market.import_file(write("csv", rows), "csv")
    assert result.errors == [RowError(3, USCC, EMPTY_CELL), RowError(4, USCC, EMPTY_CELL)]


def test_codes_typed_in_lower_case_or_with_spaces_are_the_same_code(market):
    rows = entity_rows(2)
    code = rows[0][0]
    rows[0][0] = f" {code[:6].lower()} {code[6:]} "
    result = market.import_file(write("csv", rows), "csv")
    assert result.ok, result.errors
    assert MarketEntity.objects.filter(uscc=code).exists()


# ----- headers -----

def test_a_missing_column_is_named(market):
    headers = [h for i, h in enumerate(MARKET_HEADERS) if i != 3]
    rows = [[c for i, c in enumerate(r) if i != 3] for r in entity_rows(2)]
    result = market.import_file(write("csv", rows, headers), "csv")
    assert result.errors == [RowError(1, MARKET_HEADERS[3], MISSING_COLUMN)]
    where = ROW_AT.format(row=1) + COLUMN_AT.format(column=MARKET_HEADERS[3])
    assert str(result.errors[0]) == ERROR_AT.format(where=where, message=MISSING_COLUMN)
    assert MarketEntity.objects.count() == 0


def test_an_unknown_column_is_named(market):
    rows = [[*r, "备注"] for r in entity_rows(2)]
    result = market.import_file(write("xlsx", rows, [*MARKET_HEADERS, "备注"]), "xlsx")
    assert result.errors == [RowError(1, "备注", UNKNOWN_COLUMN)]


def test_a_repeated_column_is_refused(market):
    rows = [[*r, r[1]] for r in entity_rows(2)]
    result = market.import_file(write("csv", rows, [*MARKET_HEADERS, NAME]), "csv")
    assert [(e.row, e.column) for e in result.errors] == [(1, NAME)]
    assert result.errors[0].message == DUPLICATE_HEADER


def test_columns_may_come_in_any_order(market):
    order = [8, 0, 3, 1, 2, 4, 5, 6, 7]
    headers = [MARKET_HEADERS[i] for i in order]
    rows = [[r[i] for i in order] for r in entity_rows(3)]
    result = market.import_file(write("csv", rows, headers), "csv")
    assert result.ok, result.errors
    assert MarketEntity.objects.count() == 3


def test_a_value_typed_beyond_the_last_column_is_not_silently_dropped(market):
    rows = entity_rows(3)
    rows[1] = [*rows[1], "", "备注：待核实"]
    result = market.import_file(write("xlsx", rows), "xlsx")
    assert result.errors == [RowError(3, "K", UNHEADED_CELL.format(text="备注：待核实"))]


def test_a_file_that_is_not_a_register_is_refused_at_the_header(market):
    result = market.import_file(csv_bytes(["序号", "企业"], [["1", "某公司"]]), "csv")
    assert {e.column for e in result.errors} >= {"序号", "企业", USCC, NAME}
    assert all(e.row == 1 for e in result.errors)


# ----- re-import -----

def test_reimport_of_the_same_codes_updates_instead_of_duplicating(market, users):
    rows = entity_rows(20)
    first = market.import_file(write("xlsx", rows), "xlsx", user=users["legal_office"])
    assert (first.created, first.updated) == (20, 0)
    changed = MarketEntity.objects.get(uscc=rows[4][0])
    stamp = changed.modified_on
    rows[4][1] = "大连新名称有限公司"
    rows[4][8] = "C类（信用风险较高）"

    second = market.import_file(write("csv", rows), "csv", user=users["admin"], source="六月名录.csv")

    assert (second.created, second.updated, second.unchanged) == (0, 1, 19)
    assert MarketEntity.objects.count() == 20
    changed.refresh_from_db()
    assert (changed.name, changed.risk_class, changed.version) == ("大连新名称有限公司", "C", 2)
    assert changed.created_by == users["legal_office"]
    assert changed.modified_by == users["admin"]
    assert changed.modified_on > stamp
    latest = changed.history.first()
    assert (latest.history_type, latest.history_user, latest.name) == ("~", users["admin"], "大连新名称有限公司")
    assert latest.history_change_reason == IMPORTED_FROM_REASON.format(source="六月名录.csv")
    assert changed.history.count() == 2
    assert MarketEntity.history.count() == 21  # 20 created, 1 changed; unchanged rows write nothing
    assert set(MarketEntity.objects.exclude(pk=changed.pk).values_list("version", flat=True)) == {1}


def test_created_rows_record_who_imported_them(market, users):
    market.import_file(write("csv", entity_rows(2)), "csv", user=users["legal_office"])
    entity = MarketEntity.objects.first()
    assert entity.created_by == entity.modified_by == users["legal_office"]
    assert entity.history.get().history_user == users["legal_office"]
    assert entity.history.get().history_type == "+"


# ----- dry run -----

def test_dry_run_checks_everything_and_writes_nothing(market, users):
    market.import_file(write("csv", entity_rows(5)), "csv")
    before = entity_snapshot()
    rows = entity_rows(8)
    rows[0][1] = "试导入改名"

    result = market.import_file(write("csv", rows), "csv", user=users["admin"], dry_run=True)

    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (3, 1, 4)
    assert result.summary() == IMPORT_COUNTS.format(verb=CHECKED, created=3, updated=1, unchanged=4)
    assert entity_snapshot() == before


def test_dry_run_still_reports_errors(market):
    rows = entity_rows(3)
    rows[2][0] = bad_check_character(rows[2][0])
    result = market.import_file(write("csv", rows), "csv", dry_run=True)
    assert [(e.row, e.column) for e in result.errors] == [(4, USCC)]


# ----- transaction -----

def test_a_failure_midway_through_writing_leaves_the_database_as_it_was(market, monkeypatch):
    rows = entity_rows(10)
    market.import_file(write("csv", rows[:5]), "csv")
    before = entity_snapshot()
    rows[0][1] = "改名"  # one update and five creations
    real_save = market.save

    def save_then_fail(*args, **kwargs):
        real_save(*args, **kwargs)
        assert MarketEntity.objects.count() == 10  # written, not yet committed
        raise RuntimeError("disk full")

    monkeypatch.setattr(market, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        market.import_file(write("csv", rows), "csv")
    assert entity_snapshot() == before


def test_a_database_refusal_while_writing_is_reported_and_nothing_is_written(market, monkeypatch):
    rows = entity_rows(3)
    real_save = market.save

    def racing_save(created, *args, **kwargs):
        # Another clerk saved the same code after this file was checked.
        MarketEntity.objects.create(**{**_fields_of(created[1]), "id": None})
        real_save(created, *args, **kwargs)

    monkeypatch.setattr(market, "save", racing_save)
    result = market.import_file(write("csv", rows), "csv")
    assert not result.ok
    assert re.fullmatch(message_pattern(DATABASE_REFUSED), result.errors[0].message)
    assert result.summary() == IMPORT_FAILED.format(count=1)
    assert MarketEntity.objects.count() == 0


def _fields_of(record) -> dict:
    return {f.attname: getattr(record, f.attname) for f in MarketEntity._meta.concrete_fields}


# ----- who may import what -----

def test_street_clerk_importing_a_row_of_another_street_is_refused_and_nothing_written(market, users):
    rows = entity_rows(6)
    for row in rows:
        row[5] = "甲街道"
    rows[4][5] = "乙街道"

    result = market.import_file(write("csv", rows), "csv", user=users["unit_staff"])

    assert result.errors == [RowError(6, STREET, OWN_UNIT_ONLY.format(unit=users["unit_staff"].org_unit.name))]
    assert MarketEntity.objects.count() == 0


def test_street_clerk_may_import_their_own_street(market, users):
    rows = entity_rows(4)
    for row in rows:
        row[5] = "甲街道"
    result = market.import_file(write("csv", rows), "csv", user=users["unit_staff"])
    assert result.ok, result.errors
    assert set(MarketEntity.objects.values_list("created_by__username", flat=True)) == {"staff_a"}


def test_street_clerk_cannot_take_over_an_entity_of_another_street(market, users):
    other = MarketEntityFactory(street=market_street("乙街道"))
    rows = entity_rows(1)
    rows[0][0], rows[0][5] = other.uscc, "甲街道"
    before = entity_snapshot()
    result = market.import_file(write("csv", rows), "csv", user=users["unit_staff"])
    assert [(e.row, e.column) for e in result.errors] == [(2, STREET)]
    assert entity_snapshot() == before


@pytest.mark.parametrize("role", ["officer", "leader"])
def test_roles_that_only_view_cannot_import_at_all(market, users, role):
    rows = entity_rows(2)
    for row in rows:
        row[5] = "甲街道"
    result = market.import_file(write("csv", rows), "csv", user=users[role])
    assert result.errors == [RowError(0, "", NO_IMPORT_PERMISSION.format(title=market.title))]
    assert str(result.errors[0]) == NO_IMPORT_PERMISSION.format(title=market.title)  # a file's error names no row
    assert MarketEntity.objects.count() == 0


@pytest.mark.parametrize("role", ["admin", "legal_office"])
def test_zone_wide_roles_import_every_street(market, users, role):
    result = market.import_file(write("csv", entity_rows(6)), "csv", user=users[role])
    assert result.ok, result.errors
    assert MarketEntity.objects.values("street").distinct().count() == 2


def test_archived_entities_are_not_exported(market):
    entity = MarketEntityFactory(street=market_street("甲街道"))
    MarketEntityFactory(street=market_street("甲街道"), archived_on=clock.now())
    _, rows = read_table(market.export("csv"), "csv")
    assert [cells[0] for _, cells in rows] == [entity.uscc]


def test_a_row_for_an_archived_entity_is_refused_not_changed_unseen(market):
    archived = MarketEntityFactory(street=market_street("甲街道"), archived_on=clock.now())
    rows = entity_rows(2)
    rows[1][0] = archived.uscc
    before = entity_snapshot()
    result = market.import_file(write("csv", rows), "csv")
    assert result.errors == [RowError(3, USCC, ARCHIVED_RECORD.format(model=MarketEntity._meta.verbose_name,
                                                                      key=archived.uscc))]
    assert entity_snapshot() == before


def test_an_old_export_cannot_undo_a_change_saved_since(market, users):
    from fazhi.core.services import record_update

    entity = MarketEntityFactory(street=market_street("甲街道"), risk_class="B")
    old_export = market.export("csv")
    record_update(record=entity, user=users["legal_office"], expected_version=entity.version, risk_class="D")
    result = market.import_file(old_export, "csv", user=users["legal_office"])
    assert not result.ok
    (error,) = result.errors
    assert (error.row, error.column) == (2, VERSION_HEADER)
    assert error.message == CHANGED_SINCE_EXPORT.format(exported=1, current=2)
    entity.refresh_from_db()
    assert entity.risk_class == "D"


def test_a_fresh_export_edited_and_imported_updates(market, users):
    entity = MarketEntityFactory(street=market_street("甲街道"), risk_class="B")
    headers, rows = read_table(market.export("csv"), "csv")
    (_, cells), = rows
    cells[headers.index(RISK)] = "C类（信用风险较高）"
    from fazhi.registers.tabular import write_table

    result = market.import_file(write_table(headers, [cells], "csv"), "csv", user=users["legal_office"])
    assert result.ok, result.errors
    entity.refresh_from_db()
    assert (entity.risk_class, entity.version) == ("C", 2)


def test_the_template_for_new_rows_has_no_version_column(market):
    headers, _ = read_table(market.template("csv"), "csv")
    assert VERSION_HEADER not in headers


def test_a_short_label_is_enough_for_a_choice(market, users):
    entity = MarketEntityFactory(street=market_street("甲街道"), risk_class="B")
    headers, rows = read_table(market.export("csv"), "csv")
    (_, cells), = rows
    cells[headers.index("信用风险分类")] = "D类"
    from fazhi.registers.tabular import write_table

    result = market.import_file(write_table(headers, [cells], "csv"), "csv", user=users["legal_office"])
    assert result.ok, result.errors
    entity.refresh_from_db()
    assert entity.risk_class == "D"

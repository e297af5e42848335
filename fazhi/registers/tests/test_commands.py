"""`fazhi template`, `fazhi export` and `fazhi import`, as an administrator runs them on the server."""

import importlib
import io
import re
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from fazhi import cli
from fazhi.core.tests.messages import message_pattern
from fazhi.core.validators import USCC_CHECK, uscc_check_character
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit
from fazhi.registers.base import (
    CHECKED,
    IMPORT_COUNTS,
    IMPORT_FAILED,
    IMPORTED,
    NOT_FOUND,
    OWN_UNIT_ONLY,
    UNKNOWN_REGISTER,
    RowError,
)
from fazhi.registers.management.commands._common import USER_MISSING
from fazhi.registers.management.commands.export import EXPORTED
from fazhi.registers.management.commands.template import WRITTEN
from fazhi.registers.tabular import EMPTY_FILE, UNREADABLE_XLSX, UNSUPPORTED_TYPE, read_table
from fazhi.registers.tests.helpers import MARKET_HEADERS, bad_check_character, csv_bytes, entity_rows, entity_snapshot

USCC, STREET = MARKET_HEADERS[0], MARKET_HEADERS[5]
FILE_MISSING = importlib.import_module("fazhi.registers.management.commands.import").FILE_MISSING  # `import`: a keyword


def counts(verb: str, created: int = 0, updated: int = 0, unchanged: int = 0) -> str:
    return IMPORT_COUNTS.format(verb=verb, created=created, updated=updated, unchanged=unchanged)


def wrong_check_character(row: int, uscc: str) -> str:
    """The row's error for a USCC whose 18th character is wrong."""
    message = str(USCC_CHECK) % {"expected": uscc_check_character(uscc[:17]), "actual": uscc[17]}
    return str(RowError(row, USCC, message))


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_template_writes_the_headers(market, tmp_path, suffix):
    path = tmp_path / "out" / f"模板.{suffix}"
    out, _ = run("template", "market_entities", "-o", str(path))
    assert read_table(path.read_bytes(), suffix)[0] == MARKET_HEADERS
    assert out.strip() == WRITTEN.format(title=market.title, output=path)


def test_template_refuses_an_unknown_register_and_lists_the_known_ones(db):
    with pytest.raises(CommandError, match=message_pattern(UNKNOWN_REGISTER, name="companies")) as refused:
        run("template", "companies")
    names = re.fullmatch(message_pattern(UNKNOWN_REGISTER, name="companies", names=re.compile("(.+)")),
                         str(refused.value)).group(1)
    assert {"market_entities", "org_units", "users"} <= set(names.split(", "))


def test_template_refuses_an_unsupported_file_type(db, tmp_path):
    with pytest.raises(CommandError, match=message_pattern(UNSUPPORTED_TYPE, suffix=".xls")):
        run("template", "users", "-o", str(tmp_path / "a.xls"))


def test_export_then_import_through_the_commands_changes_nothing(market, users, tmp_path):
    source = tmp_path / "名录.csv"
    source.write_bytes(csv_bytes(MARKET_HEADERS, entity_rows(12)))
    out, _ = run("import", "market_entities", str(source), "--as", "legal")
    assert out.strip() == counts(IMPORTED, created=12)
    assert MarketEntity.objects.first().created_by == users["legal_office"]
    before = entity_snapshot()

    exported = tmp_path / "导出.xlsx"
    out, _ = run("export", "market_entities", "-o", str(exported))
    assert out.strip() == EXPORTED.format(title=market.title, count=12, output=exported)
    out, _ = run("import", "market_entities", str(exported))
    assert out.strip() == counts(IMPORTED, unchanged=12)
    assert entity_snapshot() == before


def test_export_as_a_user_is_limited_to_what_they_may_see(user_register, users, tmp_path):
    path = tmp_path / "users.csv"
    out, _ = run("export", "users", "-o", str(path), "--as", "staff_a")
    _, rows = read_table(path.read_bytes(), "csv")
    assert [cells[0] for _, cells in rows] == ["officer_a", "staff_a"]  # own street only
    assert out.strip() == EXPORTED.format(title=user_register.title, count=2, output=path)


def test_import_prints_every_error_and_fails(market, tmp_path):
    rows = entity_rows(5)
    rows[1][0] = bad_check_character(rows[1][0])
    rows[3][5] = "丙街道"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(MARKET_HEADERS, rows))
    err = io.StringIO()

    with pytest.raises(CommandError, match=message_pattern(IMPORT_FAILED, count=2)):
        call_command("import", "market_entities", str(path), stderr=err, stdout=io.StringIO())

    lines = err.getvalue().splitlines()
    assert lines[0] == wrong_check_character(3, rows[1][0])
    assert lines[1] == str(RowError(5, STREET, NOT_FOUND.format(text="丙街道", model=OrgUnit._meta.verbose_name)))
    assert MarketEntity.objects.count() == 0


def test_dry_run_writes_nothing(market, tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(market.export("xlsx"))  # empty register: write a real file below instead
    path = tmp_path / "ok.csv"
    path.write_bytes(csv_bytes(MARKET_HEADERS, entity_rows(4)))
    out, _ = run("import", "market_entities", str(path), "--dry-run")
    assert out.strip() == counts(CHECKED, created=4)
    assert MarketEntity.objects.count() == 0
    assert MarketEntity.history.count() == 0


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-file.csv"], FILE_MISSING.format(file="no-such-file.csv")),
    (["{tmp}/ok.csv", "--as", "nobody"], USER_MISSING.format(username="nobody")),
    (["{tmp}/bad.xlsx"], UNREADABLE_XLSX),
    (["{tmp}/empty.csv"], EMPTY_FILE),
])
def test_import_refuses_what_it_cannot_use(market, tmp_path, args, message):
    (tmp_path / "ok.csv").write_bytes(csv_bytes(MARKET_HEADERS, entity_rows(1)))
    (tmp_path / "bad.xlsx").write_bytes(b"this is not a workbook")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(CommandError, match=message_pattern(message)):
        run("import", "market_entities", *[a.format(tmp=tmp_path) for a in args])
    assert MarketEntity.objects.count() == 0


def test_a_street_clerk_importing_another_street_through_the_command_is_refused(market, users, tmp_path):
    path = tmp_path / "b.csv"
    rows = entity_rows(2)
    rows[0][5] = rows[1][5] = "乙街道"
    path.write_bytes(csv_bytes(MARKET_HEADERS, rows))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "market_entities", str(path), "--as", "staff_a", stderr=err, stdout=io.StringIO())
    own_unit = OWN_UNIT_ONLY.format(unit=users["unit_staff"].org_unit.name)
    assert err.getvalue().splitlines() == [str(RowError(2, STREET, own_unit)), str(RowError(3, STREET, own_unit))]
    assert MarketEntity.objects.count() == 0


def test_the_console_script_exits_non_zero_with_the_errors_on_stderr(market, tmp_path, monkeypatch, capsys):
    rows = entity_rows(3)
    rows[2][0] = bad_check_character(rows[2][0])
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(MARKET_HEADERS, rows))
    # The command closes connections when it ends; that would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    monkeypatch.setattr(sys, "argv", ["fazhi", "import", "market_entities", str(path)])

    with pytest.raises(SystemExit) as exit_info:
        cli.main()

    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [wrong_check_character(4, rows[2][0]), "CommandError: " + IMPORT_FAILED.format(count=1)]
    assert MarketEntity.objects.count() == 0

"""`fazhi template`, `fazhi export` and `fazhi import`, as an administrator runs them on the server."""

import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from fazhi import cli
from fazhi.market_entities.models import MarketEntity
from fazhi.registers.tabular import read_table
from fazhi.registers.tests.helpers import MARKET_HEADERS, bad_check_character, csv_bytes, entity_rows, entity_snapshot


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_template_writes_the_headers(market, tmp_path, suffix):
    path = tmp_path / "out" / f"模板.{suffix}"
    out, _ = run("template", "market_entities", "-o", str(path))
    assert read_table(path.read_bytes(), suffix)[0] == MARKET_HEADERS
    assert "已生成“市场主体名录”导入模板" in out


def test_template_refuses_an_unknown_register_and_lists_the_known_ones(db):
    with pytest.raises(CommandError, match="没有名为“companies”的名册。可用的名册：") as refused:
        run("template", "companies")
    assert {"market_entities", "org_units", "users"} <= set(str(refused.value).split("：")[1].rstrip("。").split(", "))


def test_template_refuses_an_unsupported_file_type(db, tmp_path):
    with pytest.raises(CommandError, match=r"不支持的文件类型“\.xls”"):
        run("template", "users", "-o", str(tmp_path / "a.xls"))


def test_export_then_import_through_the_commands_changes_nothing(market, users, tmp_path):
    source = tmp_path / "名录.csv"
    source.write_bytes(csv_bytes(MARKET_HEADERS, entity_rows(12)))
    out, _ = run("import", "market_entities", str(source), "--as", "legal")
    assert out.strip() == "导入成功：新增12条，更新0条，未变化0条。"
    assert MarketEntity.objects.first().created_by == users["legal_office"]
    before = entity_snapshot()

    exported = tmp_path / "导出.xlsx"
    out, _ = run("export", "market_entities", "-o", str(exported))
    assert "已导出“市场主体名录”12条" in out
    out, _ = run("import", "market_entities", str(exported))
    assert out.strip() == "导入成功：新增0条，更新0条，未变化12条。"
    assert entity_snapshot() == before


def test_export_as_a_user_is_limited_to_what_they_may_see(user_register, users, tmp_path):
    path = tmp_path / "users.csv"
    out, _ = run("export", "users", "-o", str(path), "--as", "staff_a")
    _, rows = read_table(path.read_bytes(), "csv")
    assert [cells[0] for _, cells in rows] == ["officer_a", "staff_a"]  # own street only
    assert "2条" in out


def test_import_prints_every_error_and_fails(market, tmp_path):
    rows = entity_rows(5)
    rows[1][0] = bad_check_character(rows[1][0])
    rows[3][5] = "丙街道"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(MARKET_HEADERS, rows))
    err = io.StringIO()

    with pytest.raises(CommandError, match="导入失败：发现2处错误，未写入任何数据"):
        call_command("import", "market_entities", str(path), stderr=err, stdout=io.StringIO())

    lines = err.getvalue().splitlines()
    assert lines[0].startswith("第3行“统一社会信用代码”列：统一社会信用代码校验位错误")
    assert lines[1] == "第5行“所属街道”列：找不到“丙街道”（机构）。"
    assert MarketEntity.objects.count() == 0


def test_dry_run_writes_nothing(market, tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(market.export("xlsx"))  # empty register: write a real file below instead
    path = tmp_path / "ok.csv"
    path.write_bytes(csv_bytes(MARKET_HEADERS, entity_rows(4)))
    out, _ = run("import", "market_entities", str(path), "--dry-run")
    assert out.strip() == "检查通过（试导入，未写入）：新增4条，更新0条，未变化0条。"
    assert MarketEntity.objects.count() == 0
    assert MarketEntity.history.count() == 0


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-file.csv"], "找不到文件：no-such-file.csv"),
    (["{tmp}/ok.csv", "--as", "nobody"], "找不到启用的用户“nobody”。"),
    (["{tmp}/bad.xlsx"], "无法读取该Excel文件"),
    (["{tmp}/empty.csv"], "文件是空的"),
])
def test_import_refuses_what_it_cannot_use(market, tmp_path, args, message):
    (tmp_path / "ok.csv").write_bytes(csv_bytes(MARKET_HEADERS, entity_rows(1)))
    (tmp_path / "bad.xlsx").write_bytes(b"this is not a workbook")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(CommandError, match=message):
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
    assert err.getvalue().splitlines() == [
        "第2行“所属街道”列：您只能导入本单位（甲街道）的记录。",
        "第3行“所属街道”列：您只能导入本单位（甲街道）的记录。",
    ]
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
    assert "第4行“统一社会信用代码”列：统一社会信用代码校验位错误" in err
    assert "导入失败：发现1处错误，未写入任何数据" in err
    assert MarketEntity.objects.count() == 0

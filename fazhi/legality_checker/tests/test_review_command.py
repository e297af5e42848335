"""`fazhi review FILE [--json]`: Chinese report, exact JSON shape, clear errors for unreadable files."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.tests.messages import message_pattern
from fazhi.legality_checker.engine.reader import BROKEN, UNSUPPORTED_TYPE, UNZIPPED_TOO_BIG
from fazhi.legality_checker.engine.rules import LICENSE
from fazhi.legality_checker.management.commands.review import (
    FILE_MISSING,
    FINDING_BASIS,
    FINDING_HEADING,
    FINDINGS,
    NO_FINDINGS,
)

FAZHI = Path(sys.executable).with_name("fazhi")
DRAFT = """XX区占道经营管理办法
第一条 未经区城管局批准，任何单位和个人不得占用道路经营。
第二条 违反本办法规定的，依照《城市市容和环境卫生管理条例》的规定处理。
第三条 本办法自2025年3月1日起施行，有效期3年。
"""


def _call(*args) -> str:
    out = StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "草案.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_json_output_has_exactly_the_documented_shape(draft):
    out = json.loads(_call(str(draft), "--json"))
    assert list(out) == ["findings"]
    assert [(f["rule"], f["article"]) for f in out["findings"]] == [("license", "第一条")]
    assert set(out["findings"][0]) == {"rule", "article", "text", "basis", "explanation"}
    assert out["findings"][0]["text"] == "未经区城管局批准，任何单位和个人不得占用道路经营。"


def test_human_output_is_chinese(draft):
    out = _call(str(draft))
    assert str(FINDINGS) % {"file": draft, "count": 1} in out
    assert FINDING_HEADING.format(number=1, where="第一条", rule=LICENSE.name) in out
    assert str(FINDING_BASIS) % {"basis": LICENSE.basis} in out


def test_a_clean_draft_says_so(tmp_path):
    path = tmp_path / "clean.md"
    path.write_text("# XX办法\n\n第一条 本办法自2025年1月1日起施行，有效期五年。\n", encoding="utf-8")
    assert _call(str(path)).strip() == str(NO_FINDINGS) % {"file": path}
    assert json.loads(_call(str(path), "--json")) == {"findings": []}


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.pdf", b"%PDF", (UNSUPPORTED_TYPE, {"suffix": ".pdf"})),
    ("a.docx", b"broken", (BROKEN, {})),
])
def test_unreadable_file_is_a_command_error(tmp_path, name, data, message):
    template, values = message
    (tmp_path / name).write_bytes(data)
    with pytest.raises(CommandError, match=message_pattern(template, name=name, **values)):
        _call(str(tmp_path / name))


def test_a_docx_bomb_is_a_command_error_naming_the_cap(tmp_path):
    from fazhi.legality_checker.tests.test_reader_limits import docx_with_body

    (tmp_path / "炸弹.docx").write_bytes(docx_with_body(b"<w:p/>", 3_500_000))  # 62 KB, 21 MB unzipped
    with pytest.raises(CommandError, match=message_pattern(UNZIPPED_TOO_BIG, name="炸弹.docx", limit="20.0MB")):
        _call(str(tmp_path / "炸弹.docx"))


def test_missing_file_is_a_command_error(tmp_path):
    missing = tmp_path / "none.txt"
    with pytest.raises(CommandError, match=message_pattern(FILE_MISSING, path=missing)):
        _call(str(missing))


def test_cli_exit_codes(draft, tmp_path):
    ok = subprocess.run([str(FAZHI), "review", str(draft), "--json"], capture_output=True, text=True,
                        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"}, check=False)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["findings"][0]["rule"] == "license"
    bad = subprocess.run([str(FAZHI), "review", str(tmp_path / "x.pdf")], capture_output=True, text=True,
                         env={"DEBUG": "1", "PATH": "/usr/bin:/bin"}, check=False)
    assert bad.returncode != 0
    assert str(FILE_MISSING) % {"path": tmp_path / "x.pdf"} in bad.stderr  # x.pdf was never written

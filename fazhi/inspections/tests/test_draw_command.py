"""`fazhi draw`: RFC 3797 output as specified, run and verify on files."""

import copy
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.tests.messages import message_pattern
from fazhi.inspections.management.commands import draw as draw_command
from fazhi.inspections.tests.test_engine_reference import WORKED_INPUT
from fazhi.inspections.tests.test_engine_rfc3797 import RFC_POOL, RFC_SEEDS, RFC_SELECTIONS

FAZHI = Path(sys.executable).with_name("fazhi")


@pytest.fixture
def files(tmp_path):
    (tmp_path / "seeds").write_text(RFC_SEEDS, encoding="utf-8")
    (tmp_path / "pool").write_text("\n".join(RFC_POOL) + "\n", encoding="utf-8")
    return tmp_path


def _call(*args) -> str:
    out = StringIO()
    call_command("draw", *args, stdout=out)
    return out.getvalue()


def test_rfc3797_json_output(files):
    out = json.loads(_call("rfc3797", "--seeds", str(files / "seeds"), "--pool", str(files / "pool"),
                           "--count", "16", "--json"))
    assert out["key"] == "9319./2.5.8.10.12./9.18.26.34.41.45./"
    assert [(s["round"], s["md5"].upper(), s["position"], s["member"]) for s in out["selected"]] == RFC_SELECTIONS
    assert set(out["selected"][0]) == {"round", "position", "member", "md5"}


def test_rfc3797_table_output(files):
    out = _call("rfc3797", "--seeds", str(files / "seeds"), "--pool", str(files / "pool"), "--count", "2")
    assert "    1  990DD0A5692A029A98B5E01AA28F3459  25  -> 17 <- Lee" in out


def test_rfc3797_too_many_is_an_error(files):
    with pytest.raises(CommandError, match="超过"):
        _call("rfc3797", "--seeds", str(files / "seeds"), "--pool", str(files / "pool"), "--count", "26")


def test_run_then_verify_then_tamper(tmp_path):
    inp = copy.deepcopy(WORKED_INPUT)
    numbers = [s.pop("numbers") for s in inp["sources"]]
    (tmp_path / "in.json").write_text(json.dumps(inp, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "seeds").write_text("\n".join(" ".join(map(str, n)) for n in numbers) + "\n", encoding="utf-8")
    commit = json.loads(_call("commit", str(tmp_path / "in.json")))["commit_sha256"]
    out = _call("run", str(tmp_path / "in.json"), "--seeds", str(tmp_path / "seeds"), "-o", str(tmp_path / "r.json"))
    assert commit in out
    assert _call("verify", str(tmp_path / "r.json"), "--commit", commit).strip() == "MATCH"
    rec = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    rec["pool"]["A"].append("91110000000000009Z")
    (tmp_path / "bad.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("draw", "verify", str(tmp_path / "bad.json"), stdout=out)
    assert caught.value.returncode == 1
    assert "名录哈希不符" in out.getvalue()


def test_the_console_script(files, tmp_path):
    env = {**os.environ, "DEBUG": "1"}
    done = subprocess.run([FAZHI, "draw", "rfc3797", "--seeds", files / "seeds", "--pool", files / "pool",
                           "--count", "3", "--json"], capture_output=True, text=True, env=env, check=True)
    assert [s["member"] for s in json.loads(done.stdout)["selected"]] == ["Lee", "Doc", "Mary"]
    rec = tmp_path / "r.json"
    from fazhi.inspections.engine import canonical, compute
    rec.write_text(canonical.dumps(compute.run(WORKED_INPUT)), encoding="utf-8")
    ok = subprocess.run([FAZHI, "draw", "verify", rec], capture_output=True, text=True, env=env)
    assert (ok.returncode, ok.stdout.strip()) == (0, "MATCH")
    assert "未给出 --commit，只核对了记录自身的一致性" in ok.stderr  # and says what it did not check
    data = json.loads(rec.read_text(encoding="utf-8"))
    data["parameters"]["ratios"]["D"] = "0.5"
    rec.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = subprocess.run([FAZHI, "draw", "verify", rec], capture_output=True, text=True, env=env)
    assert bad.returncode != 0
    assert "参数哈希不符" in bad.stdout


@pytest.mark.parametrize(("text", "message"), [
    ('{"pool": [1,', draw_command.NOT_JSON),
    ("[" * 100_000 + "]" * 100_000, draw_command.TOO_DEEP),  # valid JSON, deeper than the parser's stack
    ("[1]", draw_command.NOT_AN_OBJECT),
])
def test_a_file_that_is_not_a_readable_record_is_named(tmp_path, text, message):
    path = str(tmp_path / "r.json")
    (tmp_path / "r.json").write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message_pattern(message, path=path)):
        _call("verify", path)


LONG = "31415926535897932384626"  # a secret of 23 digits


def test_seal_prints_the_sources_part_of_the_key_and_its_sha256():
    import hashlib

    key = f"12.{LONG}./"
    assert _call("seal", LONG, "12").splitlines() == [key, hashlib.sha256(key.encode()).hexdigest()]
    with pytest.raises(CommandError, match="不是非负整数"):
        _call("seal", "12", "x")
    piped = subprocess.run([FAZHI, "draw", "seal"], input=f"{LONG}\n", capture_output=True, text=True,
                           env={**os.environ, "DEBUG": "1"}, check=True)
    assert piped.stdout.split() == [f"{LONG}./", hashlib.sha256(f"{LONG}./".encode()).hexdigest()]


@pytest.mark.parametrize("numbers", [("90517",), ("90517", "12"), ("9" * 19,), ("0" + "9" * 19,)])
def test_seal_refuses_a_secret_without_a_number_of_20_digits(numbers):
    """Issue 16 (audit, item 11): a 4- or 5-digit secret is found from its seal in a fraction of a second."""
    with pytest.raises(CommandError, match=message_pattern(draw_command.SECRET_TOO_SHORT, digits=20)):
        _call("seal", *numbers)
    assert _call("seal", "1" + "0" * 19).splitlines()[0] == "1" + "0" * 19 + "./"

"""The input and the record as docs/draw-algorithm.md section 7.1 allows them: defaults, and what is refused."""

import copy
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.tests.messages import message_pattern
from fazhi.inspections.engine import DrawError, canonical, commit, compute, verification
from fazhi.inspections.management.commands.draw import NOT_A_RECORD
from fazhi.inspections.tests.test_engine_reference import WORKED_INPUT, WORKED_INPUT_V2


def _input(**parameters) -> dict:
    inp = copy.deepcopy(WORKED_INPUT_V2)
    inp["parameters"].update(parameters)
    return inp


def test_a_team_size_without_a_cap_means_no_cap():
    inp = _input()
    del inp["parameters"]["max_tasks_per_inspector"]
    done = compute.run(inp)  # was KeyError: 'max_tasks_per_inspector'
    assert all(len(task["team"]) == 2 for task in done["result"]["tasks"])
    capped = _input(max_tasks_per_inspector=len(done["result"]["tasks"]))
    assert done["result"]["tasks"] == compute.run(capped)["result"]["tasks"]  # the cap no one can reach
    assert verification.verify(done, done["commitment"]["commit_sha256"]).match


def test_without_a_team_size_no_teams_are_assigned():
    inp = _input()
    for key in ("team_size", "max_tasks_per_inspector", "mix_departments"):
        del inp["parameters"][key]
    assert {len(t["team"]) for t in compute.run(inp)["result"]["tasks"]} == {0}


def test_the_run_command_draws_teams_without_a_cap(tmp_path):
    inp = _input()
    del inp["parameters"]["max_tasks_per_inspector"]
    (tmp_path / "in.json").write_text(json.dumps(inp, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("draw", "run", str(tmp_path / "in.json"), "-o", str(tmp_path / "r.json"), stdout=out)
    assert "抽中7户" in out.getvalue()


@pytest.mark.parametrize(("text", "said"), [
    ('{"a": 1, "a": 2}', "键“a”出现了不止一次"),
    ('{"ratio": 0.05}', "数值 0.05 不是整数"),
    ('{"team_size": 2.0}', "数值 2.0 不是整数"),
    ('{"count": 1e3}', "数值 1e3 不是整数"),
    ('{"count": NaN}', "NaN 不是 JSON 数值"),
    ('{"count": -Infinity}', "-Infinity 不是 JSON 数值"),
])
def test_json_with_a_key_twice_or_a_fraction_is_refused(text, said):
    with pytest.raises(DrawError, match=said):
        canonical.loads(text)


def test_a_file_with_a_key_twice_is_refused_by_the_command_naming_the_key(tmp_path):
    text = json.dumps(compute.run(WORKED_INPUT_V2), ensure_ascii=False)
    # the second "team_size" would silently win with Python's parser, the first with others'
    text = text.replace('"team_size": 2', '"team_size": 2, "team_size": 3', 1)
    (tmp_path / "r.json").write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message_pattern(NOT_A_RECORD, path=str(tmp_path / "r.json"),
                                                         reason=re.compile(".*“team_size”.*"))):
        call_command("draw", "verify", str(tmp_path / "r.json"), stdout=StringIO())


@pytest.mark.parametrize(("edit", "said"), [
    (lambda r: r["parameters"].update(max_task_per_inspector=3), "parameters有不认识的字段：max_task_per_inspector"),
    (lambda r: r.update(notes="x"), "抽取输入有不认识的字段：notes"),
    (lambda r: r["sources"][0].update(url="https://example.org"), "第1个随机源有不认识的字段：url"),
    (lambda r: r["inspectors"][0].update(name="张三"), "检查人员有不认识的字段：name"),
    (lambda r: r["parameters"].update(team_size=None), "parameters.team_size含有null"),
    (lambda r: r["parameters"].update(team_size=True), "parameters.team_size须为整数，记录中为布尔值"),
    (lambda r: r["parameters"].update(team_size="2"), "parameters.team_size须为整数，记录中为文本"),
    (lambda r: r["parameters"].update(mix_departments=1), "parameters.mix_departments须为布尔值"),
    (lambda r: r["parameters"]["ratios"].update(A=0.3), "parameters.ratios.A含有小数"),
    (lambda r: r["parameters"].update(items=["SJJ-1", None]), r"parameters.items\[1\]含有null"),
    (lambda r: r.update(exempt=None), "exempt须为列表，记录中为null"),
    (lambda r: r.update(title=None), "title须为文本，记录中为null"),
    (lambda r: r["sources"][1].update(label=None), "第2个随机源的说明（label）须为文本"),
    (lambda r: r.update(format_version=2), "不是 fazhi-draw-record 第1版记录"),
])
def test_what_the_document_does_not_allow_is_refused_at_commit_run_and_verify(edit, said):
    inp = copy.deepcopy(WORKED_INPUT_V2)
    edit(inp)
    for step in (commit.commitment, compute.run):
        with pytest.raises(DrawError, match=said):
            step(inp)
    done = copy.deepcopy(compute.run(WORKED_INPUT_V2))  # run's record shares the input's parameters
    edit(done)
    report = verification.verify(done)
    assert not report.match and any(said.replace("\\", "") in p for p in report.problems), report.problems


def test_an_unknown_commitment_field_is_reported():
    done = copy.deepcopy(compute.run(WORKED_INPUT_V2))
    done["commitment"]["seed"] = "0" * 64
    report = verification.verify(done)
    assert any("commitment有不认识的字段：seed" in p for p in report.problems)


@pytest.mark.parametrize("inp", [WORKED_INPUT, WORKED_INPUT_V2], ids=["version 1", "version 2"])
def test_records_of_the_earlier_versions_as_the_platform_wrote_them_still_verify(inp):
    done = compute.run({**inp, "parameters": {**inp["parameters"], "plan": "2026-DEPT-A-001", "items": ["A-1"],
                                             "exempt_days": 365, "inspector_map_sha256": "0" * 64}})
    published = canonical.loads(canonical.dumps(done))
    assert verification.verify(published, done["commitment"]["commit_sha256"]).match


"""Verifying a draw record: recompute the commitment and the draw from the record, and report MATCH or
exactly what differs (docs/draw-algorithm.md, section 7.1).

Pure Python, no Django import.
"""

import contextlib
import operator
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import _parallel
from .canonical import FORMAT, FORMAT_VERSION, _same, check_input
from .commit import broken_seals
from .compute import _AS_STATED, _commit_and_compute, _result, _states_teams
from .errors import DrawError

SHOWN = 10  # how many differing codes a report lists before summarising
# What computing from a malformed record raises (DrawError is a ValueError; values nested a thousand
# deep, valid JSON, exhaust the stack): reported as a mismatch, never a crash.
MALFORMED = (KeyError, TypeError, ValueError, AttributeError, RecursionError)


@dataclass
class VerifyResult:
    """MATCH, or the list of what differs."""

    problems: list[str] = field(default_factory=list)
    commit_sha256: str = ""

    @property
    def match(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        return "MATCH" if self.match else "MISMATCH\n" + "\n".join(f"- {p}" for p in self.problems)


def _listing(codes: list[str]) -> str:
    shown = "、".join(codes[:SHOWN])
    return shown + (f" 等{len(codes)}个" if len(codes) > SHOWN else "")


def _compare_result(stated: Mapping, computed: Mapping, problems: list[str]) -> None:
    if stated == computed:  # the usual case, compared in one go; otherwise say what differs
        return
    if stated.get("key") != computed["key"]:
        problems.append(f"随机源密钥不符：记录为“{stated.get('key')}”，按随机源应为“{computed['key']}”。")
    for name, label in (("eligible", "各层可抽主体数"), ("quotas", "各层抽取数")):
        if name in computed and not _same(stated.get(name), computed[name]):
            problems.append(f"{label}不符：记录为{stated.get(name)}，重算为{computed[name]}。")
    got, want = stated.get("selected"), computed["selected"]
    if isinstance(want, dict):
        got = got if isinstance(got, dict) else {}
        for stratum in sorted(set(want) | set(got)):
            a, b = list(got.get(stratum, [])), want.get(stratum, [])
            if a != b:
                a, b = _members(a), _members(b)  # rfc3797 version 2 lists selections: compare their members
                extra = sorted(set(a) - set(b))
                missing = sorted(set(b) - set(a))
                text = f"分层“{stratum}”的抽中主体不符"
                if extra:
                    text += f"；记录多出 {_listing(extra)}"
                if missing:
                    text += f"；记录缺少 {_listing(missing)}"
                if not extra and not missing:
                    text += "；主体相同但排序不同"
                problems.append(text + "。")
    elif got != want:
        rounds = [w["round"] for g, w in zip(got or [], want, strict=False) if g != w]
        if len(got or []) != len(want):
            problems.append(f"抽中人数不符：记录为{len(got or [])}，重算为{len(want)}。")
        if rounds:
            problems.append(f"第{_listing([str(r) for r in rounds])}轮的抽中结果不符。")
    _compare_tasks(stated.get("tasks"), computed["tasks"], problems)
    extra, missing = sorted(set(stated) - set(computed), key=str), sorted(set(computed) - set(stated))
    if extra:
        problems.append(f"抽取结果有多余的字段：{_listing([str(k) for k in extra])}。")
    if missing:
        problems.append(f"抽取结果缺少字段：{_listing(missing)}。")


def _members(listed: list) -> list:
    """The codes of a stratum's selection: the codes themselves, or each selection's "member"."""
    return [entry.get("member") if isinstance(entry, Mapping) else entry for entry in listed]


def _compare_tasks(stated: object, computed: list[dict], problems: list[str]) -> None:
    """Say which tasks differ: malformed entries, the entities, their order, their teams."""
    listed = stated if isinstance(stated, list) else []
    if not isinstance(stated, list):
        problems.append("抽取结果的任务（tasks）不是列表。")
    for n, task in enumerate(listed, start=1):
        if not isinstance(task, Mapping) or set(task) != {"entity", "team"}:
            keys = "、".join(map(str, task)) if isinstance(task, Mapping) else type(task).__name__
            problems.append(f"第{n}项任务应只有 entity 和 team 两个字段，记录为：{keys}。")
    listed = [t for t in listed if isinstance(t, Mapping)]
    order = [t.get("entity") for t in listed]
    want_order = [t["entity"] for t in computed]
    stated_tasks = {t.get("entity"): t.get("team") for t in listed}
    want_tasks = {t["entity"]: t["team"] for t in computed}
    if len(order) != len(want_order):
        problems.append(f"任务数不符：记录为{len(order)}项，重算为{len(want_order)}项。")
    extra = sorted(set(stated_tasks) - set(want_tasks), key=str)
    missing = sorted(set(want_tasks) - set(stated_tasks))
    if extra or missing:
        parts = []
        if extra:
            parts.append(f"记录多出 {_listing([str(e) for e in extra])}")
        if missing:
            parts.append(f"记录缺少 {_listing(missing)}")
        problems.append("任务主体不符：" + "，".join(parts) + "。")
    elif order != want_order:
        repeated = sorted((e for e, n in Counter(order).items() if n > 1), key=str)  # Counter: 95,000 tasks
        if repeated:
            problems.append(f"任务重复列出的主体：{_listing([str(e) for e in repeated])}。")
        else:
            n = next(i for i, (a, b) in enumerate(zip(order, want_order, strict=False)) if a != b)
            problems.append(f"任务顺序不符：第{n + 1}项记录为 {order[n]}，重算为 {want_order[n]}。")
    differing = sorted(e for e in want_tasks if e in stated_tasks and stated_tasks[e] != want_tasks[e])
    if differing:
        problems.append(f"检查组不符的主体：{_listing(differing)}。")


@_parallel.pausing_gc
def verify(record: Mapping, expected_commit: str | None = None) -> VerifyResult:
    """Recompute the commitment and the draw from the record; report MATCH or exactly what differs."""
    report = VerifyResult()
    problems = report.problems
    try:
        if record.get("format") != FORMAT or record.get("format_version") != FORMAT_VERSION:
            problems.append(f"不是 {FORMAT} 第{FORMAT_VERSION}版记录。")
            return report
        check_input(record)
        computed, result = _commit_and_compute(record, stated=True)
    except MALFORMED as exc:
        problems.append(f"记录格式错误：{_malformed_text(exc)}")
        return report
    report.commit_sha256 = computed["commit_sha256"]
    stated = record.get("commitment") if isinstance(record.get("commitment"), Mapping) else {}
    names = {"pool_size": "名录主体数", "pool_sha256": "名录哈希", "exempt_sha256": "免检名单哈希",
             "inspectors_sha256": "检查人员名录哈希", "conflicts_sha256": "回避关系哈希",
             "parameters_sha256": "参数哈希", "sources_sha256": "随机源说明哈希", "commit_sha256": "承诺哈希"}
    for name, label in names.items():
        if not _same(stated.get(name), computed[name]):
            problems.append(f"{label}不符：记录为 {stated.get(name)}，按记录内容重算为 {computed[name]}。")
    if expected_commit is not None and expected_commit.lower() != computed["commit_sha256"]:
        problems.append(f"承诺哈希与抽取前公布的 {expected_commit} 不符（重算为 {computed['commit_sha256']}）。")
    with contextlib.suppress(*MALFORMED):  # malformed numbers: the draw below reports them
        problems.extend(broken_seals(record))
    if isinstance(result, MALFORMED):
        problems.append(f"无法按记录重新抽取：{_malformed_text(result)}")
        return report
    if isinstance(result, Exception):
        raise result
    if result is _AS_STATED:
        return report
    stated_result = record.get("result")
    stated_result = stated_result if isinstance(stated_result, Mapping) else {}
    if not _states(stated_result, *result):  # otherwise say exactly what differs
        before = len(problems)
        with contextlib.suppress(*MALFORMED):  # a malformed stated result
            _compare_result(stated_result, _result(*result), problems)
        if len(problems) == before:  # a difference the comparison above does not name
            problems.append("抽取结果与按记录重算的结果不完全一致（有多余、缺少或格式不符的内容）。")
    return report


def _malformed_text(exc: Exception) -> str:
    """What is wrong with a malformed record, for the reader of a report (Python's wording kept last)."""
    if isinstance(exc, DrawError):
        return str(exc)
    if isinstance(exc, KeyError):
        return f"缺少字段“{exc.args[0] if exc.args else ''}”。"
    if isinstance(exc, RecursionError):
        return "数据嵌套层数过多。"
    if isinstance(exc, UnicodeError):
        return f"含有无法以 UTF-8 书写的字符（{exc}）。"
    return f"某项数据的类型或结构不符（{exc}）。"


def _states(stated: Mapping, drawn: dict, tasks: list[str], teams: list[list[str]]) -> bool:
    """Whether the stated result is exactly the computed one (as `_result` would write it), compared
    without building the computed task objects."""
    listed = stated.get("tasks")
    if set(stated) != {*drawn, "tasks"} or not isinstance(listed, list) or len(listed) != len(tasks):
        return False
    try:  # element by element in C, without building lists
        return (all(_same(stated[k], v) for k, v in drawn.items())
                and all(map(operator.eq, map(operator.itemgetter("entity"), listed), tasks))
                and _states_teams(listed, teams))
    except (TypeError, KeyError, IndexError):
        return False

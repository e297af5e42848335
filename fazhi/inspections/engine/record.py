"""The draw record: commit (pool, parameters, method, source labels) before the draw, reveal after.

Pure Python, no Django import. The JSON layout and every canonical text are specified in
docs/draw-algorithm.md; `verify` recomputes all of them and the draw itself.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import hashrank, rfc3797
from .assignment import Inspector, assign
from .errors import DrawError

FORMAT = "fazhi-draw-record"
FORMAT_VERSION = 1
METHODS = {rfc3797.METHOD: rfc3797.VERSION, hashrank.METHOD: hashrank.VERSION}
COMMIT_HEADER = "fazhi-draw-commit/1"
SHOWN = 10  # how many differing codes a report lists before summarising


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _bad_text(value: object) -> bool:
    return not isinstance(value, str) or not value or value != value.strip() or bool(_CONTROL.search(value))


def _check_text(value: object, what: str) -> str:
    if _bad_text(value):
        raise DrawError("format", f"{what}“{value!r}”无效：须为非空文本，首尾无空白，不含控制字符。")
    return value


def _check_codes(codes: list) -> None:
    """All codes valid (checked in bulk: one regex over the joined text, then per-code only on failure)."""
    if not all(isinstance(c, str) for c in codes):
        raise DrawError("format", "主体代码须为文本。")
    if _CONTROL.search("".join(codes)) or any(not c or c != c.strip() for c in codes):
        for c in codes:
            _check_text(c, "主体代码")


def _sorted_unique_lines(lines: list[str], codes: list[str]) -> list[str]:
    """Lines "code…\n" sorted (the same order as sorting by code: separators sort below any text); no repeats."""
    if len(set(codes)) != len(codes):
        seen: set[str] = set()
        for c in codes:
            if c in seen:
                raise DrawError("pool", f"名录中主体“{c}”出现了不止一次。")
            seen.add(c)
    lines.sort()
    return lines


def pool_text(method: str, pool: object) -> bytes:
    """Canonical pool: hashrank "code\\tstratum\\n", rfc3797 "code\\n"; sorted by code; UTF-8; no repeated code."""
    if method == hashrank.METHOD:
        if not isinstance(pool, Mapping):
            raise DrawError("format", "hashrank 记录的 pool 须为 {分层: [代码, …]}。")
        lines: list[str] = []
        every: list[str] = []
        for stratum, codes in pool.items():
            _check_text(stratum, "分层")
            _check_codes(list(codes))
            suffix = f"\t{stratum}\n"
            lines += [c + suffix for c in codes]
            every += codes
        return "".join(_sorted_unique_lines(lines, every)).encode("utf-8")
    if not isinstance(pool, list):
        raise DrawError("format", "rfc3797 记录的 pool 须为代码列表。")
    _check_codes(pool)
    return "".join(_sorted_unique_lines([c + "\n" for c in pool], pool)).encode("utf-8")


def codes_text(codes: Iterable[str]) -> bytes:
    """Canonical list of codes (exemptions): unique, sorted, one per line."""
    return "".join(f"{_check_text(c, '主体代码')}\n" for c in sorted(set(codes))).encode("utf-8")


def inspectors_text(inspectors: Iterable[Mapping]) -> bytes:
    rows = sorted((_check_text(i["id"], "检查人员编号"), _check_text(i["department"], "部门")) for i in inspectors)
    return "".join(f"{i}\t{d}\n" for i, d in rows).encode("utf-8")


def conflicts_text(conflicts: Iterable[Iterable[str]]) -> bytes:
    rows = sorted({(_check_text(a, "检查人员编号"), _check_text(b, "主体代码")) for a, b in conflicts})
    return "".join(f"{a}\t{b}\n" for a, b in rows).encode("utf-8")


def canonical_json(value: object) -> bytes:
    """Keys sorted, no spaces, non-ASCII kept, UTF-8: parameters hold only strings, integers and booleans."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def commitment(record: Mapping) -> dict:
    """Everything published before the sources are known, as hashes, and the commit hash over them."""
    method = record["method"]["name"]
    if record["method"] != {"name": method, "version": METHODS.get(method)}:
        raise DrawError("method", f"不支持的抽取方法：{record['method']!r}。")
    parts = {
        "pool_sha256": sha256_hex(pool_text(method, record["pool"])),
        "exempt_sha256": sha256_hex(codes_text(record.get("exempt", []))),
        "inspectors_sha256": sha256_hex(inspectors_text(record.get("inspectors", []))),
        "conflicts_sha256": sha256_hex(conflicts_text(record.get("conflicts", []))),
        "parameters_sha256": sha256_hex(canonical_json(record["parameters"])),
        "sources_sha256": sha256_hex(canonical_json([s["label"] for s in record["sources"]])),
    }
    lines = [COMMIT_HEADER, f"method={method}", f"version={METHODS[method]}"]
    lines += [f"{k.removesuffix('_sha256')}={v}" for k, v in parts.items()]
    pool = record["pool"]
    size = sum(len(v) for v in pool.values()) if isinstance(pool, Mapping) else len(pool)
    return {"pool_size": size, **parts, "commit_sha256": sha256_hex(("\n".join(lines) + "\n").encode("utf-8"))}


def compute_result(record: Mapping, *, pool_checked: bool = False) -> dict:
    """The draw as a pure function of the record's pool, exemptions, parameters, inspectors and sources.

    `pool_checked`: the commitment was just computed, so the pool is known to have no repeated code.
    """
    method = record["method"]["name"]
    params = record["parameters"]
    sources = [s["numbers"] for s in record["sources"]]
    key = rfc3797.make_key(sources)
    exempt = set(record.get("exempt", []))
    result: dict = {"key": key}
    if method == hashrank.METHOD:
        drawn = hashrank.draw_entities(record["pool"], params["ratios"], sources, exempt, assume_unique=pool_checked)
        result.update(eligible=drawn.eligible, quotas=drawn.quotas, selected=drawn.selected)
        tasks = drawn.tasks
    else:
        pool = sorted(c for c in record["pool"] if c not in exempt)
        if len(set(pool)) != len(pool):
            raise DrawError("pool", "名录中有重复的主体代码。")
        chosen = rfc3797.select(pool, params["count"], sources)
        result["selected"] = [s.as_dict() for s in chosen]
        tasks = [s.member for s in chosen]
    if "team_size" in params:
        inspectors = [Inspector(i["id"], i["department"]) for i in record.get("inspectors", [])]
        teams = assign(tasks, inspectors, sources, team_size=params["team_size"],
                       max_tasks=params["max_tasks_per_inspector"],
                       conflicts=[tuple(c) for c in record.get("conflicts", [])],
                       mix_departments=params.get("mix_departments", False))
        result["tasks"] = [{"entity": e, "team": list(teams[e])} for e in tasks]
    else:
        result["tasks"] = [{"entity": e, "team": []} for e in tasks]
    return result


def run(record: Mapping) -> dict:
    """Commit (or check the commitment already in the record), draw, and return the complete record."""
    done = {k: v for k, v in record.items() if k != "result"}
    done["format"], done["format_version"] = FORMAT, FORMAT_VERSION
    committed = commitment(done)
    if "commitment" in record and record["commitment"] != committed:
        raise DrawError("commitment", "记录中的承诺值与名录、参数不符：抽取前公布的内容已被改动。")
    done["commitment"] = committed
    done["result"] = compute_result(done, pool_checked=True)
    return done


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
    if stated.get("key") != computed["key"]:
        problems.append(f"随机源密钥不符：记录为“{stated.get('key')}”，按随机源应为“{computed['key']}”。")
    for name, label in (("eligible", "各层可抽主体数"), ("quotas", "各层抽取数")):
        if name in computed and stated.get(name) != computed[name]:
            problems.append(f"{label}不符：记录为{stated.get(name)}，重算为{computed[name]}。")
    got, want = stated.get("selected"), computed["selected"]
    if isinstance(want, dict):
        got = got if isinstance(got, dict) else {}
        for stratum in sorted(set(want) | set(got)):
            a, b = list(got.get(stratum, [])), want.get(stratum, [])
            if a != b:
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
    stated_tasks = {t.get("entity"): t.get("team") for t in stated.get("tasks", []) if isinstance(t, Mapping)}
    want_tasks = {t["entity"]: t["team"] for t in computed["tasks"]}
    if [t.get("entity") for t in stated.get("tasks", [])] != [t["entity"] for t in computed["tasks"]] and \
            set(stated_tasks) == set(want_tasks):
        problems.append("任务顺序不符。")
    differing = sorted(e for e in want_tasks if e in stated_tasks and stated_tasks[e] != want_tasks[e])
    if differing:
        problems.append(f"检查组不符的主体：{_listing(differing)}。")
    if set(stated_tasks) != set(want_tasks):
        problems.append(f"任务主体不符：记录多出 {len(set(stated_tasks) - set(want_tasks))} 项，"
                        f"缺少 {len(set(want_tasks) - set(stated_tasks))} 项。")


def verify(record: Mapping, expected_commit: str | None = None) -> VerifyResult:
    """Recompute the commitment and the draw from the record; report MATCH or exactly what differs."""
    report = VerifyResult()
    problems = report.problems
    try:
        if record.get("format") != FORMAT or record.get("format_version") != FORMAT_VERSION:
            problems.append(f"不是 {FORMAT} 第{FORMAT_VERSION}版记录。")
            return report
        computed = commitment(record)
    except (DrawError, KeyError, TypeError, AttributeError) as exc:
        problems.append(f"记录格式错误：{exc}")
        return report
    report.commit_sha256 = computed["commit_sha256"]
    stated = record.get("commitment") or {}
    names = {"pool_size": "名录主体数", "pool_sha256": "名录哈希", "exempt_sha256": "免检名单哈希",
             "inspectors_sha256": "检查人员名录哈希", "conflicts_sha256": "回避关系哈希",
             "parameters_sha256": "参数哈希", "sources_sha256": "随机源说明哈希", "commit_sha256": "承诺哈希"}
    for name, label in names.items():
        if stated.get(name) != computed[name]:
            problems.append(f"{label}不符：记录为 {stated.get(name)}，按记录内容重算为 {computed[name]}。")
    if expected_commit is not None and expected_commit.lower() != computed["commit_sha256"]:
        problems.append(f"承诺哈希与抽取前公布的 {expected_commit} 不符（重算为 {computed['commit_sha256']}）。")
    try:
        result = compute_result(record, pool_checked=True)
    except (DrawError, KeyError, TypeError) as exc:
        problems.append(f"无法按记录重新抽取：{exc}")
        return report
    _compare_result(record.get("result") or {}, result, problems)
    return report


def dumps(record: Mapping) -> str:
    """The record as published: readable JSON, UTF-8 text."""
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"

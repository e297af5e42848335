"""The draw record: commit (pool, parameters, method, source labels) before the draw, reveal after.

Pure Python, no Django import. The JSON layout and every canonical text are specified in
docs/draw-algorithm.md; `verify` recomputes all of them and the draw itself.
"""

import functools
import hashlib
import itertools
import json
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import _parallel, hashrank, rfc3797
from .assignment import assign_lists
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
    """All codes valid (one regex over the joined text, then per-code only on failure)."""
    if not all(isinstance(c, str) for c in codes):
        raise DrawError("format", "主体代码须为文本。")
    if _CONTROL.search("".join(codes)) or any(not c or c != c.strip() for c in codes):
        for c in codes:
            _check_text(c, "主体代码")


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
_SPACE_NEXT_TO_SEPARATOR = (b" \t", b"\t ", b" \n", b"\n ")


def _lines_ok(data: bytes, lines: int, fields: int) -> bool:
    """A fast check of a whole canonical text: `lines` lines of `fields` fields ("a LF" or "a TAB b LF"),
    no field with a control character or white space at either end. Empty fields are the caller's to
    check. True only for printable ASCII; False means "check the values one by one".

    Deleting every printable ASCII character must leave exactly the separators, in order: so no
    field holds a TAB, an LF, another control character or a non-ASCII byte. The only white
    space left is U+0020, at the end of a field exactly when it touches a separator or starts the text.
    """
    if data.translate(None, _PRINTABLE_ASCII) != (b"\t\n" if fields == 2 else b"\n") * lines:
        return False
    if b" " not in data:
        return True
    return not data.startswith(b" ") and not any(bad in data for bad in _SPACE_NEXT_TO_SEPARATOR)


def _no_repeats(pool_lists: list[list], total: int) -> None:
    """Refuse a code listed twice (in one stratum or in two), naming the first repeated one.

    When every list is strictly ascending (as `run` writes them), the lists have no repeat within
    and merging them (a cheap sort of sorted runs) puts repeats across lists side by side.
    """
    if all(all(map(operator.lt, codes, itertools.islice(codes, 1, None))) for codes in pool_lists):
        merged = sorted(itertools.chain.from_iterable(pool_lists))
        if not any(map(operator.eq, merged, itertools.islice(merged, 1, None))):
            return
    else:
        seen: set[str] = set()
        for codes in pool_lists:
            seen.update(codes)
        if len(seen) == total:
            return
    seen = set()
    for codes in pool_lists:
        for c in codes:
            if c in seen:
                raise DrawError("pool", f"名录中主体“{c}”出现了不止一次。")
            seen.add(c)


def pool_text(method: str, pool: object) -> bytes:
    """Canonical pool: hashrank "code\\tstratum\\n", rfc3797 "code\\n"; sorted by code; UTF-8; no repeated code.

    Sorting the lines sorts by code: separators sort below any allowed character. The text is
    checked in bulk (`_lines_ok`); only if that fails are the values checked one by one, in order,
    so that the first invalid one is named.
    """
    if method == hashrank.METHOD:
        if not isinstance(pool, Mapping):
            raise DrawError("format", "hashrank 记录的 pool 须为 {分层: [代码, …]}。")
        lists = [codes if type(codes) is list else list(codes) for codes in pool.values()]
        lines: list[str] | None = []
        for stratum, codes in zip(pool, lists, strict=True):
            suffix = f"\t{stratum}\n"
            try:
                lines += [c + suffix for c in codes]
            except TypeError:
                lines = None
                break
        if lines is not None:
            lines.sort()
            text = "".join(lines).encode("utf-8")
        if (lines is None or not _lines_ok(text, len(lines), 2) or not all(map(all, lists))
                or any(_bad_text(s) for s in pool)):
            for stratum, codes in zip(pool, lists, strict=True):
                _check_text(stratum, "分层")
                _check_codes(codes)
            if lines is None:
                raise DrawError("format", "主体代码须为文本。")
        _no_repeats(lists, len(lines))
        return text
    if not isinstance(pool, list):
        raise DrawError("format", "rfc3797 记录的 pool 须为代码列表。")
    try:
        lines = sorted(c + "\n" for c in pool)
    except TypeError:
        lines = None
    if lines is not None:
        text = "".join(lines).encode("utf-8")
    if lines is None or not _lines_ok(text, len(lines), 1) or not all(pool):
        _check_codes(pool)
        if lines is None:
            raise DrawError("format", "主体代码须为文本。")
    _no_repeats([pool], len(pool))
    return text


def codes_text(codes: Iterable[str]) -> bytes:
    """Canonical list of codes (exemptions): unique, sorted, one per line."""
    return "".join(f"{_check_text(c, '主体代码')}\n" for c in sorted(set(codes))).encode("utf-8")


def inspectors_text(inspectors: Iterable[Mapping]) -> bytes:
    rows = sorted((_check_text(i["id"], "检查人员编号"), _check_text(i["department"], "部门")) for i in inspectors)
    return "".join(f"{i}\t{d}\n" for i, d in rows).encode("utf-8")


def conflicts_text(conflicts: Iterable[Iterable[str]]) -> bytes:
    conflicts = list(conflicts)
    try:  # one line per pair, sorted (sorted lines = sorted pairs), repeats dropped (they are adjacent)
        lines = list(dict.fromkeys(sorted([a + "\t" + b + "\n" for a, b in conflicts])))
    except TypeError:
        lines = None
    if lines is not None:
        text = "".join(lines).encode("utf-8")
        if _lines_ok(text, len(lines), 2) and all(map(all, conflicts)):
            return text
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
    return _compute(record, pool_checked=pool_checked)


def _compute(record: Mapping, *, pool_checked: bool, drawn: hashrank.EntityDraw | None = None) -> dict:
    """compute_result, with the entity draw already made (`drawn`) if given."""
    method = record["method"]["name"]
    params = record["parameters"]
    sources = [s["numbers"] for s in record["sources"]]
    key = rfc3797.make_key(sources)
    exempt = set(record.get("exempt", []))
    result: dict = {"key": key}
    if method == hashrank.METHOD:
        if drawn is None:
            drawn = hashrank.draw_entities(record["pool"], params["ratios"], sources, exempt,
                                           assume_unique=pool_checked)
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
        inspectors = record.get("inspectors", [])
        teams = assign_lists(tasks, [i["id"] for i in inspectors], [i["department"] for i in inspectors], sources,
                             team_size=params["team_size"], max_tasks=params["max_tasks_per_inspector"],
                             conflicts=record.get("conflicts", []),
                             mix_departments=params.get("mix_departments", False))
        result["tasks"] = [{"entity": e, "team": team} for e, team in zip(tasks, teams, strict=True)]
    else:
        result["tasks"] = [{"entity": e, "team": []} for e in tasks]
    return result


def _split_ranking(record: Mapping) -> tuple[hashrank.Ranking, int] | None:
    """The entity draw of a hashrank record large enough to rank in several processes, else None.

    Anything unusual (a malformed record, a small pool, one CPU) gives None: the record is then
    committed and drawn one step after the other, which reports every problem as before.
    """
    try:
        pool = record["pool"]
        if record["method"]["name"] != hashrank.METHOD or not isinstance(pool, Mapping):
            return None
        n = _parallel.processes(sum(len(codes) for codes in pool.values()))
        if n < 2:
            return None
        sources = [s["numbers"] for s in record["sources"]]
        exempt = set(record.get("exempt", []))
        return hashrank.Ranking(pool, record["parameters"]["ratios"], sources, exempt), n
    except Exception:  # the sequential path reports it
        return None


def _commit_and_compute(record: Mapping) -> tuple[dict, dict | Exception]:
    """commitment(record) — raising what it raises — and the result of the draw, or what computing it raised.

    For a large hashrank pool, a forked child ranks its share of the pool and then computes the
    commitment while this process finishes the entity draw and assigns the inspectors: the two
    largest steps run side by side. The values are those of the sequential steps.
    """
    split = _split_ranking(record)
    if split is not None:
        ranking, n = split
        try:
            drawn, child = ranking.run(n, also=functools.partial(commitment, record))
        except Exception:
            split = None  # e.g. a code that is not text: the sequential path names it
    if split is None:
        committed = commitment(record)
        try:
            return committed, _compute(record, pool_checked=True)
        except Exception as exc:
            return committed, exc
    with child:
        try:
            result: dict | Exception = _compute(record, pool_checked=True, drawn=drawn)
        except Exception as exc:
            result = exc
        return child.result(), result  # the commitment, computed by the child (or here, if it failed)


def _canonical_order(pool: object) -> object:
    """The pool with each list of codes sorted, as `run` publishes it (any order verifies; this one fastest)."""
    try:
        if isinstance(pool, Mapping):
            return {stratum: sorted(codes) for stratum, codes in pool.items()}
        if isinstance(pool, list):
            return sorted(pool)
    except TypeError:  # not all text: the commitment names the culprit
        pass
    return pool


@_parallel.pausing_gc
def run(record: Mapping) -> dict:
    """Commit (or check the commitment already in the record), draw, and return the complete record.

    The record's pool lists are written sorted by code: the commitment and the draw do not depend
    on their order, but a verifier checks a sorted pool fastest.
    """
    done = {k: v for k, v in record.items() if k != "result"}
    done["format"], done["format_version"] = FORMAT, FORMAT_VERSION
    if "pool" in done:
        done["pool"] = _canonical_order(done["pool"])
    committed, result = _commit_and_compute(done)
    if "commitment" in record and record["commitment"] != committed:
        raise DrawError("commitment", "记录中的承诺值与名录、参数不符：抽取前公布的内容已被改动。")
    if isinstance(result, Exception):
        raise result
    done["commitment"] = committed
    done["result"] = result
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
    if stated == computed:  # the usual case, compared in one go; otherwise say what differs
        return
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


@_parallel.pausing_gc
def verify(record: Mapping, expected_commit: str | None = None) -> VerifyResult:
    """Recompute the commitment and the draw from the record; report MATCH or exactly what differs."""
    report = VerifyResult()
    problems = report.problems
    try:
        if record.get("format") != FORMAT or record.get("format_version") != FORMAT_VERSION:
            problems.append(f"不是 {FORMAT} 第{FORMAT_VERSION}版记录。")
            return report
        computed, result = _commit_and_compute(record)
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
    if isinstance(result, (DrawError, KeyError, TypeError)):
        problems.append(f"无法按记录重新抽取：{result}")
        return report
    if isinstance(result, Exception):
        raise result
    _compare_result(record.get("result") or {}, result, problems)
    return report


def dumps(record: Mapping) -> str:
    """The record as published: readable JSON, UTF-8 text."""
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"

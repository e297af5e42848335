"""The draw record: commit (pool, parameters, method, source labels and seals) before the draw, reveal after.

Pure Python, no Django import. The JSON layout and every canonical text are specified in
docs/draw-algorithm.md; `verify` recomputes all of them and the draw itself.
"""

import contextlib
import functools
import hashlib
import itertools
import json
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import _parallel, hashrank, rfc3797
from .assignment import assign_complete_lists, assign_lists
from .errors import DrawError

FORMAT = "fazhi-draw-record"
FORMAT_VERSION = 1
METHODS = {rfc3797.METHOD: rfc3797.VERSION, hashrank.METHOD: hashrank.VERSION}  # what new records use


@dataclass(frozen=True)
class Scheme:
    """How a method version computes (docs/draw-algorithm.md): which pool text, which assignment."""

    strata_text: bool  # the pool text of a label line per stratum, then its members (hashrank from version 2)
    assignment: str  # "1": the greedy rule (section 5.1); "2": with chains of replacements (section 5.2)


SCHEMES = {
    (hashrank.METHOD, "1"): Scheme(strata_text=False, assignment="1"),
    (hashrank.METHOD, "2"): Scheme(strata_text=True, assignment="1"),
    (hashrank.METHOD, "3"): Scheme(strata_text=True, assignment="2"),
    (rfc3797.METHOD, "1"): Scheme(strata_text=False, assignment="1"),
    (rfc3797.METHOD, "2"): Scheme(strata_text=True, assignment="2"),
}
SUPPORTED = {name: tuple(v for m, v in SCHEMES if m == name) for name, _v in SCHEMES}  # what verifies
COMMIT_HEADER = "fazhi-draw-commit/1"
SHOWN = 10  # how many differing codes a report lists before summarising
# What computing from a malformed record raises (DrawError is a ValueError; values nested a thousand
# deep, valid JSON, exhaust the stack): reported as a mismatch, never a crash.
MALFORMED = (KeyError, TypeError, ValueError, AttributeError, RecursionError)


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


def _ascending(codes: list) -> bool:
    """Strictly ascending: sorted, and no code twice."""
    return all(map(operator.lt, codes, itertools.islice(codes, 1, None)))


def _no_repeats(pool_lists: list[list], total: int, sorted_lists: bool = False) -> None:
    """Refuse a code listed twice (in one stratum or in two), naming the first repeated one.

    `sorted_lists`: every list is sorted (as the version 2 commitment leaves them). Then sorting
    their concatenation is a merge of sorted runs in C, and the merged list is strictly ascending
    exactly when no code repeats: about half the time of a set of a million codes.
    """
    if not pool_lists:
        return
    if sorted_lists:
        merged = pool_lists[0] if len(pool_lists) == 1 else sorted(itertools.chain.from_iterable(pool_lists))
        if _ascending(merged):
            return
    elif len(set(itertools.chain.from_iterable(pool_lists))) == total:
        return
    seen: set[str] = set()
    for codes in pool_lists:
        for c in codes:
            if c in seen:
                raise DrawError("pool", f"名录中主体“{c}”出现了不止一次。")
            seen.add(c)


def pool_text(method: str, pool: object, version: str = "1") -> bytes:
    """Canonical pool, UTF-8, no repeated code. hashrank version 2: per stratum (by label) a line
    "stratum\\n", then "\\tcode\\n" per member sorted by code; hashrank version 1: "code\\tstratum\\n",
    rfc3797: "code\\n", sorted by code.

    Sorting the lines sorts by code: separators sort below any allowed character. The text is
    checked in bulk (`_lines_ok`); only if that fails are the values checked one by one, in order,
    so that the first invalid one is named.
    """
    if SCHEMES[method, version].strata_text:
        return _pool_text_v2(pool)[0]
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


def _pool_text_v2(pool: object, repeats: bool = True) -> tuple[bytes, dict[str, list[str]]]:
    """The canonical text, and the pool with each list of codes sorted. `repeats=False`: the caller checks
    that no code is listed twice (`_repeats_absent`)."""
    if not isinstance(pool, Mapping):
        raise DrawError("format", "hashrank 记录的 pool 须为 {分层: [代码, …]}。")
    ordered: dict[str, list[str]] = {}
    bodies: list[tuple[str, bytes]] = []
    for stratum, codes in pool.items():
        _check_text(stratum, "分层")
        codes = codes if type(codes) is list else list(codes)
        try:  # sorting a sorted list is one pass (timsort finds one run); repeats are `_no_repeats`' to find
            listed = sorted(codes)
            body = ("\t" + "\n\t".join(listed) + "\n").encode("utf-8") if listed else b""
        except TypeError:
            listed, body = None, b""
        if listed is None or (listed and not _lines_ok(body, len(listed), 2)) or b"\t\n" in body:  # \t\n: empty
            _check_codes(codes)  # names the first invalid code, in the order listed
            if listed is None:
                raise DrawError("format", "主体代码须为文本。")
        ordered[stratum] = listed
        if listed:
            bodies.append((stratum, body))
    if repeats:
        _no_repeats(list(ordered.values()), sum(map(len, ordered.values())), sorted_lists=True)
    bodies.sort()
    return b"".join(stratum.encode("utf-8") + b"\n" + body for stratum, body in bodies), ordered


def codes_text(codes: Iterable[str]) -> bytes:
    """Canonical list of codes (exemptions): unique, sorted, one per line."""
    return "".join(f"{_check_text(c, '主体代码')}\n" for c in sorted(set(codes))).encode("utf-8")


def inspectors_text(inspectors: Iterable[Mapping]) -> bytes:
    rows = sorted((_check_text(i["id"], "检查人员编号"), _check_text(i["department"], "部门")) for i in inspectors)
    return "".join(f"{i}\t{d}\n" for i, d in rows).encode("utf-8")


def conflicts_text(conflicts: Iterable[Iterable[str]]) -> bytes:
    conflicts = conflicts if isinstance(conflicts, list) else list(conflicts)
    try:  # one line per pair, sorted (sorted lines = sorted pairs); repeats, if any, are adjacent
        pairs = all(map(operator.eq, map(len, conflicts), itertools.repeat(2)))  # ["a\tb"] would pass `_lines_ok`
        lines = sorted(map("\t".join, conflicts)) if pairs else None
    except TypeError:
        lines = None
    if lines is not None:
        if any(map(operator.eq, lines, itertools.islice(lines, 1, None))):
            lines = list(dict.fromkeys(lines))
        text = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
        empty_field = text.startswith(b"\t") or b"\n\t" in text or b"\t\n" in text
        if _lines_ok(text, len(lines), 2) and not empty_field:
            return text
    for pair in conflicts:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise DrawError("format", f"回避关系{pair!r}须为两项：[检查人员编号, 主体代码]。")
    rows = sorted({(_check_text(a, "检查人员编号"), _check_text(b, "主体代码")) for a, b in conflicts})
    return "".join(f"{a}\t{b}\n" for a, b in rows).encode("utf-8")


# --- the input as docs/draw-algorithm.md section 7 allows it -----------------------------------------

TOP_LEVEL = ("format", "format_version", "method", "title", "pool", "exempt", "parameters", "inspectors", "conflicts",
             "sources", "commitment", "result")
REQUIRED = ("method", "pool", "parameters", "sources")
# Parameters that change the computation, per method and version; every other parameter must be informational.
TEAM_PARAMETERS = ("team_size", "max_tasks_per_inspector", "mix_departments")
COMPUTED_PARAMETERS = {
    (hashrank.METHOD, "1"): ("ratios", *TEAM_PARAMETERS),
    (hashrank.METHOD, "2"): ("ratios", *TEAM_PARAMETERS),
    (hashrank.METHOD, "3"): ("ratios", *TEAM_PARAMETERS, "lead_department"),
    (rfc3797.METHOD, "1"): ("count", *TEAM_PARAMETERS),
    (rfc3797.METHOD, "2"): ("ratios", *TEAM_PARAMETERS, "lead_department"),
}
# Committed and published, not used by the computation: what the platform writes (section 7).
INFORMATIONAL_PARAMETERS = {"plan": str, "inspection_date": str, "items": list, "exempt_days": int,
                            "inspector_map_sha256": str}
SOURCE_KEYS = frozenset({"label", "seal", "numbers"})
INSPECTOR_KEYS = {"id": None, "department": None}.keys()
COMMITMENT_KEYS = ("pool_size", "pool_sha256", "exempt_sha256", "inspectors_sha256", "conflicts_sha256",
                   "parameters_sha256", "sources_sha256", "commit_sha256")


def loads(text: str | bytes) -> object:
    """JSON as a record or an input must be written (section 7): no object key twice, no number with a
    fraction or an exponent, no NaN or Infinity. Anything else raises DrawError ("format")."""

    def pairs(items: list) -> dict:
        value = dict(items)
        if len(value) != len(items):
            seen: set[str] = set()
            repeated = next(k for k, _v in items if k in seen or seen.add(k))
            raise DrawError("format", f"JSON 对象中的键“{repeated}”出现了不止一次。")
        return value

    def no_fraction(number: str) -> None:
        raise DrawError("format", f"数值 {number} 不是整数：记录中没有小数，比例写成字符串（如 \"0.05\"）。")

    def no_constant(name: str) -> None:
        raise DrawError("format", f"{name} 不是 JSON 数值。")

    return json.loads(text, object_pairs_hook=pairs, parse_float=no_fraction, parse_constant=no_constant)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, float):
        return "小数"
    return {str: "文本", list: "列表", dict: "对象"}.get(type(value), type(value).__name__)


def _expect(value: object, kind: type, where: str) -> None:
    """Refuse a value of another JSON type than `kind` (a boolean is not an integer here)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {str: "文本", int: "整数", bool: "布尔值（true/false）", list: "列表", Mapping: "对象"}
        raise DrawError("format", f"{where}须为{names.get(kind, kind.__name__)}，记录中为{_kind(value)}。")


def _unknown(keys: Iterable, allowed: Iterable, where: str) -> None:
    extra = sorted(set(keys) - set(allowed), key=str)
    if extra:
        raise DrawError("format", f"{where}有不认识的字段：{'、'.join(map(str, extra))}（字段名写错的，"
                                  f"会被计入承诺值却不起作用，所以不予接受）。")


def _no_fraction_or_null(value: object, where: str) -> None:
    """Parameters and labels hold text, integers, booleans, lists and objects of them: never null or a fraction."""
    if value is None or isinstance(value, float):
        raise DrawError("format", f"{where}含有{_kind(value)}：记录中不使用 null 和小数。")
    if isinstance(value, Mapping):
        for k, v in value.items():
            _no_fraction_or_null(v, f"{where}.{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            _no_fraction_or_null(v, f"{where}[{n}]")


def check_input(record: Mapping) -> None:
    """Refuse what section 7 does not allow: unknown fields, null, fractions, values of the wrong type.

    Cheap: the pool, exemptions and conflicts (the large parts) are checked by their canonical texts.
    """
    if not isinstance(record, Mapping):
        raise DrawError("format", "抽取输入须为一个 JSON 对象。")
    _unknown(record, TOP_LEVEL, "抽取输入")
    for name in REQUIRED:
        if name not in record:
            raise KeyError(name)
    name, version = _method(record)
    for key in ("format", "format_version"):
        if key in record and record[key] != {"format": FORMAT, "format_version": FORMAT_VERSION}[key]:
            raise DrawError("format", f"不是 {FORMAT} 第{FORMAT_VERSION}版记录。")
    if "title" in record:
        _expect(record["title"], str, "title")
    for key in ("exempt", "inspectors", "conflicts", "sources"):
        if key in record:
            _expect(record[key], list, key)
    _expect(record["pool"], list if (name, version) == (rfc3797.METHOD, "1") else Mapping, "pool")
    params = record["parameters"]
    _expect(params, Mapping, "parameters")
    _no_fraction_or_null(params, "parameters")
    computed = COMPUTED_PARAMETERS[name, version]
    _unknown(params, (*computed, *INFORMATIONAL_PARAMETERS), "parameters")
    for key, kind in INFORMATIONAL_PARAMETERS.items():
        if key in params:
            _expect(params[key], kind, f"parameters.{key}")
    if "ratios" in computed:
        if "ratios" not in params:
            raise KeyError("ratios")
        _expect(params["ratios"], Mapping, "parameters.ratios")
    if "count" in computed:
        if "count" not in params:
            raise KeyError("count")
        _expect(params["count"], int, "parameters.count")
    for key, kind in (("team_size", int), ("max_tasks_per_inspector", int), ("mix_departments", bool),
                      ("lead_department", str)):
        if key in params:
            _expect(params[key], kind, f"parameters.{key}")
    for n, source in enumerate(record["sources"], start=1):
        _expect(source, Mapping, f"第{n}个随机源")
        _unknown(source, SOURCE_KEYS, f"第{n}个随机源")
        if "label" not in source:
            raise KeyError("label")
        _expect(source["label"], str, f"第{n}个随机源的说明（label）")
        if "numbers" in source:
            _expect(source["numbers"], list, f"第{n}个随机源的数值（numbers）")
    inspectors = record.get("inspectors", [])
    if not all(map(operator.eq, itertools.repeat(INSPECTOR_KEYS), map(_keys, inspectors))):
        bad = next(i for i in inspectors if _keys(i) != INSPECTOR_KEYS)
        _expect(bad, Mapping, "检查人员")
        _unknown(bad, INSPECTOR_KEYS, "检查人员")
        raise KeyError(next(k for k in INSPECTOR_KEYS if k not in bad))
    if "commitment" in record:
        _expect(record["commitment"], Mapping, "commitment")
        _unknown(record["commitment"], COMMITMENT_KEYS, "commitment")


def _keys(value: object) -> object:
    return value.keys() if isinstance(value, Mapping) else None


def canonical_json(value: object) -> bytes:
    """Keys sorted, no spaces, non-ASCII kept, UTF-8: parameters hold only strings, integers and booleans."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _method(record: Mapping) -> tuple[str, str]:
    """(name, version) of the record's method, if this engine can compute it."""
    method = record["method"]
    name = method.get("name") if isinstance(method, Mapping) else None
    if name is None or set(method) != {"name", "version"} or method.get("version") not in SUPPORTED.get(name, ()):
        raise DrawError("method", f"不支持的抽取方法：{method!r}。")
    return name, method["version"]


def commitment(record: Mapping) -> dict:
    """Everything published before the sources are known, as hashes, and the commit hash over them."""
    check_input(record)
    return _commitment(record)[0]


def _commitment(record: Mapping) -> tuple[dict, dict[str, list[str]] | None]:
    """commitment(record), and for hashrank version 2 the pool with its lists sorted (checked, to draw from)."""
    pool_sha256, ordered = _pool_hash(record)
    return _committed(record, pool_sha256, _other_hashes(record)), ordered


def _pool_hash(record: Mapping, repeats: bool = True) -> tuple[str, dict[str, list[str]] | None]:
    """The pool's hash (refusing an invalid pool), and for hashrank version 2 the pool with its lists sorted.

    `repeats=False`: version 2 leaves the check that no code is listed twice to the caller (`_repeats_absent`).
    """
    method, version = _method(record)
    if SCHEMES[method, version].strata_text:
        text, ordered = _pool_text_v2(record["pool"], repeats)
        return sha256_hex(text), ordered
    return sha256_hex(pool_text(method, record["pool"], version)), None


def _repeats_absent(record: Mapping) -> bool:
    """Whether no code of a hashrank version 2 pool is listed twice (False also if that cannot be told:
    then `_pool_hash` names the problem). The other methods check it with their pool text."""
    try:
        if not SCHEMES[_method(record)].strata_text:
            return True
        lists = list(record["pool"].values())
        _no_repeats(lists, sum(map(len, lists)), sorted_lists=True)  # any order works; sorted lists merge fastest
        return True
    except Exception:
        return False


def _other_hashes(record: Mapping) -> dict[str, str]:
    """The hashes of the commitment's parts other than the pool, in the commitment's order."""
    return {
        "exempt_sha256": sha256_hex(codes_text(record.get("exempt", []))),
        "inspectors_sha256": sha256_hex(inspectors_text(record.get("inspectors", []))),
        "conflicts_sha256": sha256_hex(conflicts_text(record.get("conflicts", []))),
        "parameters_sha256": sha256_hex(canonical_json(record["parameters"])),
        "sources_sha256": sha256_hex(canonical_json(
            [_committed_source(n, source) for n, source in enumerate(record["sources"], start=1)])),
    }


SEAL = re.compile(r"[0-9a-f]{64}")  # a seal as records hold it: SHA-256, lowercase hex


def seal_of(numbers: Iterable[int]) -> str:
    """The seal a witness publishes before the draw: SHA-256 of the source's own part of the key
    (its numbers ascending, each followed by ".", then "/"), in lowercase hex."""
    return sha256_hex(rfc3797.make_key([numbers]).encode("ascii"))


# A sealed secret needs a number of this many digits (at least 10**19, over 63 bits): a shorter secret is found
# from its seal by trying every value (all 5-digit numbers take a fraction of a second), which tells the outcome
# before the reveal. Not part of the method (records verify whatever their secrets): the platform and `fazhi draw
# seal` refuse shorter ones (docs/draw-algorithm.md, sections 1 and 2).
SECRET_MIN_DIGITS = 20


def secret_too_short(numbers: Iterable[int]) -> bool:
    """Whether a witness's secret lacks a number of SECRET_MIN_DIGITS or more digits."""
    return max(numbers, default=0) < 10 ** (SECRET_MIN_DIGITS - 1)


def _committed_source(n: int, source: Mapping) -> object:
    """A source as the commitment holds it: its label, or {"label", "seal"} when it is sealed.

    An unsealed source commits to its label alone, as records without seals always did.
    """
    if "seal" not in source:
        return source["label"]
    seal = source["seal"]
    if not isinstance(seal, str) or not SEAL.fullmatch(seal):
        raise DrawError("source", f"第{n}个随机源的封存值须为64位小写十六进制数（SHA-256）。")
    return {"label": source["label"], "seal": seal}


def broken_seals(record: Mapping) -> list[str]:
    """What is wrong with each sealed source whose revealed numbers do not give its seal."""
    sources = record["sources"]
    rfc3797.make_key([source["numbers"] for source in sources])  # invalid numbers: named with their source
    return [f"第{n}个随机源“{source['label']}”的数值与抽取前公布的封存值不符。"
            for n, source in enumerate(sources, start=1)
            if "seal" in source and seal_of(source["numbers"]) != source["seal"]]


def _committed(record: Mapping, pool_sha256: str, others: dict[str, str]) -> dict:
    method, version = _method(record)
    parts = {"pool_sha256": pool_sha256, **others}
    lines = [COMMIT_HEADER, f"method={method}", f"version={version}"]
    lines += [f"{k.removesuffix('_sha256')}={v}" for k, v in parts.items()]
    pool = record["pool"]
    size = sum(len(v) for v in pool.values()) if isinstance(pool, Mapping) else len(pool)
    return {"pool_size": size, **parts, "commit_sha256": sha256_hex(("\n".join(lines) + "\n").encode("utf-8"))}


def compute_result(record: Mapping, *, pool_checked: bool = False) -> dict:
    """The draw as a pure function of the record's pool, exemptions, parameters, inspectors and sources.

    `pool_checked`: the commitment was just computed, so the pool is known to have no repeated code.
    """
    drawn, tasks = _draw(record, pool_checked=pool_checked)
    return _result(drawn, tasks, _teams(record, tasks))


def _draw(record: Mapping, *, pool_checked: bool, ordered: Mapping | None = None) -> tuple[dict, list[str]]:
    """The entity draw: (the result without the tasks, the drawn codes in task order).

    `ordered`: the record's pool as the commitment checked it (hashrank version 2: lists sorted, no repeat).
    """
    method, version = _method(record)
    params = record["parameters"]
    sources = [s["numbers"] for s in record["sources"]]
    exempt = frozenset(record.get("exempt", []))
    result: dict = {"key": rfc3797.make_key(sources)}
    if method == hashrank.METHOD:
        drawn = hashrank.draw_entities(record["pool"] if ordered is None else ordered, params["ratios"], sources,
                                       exempt, assume_unique=pool_checked or ordered is not None, version=version,
                                       presorted=ordered is not None)
        result.update(eligible=drawn.eligible, quotas=drawn.quotas, selected=drawn.selected)
        return result, drawn.tasks
    if version == "2":
        return _draw_rfc3797_strata(record if ordered is None else {**record, "pool": ordered}, result, sources,
                                    exempt)
    pool = sorted(c for c in record["pool"] if c not in exempt)
    if len(set(pool)) != len(pool):
        raise DrawError("pool", "名录中有重复的主体代码。")
    chosen = rfc3797.select(pool, params["count"], sources)
    result["selected"] = [s.as_dict() for s in chosen]
    return result, [s.member for s in chosen]


def _draw_rfc3797_strata(record: Mapping, result: dict, sources: list, exempt: frozenset) -> tuple[dict, list[str]]:
    """rfc3797 version 2 (docs/draw-algorithm.md 3.2): the quotas of section 4, then per stratum in label order
    an RFC 3797 selection from its members not exempt, sorted, the rounds counted on from one stratum to the next;
    the tasks by the task order of section 4.3."""
    pool = record["pool"]
    hashrank.check_pool(pool)
    members = {s: [c for c in sorted(codes) if c not in exempt] for s, codes in sorted(pool.items())}
    quota = hashrank.quotas({s: len(m) for s, m in members.items()}, record["parameters"]["ratios"])
    selected: dict[str, list[dict]] = {}
    first = 0
    for stratum, listed in members.items():
        chosen = rfc3797.select(listed, quota[stratum], sources, first_round=first)
        first += quota[stratum]
        selected[stratum] = [c.as_dict() for c in chosen]
    result.update(eligible={s: len(m) for s, m in members.items()}, quotas=quota, selected=selected)
    drawn = sorted(c["member"] for chosen in selected.values() for c in chosen)
    return result, hashrank.task_order(result["key"], drawn)


def _teams(record: Mapping, tasks: list[str]) -> list[list[str]]:
    """The inspector assignment for `tasks` in order (no teams without a team size)."""
    params = record["parameters"]
    if "team_size" not in params:
        return [[] for _ in tasks]
    inspectors = record.get("inspectors", [])
    # Without a cap nobody is limited: no inspector can serve more tasks than there are.
    cap = params.get("max_tasks_per_inspector", max(1, len(tasks)))
    if SCHEMES[_method(record)].assignment == "2":
        assign = functools.partial(assign_complete_lists, lead_department=params.get("lead_department"))
    else:
        assign = assign_lists
    return assign(tasks, [i["id"] for i in inspectors], [i["department"] for i in inspectors],
                        [s["numbers"] for s in record["sources"]], team_size=params["team_size"],
                        max_tasks=cap, conflicts=record.get("conflicts", []),
                        mix_departments=params.get("mix_departments", False))


def _result(drawn: dict, tasks: list[str], teams: list[list[str]]) -> dict:
    return {**drawn, "tasks": [{"entity": e, "team": team} for e, team in zip(tasks, teams, strict=True)]}


def _attempt(fn, *args, **kwargs):
    """fn's value, or the exception it raised (returned, to be raised or reported later)."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        return exc


@dataclass(frozen=True)
class _AsStated:
    """The entity draw gave exactly the record's stated values of these result keys and its task order."""

    keys: tuple[str, ...]


def _commit_then_draw(record: Mapping) -> tuple[dict, tuple[dict, list[str]] | Exception]:
    """The commitment (raising what it raises), then the entity draw or what it raised."""
    committed, ordered = _commitment(record)
    return committed, _attempt(_draw, record, pool_checked=True, ordered=ordered)


def _hash_pool_then_check_draw(record: Mapping) -> tuple[str, tuple[dict, list[str]] | _AsStated | Exception]:
    """The pool's hash but for the repeat check (raising what it raises), then the entity draw, what it raised,
    or — if the draw is what the record states — `_AsStated`: a forked child then sends a few bytes instead
    of every drawn code."""
    pool_sha256, ordered = _pool_hash(record, repeats=False)
    drawn = _attempt(_draw, record, pool_checked=True, ordered=ordered)
    if not isinstance(drawn, Exception) and _states_draw(record, *drawn):
        return pool_sha256, _AsStated(tuple(drawn[0]))
    return pool_sha256, drawn


def _states_draw(record: Mapping, drawn: dict, tasks: list[str]) -> bool:
    """Whether the record's result states the drawn values, and its tasks name the entities of `tasks`, in order."""
    stated = record.get("result")
    try:
        listed = stated["tasks"]
        entities = map(operator.itemgetter("entity"), listed)
        return (all(_same(stated[k], v) for k, v in drawn.items()) and type(listed) is list
                and len(listed) == len(tasks) and all(map(operator.eq, entities, tasks)))
    except (TypeError, KeyError, IndexError):
        return False


def _claimed_order(record: Mapping) -> list[str] | None:
    """The task order the record states, if it is a list of codes."""
    result = record.get("result")
    tasks = result.get("tasks") if isinstance(result, Mapping) else None
    if not isinstance(tasks, list):
        return None
    if not all(map(operator.is_, map(type, tasks), itertools.repeat(dict))) and not all(
            map(isinstance, tasks, itertools.repeat(Mapping))):  # JSON gives dicts: the quick test first
        return None
    try:
        order = list(map(operator.itemgetter("entity"), tasks))
    except KeyError:
        return None
    return order if all(map(isinstance, order, itertools.repeat(str))) else None


def _pool_size(record: Mapping) -> int:
    pool = record.get("pool")
    try:
        return sum(map(len, pool.values())) if isinstance(pool, Mapping) else len(pool)
    except TypeError:
        return 0


Outcome = tuple[dict, list[str], list[list[str]]]  # the result without its tasks, the task order, the teams
_AS_STATED = "the whole result as stated"  # what `_commit_and_compute` returns when it has compared it all


def _commit_and_compute(record: Mapping, *, stated: bool = False) -> tuple[dict, Outcome | Exception | str]:
    """commitment(record) — raising what it raises — and the outcome of the draw, what computing it raised,
    or (`stated`, forked) `_AS_STATED` when the record states exactly that outcome.

    For a large pool, when a CPU is idle, a forked child does part of the work (`_parallel`):
    - verifying the record's `stated` result, the child hashes the pool, draws the entities and
      compares them with the stated ones while this process assigns inspectors to the stated task
      order; the pool's repeat check and the hashes of the commitment's other parts go to whichever
      process is free first. If the draw gives the stated order, those are the teams of the draw,
      otherwise they are assigned again to the right order;
    - otherwise (run), the child commits while this process draws and assigns.
    The values are those of the sequential steps; a failed child's work is done here.
    """
    if _parallel.processes(_pool_size(record)) < 2:
        committed, drawn = _commit_then_draw(record)
        return committed, _with_teams(record, drawn)
    if not stated:
        with _parallel.Child([functools.partial(commitment, record)]) as child:
            result = _with_teams(record, _attempt(_draw, record, pool_checked=True))
            return child.result(), result
    either = [functools.partial(_repeats_absent, record), functools.partial(_attempt, _other_hashes, record)]
    with _parallel.Child([functools.partial(_hash_pool_then_check_draw, record)], shared=either) as child:
        claimed = _claimed_order(record)
        teams = _attempt(_teams, record, claimed) if claimed is not None else None
        teams_as_stated = isinstance(teams, list) and _states_teams(record["result"]["tasks"], teams)  # meanwhile
        no_repeats, others = child.shared()
        pool_sha256, drawn = child.result()  # an invalid pool is reported before any other part
    if not no_repeats:
        _pool_hash(record)  # names the code listed twice, as the sequential check does
    if isinstance(others, Exception):
        raise others
    committed = _committed(record, pool_sha256, others)
    if isinstance(drawn, _AsStated):
        if teams_as_stated and set(record["result"]) == {*drawn.keys, "tasks"}:
            return committed, _AS_STATED
        drawn = {k: record["result"][k] for k in drawn.keys}, claimed
    return committed, _with_teams(record, drawn, (claimed, teams))


def _states_teams(listed: list, teams: list[list[str]]) -> bool:
    """Whether the listed tasks are objects of two keys ("entity" and "team") with these teams, in order."""
    try:
        return (len(listed) == len(teams) and all(map(operator.eq, map(len, listed), itertools.repeat(2)))
                and all(map(operator.eq, map(operator.itemgetter("team"), listed), teams)))
    except (TypeError, KeyError):
        return False


def _with_teams(record: Mapping, drawn: tuple[dict, list[str]] | Exception,
                assigned: tuple[list[str], list[list[str]] | Exception] | None = None) -> Outcome | Exception:
    """The outcome of the entity draw with its teams: those `assigned` to a task order if it is the drawn one."""
    if isinstance(drawn, Exception):
        return drawn
    same_order = assigned is not None and assigned[0] == drawn[1]
    teams = assigned[1] if same_order else _attempt(_teams, record, drawn[1])
    return teams if isinstance(teams, Exception) else (*drawn, teams)


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
    check_input(record)
    done = {k: v for k, v in record.items() if k != "result"}
    done["format"], done["format_version"] = FORMAT, FORMAT_VERSION
    if "pool" in done:
        done["pool"] = _canonical_order(done["pool"])
    broken = broken_seals(done)  # before the draw: a wrong secret costs nothing
    if broken:
        raise DrawError("seal", broken[0])
    committed, result = _commit_and_compute(done)
    if "commitment" in record and record["commitment"] != committed:
        raise DrawError("commitment", "记录中的承诺值与名录、参数不符：抽取前公布的内容已被改动。")
    if isinstance(result, Exception):
        raise result
    done["commitment"] = committed
    done["result"] = _result(*result)
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


def _same(stated: object, computed: object) -> bool:
    """Equal as JSON values: `==` alone takes 2.0 or true for 2 or 1, so numbers are compared in their
    canonical JSON. Text, and the codes drawn per stratum (an object of lists of text, most of a
    result), need only `==`: text equals only text."""
    if stated != computed:
        return False
    text_only = isinstance(computed, str) or (isinstance(computed, dict) and all(
        type(v) is list and (not v or type(v[0]) is str) for v in computed.values()))  # the engine's lists are uniform
    return text_only or canonical_json(stated) == canonical_json(computed)


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


def dumps(record: Mapping) -> str:
    """The record as published: readable JSON, UTF-8 text."""
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def compact_json(value: object) -> str:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, the same text, faster for a record.

    A list of strings none of which JSON escapes (a pool's codes) is written with one join, in C,
    instead of string by string (a million codes: 0.1 s instead of 0.3 s).
    """
    if type(value) is dict and all(type(key) is str for key in value):
        return "{" + ",".join(f"{compact_json(key)}:{compact_json(item)}" for key, item in value.items()) + "}"
    if type(value) is list and value:
        with contextlib.suppress(TypeError):  # join takes strings only
            joined = '","'.join(value)
            # Printable, and no quote but the separators' nor backslash: nothing for JSON to escape.
            if joined.isprintable() and joined.count('"') == 2 * (len(value) - 1) and "\\" not in joined:
                return f'["{joined}"]'
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

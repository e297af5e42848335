"""The canonical input of a draw record: what section 7 of docs/draw-algorithm.md allows, the canonical
texts the commitment hashes (section 6), and the record's JSON (strict reading, canonical and published writing).

Pure Python, no Django import.
"""

import contextlib
import hashlib
import itertools
import json
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import hashrank, rfc3797
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


def _same(stated: object, computed: object) -> bool:
    """Equal as JSON values: `==` alone takes 2.0 or true for 2 or 1, so numbers are compared in their
    canonical JSON. Text, and the codes drawn per stratum (an object of lists of text, most of a
    result), need only `==`: text equals only text."""
    if stated != computed:
        return False
    text_only = isinstance(computed, str) or (isinstance(computed, dict) and all(
        type(v) is list and (not v or type(v[0]) is str) for v in computed.values()))  # the engine's lists are uniform
    return text_only or canonical_json(stated) == canonical_json(computed)


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

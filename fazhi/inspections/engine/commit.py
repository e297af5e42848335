"""The commitment of a draw record: the hashes of everything published before the sources are known
(pool, exemptions, inspectors, conflicts, parameters, source labels and seals), and the seals of witnesses'
secrets. docs/draw-algorithm.md, sections 1, 2 and 6.

Pure Python, no Django import.
"""

import re
from collections.abc import Iterable, Mapping

from . import rfc3797
from .canonical import (
    SCHEMES,
    _method,
    _no_repeats,
    _pool_text_v2,
    canonical_json,
    check_input,
    codes_text,
    conflicts_text,
    inspectors_text,
    pool_text,
    sha256_hex,
)
from .errors import DrawError

COMMIT_HEADER = "fazhi-draw-commit/1"


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


SEAL_NOT_HEX = "第{n}个随机源的封存值须为64位小写十六进制数（SHA-256）。"
SEAL_MISMATCH = "第{n}个随机源“{label}”的数值与抽取前公布的封存值不符。"


def _committed_source(n: int, source: Mapping) -> object:
    """A source as the commitment holds it: its label, or {"label", "seal"} when it is sealed.

    An unsealed source commits to its label alone, as records without seals always did.
    """
    if "seal" not in source:
        return source["label"]
    seal = source["seal"]
    if not isinstance(seal, str) or not SEAL.fullmatch(seal):
        raise DrawError("source", SEAL_NOT_HEX.format(n=n))
    return {"label": source["label"], "seal": seal}


def broken_seals(record: Mapping) -> list[str]:
    """What is wrong with each sealed source whose revealed numbers do not give its seal."""
    sources = record["sources"]
    rfc3797.make_key([source["numbers"] for source in sources])  # invalid numbers: named with their source
    return [SEAL_MISMATCH.format(n=n, label=source["label"])
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

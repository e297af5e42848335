"""The scalable draw ("hashrank"): stratified sampling of pools of millions, independent of pool order.

Pure Python, no Django import. Specified in docs/draw-algorithm.md, section 4. Three versions:

- version 3 (new draws): the ranks of version 2; the tasks in the order of `task_order`, a random key
  independent of the stratum (in versions 1 and 2 the tasks follow the ranks, so the strata with the
  smallest ratios came first).
- version 2: each stratum's codes sorted; the member at position i gets the 8 bytes
  8i…8i+7 of SHAKE-256("fazhi/hashrank/2\\n" ‖ RFC 3797 key ‖ "\\n" ‖ stratum); its rank key is those
  8 bytes ‖ UTF-8 code. The random bytes of a whole stratum come from one call, in C.
- version 1 (records made before; still verified): rank key = SHA-256(SHA-256("fazhi/hashrank/1\\n"
  ‖ key) ‖ UTF-8 code) ‖ UTF-8 code, one hash per member.

In all, per stratum the members not exempt are ranked ascending and the first `quota` drawn;
quotas by largest remainder over the strata (ties: stratum label ascending). The result depends
only on the set of (code, stratum) pairs, never on the order in which they are listed.
"""

import array
import hashlib
import itertools
import math
import operator
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._parallel import pausing_gc
from .errors import DrawError
from .rfc3797 import make_key

METHOD = "hashrank"
VERSION = "3"  # the version new draws use
VERSIONS = ("1", "2", "3")  # the versions a record may name (version 3 ranks as version 2; see task_order)
SEED_PREFIX = b"fazhi/hashrank/1\n"  # version 1
STREAM_PREFIX = b"fazhi/hashrank/2\n"  # versions 2 and 3
ORDER_PREFIX = b"fazhi/order/1\n"  # version 3 (and rfc3797 version 2): the task order
VALUE_BYTES = 8  # versions 2 and 3: random bytes per member


def seed_from_sources(sources: Iterable[Iterable[int]]) -> bytes:
    """Version 1: the 32-byte seed of the ranking, SHA-256 of the domain prefix and the RFC 3797 key."""
    return hashlib.sha256(SEED_PREFIX + make_key(sources).encode("ascii")).digest()


def rank_key(seed: bytes, code: str) -> bytes:
    """Version 1: SHA-256(seed ‖ UTF-8 code) followed by the UTF-8 code: smaller ranks first."""
    raw = code.encode("utf-8")
    return hashlib.sha256(seed + raw).digest() + raw


def stratum_stream(key: str, stratum: str, size: int) -> bytes:
    """Version 2: 8 random bytes for each of the `size` members of a stratum, in the order of their codes."""
    label = STREAM_PREFIX + key.encode("ascii") + b"\n" + stratum.encode("utf-8")
    return hashlib.shake_256(label).digest(VALUE_BYTES * size)


def task_order(key: str, codes: Sequence[str]) -> list[str]:
    """Version 3: the drawn codes, given sorted, in the order of their random keys (docs/draw-algorithm.md 4.3).

    The code at position i gets the 8 bytes 8i…8i+7 of SHAKE-256("fazhi/order/1\\n" ‖ key), read as a
    big-endian integer; tasks go by (that integer, code). A task's place does not depend on its stratum.
    """
    values = array.array("Q", hashlib.shake_256(ORDER_PREFIX + key.encode("ascii")).digest(VALUE_BYTES * len(codes)))
    if sys.byteorder == "little":
        values.byteswap()
    return list(map(codes.__getitem__, sorted(range(len(codes)), key=values.__getitem__)))  # stable: code order


_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?", re.ASCII)


def parse_ratio(value: object, stratum: str = "") -> Fraction:
    """A sampling ratio as an exact fraction in [0, 1], from a decimal string such as "0.03"."""
    if isinstance(value, Fraction):
        ratio = value
    elif isinstance(value, str):
        # Only what docs/draw-algorithm.md allows (ASCII digits, one optional point), so that every
        # implementation reads a ratio alike: Fraction() alone would also take "1/3", "1e-1" or " .5".
        if not _DECIMAL.fullmatch(value):
            raise DrawError("ratio", f"分层“{stratum}”的抽取比例“{value}”不是十进制数，须写成如 \"0.05\"。")
        ratio = Fraction(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        ratio = Fraction(value)
    else:
        raise DrawError("ratio", f"分层“{stratum}”的抽取比例须写成十进制字符串，如 \"0.05\"，而不是 {value!r}。")
    if not 0 <= ratio <= 1:
        raise DrawError("ratio", f"分层“{stratum}”的抽取比例{value}须在0到1之间。")
    return ratio


def quotas(counts: Mapping[str, int], ratios: Mapping[str, object]) -> dict[str, int]:
    """Per-stratum quotas: ratio × count, rounded by largest remainder (total rounded half up).

    total = floor(Σ exact + 1/2); each stratum gets floor(exact); the rest go one each to the strata
    with the largest fractional parts, ties broken by stratum label ascending (code point order).
    """
    missing = sorted(set(counts) - set(ratios))
    if missing:
        raise DrawError("ratio", f"分层“{missing[0]}”没有规定抽取比例。")
    exact = {s: parse_ratio(ratios[s], s) * counts[s] for s in counts}
    floors = {s: int(e) for s, e in exact.items()}  # exact ≥ 0, so int() is floor
    total = int(sum(exact.values(), Fraction(0)) + Fraction(1, 2))
    extra = total - sum(floors.values())
    by_remainder = sorted(exact, key=lambda s: (-(exact[s] - floors[s]), s))
    result = dict(floors)
    for s in by_remainder[:extra]:
        result[s] += 1
    return dict(sorted(result.items()))


@dataclass(frozen=True)
class EntityDraw:
    """The outcome of the entity draw."""

    eligible: dict[str, int]  # members per stratum after the exemption rule
    quotas: dict[str, int]
    selected: dict[str, list[str]]  # per stratum, in rank order
    tasks: list[str]  # every selected code, in rank order across strata (the order of assignment)


def check_pool(pool: Mapping[str, Sequence[str]]) -> None:
    """Reject a pool in which a code appears twice (in one stratum or in two)."""
    total = sum(len(codes) for codes in pool.values())
    seen: set[str] = set()
    for codes in pool.values():
        seen.update(codes)
    if len(seen) != total:
        counts: dict[str, int] = {}
        for codes in pool.values():
            for c in codes:
                counts[c] = counts.get(c, 0) + 1
        dup = min(c for c, n in counts.items() if n > 1)
        raise DrawError("pool", f"名录中主体“{dup}”出现了不止一次。")


# --- how the draw is computed fast (the result is exactly the one specified above) ----------------
#
# Only the `quota` smallest ranks of a stratum matter, and the random part of a rank is uniform: so
# only members whose random part falls below a cut-off are made into rank keys, the cut-off chosen
# so that, with overwhelming probability, at least the largest possible quota of eligible members
# fall below it. If fewer do (this is checked, never assumed), the whole stratum is ranked.


def _wanted(most: int) -> int:
    """Members to keep for a quota of at most `most`: 10 standard deviations above it, and some."""
    return most + 10 * math.isqrt(most) + 64


# version 2


def _lowest(stream: bytes, codes: list[str], quota: int, eligible: int, exempt: frozenset,
            n_exempt: int) -> list[tuple[int, str]]:
    """The `quota` lowest (value, code) ranks among the members not exempt (`n_exempt` of them are), ascending.

    Values are the stream read as big-endian 64-bit integers (`array`, in C). Only members whose
    first byte is below a cut-off are ranked, found in C (the first bytes mapped to 0/1 by a table,
    then `compress`); a stable sort by value keeps equal values in position order, which is code
    order. Of the lowest `quota + n_exempt`, the exempt are dropped. If fewer than `quota` remain,
    the whole stratum is ranked.
    """
    values = array.array("Q", stream)
    if sys.byteorder == "little":
        values.byteswap()
    top = -(-_wanted(quota) * 256 // eligible)
    for cut in (top, 256) if top < 256 else (256,):
        if cut < 256:
            below = stream[::VALUE_BYTES].translate(b"\x01" * cut + b"\x00" * (256 - cut))
            ranked: Iterable[int] = itertools.compress(range(len(codes)), below)
        else:
            ranked = range(len(codes))
        head = sorted(ranked, key=values.__getitem__)[:quota + n_exempt]
        if n_exempt:
            head = list(itertools.compress(head, map(operator.not_, map(exempt.__contains__,
                                                                        map(codes.__getitem__, head)))))
        if len(head) >= quota:
            break
    head = head[:quota]
    return list(zip(map(values.__getitem__, head), map(codes.__getitem__, head), strict=True))


def _draw_v2(pool: Mapping[str, Sequence[str]], ratios: Mapping[str, object], sources: Iterable[Iterable[int]],
             exempt: frozenset, presorted: bool = False, ordered: bool = False) -> EntityDraw:
    """Versions 2 and 3 (`ordered`: the tasks by task_order instead of by rank)."""
    key = make_key(sources)
    strata = pool if presorted else {s: sorted(codes) for s, codes in pool.items()}  # one pass when already sorted
    n_exempt = {s: len(exempt.intersection(codes)) if exempt else 0 for s, codes in strata.items()}
    eligible = {s: len(codes) - n_exempt[s] for s, codes in strata.items()}
    quota = quotas(eligible, ratios)
    chosen = {s: _lowest(stratum_stream(key, s, len(codes)), codes, quota[s], eligible[s], exempt, n_exempt[s])
              if quota[s] else [] for s, codes in strata.items()}
    code = operator.itemgetter(1)
    selected = {s: list(map(code, chosen[s])) for s in sorted(chosen)}
    if ordered:  # each stratum's selection sorted (a short sort), then merged (runs: in C)
        tasks = task_order(key, sorted(itertools.chain.from_iterable(map(sorted, selected.values()))))
    else:
        tasks = list(map(code, sorted(itertools.chain.from_iterable(chosen.values()))))  # by (value, code)
    return EntityDraw(eligible=dict(sorted(eligible.items())), quotas=quota, selected=selected, tasks=tasks)


# version 1

ALL = b"\xff" * 33  # a cut-off above every 32-byte digest: keep every member
NONE = b""  # a cut-off below every digest: keep none (exempt members are still counted)


def _cutoff(size: int, ratio: Fraction, exempt: int) -> bytes:
    """An 8-byte prefix: members whose digest sorts below it are kept by the scan."""
    most = math.ceil(ratio * size)  # no quota exceeds ceil(ratio × eligible) ≤ this
    if most == 0:
        return NONE
    fewest = size - min(exempt, size)  # eligible members, at least
    want = _wanted(most)
    if want >= fewest:
        return ALL
    return (-(-(want << 64) // fewest)).to_bytes(8, "big")  # ceil(want / fewest × 2^64) < 2^64


def _scan(seed: bytes, codes: Sequence[str], cut: bytes, exempt: frozenset) -> tuple[int, list[bytes]]:
    """(members of `codes` that are exempt, rank keys of the others whose digest sorts below `cut`), sorted."""
    n_exempt = len(exempt.intersection(codes)) if exempt else 0
    if cut == NONE:
        return n_exempt, []
    copy = hashlib.sha256(seed).copy  # SHA-256(seed ‖ code): the seed's state is hashed once, then copied
    # the hot loop: one SHA-256 per member; a rank key (digest ‖ UTF-8 code) only for those below the cut-off
    keys = [d + e for c in codes if ((h := copy()).update(e := c.encode()) or (d := h.digest())) < cut
            and c not in exempt]
    keys.sort()
    return n_exempt, keys


def _drawn_v1(eligible: dict[str, int], quota: dict[str, int], chosen: dict[str, list[bytes]],
              width: int) -> EntityDraw:
    """The draw from each stratum's drawn rank keys (random part of `width` bytes ‖ UTF-8 code), sorted."""
    selected: dict[str, list[str]] = {}
    every_key: list[bytes] = []
    every_code: list[str] = []
    cut = itertools.repeat(slice(width, None))
    for s in sorted(chosen):  # each code decoded once, for both lists
        keys = chosen[s]
        selected[s] = list(map(bytes.decode, map(operator.getitem, keys, cut)))
        every_key += keys
        every_code += selected[s]
    order = sorted(range(len(every_key)), key=every_key.__getitem__)  # the strata's sorted lists, merged
    return EntityDraw(eligible=dict(sorted(eligible.items())), quotas=quota, selected=selected,
                      tasks=[every_code[i] for i in order])


def _draw_v1(pool: Mapping[str, Sequence[str]], ratios: Mapping[str, object], sources: Iterable[Iterable[int]],
             exempt: frozenset) -> EntityDraw:
    seed = seed_from_sources(sources)
    sizes = {s: len(codes) for s, codes in pool.items()}
    quotas(sizes, ratios)  # a missing or invalid ratio is refused before any hashing
    scans = {s: _scan(seed, codes, _cutoff(len(codes), parse_ratio(ratios[s], s), len(exempt)), exempt)
             for s, codes in pool.items()}
    eligible = {s: len(pool[s]) - n_exempt for s, (n_exempt, _keys) in scans.items()}
    quota = quotas(eligible, ratios)
    chosen: dict[str, list[bytes]] = {}
    for s, (_n_exempt, keys) in scans.items():
        if len(keys) < quota[s]:  # the cut-off was too tight: rank the whole stratum
            keys = _scan(seed, pool[s], ALL, exempt)[1]
        chosen[s] = keys[:quota[s]]
    return _drawn_v1(eligible, quota, chosen, hashlib.sha256().digest_size)


@pausing_gc
def draw_entities(pool: Mapping[str, Sequence[str]], ratios: Mapping[str, object],
                  sources: Iterable[Iterable[int]], exempt: Iterable[str] = (), *,
                  assume_unique: bool = False, version: str = VERSION, presorted: bool = False) -> EntityDraw:
    """Draw entities: exemption first, then per-stratum quotas, then the lowest rank keys per stratum.

    `assume_unique` skips the duplicate check when the caller has already made it (the commitment does);
    `presorted`, also the commitment's: each list of codes is strictly ascending (version 2 sorts otherwise).
    """
    if version not in VERSIONS:
        raise DrawError("method", f"不支持的 hashrank 版本：{version!r}。")
    if not assume_unique:
        check_pool(pool)
    exempt = exempt if isinstance(exempt, frozenset) else frozenset(exempt)
    sources = [list(numbers) for numbers in sources]
    if version == "1":
        return _draw_v1(pool, ratios, sources, exempt)
    return _draw_v2(pool, ratios, sources, exempt, presorted, ordered=version == "3")

"""The scalable draw ("hashrank"): stratified sampling by ranking every member by a keyed SHA-256.

Pure Python, no Django import. Specified in docs/draw-algorithm.md:

- seed = SHA-256("fazhi/hashrank/1\\n" ‖ RFC 3797 key of the sources, ASCII);
- rank key of a member = SHA-256(seed ‖ UTF-8 code) ‖ UTF-8 code, compared as bytes;
- per stratum, the members not exempt are ranked ascending and the first `quota` are drawn;
- quotas by largest remainder over the strata (ties: stratum label ascending).

The result depends only on the set of (code, stratum) pairs, never on their order.
"""

import hashlib
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import DrawError
from .rfc3797 import make_key

METHOD = "hashrank"
VERSION = "1"
SEED_PREFIX = b"fazhi/hashrank/1\n"


def seed_from_sources(sources: Iterable[Iterable[int]]) -> bytes:
    """The 32-byte seed of the ranking: SHA-256 of the domain prefix and the RFC 3797 key."""
    return hashlib.sha256(SEED_PREFIX + make_key(sources).encode("ascii")).digest()


def rank_key(seed: bytes, code: str) -> bytes:
    """SHA-256(seed ‖ UTF-8 code) followed by the UTF-8 code: smaller ranks first."""
    raw = code.encode("utf-8")
    return hashlib.sha256(seed + raw).digest() + raw


def parse_ratio(value: object, stratum: str = "") -> Fraction:
    """A sampling ratio as an exact fraction in [0, 1], from a decimal string such as "0.03"."""
    if isinstance(value, Fraction):
        ratio = value
    elif isinstance(value, str):
        try:
            ratio = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise DrawError("ratio", f"分层“{stratum}”的抽取比例“{value}”不是数字。") from None
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


def _smallest(keys: list[bytes], n: int) -> list[bytes]:
    if n <= 0:
        return []
    if n * 8 < len(keys):
        return heapq.nsmallest(n, keys)
    keys.sort()
    return keys[:n]


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


def draw_entities(pool: Mapping[str, Sequence[str]], ratios: Mapping[str, object],
                  sources: Iterable[Iterable[int]], exempt: Iterable[str] = (), *,
                  assume_unique: bool = False) -> EntityDraw:
    """Draw entities: exemption first, then per-stratum quotas, then the lowest rank keys per stratum.

    `assume_unique` skips the duplicate check when the caller has already made it (the commitment does).
    """
    if not assume_unique:
        check_pool(pool)
    seed = seed_from_sources(sources)
    exempt_set = frozenset(exempt)
    sha = hashlib.sha256
    eligible: dict[str, int] = {}
    ranked: dict[str, list[bytes]] = {}
    for stratum, codes in pool.items():
        if exempt_set:
            codes = [c for c in codes if c not in exempt_set]
        # the hot loop: one SHA-256 per member
        ranked[stratum] = [sha(seed + raw).digest() + raw for raw in map(str.encode, codes)]
        eligible[stratum] = len(ranked[stratum])
    quota = quotas(eligible, ratios)
    chosen = {s: _smallest(ranked[s], quota[s]) for s in sorted(ranked)}
    selected = {s: [k[32:].decode("utf-8") for k in keys] for s, keys in chosen.items()}
    tasks = [k[32:].decode("utf-8") for k in heapq.merge(*chosen.values())]
    return EntityDraw(eligible=dict(sorted(eligible.items())), quotas=quota, selected=selected, tasks=tasks)

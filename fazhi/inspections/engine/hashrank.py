"""The scalable draw ("hashrank"): stratified sampling by ranking every member by a keyed SHA-256.

Pure Python, no Django import. Specified in docs/draw-algorithm.md:

- seed = SHA-256("fazhi/hashrank/1\\n" ‖ RFC 3797 key of the sources, ASCII);
- rank key of a member = SHA-256(seed ‖ UTF-8 code) ‖ UTF-8 code, compared as bytes;
- per stratum, the members not exempt are ranked ascending and the first `quota` are drawn;
- quotas by largest remainder over the strata (ties: stratum label ascending).

The result depends only on the set of (code, stratum) pairs, never on their order.
"""

import functools
import hashlib
import itertools
import math
import operator
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._parallel import Child, pausing_gc, processes
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
# Only the `quota` smallest ranks of a stratum matter, and digests are uniform: so the scan keeps
# only members whose digest falls below a cut-off chosen so that, with overwhelming probability,
# at least the largest possible quota of eligible members fall below it. If fewer do (this is
# checked, never assumed), the whole stratum is ranked again without a cut-off. The scan can be
# split into pieces ranked by forked helper processes (`_parallel`); the pieces' survivors are
# simply pooled, so the result is the same however the work was split.

ALL = b"\xff" * 33  # a cut-off above every 32-byte digest: keep every member
NONE = b""  # a cut-off below every digest: keep none (exempt members are still counted)
CHUNK = 20_000  # members per piece handed to a process


def _cutoff(size: int, ratio: Fraction, exempt: int) -> bytes:
    """An 8-byte prefix: members whose digest sorts below it are kept by the scan."""
    most = math.ceil(ratio * size)  # no quota exceeds ceil(ratio × eligible) ≤ this
    if most == 0:
        return NONE
    fewest = size - min(exempt, size)  # eligible members, at least
    want = most + 10 * math.isqrt(most) + 64  # expected survivors: 10 standard deviations above the largest quota
    if want >= fewest:
        return ALL
    return (-(-(want << 64) // fewest)).to_bytes(8, "big")  # ceil(want / fewest × 2^64) < 2^64


def _scan(seed: bytes, codes: Sequence[str], cut: bytes, exempt: frozenset) -> tuple[int, list[bytes]]:
    """(members of `codes` that are exempt, rank keys of the others whose digest sorts below `cut`)."""
    if cut == NONE:
        return (len(exempt.intersection(codes)) if exempt else 0), []
    copy = hashlib.sha256(seed).copy  # SHA-256(seed ‖ code): the seed's state is hashed once, then copied
    # the hot loop: one SHA-256 per member; a rank key (digest ‖ UTF-8 code) only for those below the
    # cut-off (and not exempt: tested only for those few); exempt members counted by a set intersection
    keys = [d + e for c in codes if ((h := copy()).update(e := c.encode()) or (d := h.digest())) < cut
            and c not in exempt]
    keys.sort()  # here, so that shares ranked in other processes arrive sorted and are merged, not sorted again
    return (len(exempt.intersection(codes)) if exempt else 0), keys


class Ranking:
    """One entity draw: `scan(k, n)` ranks the k-th of n shares of every stratum; `select` combines shares."""

    def __init__(self, pool: Mapping[str, Sequence[str]], ratios: Mapping[str, object],
                 sources: Iterable[Iterable[int]], exempt: Iterable[str] = ()):
        self.pool = pool
        self.ratios = ratios
        self.seed = seed_from_sources(sources)
        self.exempt = exempt if isinstance(exempt, frozenset) else frozenset(exempt)
        sizes = {s: len(codes) for s, codes in pool.items()}
        quotas(sizes, ratios)  # a missing or invalid ratio is refused before any hashing
        self.cuts = {s: _cutoff(n, parse_ratio(ratios[s], s), len(self.exempt)) for s, n in sizes.items()}
        self.size = sum(sizes.values())

    def scan(self, k: int = 0, n: int = 1) -> dict[str, tuple[int, list[bytes]]]:
        """The k-th of n contiguous shares of every stratum, scanned (sliced here, so a child touches only its own)."""
        shares = {}
        for stratum, codes in self.pool.items():
            size = len(codes)
            share = codes if n == 1 else codes[size * k // n:size * (k + 1) // n]
            shares[stratum] = _scan(self.seed, share, self.cuts[stratum], self.exempt)
        return shares

    def select(self, scans: Iterable[dict[str, tuple[int, list[bytes]]]]) -> EntityDraw:
        """Quotas from the exact eligible counts, then the lowest ranks per stratum, then the task order."""
        scans = list(scans)
        eligible = {s: len(codes) - sum(scan[s][0] for scan in scans if s in scan) for s, codes in self.pool.items()}
        quota = quotas(eligible, self.ratios)
        chosen: dict[str, list[bytes]] = {}
        for s in sorted(self.pool):
            kept = [k for scan in scans if s in scan for k in scan[s][1]]
            if len(kept) < quota[s]:  # the cut-off was too tight: rank the whole stratum
                kept = _scan(self.seed, self.pool[s], ALL, self.exempt)[1]
            kept.sort()  # each share is sorted already: this merges them
            chosen[s] = kept[:quota[s]]
        selected: dict[str, list[str]] = {}
        every_key: list[bytes] = []
        every_code: list[str] = []
        for s, keys in chosen.items():  # each code decoded once, for both lists
            selected[s] = list(map(bytes.decode, map(operator.getitem, keys, itertools.repeat(slice(32, None)))))
            every_key += keys
            every_code += selected[s]
        order = sorted(range(len(every_key)), key=every_key.__getitem__)  # the strata's sorted lists, merged
        tasks = [every_code[i] for i in order]
        return EntityDraw(eligible=dict(sorted(eligible.items())), quotas=quota, selected=selected, tasks=tasks)

    def chunks(self) -> list[tuple[str, int, int]]:
        """(stratum, start, end): the pool cut into at most 255 pieces of about CHUNK members."""
        pieces = []
        for stratum, codes in self.pool.items():
            n = len(codes)
            step = max(CHUNK, -(-self.size // 255))
            pieces += [(stratum, start, min(start + step, n)) for start in range(0, n, step)]
        return pieces

    def scan_chunks(self, tokens: int, pieces: list[tuple[str, int, int]]) -> tuple[list[int], dict]:
        """Scan pieces, one at a time, for as long as the pipe `tokens` hands out piece numbers (one byte each:
        a read from a pipe is atomic, so each piece goes to exactly one process). (pieces done, scan)."""
        done: list[int] = []
        exempt_counts = dict.fromkeys(self.pool, 0)
        keys: dict[str, list[bytes]] = {s: [] for s in self.pool}
        while token := os.read(tokens, 1):
            stratum, start, end = pieces[token[0]]
            n_exempt, kept = _scan(self.seed, self.pool[stratum][start:end], self.cuts[stratum], self.exempt)
            exempt_counts[stratum] += n_exempt
            keys[stratum] += kept
            done.append(token[0])
        for kept in keys.values():
            kept.sort()  # sorted runs: merged here, in this process
        return done, {s: (exempt_counts[s], keys[s]) for s in self.pool}

    def run(self, processes: int = 1, also: Callable[[], object] | None = None) -> tuple[EntityDraw, Child]:
        """Scan, in `processes` processes, and select. `also` runs in the first child after its scanning (or
        here, when asked for): the returned Child, still open, gives its result; the caller closes it.

        The processes take pieces of the pool from a shared pipe until none are left, so a process that
        gets less CPU (a busy machine) simply scans fewer pieces. Pieces whose results never arrive (a
        child that failed) are scanned here.
        """
        if processes < 2:
            return self.select([self.scan()]), Child([also] if also is not None else [], fork=False)
        pieces = self.chunks()
        read, write = os.pipe()
        try:
            os.write(write, bytes(range(len(pieces))))
        finally:
            os.close(write)
        first = others = None
        try:
            scan = functools.partial(self.scan_chunks, read, pieces)
            first = Child([scan, also] if also is not None else [scan])
            others = [Child([scan]) for _ in range(2, processes)]
            results = [self.scan_chunks(read, pieces), first.result()] + [other.result() for other in others]
            done = {i for ids, _scan in results for i in ids}
            missing = [i for i in range(len(pieces)) if i not in done]
            scans = [scan for _ids, scan in results]
            if missing:  # a child failed: its pieces, here
                scans += [{s: _scan(self.seed, self.pool[s][a:b], self.cuts[s], self.exempt)}
                          for s, a, b in (pieces[i] for i in missing)]
            return self.select(scans), first
        except BaseException:
            if first is not None:
                first.close()
            raise
        finally:
            os.close(read)
            for other in others or ():
                other.close()


@pausing_gc
def draw_entities(pool: Mapping[str, Sequence[str]], ratios: Mapping[str, object],
                  sources: Iterable[Iterable[int]], exempt: Iterable[str] = (), *,
                  assume_unique: bool = False) -> EntityDraw:
    """Draw entities: exemption first, then per-stratum quotas, then the lowest rank keys per stratum.

    `assume_unique` skips the duplicate check when the caller has already made it (the commitment does).
    Large pools are ranked in several processes (see `_parallel`); the result is the same.
    """
    if not assume_unique:
        check_pool(pool)
    ranking = Ranking(pool, ratios, sources, exempt)
    drawn, child = ranking.run(processes(ranking.size))
    child.close()
    return drawn

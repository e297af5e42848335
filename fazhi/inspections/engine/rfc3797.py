"""RFC 3797 "Publicly Verifiable Nominations Committee (NomCom) Random Selection", section 4.

Pure Python, no Django import. The key is built from the public random sources; selection i
(i = 0, 1, …) takes MD5(i as 2 bytes big-endian ‖ key ‖ the same 2 bytes), reads the digest as
an unsigned big-endian integer, and picks the member at (value mod remaining) in the list of
members not yet selected, which keeps the original order.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import DrawError

METHOD = "rfc3797"
VERSION = "2"  # what new draw records use: one selection per stratum (docs/draw-algorithm.md 3.2); "1" verifies
MAX_SELECTIONS = 1 << 16  # the selection index is written as two bytes (RFC 3797 section 4)


@dataclass(frozen=True)
class Selection:
    """One round of an RFC 3797 draw."""

    round: int  # 1-based, as the RFC prints it
    position: int  # 1-based position of the member in the pool as given
    member: str
    md5: str  # lowercase hex of the 16-byte digest

    def as_dict(self) -> dict:
        return {"round": self.round, "position": self.position, "member": self.member, "md5": self.md5}


def parse_sources(text: str) -> list[list[int]]:
    """Sources from a seeds file: one source per line, numbers separated by blanks; `#` and blank lines ignored."""
    sources: list[list[int]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        numbers = []
        for word in stripped.split():
            if not word.isascii() or not word.isdigit():
                raise DrawError("source", f"随机源第{lineno}行“{word}”不是非负整数。")
            numbers.append(int(word))
        sources.append(numbers)
    return sources


def make_key(sources: Iterable[Iterable[int]]) -> str:
    """The RFC 3797 key: each source's numbers ascending, each as decimal + ".", each source closed by "/"."""
    parts = []
    for index, source in enumerate(sources, start=1):
        numbers = list(source)
        if not numbers:
            raise DrawError("source", f"第{index}个随机源没有数字。")
        for n in numbers:
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise DrawError("source", f"第{index}个随机源含有非法数值：{n!r}（只接受非负整数）。")
        parts.append("".join(f"{n}." for n in sorted(numbers)) + "/")
    if not parts:
        raise DrawError("source", "没有随机源：至少需要一个公开随机源。")
    return "".join(parts)


def round_digest(key: bytes, i: int) -> bytes:
    """MD5 of (i as 2 bytes big-endian) + key + (the same 2 bytes)."""
    prefix = i.to_bytes(2, "big")
    return hashlib.md5(prefix + key + prefix).digest()


def select(pool: Sequence[str], count: int, sources: Iterable[Iterable[int]], first_round: int = 0) -> list[Selection]:
    """Select `count` members of `pool` (kept in the given order) as RFC 3797 does, with the rounds numbered
    from `first_round` (0-based; a draw of several strata continues the count, docs/draw-algorithm.md 3.2)."""
    key = make_key(sources).encode("ascii")
    if count < 0:
        raise DrawError("count", "抽取数量不能为负数。")
    if count > len(pool):
        raise DrawError("count", f"抽取数量{count}超过名单人数{len(pool)}。")
    if first_round + count > MAX_SELECTIONS:
        raise DrawError("count", f"RFC 3797 的轮次编号只有两个字节，最多抽取{MAX_SELECTIONS}个。")
    remaining = list(range(len(pool)))  # indexes into pool, original order kept
    chosen: list[Selection] = []
    for i in range(first_round, first_round + count):
        digest = round_digest(key, i)
        index = remaining.pop(int.from_bytes(digest, "big") % len(remaining))
        chosen.append(Selection(round=i + 1, position=index + 1, member=pool[index], md5=digest.hex()))
    return chosen

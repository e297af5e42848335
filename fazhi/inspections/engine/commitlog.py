"""The commitment log: every published commit hash in a hash chain (docs/draw-algorithm.md, section 11).

A line per commitment, five fields and the entry's hash, separated by tabs:

    position  committed_at  plan  commit_sha256  previous_sha256  entry_sha256

`entry_sha256` is SHA-256 of the first five fields joined by tabs (UTF-8); `previous_sha256` is the
entry hash of the line before (64 zeros for the first). Whoever keeps a copy of the log, or only its
last entry hash (the head), can tell later whether an entry was changed, removed or inserted: the
chain from that entry on no longer holds, or the head they kept is no longer in it.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64  # the previous_sha256 of the first entry
HEX64 = re.compile(r"[0-9a-f]{64}")
FIELDS = 6


@dataclass(frozen=True)
class Entry:
    position: int
    committed_at: str
    plan: str
    commit_sha256: str
    previous_sha256: str
    entry_sha256: str

    def line(self) -> str:
        return "\t".join([str(self.position), self.committed_at, self.plan, self.commit_sha256,
                          self.previous_sha256, self.entry_sha256])


def entry_sha256(position: int, committed_at: str, plan: str, commit_sha256: str, previous_sha256: str) -> str:
    """The hash of an entry: SHA-256 of its first five fields joined by tabs."""
    text = "\t".join([str(position), committed_at, plan, commit_sha256, previous_sha256])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def next_entry(previous: Entry | None, committed_at: str, plan: str, commit_sha256: str) -> Entry:
    """The entry that follows `previous` (None: the first) for a new commitment."""
    for name, value in (("committed_at", committed_at), ("plan", plan)):
        if not value or any(c in value for c in "\t\r\n"):
            raise ValueError(f"{name} must be non-empty text without tabs or line breaks: {value!r}")
    if not HEX64.fullmatch(commit_sha256):
        raise ValueError(f"commit_sha256 must be 64 lowercase hex digits: {commit_sha256!r}")
    position = previous.position + 1 if previous else 1
    before = previous.entry_sha256 if previous else GENESIS
    return Entry(position, committed_at, plan, commit_sha256, before,
                 entry_sha256(position, committed_at, plan, commit_sha256, before))


def dumps(entries: Iterable[Entry]) -> str:
    """The log as a file: one line per entry, each ending with a line break."""
    return "".join(f"{entry.line()}\n" for entry in entries)


# What verify() finds wrong with a log (the published copy, or the platform's own).
WRONG_FIELD_COUNT = "第{line}行：应有{expected}个以制表符分隔的字段，实有{actual}个。"
WRONG_POSITION = "第{line}行：序号应为{expected}，实为“{actual}”。"
COMMIT_NOT_HEX = "第{line}行：承诺哈希不是64位小写十六进制数。"
CHAIN_BROKEN = "第{line}行：前一条目哈希与上一行的条目哈希不符（条目被改动、删除或插入）。"
ENTRY_HASH_WRONG = "第{line}行：条目哈希与本行内容不符（应为{expected}）。"
HEAD_MISSING = "此前公布的条目哈希 {head} 不在登记簿中：登记簿在该条目之前的内容已被改写。"


def verify(text: str, head: str | None = None) -> tuple[list[Entry], list[str]]:
    """The log's entries and what is wrong with it (nothing: the chain holds).

    `head`: an entry hash seen earlier (a copy of the log, a printed announcement); it must be in the
    chain, otherwise what was logged up to it has been rewritten.
    """
    entries: list[Entry] = []
    problems: list[str] = []
    previous = GENESIS
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != FIELDS:
            problems.append(WRONG_FIELD_COUNT.format(line=number, expected=FIELDS, actual=len(fields)))
            continue
        position, committed_at, plan, commit, before, digest = fields
        if not position.isdigit() or int(position) != len(entries) + 1:
            problems.append(WRONG_POSITION.format(line=number, expected=len(entries) + 1, actual=position))
        if not HEX64.fullmatch(commit):
            problems.append(COMMIT_NOT_HEX.format(line=number))
        if before != previous:
            problems.append(CHAIN_BROKEN.format(line=number))
        expected = entry_sha256(int(position) if position.isdigit() else 0, committed_at, plan, commit, before)
        if digest != expected:
            problems.append(ENTRY_HASH_WRONG.format(line=number, expected=expected))
        entries.append(Entry(int(position) if position.isdigit() else 0, committed_at, plan, commit, before, digest))
        previous = digest
    if head is not None and head not in {entry.entry_sha256 for entry in entries}:
        problems.append(HEAD_MISSING.format(head=head))
    return entries, problems

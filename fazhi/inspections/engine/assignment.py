"""Inspector assignment: a team for every drawn entity, deterministic from the public sources.

Pure Python, no Django import. For each task in order, the team is filled one seat at a time with
the inspector who minimises (current load, SHA-256(seed ‖ UTF-8 "<load>\\n<id>"), id) among those
with load below the cap, not conflicted with the entity, not already in the team and — in a joint
plan — not from a department already in the team. Loads therefore stay within one of each other
unless conflicts or departments force otherwise, and the pairing changes at every load level.
"""

import hashlib
import heapq
import itertools
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ._parallel import pausing_gc
from .errors import DrawError
from .rfc3797 import make_key

SEED_PREFIX = b"fazhi/assign/1\n"
# 行政处罚法（2021）第四十二条：执法人员不得少于两人，法律另有规定的除外。
MIN_TEAM_SIZE = 2


@dataclass(frozen=True, order=True)
class Inspector:
    """An inspector eligible on the inspection date (valid certificate), with the department."""

    id: str
    department: str


def seed_from_sources(sources: Iterable[Iterable[int]]) -> bytes:
    """The 32-byte seed of the assignment: SHA-256 of its domain prefix and the RFC 3797 key."""
    return hashlib.sha256(SEED_PREFIX + make_key(sources).encode("ascii")).digest()


def priority(seed: bytes, load: int, inspector_id: str) -> bytes:
    """The tie-break among inspectors of equal load: SHA-256(seed ‖ UTF-8 "<load>\\n<id>")."""
    return hashlib.sha256(seed + f"{load}\n{inspector_id}".encode()).digest()


def _check(tasks: Sequence[str], ids: list[str], departments: list[str], team_size: int, max_tasks: int,
           blocked: dict[str, set[str]], mix_departments: bool) -> None:
    if team_size < MIN_TEAM_SIZE:
        raise DrawError("team_size", f"检查组至少{MIN_TEAM_SIZE}人（行政处罚法第四十二条），参数为{team_size}人。")
    if max_tasks < 1:
        raise DrawError("max_tasks", "每名检查人员的任务上限须至少为1。")
    if len(set(ids)) != len(ids):
        dup = min(i for i, n in Counter(ids).items() if n > 1)
        raise DrawError("inspectors", f"检查人员名录中“{dup}”出现了不止一次。")
    if len(set(tasks)) != len(tasks):
        raise DrawError("tasks", "同一主体被列为多项任务。")
    if not tasks:
        return
    needed = len(tasks) * team_size
    capacity = len(ids) * max_tasks
    if capacity < needed:
        raise DrawError("capacity", f"检查人员不足：{len(tasks)}户主体、每组{team_size}人，共需{needed}人次；"
                                    f"证件在有效期内的检查人员{len(ids)}名、每人最多{max_tasks}项，"
                                    f"只能提供{capacity}人次。")
    distinct = set(departments)
    if mix_departments and len(distinct) < team_size:
        raise DrawError("departments", f"联合抽查要求每组成员来自不同部门，但只有{len(distinct)}个部门"
                                       f"有可选检查人员，不足以组成{team_size}人检查组。")
    department_of = dict(zip(ids, departments, strict=True))
    department_size = Counter(department_of.values())
    # An entity can only fail below if its conflicts leave fewer than team_size inspectors, or (joint
    # plans) empty a whole department: both need at least this many conflicted inspectors.
    fewest = min(len(ids) - team_size + 1, min(department_size.values()) if mix_departments else len(ids))
    suspects = {entity for entity, conflicted in blocked.items() if len(conflicted) >= fewest}
    for entity in tasks if suspects else ():
        if entity not in suspects:
            continue
        conflicted = blocked[entity]
        free = len(ids) - len(conflicted)
        if free < team_size:
            raise DrawError("conflicts", f"主体“{entity}”无法组成{team_size}人检查组：{len(ids)}名检查人员中"
                                         f"{len(conflicted)}名须回避，只剩{free}名。")
        if mix_departments:
            emptied = Counter(department_of[i] for i in conflicted)
            left = sum(1 for d, n in department_size.items() if emptied.get(d, 0) < n)
            if left < team_size:
                raise DrawError("departments", f"主体“{entity}”无法组成跨部门检查组：回避后只剩"
                                               f"{left}个部门的检查人员。")


@pausing_gc
def assign(tasks: Sequence[str], inspectors: Sequence[Inspector], sources: Iterable[Iterable[int]], *,
           team_size: int, max_tasks: int, conflicts: Iterable[tuple[str, str]] = (),
           mix_departments: bool = False) -> dict[str, tuple[str, ...]]:
    """Teams for `tasks` (entity codes, in task order); raises DrawError naming the constraint if infeasible."""
    teams = assign_lists(tasks, [i.id for i in inspectors], [i.department for i in inspectors], sources,
                         team_size=team_size, max_tasks=max_tasks, conflicts=conflicts, mix_departments=mix_departments)
    return {entity: tuple(team) for entity, team in zip(tasks, teams, strict=True)}


@pausing_gc
def assign_lists(tasks: Sequence[str], ids: list[str], departments: list[str], sources: Iterable[Iterable[int]], *,
                 team_size: int, max_tasks: int, conflicts: Iterable[Sequence[str]] = (),
                 mix_departments: bool = False) -> list[list[str]]:
    """assign, with the inspectors as parallel lists of ids and departments, and each team as a list, in task order.

    How it is computed (the result is exactly the greedy choice specified above): an inspector's
    priority (load, hash, id) is one bytes key, load (8 bytes, big-endian) ‖ hash ‖ UTF-8 id, so
    comparing keys compares priorities. The inspectors at the lowest load are kept in a list in
    key order and taken from the front (those that cannot serve a task stay where they are, for
    the next task); inspectors with a higher load wait in `later` — a plain list while nobody is
    taken from it, a heap once someone is. When the list is used up, the lowest load in `later`
    becomes the new list. Keys are computed for all inspectors of a load at once.
    """
    known = set(ids)
    conflicts = conflicts if isinstance(conflicts, list | tuple) else list(conflicts)
    # only the conflicts of drawn entities matter: picked out without a Python-level loop
    relevant = itertools.compress(conflicts, map(set(tasks).__contains__, map(operator.itemgetter(1), conflicts)))
    blocked: dict[str, set[str]] = {}
    for inspector_id, entity in relevant:
        if inspector_id in known:
            blocked.setdefault(entity, set()).add(inspector_id)
    _check(tasks, ids, departments, team_size, max_tasks, blocked, mix_departments)
    seed = seed_from_sources(sources)
    raw_ids = [i.encode() for i in ids]
    base = hashlib.sha256(seed)
    keys_by_load: dict[int, list[bytes]] = {}
    who: dict[bytes, int] = {}  # key -> inspector index

    def keys_at(load: int) -> list[bytes]:
        keys = keys_by_load.get(load)
        if keys is None:
            state = base.copy()
            state.update(f"{load}\n".encode())  # priority = SHA-256(seed ‖ "<load>\n" ‖ id)
            copy, prefix = state.copy, load.to_bytes(8, "big")
            keys = keys_by_load[load] = [prefix + ((h := copy()).update(r) or h.digest()) + r for r in raw_ids]
            who.update(zip(keys, range(len(keys)), strict=True))
        return keys

    first = keys_at(0)
    current = sorted(range(len(ids)), key=first.__getitem__)  # inspector indexes at load `level`, in key order
    size, level, pos = len(current), 0, 0  # current[:pos] are all taken
    up = keys_at(1) if max_tasks > 1 else None  # keys one load higher, for those taken from `current`
    taken = -1
    later: list[bytes] = []
    later_is_heap = False
    teams: list[list[str]] = []
    for number, entity in enumerate(tasks, start=1):
        if pos == size and later:  # this load is used up: move on to the lowest load waiting
            lowest = min(later)[:8]
            moved = [k for k in later if k[:8] == lowest]
            later = [k for k in later if k[:8] != lowest] if len(moved) < len(later) else []
            moved.sort()
            current = [who[k] for k in moved]
            size, level, pos, later_is_heap = len(current), int.from_bytes(lowest, "big"), 0, False
            up = keys_at(level + 1) if level + 1 < max_tasks else None
        conflicted = blocked.get(entity)
        team: list[int] = []
        in_team: list[str] = []  # their departments
        promoted: list[tuple[int, int]] = []  # (index, load) of those taken from `later`
        skipped: list[bytes] = []
        j = pos
        while len(team) < team_size:
            while j < size:  # the lowest load first, in key order
                i = current[j]
                j += 1
                if i == taken or (conflicted is not None and ids[i] in conflicted) or (
                        mix_departments and departments[i] in in_team):
                    continue
                current[j - 1] = taken
                break
            else:  # nobody at this load can serve: the smallest key waiting at a higher load
                if not later_is_heap:
                    heapq.heapify(later)
                    later_is_heap = True
                while True:
                    if not later:
                        available = [i for i in current[pos:] if i != taken] + [who[k] for k in skipped]
                        available += team
                        raise DrawError("assignment", _explain(
                            entity, number, team_size, max_tasks, [(ids[i], departments[i]) for i in available],
                            conflicted or set(), mix_departments))
                    key = heapq.heappop(later)
                    i = who[key]
                    if (conflicted is None or ids[i] not in conflicted) and not (
                            mix_departments and departments[i] in in_team):
                        break
                    skipped.append(key)
                promoted.append((i, int.from_bytes(key[:8], "big")))
            team.append(i)
            in_team.append(departments[i])
        for key in skipped:
            heapq.heappush(later, key)
        while pos < size and current[pos] == taken:
            pos += 1
        if promoted:  # (rare) some were taken at a higher load
            load_of = dict(promoted)
            rises = [keys_at(load_of.get(i, level) + 1)[i] for i in team if load_of.get(i, level) + 1 < max_tasks]
        else:
            rises = [up[i] for i in team] if up is not None else []
        if later_is_heap:
            for key in rises:
                heapq.heappush(later, key)
        else:
            later += rises
        teams.append([ids[i] for i in team])
    return teams


def _explain(entity: str, number: int, team_size: int, max_tasks: int, available: list[tuple[str, str]],
             conflicted: set[str], mix_departments: bool) -> str:
    """Why a seat cannot be filled; `available`: (id, department) of every inspector below the cap."""
    n_conflicted = sum(1 for i, _d in available if i in conflicted)
    departments = {d for i, d in available if i not in conflicted}
    text = (f"主体“{entity}”（第{number}项任务）无法组成{team_size}人检查组：任务未满{max_tasks}项的检查人员"
            f"只剩{len(available)}名，其中{n_conflicted}名须回避该主体")
    if mix_departments:
        text += f"，其余来自{len(departments)}个部门（联合抽查要求每组成员来自不同部门）"
    return text + "。可增加检查人员、提高每人任务上限或降低抽取比例后重新抽取。"


def loads(teams: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Tasks per inspector in an assignment."""
    result: dict[str, int] = {}
    for team in teams.values():
        for inspector_id in team:
            result[inspector_id] = result.get(inspector_id, 0) + 1
    return result

"""Inspector assignment: a team for every drawn entity, deterministic from the public sources.

Pure Python, no Django import. For each task in order, the team is filled one seat at a time with
the inspector who minimises (current load, SHA-256(seed ‖ UTF-8 "<load>\\n<id>"), id) among those
with load below the cap, not conflicted with the entity, not already in the team and — in a joint
plan — not from a department already in the team. Loads therefore stay within one of each other
unless conflicts or departments force otherwise, and the pairing changes at every load level.
"""

import hashlib
import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def _check(tasks: Sequence[str], inspectors: Sequence[Inspector], team_size: int, max_tasks: int,
           blocked: dict[str, set[str]], mix_departments: bool) -> None:
    if team_size < MIN_TEAM_SIZE:
        raise DrawError("team_size", f"检查组至少{MIN_TEAM_SIZE}人（行政处罚法第四十二条），参数为{team_size}人。")
    if max_tasks < 1:
        raise DrawError("max_tasks", "每名检查人员的任务上限须至少为1。")
    ids = [i.id for i in inspectors]
    if len(set(ids)) != len(ids):
        dup = min(i for i, n in Counter(ids).items() if n > 1)
        raise DrawError("inspectors", f"检查人员名录中“{dup}”出现了不止一次。")
    if len(set(tasks)) != len(tasks):
        raise DrawError("tasks", "同一主体被列为多项任务。")
    if not tasks:
        return
    needed = len(tasks) * team_size
    capacity = len(inspectors) * max_tasks
    if capacity < needed:
        raise DrawError("capacity", f"检查人员不足：{len(tasks)}户主体、每组{team_size}人，共需{needed}人次；"
                                    f"证件在有效期内的检查人员{len(inspectors)}名、每人最多{max_tasks}项，"
                                    f"只能提供{capacity}人次。")
    departments = {i.department for i in inspectors}
    if mix_departments and len(departments) < team_size:
        raise DrawError("departments", f"联合抽查要求每组成员来自不同部门，但只有{len(departments)}个部门"
                                       f"有可选检查人员，不足以组成{team_size}人检查组。")
    department_of = {i.id: i.department for i in inspectors}
    department_size = Counter(department_of.values())
    for entity in tasks:
        conflicted = blocked.get(entity)
        if not conflicted:
            continue
        free = len(inspectors) - len(conflicted)
        if free < team_size:
            raise DrawError("conflicts", f"主体“{entity}”无法组成{team_size}人检查组：{len(inspectors)}名检查人员中"
                                         f"{len(conflicted)}名须回避，只剩{free}名。")
        if mix_departments:
            emptied = Counter(department_of[i] for i in conflicted)
            left = sum(1 for d, n in department_size.items() if emptied.get(d, 0) < n)
            if left < team_size:
                raise DrawError("departments", f"主体“{entity}”无法组成跨部门检查组：回避后只剩"
                                               f"{left}个部门的检查人员。")


def assign(tasks: Sequence[str], inspectors: Sequence[Inspector], sources: Iterable[Iterable[int]], *,
           team_size: int, max_tasks: int, conflicts: Iterable[tuple[str, str]] = (),
           mix_departments: bool = False) -> dict[str, tuple[str, ...]]:
    """Teams for `tasks` (entity codes, in task order); raises DrawError naming the constraint if infeasible."""
    by_id = {i.id: i for i in inspectors}
    blocked: dict[str, set[str]] = {}
    for inspector_id, entity in conflicts:
        if inspector_id in by_id:
            blocked.setdefault(entity, set()).add(inspector_id)
    _check(tasks, inspectors, team_size, max_tasks, blocked, mix_departments)
    seed = seed_from_sources(sources)
    heap = [(0, priority(seed, 0, i.id), i.id, i.department) for i in inspectors]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    teams: dict[str, tuple[str, ...]] = {}
    no_conflicts: set[str] = set()
    for number, entity in enumerate(tasks, start=1):
        conflicted = blocked.get(entity, no_conflicts)
        team: list[tuple[int, str, str]] = []
        departments: set[str] = set()
        skipped = []
        while len(team) < team_size:
            if not heap:
                for item in skipped + [(load, priority(seed, load, i), i, d) for load, i, d in team]:
                    push(heap, item)
                raise DrawError("assignment", _explain(entity, number, team_size, max_tasks, heap, conflicted,
                                                       mix_departments))
            item = pop(heap)
            load, _prio, inspector_id, department = item
            if inspector_id in conflicted or (mix_departments and department in departments):
                skipped.append(item)
                continue
            team.append((load, inspector_id, department))
            departments.add(department)
        for item in skipped:
            push(heap, item)
        for load, inspector_id, department in team:
            if load + 1 < max_tasks:
                push(heap, (load + 1, priority(seed, load + 1, inspector_id), inspector_id, department))
        teams[entity] = tuple(inspector_id for _load, inspector_id, _d in team)
    return teams


def _explain(entity: str, number: int, team_size: int, max_tasks: int, heap: list, conflicted: set[str],
             mix_departments: bool) -> str:
    available = len(heap)
    n_conflicted = sum(1 for item in heap if item[2] in conflicted)
    departments = {item[3] for item in heap if item[2] not in conflicted}
    text = (f"主体“{entity}”（第{number}项任务）无法组成{team_size}人检查组：任务未满{max_tasks}项的检查人员"
            f"只剩{available}名，其中{n_conflicted}名须回避该主体")
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

"""Inspector assignment: a team for every drawn entity, deterministic from the public sources.

Pure Python, no Django import. For each task in order, the team is filled one seat at a time with
the inspector who minimises (current load, SHA-256(seed ‖ UTF-8 "<load>\\n<id>"), id) among those
with load below the cap, not conflicted with the entity, not already in the team and — in a joint
plan — not from a department already in the team. Loads therefore stay within one of each other
unless conflicts or departments force otherwise, and the pairing changes at every load level.

That greedy rule is assignment version 1 (docs/draw-algorithm.md 5.1). Version 2 (5.2, `assign_complete`)
fills a seat the greedy rule cannot by a shortest chain of replacements, so it finds teams whenever
any exist; `check_every_draw` is what the platform checks at the commit (5.3).
"""

import hashlib
import heapq
import itertools
import operator
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ._parallel import pausing_gc
from .errors import DrawError
from .rfc3797 import make_key

SEED_PREFIX = b"fazhi/assign/1\n"
# 行政处罚法（2021）第四十二条：执法人员不得少于两人，法律另有规定的除外。
MIN_TEAM_SIZE = 2
LEAD_NEEDS_MIX = "每组须有牵头部门人员（lead_department）只用于联合抽查（mix_departments 为 true）。"


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


def _check_lead(tasks: Sequence[str], ids: list[str], departments: list[str], max_tasks: int,
                blocked: dict[str, set[str]], mix_departments: bool, lead: str) -> None:
    """The lead department's seat (section 5): joint plans only; enough of its inspectors for every task."""
    if not mix_departments:
        raise DrawError("lead", LEAD_NEEDS_MIX)
    members = {i for i, d in zip(ids, departments, strict=True) if d == lead}
    if not members:
        raise DrawError("lead", f"每组须有牵头部门“{lead}”的检查人员，但该部门没有可选的检查人员。")
    if len(members) * max_tasks < len(tasks):
        raise DrawError("capacity", f"牵头部门“{lead}”的检查人员不足：{len(tasks)}户主体每组须有1名该部门人员，"
                                    f"该部门{len(members)}名检查人员每人最多{max_tasks}项，只能承担"
                                    f"{len(members) * max_tasks}项。")
    for entity in tasks:
        if members <= blocked.get(entity, set()):
            raise DrawError("conflicts", f"主体“{entity}”无法组成检查组：牵头部门“{lead}”的检查人员都须回避该主体。")


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
    """assign (version 1, the greedy rule), with the inspectors as parallel lists of ids and departments, and
    each team as a list, in task order."""
    blocked = _blocked(tasks, ids, conflicts)
    _check(tasks, ids, departments, team_size, max_tasks, blocked, mix_departments)
    try:
        teams = _greedy(tasks, ids, departments, seed_from_sources(sources), team_size, max_tasks, blocked,
                        mix_departments)
    except _Stuck as stuck:
        raise DrawError("assignment", str(stuck)) from None
    return [[ids[i] for i in team] for team in teams]


def _blocked(tasks: Sequence[str], ids: list[str], conflicts: Iterable[Sequence[str]]) -> dict[str, set[str]]:
    """Entity -> the ids of the listed inspectors conflicted with it, for the drawn entities only."""
    known = set(ids)
    conflicts = conflicts if isinstance(conflicts, list | tuple) else list(conflicts)
    # only the conflicts of drawn entities matter: picked out without a Python-level loop
    relevant = itertools.compress(conflicts, map(set(tasks).__contains__, map(operator.itemgetter(1), conflicts)))
    blocked: dict[str, set[str]] = {}
    for inspector_id, entity in relevant:
        if inspector_id in known:
            blocked.setdefault(entity, set()).add(inspector_id)
    return blocked


class _Stuck(Exception):
    """The greedy rule found nobody for a seat; the message says why (version 1 raises it as a DrawError)."""


def _greedy(tasks: Sequence[str], ids: list[str], departments: list[str], seed: bytes, team_size: int,
            max_tasks: int, blocked: dict[str, set[str]], mix_departments: bool) -> list[list[int]]:
    """The greedy rule (section 5): each team as inspector indexes, seat by seat; raises _Stuck.

    How it is computed (the result is exactly the greedy choice specified above): an inspector's
    priority (load, hash, id) is one bytes key, load (8 bytes, big-endian) ‖ hash ‖ UTF-8 id, so
    comparing keys compares priorities. The inspectors at the lowest load are kept in a list in
    key order and taken from the front (those that cannot serve a task stay where they are, for
    the next task); inspectors with a higher load wait in `later` — a plain list while nobody is
    taken from it, a heap once someone is. When the list is used up, the lowest load in `later`
    becomes the new list. Keys are computed for all inspectors of a load at once.
    """
    if not tasks:
        return []
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
    teams: list[list[int]] = []
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
                        raise _Stuck(_explain(
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
        teams.append(team)
    return teams


# --- version 2: the greedy rule, and a chain of replacements when it finds nobody ---------------------


def assign_complete(tasks: Sequence[str], inspectors: Sequence[Inspector], sources: Iterable[Iterable[int]], *,
                    team_size: int, max_tasks: int, conflicts: Iterable[tuple[str, str]] = (),
                    mix_departments: bool = False, lead_department: str | None = None) -> dict[str, tuple[str, ...]]:
    """assign with assignment version 2 (section 5.2): teams whenever any exist; with `lead_department`,
    the first seat of every team goes to an inspector of that department."""
    teams = assign_complete_lists(tasks, [i.id for i in inspectors], [i.department for i in inspectors], sources,
                                  team_size=team_size, max_tasks=max_tasks, conflicts=conflicts,
                                  mix_departments=mix_departments, lead_department=lead_department)
    return {entity: tuple(team) for entity, team in zip(tasks, teams, strict=True)}


@pausing_gc
def assign_complete_lists(tasks: Sequence[str], ids: list[str], departments: list[str],
                          sources: Iterable[Iterable[int]], *, team_size: int, max_tasks: int,
                          conflicts: Iterable[Sequence[str]] = (), mix_departments: bool = False,
                          lead_department: str | None = None) -> list[list[str]]:
    """Assignment version 2 (docs/draw-algorithm.md, section 5.2): every seat as the greedy rule fills it, and
    when it finds nobody, a shortest chain of replacements ending with an inspector below the cap. It finds
    teams whenever any exist; otherwise DrawError names the task that cannot be staffed.

    The greedy rule is computed by `_greedy` for as long as it finds someone for every seat (which it does
    unless the input is tight); the first time it does not, the whole assignment is computed again by
    `_complete`, the rule as specified, seat by seat, which gives the same seats up to that point.
    """
    blocked = _blocked(tasks, ids, conflicts)
    _check(tasks, ids, departments, team_size, max_tasks, blocked, mix_departments)
    if lead_department is not None and tasks:
        _check_lead(tasks, ids, departments, max_tasks, blocked, mix_departments, lead_department)
    seed = seed_from_sources(sources)
    try:
        if lead_department is None:
            teams = _greedy(tasks, ids, departments, seed, team_size, max_tasks, blocked, mix_departments)
        else:  # the lead's seat and the others are filled from disjoint groups: the greedy rule runs on each
            lead = [i for i, d in enumerate(departments) if d == lead_department]
            rest = [i for i, d in enumerate(departments) if d != lead_department]
            firsts = _greedy(tasks, [ids[i] for i in lead], [departments[i] for i in lead], seed, 1, max_tasks,
                             blocked, mix_departments)
            others = _greedy(tasks, [ids[i] for i in rest], [departments[i] for i in rest], seed, team_size - 1,
                             max_tasks, blocked, mix_departments)
            teams = [[lead[first[0]], *(rest[i] for i in other)] for first, other in zip(firsts, others, strict=True)]
    except _Stuck:
        teams = _complete(tasks, ids, departments, seed, team_size, max_tasks, blocked, mix_departments,
                          lead_department)
    return [[ids[i] for i in team] for team in teams]


def _complete(tasks: Sequence[str], ids: list[str], departments: list[str], seed: bytes, team_size: int,
              max_tasks: int, blocked: dict[str, set[str]], mix_departments: bool,
              lead_department: str | None = None) -> list[list[int]]:
    """Assignment version 2 as specified: each seat to the allowed inspector below the cap of smallest
    priority; if there is none, a breadth-first search for a chain of replacements (section 5.2)."""
    n = len(ids)
    load = [0] * n
    keys_by_load: dict[int, list[bytes]] = {}
    base = hashlib.sha256(seed)
    raw_ids = [i.encode() for i in ids]

    def keys_at(level: int) -> list[bytes]:  # the priority (load, hash, id) of everyone at `level`, as bytes
        keys = keys_by_load.get(level)
        if keys is None:
            state = base.copy()
            state.update(f"{level}\n".encode())
            copy, prefix = state.copy, level.to_bytes(8, "big")
            keys = keys_by_load[level] = [prefix + ((h := copy()).update(r) or h.digest()) + r for r in raw_ids]
        return keys

    def key(i: int) -> bytes:
        return keys_at(load[i])[i]

    position = {x: i for i, x in enumerate(ids)}
    conflicted = [frozenset(position[x] for x in blocked.get(entity, ())) for entity in tasks]
    teams: list[list[int]] = []
    holds: list[list[tuple[int, int]]] = [[] for _ in range(n)]  # (task, seat) of each inspector's seats

    def allowed(i: int, task: int, seat: int) -> bool:
        """May inspector i sit in `seat` of `task`, whoever sits there now (a new seat: nobody)?"""
        if i in conflicted[task]:
            return False
        department = departments[i]
        if lead_department is not None and (department == lead_department) != (seat == 0):
            return False  # the first seat is the lead department's, and only the first
        return not any(s != seat and (m == i or (mix_departments and departments[m] == department))
                       for s, m in enumerate(teams[task]))

    # inspectors below the cap, by priority: a heap of keys, an entry stale once its inspector's load changed
    heap = list(keys_at(0)) if max_tasks > 0 else []
    heapq.heapify(heap)
    who = dict(zip(keys_at(0), range(n), strict=True))

    def rise(i: int) -> None:
        load[i] += 1
        if load[i] < max_tasks:
            k = key(i)
            who[k] = i
            heapq.heappush(heap, k)

    for task, entity in enumerate(tasks):
        teams.append([])
        for seat in range(team_size):
            skipped = []
            chosen = -1
            while heap:
                k = heapq.heappop(heap)
                i = who[k]
                if k != key(i):  # stale: the load has changed since
                    continue
                if allowed(i, task, seat):
                    chosen = i
                    break
                skipped.append(k)
            for k in skipped:
                heapq.heappush(heap, k)
            if chosen < 0:
                chosen = _chain(task, seat, n, load, max_tasks, key, allowed, teams, holds)
                if chosen < 0:
                    raise DrawError("assignment", _unstaffed(entity, task + 1, team_size, max_tasks,
                                                             mix_departments))
            else:
                teams[task].append(chosen)
                holds[chosen].append((task, seat))
            rise(chosen)
    return teams


def _chain(task: int, seat: int, n: int, load: list[int], cap: int, key, allowed, teams: list[list[int]],
           holds: list[list[tuple[int, int]]]) -> int:
    """Fill `seat` of `task` by a shortest chain of replacements (section 5.2); the inspector whose load
    rises (the chain's last), or -1 if there is no chain.

    Everyone allowed in the seat is at the cap. From each of them, in turn (breadth first): each seat
    they hold, in task order, may go to someone allowed in it once they leave it — the first below
    the cap by priority ends the search; otherwise all those at the cap not yet reached, by priority,
    are searched next.
    """
    by_priority = sorted(range(n), key=key)
    below = [i for i in by_priority if load[i] < cap]
    parent: dict[int, tuple[int, int, int] | None] = {}
    queue: deque[int] = deque()
    for i in by_priority:
        if allowed(i, task, seat):
            parent[i] = None
            queue.append(i)
    end = -1
    while queue and end < 0:
        x = queue.popleft()
        for held, at in sorted(holds[x]):
            end = next((y for y in below if allowed(y, held, at)), -1)
            if end >= 0:
                parent[end] = (x, held, at)
                break
            for y in by_priority:
                if y not in parent and load[y] >= cap and allowed(y, held, at):
                    parent[y] = (x, held, at)
                    queue.append(y)
    if end < 0:
        return -1
    node, touched = end, {task}
    while (step := parent[node]) is not None:
        x, held, at = step
        teams[held][at] = node
        holds[x].remove((held, at))
        holds[node].append((held, at))
        touched.add(held)
        node = x
    teams[task].append(node)
    holds[node].append((task, seat))
    for t in touched:  # a shortest chain never breaks a team (section 5.2): this checks it
        if not all(allowed(member, t, at) for at, member in enumerate(teams[t])):
            raise AssertionError(f"a chain of replacements broke the team of task {t + 1}")
    return end


def check_every_draw(tasks: int, ids: Sequence[str], departments: Sequence[str],
                     conflicts: Iterable[Sequence[str]], *, team_size: int, max_tasks: int | None,
                     mix_departments: bool, lead_department: str | None = None) -> None:
    """Refuse, before the draw, inputs for which some draw of `tasks` entities could not be staffed.

    `conflicts`: (inspector id, entity) pairs of the entities that may be drawn (the pool less the exempt).
    A sufficient condition, not part of the method (docs/draw-algorithm.md, section 5.3): it holds
    for every choice of `tasks` entities, so assignment version 2 — which finds teams whenever any
    exist — never fails at the reveal. It may refuse an input that every possible draw could in fact
    staff, when many entities are conflicted with whole departments.
    """
    if tasks <= 0:
        return
    cap = tasks if max_tasks is None else min(max_tasks, tasks)  # nobody serves more tasks than there are
    department_of = dict(zip(ids, departments, strict=True))
    size = Counter(department_of.values())
    per_entity: dict[str, Counter] = {}
    for inspector_id, entity in set(map(tuple, conflicts)):
        if inspector_id in department_of:
            per_entity.setdefault(entity, Counter())[department_of[inspector_id] if mix_departments else ""] += 1
    if not mix_departments:
        if lead_department is not None:
            raise DrawError("lead", LEAD_NEEDS_MIX)
        _check_inspectors(tasks, len(department_of), sorted((c[""] for c in per_entity.values()), reverse=True),
                          team_size, cap, per_entity)
        return
    seats = team_size  # seats filled from the departments other than the lead's, if the lead has its own
    if lead_department is not None:
        _check_lead(["…"] * tasks, list(department_of), list(department_of.values()), cap, {}, True, lead_department)
        seats -= 1
    excluded = {}  # entity -> departments (but the lead's) every inspector of which is conflicted with it
    for entity, counts in per_entity.items():
        gone = [d for d, n in counts.items() if n >= size[d]]
        if lead_department in gone:
            raise DrawError("conflicts", f"主体“{entity}”若被抽中，将无法组成检查组：牵头部门“{lead_department}”"
                                         f"的检查人员都须回避该主体。")
        if len(size) - len(gone) < team_size:
            raise DrawError("conflicts", f"主体“{entity}”若被抽中，将无法组成{team_size}人跨部门检查组：回避后只剩"
                                         f"{len(size) - len(gone)}个部门的检查人员。")
        excluded[entity] = len(gone)
    # How many entities have exactly k of a department's inspectors conflicted (0 < k < all of them): one
    # pass, then a running sum per department (counting the entities again for every y was quadratic).
    having = {department: Counter() for department in size}
    for counts in per_entity.values():
        for department, k in counts.items():
            if k < size[department]:
                having[department][k] += 1
    for department, n in sorted(size.items()):
        # Inside a department (Hall's condition): any y of its inspectors can take the tasks whose
        # unconflicted inspectors of the department are all among them (n - y <= conflicted < n).
        crowded = 0
        for y in range(1, n):
            crowded += having[department][n - y]
            if cap * y < min(tasks, crowded):
                raise DrawError("conflicts", f"{department}有{crowded}个可能被抽中的主体与该部门至少{n - y}名"
                                             f"检查人员有回避关系，其余{y}名每人最多{cap}项任务，若这些主体被抽中，"
                                             f"将无法安排。")
    # Between departments (max-flow/min-cut): removing x departments, those of least capacity, leaves
    # each task at most min(team_size, departments left less those its conflicts exclude) seats.
    capacities = sorted(n * cap for d, n in size.items() if d != lead_department)
    worst = sorted(excluded.values(), reverse=True)[:tasks]
    worst += [0] * (tasks - len(worst))
    for x in range(len(capacities) + 1):
        found = sum(capacities[:x]) + sum(min(seats, max(0, len(capacities) - x - e)) for e in worst)
        if found < tasks * seats:
            lead = f"（另有1人来自牵头部门{lead_department}）" if lead_department is not None else ""
            raise DrawError("capacity", f"检查人员不足：{tasks}户、每组{seats}人来自不同部门{lead}，共需"
                                        f"{tasks * seats}人次；按各部门人数、每人最多{cap}项任务和回避关系，"
                                        f"最不利的抽取结果只能安排{found}人次。")


def _check_inspectors(tasks: int, n: int, conflicted: list[int], team_size: int, cap: int,
                      per_entity: dict[str, Counter]) -> None:
    """check_every_draw without departments: inspectors one by one (min-cut over y of them)."""
    for entity, counts in per_entity.items():
        if n - counts[""] < team_size:
            raise DrawError("conflicts", f"主体“{entity}”若被抽中，将无法组成{team_size}人检查组：{n}名检查人员中"
                                         f"{counts['']}名须回避。")
    worst = Counter(conflicted[:tasks])
    worst[0] += tasks - min(tasks, len(conflicted))
    for y in range(n + 1):
        if cap * y >= tasks * team_size:
            break
        seats = cap * y + sum(k * min(team_size, max(0, n - y - b)) for b, k in worst.items())
        if seats < tasks * team_size:
            raise DrawError("capacity", f"检查人员不足：{tasks}户、每组{team_size}人，共需{tasks * team_size}人次；"
                                        f"按{n}名检查人员、每人最多{cap}项任务和回避关系，最不利的抽取结果只能安排"
                                        f"{seats}人次。")


def _unstaffed(entity: str, number: int, team_size: int, max_tasks: int, mix_departments: bool) -> str:
    text = (f"主体“{entity}”（第{number}项任务）无法组成{team_size}人检查组：在每人最多{max_tasks}项任务、"
            f"回避关系{'和每组成员来自不同部门' if mix_departments else ''}的限制下，所有任务无论怎样分配检查人员，"
            f"都不能全部组成检查组")
    return text + "。可增加检查人员、提高每人任务上限或降低抽取比例。"


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

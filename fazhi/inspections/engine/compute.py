"""Running a draw: commit (or check the commitment already in the record), draw the entities, assign the
inspectors, and write the complete record; for a large pool, part of the work in a forked child (`_parallel`).

Pure Python, no Django import. docs/draw-algorithm.md specifies every step.
"""

import functools
import itertools
import operator
from collections.abc import Mapping
from dataclasses import dataclass

from . import _parallel, hashrank, rfc3797
from .assignment import assign_complete_lists, assign_lists
from .canonical import FORMAT, FORMAT_VERSION, SCHEMES, _method, _same, check_input
from .commit import _commitment, _committed, _other_hashes, _pool_hash, _repeats_absent, broken_seals, commitment
from .errors import DrawError


def compute_result(record: Mapping, *, pool_checked: bool = False) -> dict:
    """The draw as a pure function of the record's pool, exemptions, parameters, inspectors and sources.

    `pool_checked`: the commitment was just computed, so the pool is known to have no repeated code.
    """
    drawn, tasks = _draw(record, pool_checked=pool_checked)
    return _result(drawn, tasks, _teams(record, tasks))


def _draw(record: Mapping, *, pool_checked: bool, ordered: Mapping | None = None) -> tuple[dict, list[str]]:
    """The entity draw: (the result without the tasks, the drawn codes in task order).

    `ordered`: the record's pool as the commitment checked it (hashrank version 2: lists sorted, no repeat).
    """
    method, version = _method(record)
    params = record["parameters"]
    sources = [s["numbers"] for s in record["sources"]]
    exempt = frozenset(record.get("exempt", []))
    result: dict = {"key": rfc3797.make_key(sources)}
    if method == hashrank.METHOD:
        drawn = hashrank.draw_entities(record["pool"] if ordered is None else ordered, params["ratios"], sources,
                                       exempt, assume_unique=pool_checked or ordered is not None, version=version,
                                       presorted=ordered is not None)
        result.update(eligible=drawn.eligible, quotas=drawn.quotas, selected=drawn.selected)
        return result, drawn.tasks
    if version == "2":
        return _draw_rfc3797_strata(record if ordered is None else {**record, "pool": ordered}, result, sources,
                                    exempt)
    pool = sorted(c for c in record["pool"] if c not in exempt)
    if len(set(pool)) != len(pool):
        raise DrawError("pool", "名录中有重复的主体代码。")
    chosen = rfc3797.select(pool, params["count"], sources)
    result["selected"] = [s.as_dict() for s in chosen]
    return result, [s.member for s in chosen]


def _draw_rfc3797_strata(record: Mapping, result: dict, sources: list, exempt: frozenset) -> tuple[dict, list[str]]:
    """rfc3797 version 2 (docs/draw-algorithm.md 3.2): the quotas of section 4, then per stratum in label order
    an RFC 3797 selection from its members not exempt, sorted, the rounds counted on from one stratum to the next;
    the tasks by the task order of section 4.3."""
    pool = record["pool"]
    hashrank.check_pool(pool)
    members = {s: [c for c in sorted(codes) if c not in exempt] for s, codes in sorted(pool.items())}
    quota = hashrank.quotas({s: len(m) for s, m in members.items()}, record["parameters"]["ratios"])
    selected: dict[str, list[dict]] = {}
    first = 0
    for stratum, listed in members.items():
        chosen = rfc3797.select(listed, quota[stratum], sources, first_round=first)
        first += quota[stratum]
        selected[stratum] = [c.as_dict() for c in chosen]
    result.update(eligible={s: len(m) for s, m in members.items()}, quotas=quota, selected=selected)
    drawn = sorted(c["member"] for chosen in selected.values() for c in chosen)
    return result, hashrank.task_order(result["key"], drawn)


def _teams(record: Mapping, tasks: list[str]) -> list[list[str]]:
    """The inspector assignment for `tasks` in order (no teams without a team size)."""
    params = record["parameters"]
    if "team_size" not in params:
        return [[] for _ in tasks]
    inspectors = record.get("inspectors", [])
    # Without a cap nobody is limited: no inspector can serve more tasks than there are.
    cap = params.get("max_tasks_per_inspector", max(1, len(tasks)))
    if SCHEMES[_method(record)].assignment == "2":
        assign = functools.partial(assign_complete_lists, lead_department=params.get("lead_department"))
    else:
        assign = assign_lists
    return assign(tasks, [i["id"] for i in inspectors], [i["department"] for i in inspectors],
                        [s["numbers"] for s in record["sources"]], team_size=params["team_size"],
                        max_tasks=cap, conflicts=record.get("conflicts", []),
                        mix_departments=params.get("mix_departments", False))


def _result(drawn: dict, tasks: list[str], teams: list[list[str]]) -> dict:
    return {**drawn, "tasks": [{"entity": e, "team": team} for e, team in zip(tasks, teams, strict=True)]}


def _attempt(fn, *args, **kwargs):
    """fn's value, or the exception it raised (returned, to be raised or reported later)."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        return exc


@dataclass(frozen=True)
class _AsStated:
    """The entity draw gave exactly the record's stated values of these result keys and its task order."""

    keys: tuple[str, ...]


def _commit_then_draw(record: Mapping) -> tuple[dict, tuple[dict, list[str]] | Exception]:
    """The commitment (raising what it raises), then the entity draw or what it raised."""
    committed, ordered = _commitment(record)
    return committed, _attempt(_draw, record, pool_checked=True, ordered=ordered)


def _hash_pool_then_check_draw(record: Mapping) -> tuple[str, tuple[dict, list[str]] | _AsStated | Exception]:
    """The pool's hash but for the repeat check (raising what it raises), then the entity draw, what it raised,
    or — if the draw is what the record states — `_AsStated`: a forked child then sends a few bytes instead
    of every drawn code."""
    pool_sha256, ordered = _pool_hash(record, repeats=False)
    drawn = _attempt(_draw, record, pool_checked=True, ordered=ordered)
    if not isinstance(drawn, Exception) and _states_draw(record, *drawn):
        return pool_sha256, _AsStated(tuple(drawn[0]))
    return pool_sha256, drawn


def _states_draw(record: Mapping, drawn: dict, tasks: list[str]) -> bool:
    """Whether the record's result states the drawn values, and its tasks name the entities of `tasks`, in order."""
    stated = record.get("result")
    try:
        listed = stated["tasks"]
        entities = map(operator.itemgetter("entity"), listed)
        return (all(_same(stated[k], v) for k, v in drawn.items()) and type(listed) is list
                and len(listed) == len(tasks) and all(map(operator.eq, entities, tasks)))
    except (TypeError, KeyError, IndexError):
        return False


def _claimed_order(record: Mapping) -> list[str] | None:
    """The task order the record states, if it is a list of codes."""
    result = record.get("result")
    tasks = result.get("tasks") if isinstance(result, Mapping) else None
    if not isinstance(tasks, list):
        return None
    if not all(map(operator.is_, map(type, tasks), itertools.repeat(dict))) and not all(
            map(isinstance, tasks, itertools.repeat(Mapping))):  # JSON gives dicts: the quick test first
        return None
    try:
        order = list(map(operator.itemgetter("entity"), tasks))
    except KeyError:
        return None
    return order if all(map(isinstance, order, itertools.repeat(str))) else None


def _pool_size(record: Mapping) -> int:
    pool = record.get("pool")
    try:
        return sum(map(len, pool.values())) if isinstance(pool, Mapping) else len(pool)
    except TypeError:
        return 0


Outcome = tuple[dict, list[str], list[list[str]]]  # the result without its tasks, the task order, the teams
_AS_STATED = "the whole result as stated"  # what `_commit_and_compute` returns when it has compared it all


def _commit_and_compute(record: Mapping, *, stated: bool = False) -> tuple[dict, Outcome | Exception | str]:
    """commitment(record) — raising what it raises — and the outcome of the draw, what computing it raised,
    or (`stated`, forked) `_AS_STATED` when the record states exactly that outcome.

    For a large pool, when a CPU is idle, a forked child does part of the work (`_parallel`):
    - verifying the record's `stated` result, the child hashes the pool, draws the entities and
      compares them with the stated ones while this process assigns inspectors to the stated task
      order; the pool's repeat check and the hashes of the commitment's other parts go to whichever
      process is free first. If the draw gives the stated order, those are the teams of the draw,
      otherwise they are assigned again to the right order;
    - otherwise (run), the child commits while this process draws and assigns.
    The values are those of the sequential steps; a failed child's work is done here.
    """
    if _parallel.processes(_pool_size(record)) < 2:
        committed, drawn = _commit_then_draw(record)
        return committed, _with_teams(record, drawn)
    if not stated:
        with _parallel.Child([functools.partial(commitment, record)]) as child:
            result = _with_teams(record, _attempt(_draw, record, pool_checked=True))
            return child.result(), result
    either = [functools.partial(_repeats_absent, record), functools.partial(_attempt, _other_hashes, record)]
    with _parallel.Child([functools.partial(_hash_pool_then_check_draw, record)], shared=either) as child:
        claimed = _claimed_order(record)
        teams = _attempt(_teams, record, claimed) if claimed is not None else None
        teams_as_stated = isinstance(teams, list) and _states_teams(record["result"]["tasks"], teams)  # meanwhile
        no_repeats, others = child.shared()
        pool_sha256, drawn = child.result()  # an invalid pool is reported before any other part
    if not no_repeats:
        _pool_hash(record)  # names the code listed twice, as the sequential check does
    if isinstance(others, Exception):
        raise others
    committed = _committed(record, pool_sha256, others)
    if isinstance(drawn, _AsStated):
        if teams_as_stated and set(record["result"]) == {*drawn.keys, "tasks"}:
            return committed, _AS_STATED
        drawn = {k: record["result"][k] for k in drawn.keys}, claimed
    return committed, _with_teams(record, drawn, (claimed, teams))


def _states_teams(listed: list, teams: list[list[str]]) -> bool:
    """Whether the listed tasks are objects of two keys ("entity" and "team") with these teams, in order."""
    try:
        return (len(listed) == len(teams) and all(map(operator.eq, map(len, listed), itertools.repeat(2)))
                and all(map(operator.eq, map(operator.itemgetter("team"), listed), teams)))
    except (TypeError, KeyError):
        return False


def _with_teams(record: Mapping, drawn: tuple[dict, list[str]] | Exception,
                assigned: tuple[list[str], list[list[str]] | Exception] | None = None) -> Outcome | Exception:
    """The outcome of the entity draw with its teams: those `assigned` to a task order if it is the drawn one."""
    if isinstance(drawn, Exception):
        return drawn
    same_order = assigned is not None and assigned[0] == drawn[1]
    teams = assigned[1] if same_order else _attempt(_teams, record, drawn[1])
    return teams if isinstance(teams, Exception) else (*drawn, teams)


def _canonical_order(pool: object) -> object:
    """The pool with each list of codes sorted, as `run` publishes it (any order verifies; this one fastest)."""
    try:
        if isinstance(pool, Mapping):
            return {stratum: sorted(codes) for stratum, codes in pool.items()}
        if isinstance(pool, list):
            return sorted(pool)
    except TypeError:  # not all text: the commitment names the culprit
        pass
    return pool


@_parallel.pausing_gc
def run(record: Mapping) -> dict:
    """Commit (or check the commitment already in the record), draw, and return the complete record.

    The record's pool lists are written sorted by code: the commitment and the draw do not depend
    on their order, but a verifier checks a sorted pool fastest.
    """
    check_input(record)
    done = {k: v for k, v in record.items() if k != "result"}
    done["format"], done["format_version"] = FORMAT, FORMAT_VERSION
    if "pool" in done:
        done["pool"] = _canonical_order(done["pool"])
    broken = broken_seals(done)  # before the draw: a wrong secret costs nothing
    if broken:
        raise DrawError("seal", broken[0])
    committed, result = _commit_and_compute(done)
    if "commitment" in record and record["commitment"] != committed:
        raise DrawError("commitment", "记录中的承诺值与名录、参数不符：抽取前公布的内容已被改动。")
    if isinstance(result, Exception):
        raise result
    done["commitment"] = committed
    done["result"] = _result(*result)
    return done

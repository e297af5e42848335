"""Assignment version 2 (docs/draw-algorithm.md 5.2) finds teams whenever any exist; the commit's check (5.3)."""

import random
from collections import Counter, deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.tests.messages import message_pattern
from fazhi.inspections.engine import DrawError, Inspector, assign, assign_complete, assignment

# The audit's case: three departments of 4, 3 and 3 inspectors, teams of two from different departments,
# capacity (10 inspectors × 2) equal to the seats (10 tasks × 2).
TIGHT = [Inspector(f"{d}{n}", d) for d, size in (("S", 4), ("T", 3), ("H", 3)) for n in range(size)]
TASKS = [f"E{n:02d}" for n in range(10)]


def valid(teams: dict, inspectors, conflicts, team_size: int, cap: int, mix: bool) -> bool:
    department = {i.id: i.department for i in inspectors}
    load = Counter(m for team in teams.values() for m in team)
    return all(len(team) == team_size == len(set(team)) and not any((m, e) in conflicts for m in team)
               and (not mix or len({department[m] for m in team}) == team_size)
               for e, team in teams.items()) and max(load.values(), default=0) <= cap


def test_the_greedy_rule_fails_on_some_sources_where_chains_never_do():
    failed = 0
    for seed in range(200):
        try:
            assign(TASKS, TIGHT, [[seed]], team_size=2, max_tasks=2, mix_departments=True)
        except DrawError:
            failed += 1
        teams = assign_complete(TASKS, TIGHT, [[seed]], team_size=2, max_tasks=2, mix_departments=True)
        assert valid(teams, TIGHT, set(), 2, 2, True)
    assert failed > 20  # about one source in four (the audit measured 25.6 %)


def test_where_the_greedy_rule_succeeds_version_2_gives_the_same_teams():
    inspectors = [Inspector(f"P{n}", f"D{n % 3}") for n in range(9)]
    for seed in range(30):
        tasks = [f"E{n}" for n in range(12)]
        first = assign(tasks, inspectors, [[seed]], team_size=2, max_tasks=4, mix_departments=True)
        assert assign_complete(tasks, inspectors, [[seed]], team_size=2, max_tasks=4, mix_departments=True) == first


def max_flow_feasible(tasks, inspectors, conflicts, team_size: int, cap: int, mix: bool, lead=None) -> bool:
    """Edmonds–Karp on source → task (team size) → task × group (1) → inspector → sink (cap), written
    apart from the engine: group = department in a joint plan, else the inspector. With a lead department,
    its group of each task is fed by a node of its own (1), the others by the task (team size − 1)."""
    graph: dict = {}

    def edge(a, b, c):
        graph.setdefault(a, {}).setdefault(b, 0)
        graph[a][b] += c
        graph.setdefault(b, {}).setdefault(a, 0)

    for t in tasks:
        edge("s", ("t", t), team_size - (lead is not None))
        if lead is not None:
            edge("s", ("lead", t), 1)
        for i in inspectors:
            if (i.id, t) not in conflicts:
                group = ("g", t, i.department if mix else i.id)
                feed = ("lead", t) if lead is not None and i.department == lead else ("t", t)
                edge(feed, group, 0)
                graph[feed][group] = 1
                edge(group, ("i", i.id), 1)
    for i in inspectors:
        edge(("i", i.id), "z", cap)
    flow = 0
    while True:
        parent = {"s": None}
        queue = deque(["s"])
        while queue and "z" not in parent:
            a = queue.popleft()
            for b, c in graph[a].items():
                if c > 0 and b not in parent:
                    parent[b] = a
                    queue.append(b)
        if "z" not in parent:
            return flow == len(tasks) * team_size
        b = "z"
        while parent[b] is not None:
            a = parent[b]
            graph[a][b] -= 1
            graph[b][a] += 1
            b = a
        flow += 1


@st.composite
def cases(draw):
    departments = draw(st.integers(1, 4))
    inspectors = [Inspector(f"P{n:02d}", f"D{draw(st.integers(0, departments - 1))}")
                  for n in range(draw(st.integers(2, 10)))]
    tasks = [f"E{n:02d}" for n in range(draw(st.integers(1, 10)))]
    conflicts = set(draw(st.lists(st.tuples(st.sampled_from([i.id for i in inspectors]), st.sampled_from(tasks)),
                                  max_size=12)))
    return inspectors, tasks, conflicts


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(0, 10**6), st.integers(2, 3), st.integers(1, 4), st.booleans())
def test_version_2_finds_teams_exactly_when_any_exist(case, seed, team_size, cap, mix):
    inspectors, tasks, conflicts = case
    try:
        teams = assign_complete(tasks, inspectors, [[seed]], team_size=team_size, max_tasks=cap,
                                conflicts=sorted(conflicts), mix_departments=mix)
    except DrawError:
        assert not max_flow_feasible(tasks, inspectors, conflicts, team_size, cap, mix)
        return
    assert valid(teams, inspectors, conflicts, team_size, cap, mix)
    assert list(teams) == tasks


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(0, 10**6), st.integers(2, 3), st.integers(1, 4))
def test_with_a_lead_department_every_team_has_one_of_its_inspectors_first_whenever_possible(case, seed,
                                                                                             team_size, cap):
    inspectors, tasks, conflicts = case
    lead = inspectors[0].department
    try:
        teams = assign_complete(tasks, inspectors, [[seed]], team_size=team_size, max_tasks=cap,
                                conflicts=sorted(conflicts), mix_departments=True, lead_department=lead)
    except DrawError:
        assert not max_flow_feasible(tasks, inspectors, conflicts, team_size, cap, True, lead)
        return
    department = {i.id: i.department for i in inspectors}
    assert valid(teams, inspectors, conflicts, team_size, cap, True)
    assert all(department[team[0]] == lead for team in teams.values())


def test_a_lead_department_needs_a_joint_plan_and_enough_of_its_inspectors():
    with pytest.raises(DrawError, match=message_pattern(assignment.LEAD_NEEDS_MIX, anchored=False)):
        assign_complete(TASKS, TIGHT, [[1]], team_size=2, max_tasks=3, lead_department="S")
    short = r"牵头部门“T”的检查人员不足：10户主体每组须有1名该部门人员，该部门3名检查人员每人最多3项"
    with pytest.raises(DrawError, match=short):
        assign_complete(TASKS, TIGHT, [[1]], team_size=2, max_tasks=3, mix_departments=True, lead_department="T")
    with pytest.raises(DrawError, match=r"主体“E00”无法组成检查组：牵头部门“T”的检查人员都须回避该主体"):
        assign_complete(TASKS[:3], TIGHT, [[1]], team_size=2, max_tasks=3, mix_departments=True,
                        lead_department="T", conflicts=[("T0", "E00"), ("T1", "E00"), ("T2", "E00")])
    with pytest.raises(DrawError, match="没有可选的检查人员"):
        assign_complete(TASKS, TIGHT, [[1]], team_size=2, max_tasks=3, mix_departments=True, lead_department="X")


# --- the commit's check: every outcome can be staffed ---------------------------------------------


@pytest.mark.parametrize(("mix", "lead"), [(True, None), (False, None), (True, "S")])
def test_without_conflicts_the_check_is_exactly_whether_teams_exist(mix, lead):
    for sizes in ((4, 3, 3), (1, 1, 5), (2, 2), (6,), (3, 1)):
        inspectors = [Inspector(f"{d}{n}", d) for d, size in zip("STHX", sizes, strict=False) for n in range(size)]
        for tasks in range(1, 13):
            for cap in range(1, 5):
                feasible = max_flow_feasible([f"E{n}" for n in range(tasks)], inspectors, set(), 2, cap, mix, lead)
                try:
                    assignment.check_every_draw(tasks, [i.id for i in inspectors], [i.department for i in inspectors],
                                                [], team_size=2, max_tasks=cap, mix_departments=mix,
                                                lead_department=lead)
                except DrawError:
                    assert not feasible, (sizes, tasks, cap)
                else:
                    assert feasible, (sizes, tasks, cap)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.lists(st.integers(0, 3), min_size=2, max_size=9), st.integers(1, 8),
       st.integers(8, 14), st.integers(1, 4), st.sampled_from(["greedy", "mix", "lead"]), st.data())
def test_when_the_commit_passes_every_draw_is_staffed(departments, people, tasks, pool, cap, how, data):
    mix, lead = how != "greedy", "D0" if how == "lead" else None
    inspectors = [Inspector(f"P{n:02d}", f"D{d % departments}") for n, d in enumerate(people)]
    entities = [f"E{n:02d}" for n in range(pool)]
    conflicts = sorted(set(data.draw(st.lists(st.tuples(st.sampled_from([i.id for i in inspectors]),
                                                         st.sampled_from(entities)), max_size=15))))
    tasks = min(tasks, pool)
    try:
        assignment.check_every_draw(tasks, [i.id for i in inspectors], [i.department for i in inspectors], conflicts,
                                    team_size=2, max_tasks=cap, mix_departments=mix, lead_department=lead)
    except DrawError as refused:
        refusal = refused
    else:
        refusal = None
    if refusal is not None:
        assert refusal.constraint in {"capacity", "conflicts", "lead"} and str(refusal)
        return
    chooser = random.Random(data.draw(st.integers(0, 10**6)))
    worst_first = sorted(entities, key=lambda e: -sum(1 for _i, c in conflicts if c == e))
    for drawn in [worst_first[:tasks], *(chooser.sample(entities, tasks) for _ in range(10))]:
        teams = assign_complete(drawn, inspectors, [[1]], team_size=2, max_tasks=cap, conflicts=conflicts,
                                mix_departments=mix, lead_department=lead)
        assert valid(teams, inspectors, set(conflicts), 2, cap, mix)


def test_the_check_names_an_entity_that_could_never_be_staffed():
    inspectors = [Inspector("S1", "S"), Inspector("T1", "T"), Inspector("T2", "T")]
    with pytest.raises(DrawError, match=r"主体“E1”若被抽中，将无法组成2人跨部门检查组") as caught:
        assignment.check_every_draw(3, ["S1", "T1", "T2"], ["S", "T", "T"], [("S1", "E1")], team_size=2,
                                    max_tasks=3, mix_departments=True)
    assert caught.value.constraint == "conflicts"
    with pytest.raises(DrawError, match=r"最不利的抽取结果只能安排"):
        assignment.check_every_draw(4, [i.id for i in inspectors], [i.department for i in inspectors], [],
                                    team_size=2, max_tasks=3, mix_departments=True)  # S1 can serve only 3

"""Property tests: order independence, tamper evidence, team constraints, quotas, infeasible draws."""

import copy
import math
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.inspections.engine import (
    DrawError,
    Inspector,
    assign,
    assignment,
    commit,
    compute,
    draw_entities,
    loads,
    quotas,
    verify,
)
from fazhi.inspections.tests.test_engine_reference import WORKED_INPUT

RATIOS = st.sampled_from(["0", "0.03", "0.05", "0.1", "0.2", "0.5", "0.777", "1"])
SOURCES = st.lists(st.lists(st.integers(0, 10**9), min_size=1, max_size=6), min_size=1, max_size=3)


@st.composite
def pools(draw):
    size = draw(st.integers(1, 60))
    strata = draw(st.lists(st.sampled_from("ABCD"), min_size=size, max_size=size))
    pool: dict[str, list[str]] = {}
    for n, s in enumerate(strata):
        pool.setdefault(s, []).append(f"9111{n:06d}")
    return pool


@settings(max_examples=80, deadline=None)
@given(pools(), SOURCES, st.data())
def test_permuting_the_pool_changes_nothing(pool, sources, data):
    ratios = {s: data.draw(RATIOS) for s in "ABCD"}
    shuffled = {s: data.draw(st.permutations(codes)) for s, codes in reversed(list(pool.items()))}
    assert draw_entities(pool, ratios, sources) == draw_entities(shuffled, ratios, sources)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCDEF"), st.integers(0, 10_000), min_size=1),
       st.dictionaries(st.sampled_from("ABCDEF"), RATIOS, min_size=6))
def test_quotas_round_within_one_and_sum_to_the_rounded_total(counts, ratios):
    result = quotas(counts, ratios)
    exact = {s: Fraction(ratios[s]) * n for s, n in counts.items()}
    for s, q in result.items():
        assert math.floor(exact[s]) <= q <= math.ceil(exact[s]) <= counts[s]  # floor ≤ quota ≤ ceil ≤ stratum size
    assert sum(result.values()) == int(sum(exact.values()) + Fraction(1, 2))


def test_quota_ties_go_to_the_earlier_stratum_label():
    assert quotas({"A": 5, "C": 3}, {"A": "0.3", "C": "0.5"}) == {"A": 2, "C": 1}
    assert quotas({"B": 1, "A": 1}, {"A": "0.5", "B": "0.5"}) == {"A": 1, "B": 0}


def test_exempt_entities_are_never_drawn():
    pool = {"A": [f"c{i}" for i in range(10)]}
    drawn = draw_entities(pool, {"A": "1"}, [[1]], exempt={"c3", "c7", "zz"})
    assert drawn.eligible == {"A": 8}
    assert set(drawn.selected["A"]) == set(pool["A"]) - {"c3", "c7"}


def test_bad_ratio_and_duplicate_codes_are_refused():
    with pytest.raises(DrawError, match="比例"):
        draw_entities({"A": ["x"]}, {"A": "1.5"}, [[1]])
    with pytest.raises(DrawError, match="没有规定抽取比例"):
        draw_entities({"A": ["x"]}, {}, [[1]])
    with pytest.raises(DrawError, match="不止一次"):
        draw_entities({"A": ["x"], "B": ["x"]}, {"A": "1", "B": "1"}, [[1]])
    for written in ("1/3", "1e-1", " .5", ".5", "0.5_0", "٠.٥"):  # Fraction() reads them; the spec does not
        with pytest.raises(DrawError, match="不是十进制数"):
            draw_entities({"A": ["x"]}, {"A": written}, [[1]])
    assert draw_entities({"A": ["x"]}, {"A": "1.0"}, [[1]]).quotas == {"A": 1}


# --- assignment ---------------------------------------------------------------------------------

@st.composite
def assignments(draw):
    n_insp = draw(st.integers(2, 14))
    n_dept = draw(st.integers(1, 4))
    officers = [Inspector(f"P{i:02d}", f"D{draw(st.integers(0, n_dept - 1))}") for i in range(n_insp)]
    eligible = [o for o in officers if draw(st.booleans()) or o is officers[0]]  # the rest lack a valid certificate
    tasks = [f"E{i:03d}" for i in range(draw(st.integers(0, 12)))]
    conflicts = draw(st.lists(st.tuples(st.sampled_from([o.id for o in officers]), st.sampled_from(tasks or ["E"])),
                              max_size=15))
    return eligible, tasks, conflicts


@settings(max_examples=150, deadline=None)
@given(assignments(), SOURCES, st.integers(2, 3), st.integers(1, 6), st.booleans())
def test_teams_respect_every_constraint_or_the_draw_fails_whole(case, sources, team_size, cap, mix):
    eligible, tasks, conflicts = case
    try:
        teams = assign(tasks, eligible, sources, team_size=team_size, max_tasks=cap, conflicts=conflicts,
                       mix_departments=mix)
    except DrawError as exc:
        failure = exc
    else:
        failure = None
    if failure is not None:
        assert failure.constraint in {"capacity", "departments", "conflicts", "assignment"}
        assert str(failure)
        return
    ids = {i.id: i.department for i in eligible}
    assert list(teams) == tasks
    for entity, team in teams.items():
        assert len(team) == team_size == len(set(team))
        assert all(member in ids for member in team)  # only inspectors certified on the date
        assert not any((member, entity) in set(conflicts) for member in team)
        if mix:
            assert len({ids[m] for m in team}) == team_size
    assert all(n <= cap for n in loads(teams).values())


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 30), st.integers(0, 40), SOURCES)
def test_loads_stay_within_one_without_conflicts(n_insp, n_tasks, sources):
    inspectors = [Inspector(f"P{i}", "D") for i in range(n_insp)]
    tasks = [f"E{i}" for i in range(n_tasks)]
    teams = assign(tasks, inspectors, sources, team_size=2, max_tasks=100)
    counts = [loads(teams).get(i.id, 0) for i in inspectors]
    assert max(counts) - min(counts) <= 1


def test_infeasible_draws_name_the_constraint():
    inspectors = [Inspector("P1", "市场监管局"), Inspector("P2", "市场监管局"), Inspector("P3", "税务局")]
    with pytest.raises(DrawError, match="检查人员不足") as caught:
        assign(["E1", "E2"], inspectors, [[1]], team_size=2, max_tasks=1)
    assert caught.value.constraint == "capacity"
    with pytest.raises(DrawError, match=r"主体“E1”无法组成2人检查组.*2名须回避"):
        assign(["E1"], inspectors, [[1]], team_size=2, max_tasks=5, conflicts=[("P1", "E1"), ("P3", "E1")])
    with pytest.raises(DrawError, match="跨部门"):
        assign(["E1"], inspectors, [[1]], team_size=2, max_tasks=5, conflicts=[("P3", "E1")], mix_departments=True)
    with pytest.raises(DrawError, match="第四十二条"):
        assign(["E1"], inspectors, [[1]], team_size=1, max_tasks=5)


def test_an_infeasible_record_produces_no_record():
    inp = copy.deepcopy(WORKED_INPUT)
    inp["parameters"]["max_tasks_per_inspector"] = 1
    with pytest.raises(DrawError, match="检查人员不足"):
        compute.run(inp)


# --- the record ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def done():
    return compute.run(WORKED_INPUT)


def test_a_record_verifies_and_pool_order_does_not_matter(done):
    assert verify(done).match
    shuffled = copy.deepcopy(done)
    shuffled["pool"] = {s: list(reversed(c)) for s, c in reversed(list(shuffled["pool"].items()))}
    shuffled["inspectors"].reverse()
    shuffled["conflicts"].reverse()
    assert verify(shuffled).match
    assert verify(done, expected_commit=done["commitment"]["commit_sha256"]).match


def _tamper(rec, how, data):
    if how == "member":
        stratum = data.draw(st.sampled_from(sorted(rec["pool"])))
        i = data.draw(st.integers(0, len(rec["pool"][stratum]) - 1))
        rec["pool"][stratum][i] = rec["pool"][stratum][i][:-1] + "Z"
    elif how == "drop":
        stratum = data.draw(st.sampled_from(sorted(rec["pool"])))
        rec["pool"][stratum].pop(0)
    elif how == "stratum":
        rec["pool"]["A"].append(rec["pool"]["B"].pop())
    elif how == "ratio":
        s = data.draw(st.sampled_from("ABCD"))
        rec["parameters"]["ratios"][s] = data.draw(st.sampled_from(["0.1", "0.2", "0.4", "0.9"]).filter(
            lambda r: r != rec["parameters"]["ratios"][s]))
    elif how == "team_size":
        rec["parameters"]["team_size"] = 3
    elif how == "source":
        i = data.draw(st.integers(0, len(rec["sources"]) - 1))
        rec["sources"][i]["numbers"][0] += data.draw(st.integers(1, 5))
    elif how == "label":
        rec["sources"][0]["label"] += "（改）"
    elif how == "exempt":
        rec["exempt"].append("91110000000000004D")
    elif how == "inspector":
        rec["inspectors"][0]["department"] = "税务局"
    elif how == "conflict":
        rec["conflicts"].append(["T01", "91110000000000001A"])
    elif how == "result":
        rec["result"]["selected"]["A"][0] = "91110000000000003C"
    elif how == "team":
        rec["result"]["tasks"][0]["team"].reverse()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["member", "drop", "stratum", "ratio", "team_size", "source", "label", "exempt",
                        "inspector", "conflict", "result", "team"]), st.data())
def test_any_tampering_fails_verification(done, how, data):
    rec = copy.deepcopy(done)
    _tamper(rec, how, data)
    report = verify(rec)
    assert not report.match, how
    if how not in {"result", "team", "source"}:  # the inputs are committed
        assert report.commit_sha256 != done["commitment"]["commit_sha256"]
        assert any("哈希不符" in p for p in report.problems)
    if how == "source":
        assert any("密钥不符" in p for p in report.problems)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["member", "ratio", "label", "exempt", "conflict"]), st.data())
def test_tampering_with_recomputed_hashes_still_fails_against_the_published_commit(done, how, data):
    rec = copy.deepcopy(done)
    _tamper(rec, how, data)
    rec["commitment"] = commit.commitment(rec)
    try:
        rec["result"] = compute.compute_result(rec)
    except DrawError:
        return
    assert verify(rec).match  # internally consistent …
    assert not verify(rec, expected_commit=done["commitment"]["commit_sha256"]).match  # … but not what was published


def test_verify_names_what_differs(done):
    rec = copy.deepcopy(done)
    rec["result"]["selected"]["A"][0] = "91110000000000003C"
    rec["result"]["tasks"][0]["team"] = ["S01", "T01"]
    problems = verify(rec).problems
    assert any("分层“A”的抽中主体不符" in p and "91110000000000003C" in p for p in problems)
    assert any("检查组不符的主体：91110000000000001A" in p for p in problems)


def test_verify_names_the_task_that_is_missing_moved_or_malformed(done):
    tasks = done["result"]["tasks"]
    dropped = copy.deepcopy(done)
    gone = dropped["result"]["tasks"].pop()["entity"]
    assert any("任务数不符" in p for p in verify(dropped).problems)
    assert any(f"任务主体不符：记录缺少 {gone}" in p for p in verify(dropped).problems)
    repeated = copy.deepcopy(done)
    repeated["result"]["tasks"].append(copy.deepcopy(tasks[0]))
    problems = verify(repeated).problems
    assert f"任务数不符：记录为{len(tasks) + 1}项，重算为{len(tasks)}项。" in problems
    assert f"任务重复列出的主体：{tasks[0]['entity']}。" in problems
    swapped = copy.deepcopy(done)
    swapped["result"]["tasks"][0], swapped["result"]["tasks"][1] = tasks[1], tasks[0]
    assert f"任务顺序不符：第1项记录为 {tasks[1]['entity']}，重算为 {tasks[0]['entity']}。" in verify(swapped).problems
    extra = copy.deepcopy(done)
    extra["result"]["note"] = "x"
    extra["result"]["tasks"][2]["remark"] = "y"
    problems = verify(extra).problems
    assert "抽取结果有多余的字段：note。" in problems
    assert "第3项任务应只有 entity 和 team 两个字段，记录为：entity、team、remark。" in problems


def test_rfc3797_records_sort_the_pool_first():
    inp = {"method": {"name": "rfc3797", "version": "1"}, "pool": ["c", "a", "b", "d"],
           "parameters": {"count": 2}, "sources": [{"label": "x", "numbers": [5, 1]}]}
    done = compute.run(inp)
    assert verify(done).match
    again = compute.run({**inp, "pool": ["d", "b", "c", "a"]})
    assert again["result"] == done["result"]


@settings(max_examples=300, deadline=None)
@given(assignments(), st.integers(2, 3), st.booleans())
def test_the_feasibility_check_names_the_first_entity_its_conflicts_make_impossible(case, team_size, mix):
    """The check looks closely only at entities with enough conflicts to fail; it must fail as looking at all would."""
    eligible, tasks, conflicts = case
    ids, departments = [i.id for i in eligible], [i.department for i in eligible]
    blocked: dict[str, set[str]] = {}
    for inspector_id, entity in conflicts:
        if inspector_id in ids and entity in tasks:
            blocked.setdefault(entity, set()).add(inspector_id)

    def every_entity():
        size = Counter(departments)
        for entity in tasks:
            conflicted = blocked.get(entity)
            if not conflicted:  # entities without conflicts are the capacity check's
                continue
            if len(ids) - len(conflicted) < team_size:
                return "conflicts", entity
            emptied = Counter(departments[ids.index(i)] for i in conflicted)
            if mix and sum(1 for d, n in size.items() if emptied[d] < n) < team_size:
                return "departments", entity
        return None

    try:
        assignment._check(tasks, ids, departments, team_size, 10**6, blocked, mix)
        outcome = None
    except DrawError as exc:
        outcome = exc.constraint, next((e for e in tasks if f"“{e}”" in str(exc)), None)
    if outcome is None or outcome[1] is not None:  # failures that name no entity come before this loop
        assert outcome == every_entity()

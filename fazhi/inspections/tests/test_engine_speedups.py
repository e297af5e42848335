"""The fast paths of the draw give exactly the specified results: forked helpers, cut-offs, bulk checks.

Pools here are small, so the tests lower `_parallel.MIN_MEMBERS` to make the record fork anyway.
"""

import copy
import fcntl
import functools
import json
import os
import sys
import termios
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.inspections.engine import (
    DrawError,
    _parallel,
    canonical,
    commit,
    compute,
    draw_entities,
    hashrank,
    verification,
    verify,
)
from fazhi.inspections.tests.test_engine_reference import (
    TIGHT_INPUT,
    WORKED_INPUT,
    WORKED_INPUT_V2,
    WORKED_INPUT_V3,
    ref_draw,
)

RATIOS = st.sampled_from(["0", "0.01", "0.03", "0.1", "0.5", "1"])
SOURCES = st.lists(st.lists(st.integers(0, 10**9), min_size=1, max_size=4), min_size=1, max_size=2)


@pytest.fixture
def forking(monkeypatch):
    """Make the engine fork helpers for any pool: FAZHI_DRAW_PROCESSES=n, no minimum pool size."""
    monkeypatch.setattr(_parallel, "MIN_MEMBERS", 0)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(4)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))

    def use(n: int) -> None:
        monkeypatch.setenv("FAZHI_DRAW_PROCESSES", str(n))

    return use


@st.composite
def pools(draw):
    size = draw(st.integers(0, 400))
    pool: dict[str, list[str]] = {}
    for n in range(size):
        pool.setdefault(draw(st.sampled_from("ABCD")), []).append(f"9111{n:05d}{draw(st.sampled_from('XYZ中'))}")
    return pool


def _ratios(data):
    return {s: data.draw(RATIOS) for s in "ABCD"}


def _exempt(pool, data):
    codes = sorted(c for cs in pool.values() for c in cs)
    return set(data.draw(st.lists(st.sampled_from(codes), max_size=20))) if codes else set()


@settings(max_examples=60, deadline=None)
@given(pools(), SOURCES, st.data(), st.sampled_from(hashrank.VERSIONS))
def test_a_cut_off_too_tight_falls_back_to_ranking_the_whole_stratum(monkeypatch_module, pool, sources, data,
                                                                      version):
    ratios, exempt = _ratios(data), _exempt(pool, data)
    usual = draw_entities(pool, ratios, sources, exempt, version=version)
    monkeypatch_module.setattr(hashrank, "_wanted", lambda most: data.draw(st.integers(0, most)))
    try:
        assert draw_entities(pool, ratios, sources, exempt, version=version) == usual
    finally:
        monkeypatch_module.undo()


@pytest.mark.parametrize("version", hashrank.VERSIONS)
def test_the_cut_off_path_gives_the_reference_draw(version):
    """Pools large enough that only members below the cut-off become rank keys, against the plain rule."""
    pool = {s: [f"9111{s}{n:06d}" for n in range(size)] for s, size in (("A", 9000), ("B", 4000), ("D", 700))}
    inp = {**WORKED_INPUT, "method": {"name": "hashrank", "version": version}, "pool": pool,
           "exempt": [f"9111A{n:06d}" for n in range(0, 9000, 7)],
           "parameters": {"ratios": {"A": "0.03", "B": "0.05", "D": "0.2"}}}
    done = compute.run(inp)
    ref = ref_draw({**inp, "parameters": {**inp["parameters"], "team_size": 2, "max_tasks_per_inspector": 10**6,
                                          "mix_departments": False}, "conflicts": []})
    assert done["result"]["selected"] == ref["selected"]
    assert [t["entity"] for t in done["result"]["tasks"]] == [t["entity"] for t in ref["tasks"]]


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


WORKED_INPUTS = pytest.mark.parametrize("worked", [WORKED_INPUT, WORKED_INPUT_V2, WORKED_INPUT_V3],
                                        ids=["version 1", "version 2", "version 3"])


def test_a_draw_that_needs_a_chain_is_the_same_forked(forking):
    forking(1)
    done = compute.run(TIGHT_INPUT)
    changed = copy.deepcopy(done)
    changed["result"]["tasks"][6]["team"].reverse()  # the team the chain changed
    sequential = [verify(rec).problems for rec in (done, changed)]
    forking(3)
    assert compute.run(TIGHT_INPUT) == done
    assert [verify(rec).problems for rec in (done, changed)] == sequential
    assert sequential[0] == [] and sequential[1]


@WORKED_INPUTS
def test_the_worked_example_forked_matches_the_reference(forking, worked):
    forking(2)
    done = compute.run(worked)
    ref = ref_draw(worked)
    assert {k: done["result"][k] for k in ref} == ref
    forking(1)
    assert compute.run(worked) == done


@WORKED_INPUTS
def test_forked_verify_reports_what_the_sequential_one_does(forking, worked):
    done = compute.run(worked)
    cases = []
    for how in ("member", "ratio", "result", "team", "source", "not text", "stratum name", "task order",
                "task entity", "no tasks", "infeasible", "quota", "no eligible", "selection order", "task as list",
                "quota as a float", "pool size as a float", "exempt code", "inspector id", "pool and conflicts",
                "parameters missing", "last team", "unknown inspector", "code in two strata", "team missing"):
        rec = copy.deepcopy(done)
        if how == "member":
            rec["pool"]["A"][0] = "91110000000000009Z"
        elif how == "ratio":
            rec["parameters"]["ratios"]["A"] = "0.5"
        elif how == "result":
            rec["result"]["selected"]["A"][0] = "91110000000000003C"
        elif how == "team":
            rec["result"]["tasks"][0]["team"].reverse()
        elif how == "source":
            rec["sources"][0]["numbers"][0] += 1
        elif how == "not text":
            rec["pool"]["B"][1] = 12345
        elif how == "task order":  # the child's draw disagrees with the order the teams were assigned to here
            tasks = rec["result"]["tasks"]
            tasks[0], tasks[1] = tasks[1], tasks[0]
        elif how == "task entity":
            rec["result"]["tasks"][2]["entity"] = "91110000000000003C"
        elif how == "no tasks":
            rec["result"]["tasks"] = "none"
        elif how == "infeasible":  # committed, so it must also fail the hash check
            rec["parameters"]["max_tasks_per_inspector"] = 1
        elif how == "quota":  # the rest as drawn: the child must not say "as stated"
            rec["result"]["quotas"]["A"] += 1
        elif how == "no eligible":
            rec["result"].pop("eligible", None)
            rec["result"]["selected"] = {**rec["result"]["selected"], "X": []}
        elif how == "quota as a float":  # 2.0 == 2 in Python, not in the published JSON
            rec["result"]["quotas"]["A"] = float(rec["result"]["quotas"]["A"])
        elif how == "pool size as a float":
            rec["commitment"]["pool_size"] = float(rec["commitment"]["pool_size"])
        elif how == "exempt code":  # hashed in the parent while the child hashes the pool
            rec["exempt"].append(" 91110000000000001A")
        elif how == "inspector id":
            rec["inspectors"][0]["id"] = ""
        elif how == "pool and conflicts":  # both invalid: the pool is named, as sequentially
            rec["pool"]["B"][1] = 12345
            rec["conflicts"].append(["S01", ""])
        elif how == "parameters missing":
            del rec["parameters"]
        elif how == "last team":  # checked in another stretch than the first
            rec["result"]["tasks"][-1]["team"].reverse()
        elif how == "unknown inspector":  # the loads of every later stretch start from it
            rec["result"]["tasks"][0]["team"][0] = "S99"
        elif how == "code in two strata":  # found by the repeat check either process may make
            rec["pool"]["B"].append(rec["pool"]["A"][0])
        elif how == "team missing":
            del rec["result"]["tasks"][-1]["team"]
        elif how == "selection order":
            rec["result"]["selected"]["A"].reverse()
        elif how == "task as list":
            rec["result"]["tasks"][0] = [rec["result"]["tasks"][0]["entity"], rec["result"]["tasks"][0]["team"]]
        else:
            rec["pool"]["A "] = rec["pool"].pop("A")
        cases.append(rec)
    forking(1)
    sequential = [verify(rec).problems for rec in [done, *cases]]
    forking(3)
    assert [verify(rec).problems for rec in [done, *cases]] == sequential
    assert sequential[0] == []
    assert all(sequential[1:])


@WORKED_INPUTS
def test_forked_run_raises_what_the_sequential_one_does(forking, worked):
    bad = copy.deepcopy(worked)
    bad["pool"]["C"].append("91110000000000001A")  # already in A
    for n in (1, 2):
        forking(n)
        with pytest.raises(DrawError, match=r"91110000000000001A.*不止一次"):
            compute.run(bad)
    wrong = {**compute.run(worked), "title": "x"}
    wrong["commitment"] = {**wrong["commitment"], "pool_sha256": "0" * 64}
    for n in (1, 2):
        forking(n)
        with pytest.raises(DrawError, match="承诺值"):
            compute.run(wrong)


def test_a_child_really_runs_elsewhere_and_a_failing_child_is_replaced(forking):
    def where():
        return os.getpid()

    with _parallel.Child([where]) as child:
        assert child.forked
        helper = child.result()
        assert helper != os.getpid()
    for _ in range(100):  # collected without the caller waiting for it: no zombie stays behind
        if not os.path.exists(f"/proc/{helper}"):
            break
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{helper}")

    parent = os.getpid()

    def only_here():
        if os.getpid() != parent:
            os._exit(3)  # the child dies without a result
        return "computed here"

    with _parallel.Child([only_here, where]) as child:
        assert child.result() == "computed here"
        assert child.result() == os.getpid()  # after a failure, the rest is computed here too

    with _parallel.Child([where], fork=False) as child:
        assert not child.forked
        assert child.result() == os.getpid()


def _tokens_left(child: _parallel.Child) -> int:
    return int.from_bytes(fcntl.ioctl(child._tokens, termios.FIONREAD, b"\0\0\0\0"), sys.byteorder)


def _wait_until(condition) -> None:
    for _ in range(400):
        if condition():
            return
        time.sleep(0.025)
    raise AssertionError("the helper took too long")


def test_shared_calls_are_made_once_each_by_whichever_process_is_free(forking):
    parent = os.getpid()

    def job(n):
        return n, os.getpid()

    jobs = [functools.partial(job, n) for n in range(6)]
    with _parallel.Child([lambda: "main"], shared=jobs) as child:  # the helper is free first: it takes them all
        helper = child._pid
        _wait_until(lambda: _tokens_left(child) == 0)
        assert child.shared() == [(n, helper) for n in range(6)]
        assert child.result() == "main"
        with pytest.raises(RuntimeError):  # read once: a second reading would find the pipe empty
            child.shared()
    with _parallel.Child([lambda: time.sleep(1) or "main"], shared=jobs) as child:  # busy: this process does them
        assert child.shared() == [(n, parent) for n in range(6)]
        assert child.result() == "main"
    with _parallel.Child([lambda: "main"], shared=jobs, fork=False) as child:
        assert child.shared() == [(n, parent) for n in range(6)]
        assert child.result() == "main"

    def dies_in_the_helper():
        if os.getpid() != parent:
            os._exit(3)
        return "made here"

    with _parallel.Child([os.getpid], shared=[dies_in_the_helper, dies_in_the_helper]) as child:
        _wait_until(lambda: _tokens_left(child) < 2)  # the helper took the first, and died
        assert child.shared() == ["made here", "made here"]
        assert child.result() != parent  # sent before it died


def test_processes_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("FAZHI_DRAW_PROCESSES", "1")
    assert _parallel.processes(10**7) == 1
    monkeypatch.delenv("FAZHI_DRAW_PROCESSES")
    assert _parallel.processes(10) == 1  # too small to be worth a child
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (2.3, 2.0, 1.0))
    assert _parallel.processes(10**7) == 1  # both CPUs busy: a child would only compete for them
    monkeypatch.setattr(os, "getloadavg", lambda: (1.1, 1.0, 1.0))
    assert _parallel.processes(10**7) == 2


def test_run_publishes_the_pool_sorted_and_the_commitment_does_not_change():
    inp = copy.deepcopy(WORKED_INPUT)
    inp["pool"] = {s: list(reversed(codes)) for s, codes in inp["pool"].items()}
    done = compute.run(inp)
    assert all(codes == sorted(codes) for codes in done["pool"].values())
    assert done["commitment"] == commit.commitment(WORKED_INPUT)
    assert inp["pool"]["A"][0] == "91110000000000006F"  # the input is left alone


# --- the bulk checks of the canonical texts ------------------------------------------------------

FIELD = st.one_of(st.text(alphabet="AB1 ", min_size=0, max_size=4),
                  st.sampled_from(["a\tb", "a\nb", "\x00", "x\x7f", "中文", "\u3000x", "x\u00a0", "\x1f", " "]),
                  st.integers(0, 9))


def _slow_checks(pool, lists_sorted: bool) -> None:
    """docs/draw-algorithm.md section 6: every value checked one by one, then repeats (named in list order,
    each list sorted first for version 2)."""
    for stratum, codes in pool.items():
        canonical._check_text(stratum, "分层")
        for c in codes:
            if not isinstance(c, str):
                raise DrawError("format", "主体代码须为文本。")
        for c in codes:
            canonical._check_text(c, "主体代码")
    seen = set()
    for codes in pool.values():
        for c in sorted(codes) if lists_sorted else codes:
            if c in seen:
                raise DrawError("pool", f"名录中主体“{c}”出现了不止一次。")
            seen.add(c)


def _slow_pool_text(pool):
    _slow_checks(pool, lists_sorted=False)
    rows = sorted((c, s) for s, codes in pool.items() for c in codes)
    return "".join(f"{c}\t{s}\n" for c, s in rows).encode()


def _slow_pool_text_v2(pool):
    _slow_checks(pool, lists_sorted=True)
    return "".join(s + "\n" + "".join(f"\t{c}\n" for c in sorted(codes))
                   for s, codes in sorted(pool.items()) if codes).encode()


def _outcome(fn, *args):
    try:
        return fn(*args)
    except DrawError as exc:
        return str(exc)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["A", "B", " C", "风险"]), st.lists(FIELD, max_size=6), max_size=3),
       st.booleans())
def test_the_pool_text_is_the_one_specified_and_bad_values_are_named_in_order(pool, sort_lists):
    if sort_lists:
        pool = {s: sorted(codes, key=str) for s, codes in pool.items()}
    assert _outcome(canonical.pool_text, "hashrank", pool) == _outcome(_slow_pool_text, pool)
    assert _outcome(canonical.pool_text, "hashrank", pool, "2") == _outcome(_slow_pool_text_v2, pool)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(FIELD, FIELD), max_size=6))
def test_the_conflicts_text_is_the_one_specified(pairs):
    def slow(pairs):
        check = canonical._check_text
        rows = sorted({(check(a, "检查人员编号"), check(b, "主体代码")) for a, b in pairs})
        return "".join(f"{a}\t{b}\n" for a, b in rows).encode()

    assert _outcome(canonical.conflicts_text, [list(p) for p in pairs]) == _outcome(slow, pairs)
    assert _outcome(canonical.conflicts_text, [list(p) for p in pairs * 2]) == _outcome(slow, pairs)  # repeats


# --- the quick comparison of a stated result with the computed one -----------------------------

RESULT_EDITS = st.sampled_from(["none", "extra key", "drop key", "entity", "team", "team tuple", "task extra field",
                                "task list", "tasks tuple", "swap tasks", "selected", "quota", "key"])


@settings(max_examples=200, deadline=None)
@given(RESULT_EDITS, st.data())
def test_the_quick_comparison_agrees_with_comparing_the_whole_result(edit, data):
    done = compute.run(WORKED_INPUT_V2)
    _committed, outcome = compute._commit_and_compute(done, stated=True)
    stated = copy.deepcopy(done["result"])
    tasks = stated["tasks"]
    i = data.draw(st.integers(0, len(tasks) - 1))
    if edit == "extra key":
        stated["note"] = 1
    elif edit == "drop key":
        del stated[data.draw(st.sampled_from(sorted(stated)))]
    elif edit == "entity":
        tasks[i]["entity"] = "91110000000000099Z"
    elif edit == "team":
        tasks[i]["team"] = tasks[i]["team"][::-1]
    elif edit == "team tuple":
        tasks[i]["team"] = tuple(tasks[i]["team"])
    elif edit == "task extra field":
        tasks[i]["note"] = ""
    elif edit == "task list":
        tasks[i] = [tasks[i]["entity"], tasks[i]["team"]]
    elif edit == "tasks tuple":
        stated["tasks"] = tuple(tasks)
    elif edit == "swap tasks":
        tasks[0], tasks[i] = tasks[i], tasks[0]
    elif edit == "selected":
        stated["selected"]["A"].reverse()
    elif edit == "quota":
        stated["quotas"]["A"] += 1
    elif edit == "key":
        stated["key"] += "1."
    assert verification._states(stated, *outcome) == (stated == compute._result(*outcome))


MALFORMED = {
    "a junk entry in the tasks": lambda r: r["result"]["tasks"].append(["91110000000000099Z", ["S01", "S02"]]),
    "an extra key in the result": lambda r: r["result"].update(note="x"),
    "an extra key in a task": lambda r: r["result"]["tasks"][0].update(note="x"),
    "selected as an object": lambda r: r["result"]["selected"].update(A=dict.fromkeys(r["result"]["selected"]["A"])),
    "a number as a stratum's selection": lambda r: r["result"]["selected"].update(A=5),
    "a list as a task's entity": lambda r: r["result"]["tasks"][0].update(entity=["x"]),
    "the commitment as a list": lambda r: r.update(commitment=[1]),
    "a conflict of three values": lambda r: r["conflicts"].append(["S01", "91110000000000001A", "x"]),
    "a lone surrogate in a code": lambda r: r["pool"]["A"].append("9111\ud800"),
    "a parameter nested deeper than the stack": lambda r: r["parameters"].update(note=functools.reduce(
        lambda inner, _: [inner], range(5000), [])),
}


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.parametrize("how", sorted(MALFORMED))
def test_a_malformed_record_is_a_mismatch_not_a_crash(forking, processes, how):
    done = compute.run(WORKED_INPUT_V2)
    rec = copy.deepcopy(done)
    MALFORMED[how](rec)
    forking(processes)
    report = verify(rec, done["commitment"]["commit_sha256"])
    assert not report.match and report.problems


@pytest.mark.parametrize(("how", "said"), [
    ("a conflict of three values", "须为两项"),  # named by the commitment's own check
    ("a lone surrogate in a code", "无法以 UTF-8 书写的字符"),
    ("a parameter nested deeper than the stack", "嵌套层数过多"),
    ("no parameters", "缺少字段“parameters”"),
    ("sources not a list", "sources须为列表，记录中为整数"),  # named by the input check (section 7.1)
])
def test_a_malformed_record_is_explained_in_words(how, said):
    rec = copy.deepcopy(compute.run(WORKED_INPUT_V2))
    if how == "no parameters":
        del rec["parameters"]
    elif how == "sources not a list":
        rec["sources"] = 5
    else:
        MALFORMED[how](rec)
    assert any(said in problem for problem in verify(rec).problems), verify(rec).problems


def test_a_draw_error_survives_the_trip_from_a_helper():
    import pickle

    error = pickle.loads(pickle.dumps(DrawError("ratio", "分层“A”没有规定抽取比例。")))
    assert isinstance(error, DrawError) and error.constraint == "ratio" and str(error) == "分层“A”没有规定抽取比例。"


def test_collecting_a_helper_someone_else_collected_is_no_error():
    """A wait() elsewhere in the process may collect a helper before the reaper thread does."""
    pid = os.fork()
    if pid == 0:
        time.sleep(0.2)
        os._exit(0)
    assert _parallel._collect(pid, os.WNOHANG) == 0  # still running
    os.waitpid(pid, 0)  # someone else
    assert _parallel._collect(pid) is None


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.parametrize("pair", [["S01\t91110000000000031A"], ["S01"], ["S01", "91110000000000031A", "x"]])
def test_a_conflict_that_is_not_a_pair_is_refused(forking, processes, pair):
    with pytest.raises(DrawError, match="须为两项"):
        canonical.conflicts_text([pair])
    forking(processes)
    rec = copy.deepcopy(compute.run(WORKED_INPUT_V2))
    rec["conflicts"] = [pair]
    assert not verify(rec).match


def test_stated_values_are_compared_as_json():
    assert canonical._same({"A": 2, "B": 0}, {"A": 2, "B": 0})
    assert not canonical._same({"A": 2.0, "B": 0}, {"A": 2, "B": 0})
    assert not canonical._same({"A": True}, {"A": 1})
    assert not canonical._same([{"round": 1.0}], [{"round": 1}])
    assert canonical._same({"A": ["x", "y"], "B": []}, {"A": ["x", "y"], "B": []})
    assert not canonical._same({"A": ["x"]}, {"A": ["y"]})
    assert canonical._same("1.2./", "1.2./")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.lists(st.text(), min_size=1) | st.dictionaries(st.text(), inner)
    | st.dictionaries(st.integers(), inner),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_compact_json_writes_what_json_dumps_writes(value):
    assert canonical.compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("code", ['91"X', "91\\X", "91\nX", "91\x1fX", "９１统一", "91\x7fX"])
def test_compact_json_escapes_a_code_that_needs_it(code):
    codes = ["91000000000000000A", code, "91ZZZZZZZZZZZZZZZZ"]
    assert canonical.compact_json({"pool": {"A": codes}}) == json.dumps({"pool": {"A": codes}}, ensure_ascii=False,
                                                                       separators=(",", ":"))
    assert json.loads(canonical.compact_json(codes)) == codes

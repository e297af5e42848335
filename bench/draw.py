"""Benchmark of the 双随机 draw: 1,000,000 entities, 10,000 inspectors, a joint plan (issue 4, point 14).

    DEBUG=1 .venv/bin/python bench/draw.py            # full sizes
    DEBUG=1 .venv/bin/python bench/draw.py --quick    # CI sizes (the JSON says "quick": true)
    DEBUG=1 .venv/bin/python bench/draw.py --repeat 9 # more rounds on a busy machine

The timed steps run `--repeat` rounds, interleaved (each round in a rotated order), and the
medians are reported: the machine is shared, so single timings are noisy. Prints each step, then
as its last line a JSON object with entity_draw_s, assignment_s, verify_s, pandas_baseline_s,
rfc3797_naive_100k_s, end_to_end_db_s (and a few more). end_to_end_db_s comes from
bench/draw_db.py, run in its own process on a throwaway database of the same size (its setup
takes minutes at 1M; --db-cache DIR keeps that database for the next run, --no-db skips it).
With --db-postgres URL it runs a second time on PostgreSQL (draw_db.py --postgres URL), reported
as end_to_end_db_postgres_s.

What each timing includes — inputs built before timing starts, in both cases: our pool as
lists of codes per risk class, pandas' as a DataFrame:
- entity_draw_s: draw_entities (hashrank version 3) as compute.run and verify call it after the
  commitment has checked the pool (no repeats, lists sorted): exemption, quotas, SHAKE-256 bytes
  for every member, selection and task order; entity_draw_checking_order_s the same but sorting
  each list itself (one pass when sorted), entity_draw_unsorted_pool_s given the lists in random
  order, entity_draw_v1_s hashrank version 1 (one SHA-256 per member), entity_draw_v2_s hashrank
  version 2 (the version before 3: the same ranks, the task order by rank);
- assignment_s: assign_complete (assignment version 2): feasibility checks, conflicts, the greedy
  team-by-team assignment (no chain of replacements is needed at these sizes: capacity has room);
  assignment_v1_s the greedy rule alone (assignment version 1, before hashrank version 3);
- verify_s: verification.verify of the complete record as a verifier has it, read from its published JSON
  (the parsing untimed, as the draw's inputs are built untimed): every canonical text and hash of
  the commitment, the whole draw and assignment again, the comparison (a forked helper hashes the
  pool, draws and compares the drawn entities while this process assigns, hashes the rest of the
  commitment and compares the teams, when a CPU is idle);
  verify_one_process_s without the helper; verify_in_memory_s of the record as `run` returned it,
  whose codes are the very string objects of the input (the pool, the conflicts and the result
  share them, so the helper and this process write to the same memory pages: copy-on-write costs);
- run_s: compute.run of the input: the commitment again (as the platform checks it against the
  published one), the draw, the assignment, the record;
- pandas_baseline_s: dropping the exempt codes (isin) and groupby("risk") + sample(frac=…)
  per class, concatenated.
"""

import argparse
import gc
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from fazhi.inspections.engine import (
    Inspector,
    assign,
    assign_complete,
    canonical,
    commit,
    compute,
    draw_entities,
    hashrank,
    loads,
    rfc3797,
    select,
    verification,
)
from fazhi.inspections.engine._parallel import processes

RATIOS = {"A": "0.03", "B": "0.05", "C": "0.1", "D": "0.2"}  # the joint plan of point 14
RISK_OF_DIGIT = "AAAABBBCCD"  # 40 % A, 30 % B, 20 % C, 10 % D
INDUSTRIES = 20
DEPARTMENTS = 10
SOURCES = [{"label": "福利彩票双色球 2026-11-30 开奖号码", "numbers": [3, 11, 17, 22, 28, 31, 9]},
           {"label": "见证人甲的秘密数", "numbers": [271828]}, {"label": "见证人乙的秘密数", "numbers": [314159]}]


def build(entities: int, inspectors: int, conflicts_each: int) -> dict:
    """A synthetic draw input: pool by risk class (industries spread over it), exemptions, inspectors, conflicts."""
    pool: dict[str, list[str]] = {r: [] for r in "ABCD"}
    for n in range(entities):
        industry = chr(ord("A") + n % INDUSTRIES)
        pool[RISK_OF_DIGIT[(n // INDUSTRIES) % 10]].append(f"91{n:014d}{industry}X")
    codes = [c for cs in pool.values() for c in cs]
    exempt = codes[::97]  # inspected for the same item recently
    staff = [{"id": f"ZF{n:06d}", "department": f"部门{n % DEPARTMENTS:02d}"} for n in range(inspectors)]
    conflicts = []
    for person in staff:
        digest = hashlib.sha256(person["id"].encode()).digest()
        start = int.from_bytes(digest[:8], "big")
        conflicts += [[person["id"], codes[(start + k * 7919) % len(codes)]] for k in range(conflicts_each)]
    tasks = sum(len(cs) for cs in pool.values()) * 0.09
    cap = int(tasks * 2 / inspectors * 1.5) + 2
    return {"method": {"name": "hashrank", "version": hashrank.VERSION}, "title": "bench", "pool": pool,
            "exempt": exempt,
            "parameters": {"ratios": RATIOS, "team_size": 2, "max_tasks_per_inspector": cap, "mix_departments": True,
                           "inspection_date": "2026-12-01"},
            "inspectors": staff, "conflicts": conflicts, "sources": SOURCES}


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def cpu_seconds() -> float:
    """CPU time of this process and of its children (the draw's forked helpers), once they are collected
    (a thread collects each after it has sent its results: waited for here, after the timing)."""
    for thread in threading.enumerate():
        if thread.name == "fazhi-draw-reaper":
            thread.join()
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def one_process(fn):
    """fn, run with FAZHI_DRAW_PROCESSES=1 (no forked helper)."""
    def call():
        saved = os.environ.get("FAZHI_DRAW_PROCESSES")
        os.environ["FAZHI_DRAW_PROCESSES"] = "1"
        try:
            return fn()
        finally:
            if saved is None:
                del os.environ["FAZHI_DRAW_PROCESSES"]
            else:
                os.environ["FAZHI_DRAW_PROCESSES"] = saved
    return call


def pandas_sampler(inp: dict):
    """The unverifiable baseline: a DataFrame of the same pool, built here (untimed), as our pool lists are;
    the timed call drops the exempt codes and samples each risk class with groupby(...).sample(frac=...)."""
    import pandas as pd  # requirements.lock installs it (the `bench` extra of pyproject.toml)
    frame = pd.DataFrame([(c, s) for s, cs in inp["pool"].items() for c in cs], columns=["code", "risk"])
    exempt = pd.Series(inp["exempt"])
    fractions = {s: float(r) for s, r in inp["parameters"]["ratios"].items()}

    def sample():
        eligible = frame[~frame["code"].isin(exempt)]
        return pd.concat(group.sample(frac=fractions[risk], random_state=20261201)
                         for risk, group in eligible.groupby("risk"))

    return sample


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def end_to_end_db(entities: int, inspectors: int, cache: Path | None, postgres: str | None = None) -> dict:
    """Run bench/draw_db.py (its own process: Django and a throwaway database) and read its JSON line."""
    command = [sys.executable, str(Path(__file__).with_name("draw_db.py")), "--entities", str(entities),
               "--inspectors", str(inspectors)]
    if cache is not None:
        command += ["--cache", str(cache)]
    if postgres is not None:
        command += ["--postgres", postgres]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ, "DEBUG": "1"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI sizes: 20,000 entities, 200 inspectors")
    parser.add_argument("--repeat", type=int, default=7,
                        help="rounds of the timed steps, interleaved; medians are reported (default 7)")
    parser.add_argument("--no-db", dest="db", action="store_false",
                        help="skip the end-to-end run from a database (bench/draw_db.py, minutes of setup at 1M)")
    parser.add_argument("--db-cache", type=Path, help="passed to bench/draw_db.py --cache: reuse its database")
    parser.add_argument("--db-postgres", metavar="URL",
                        help="also run bench/draw_db.py on PostgreSQL (its --postgres URL: a server where databases "
                             "may be created)")
    args = parser.parse_args()
    entities, inspectors, naive = (20_000, 200, 10_000) if args.quick else (1_000_000, 10_000, 100_000)
    inp = build(entities, inspectors, 10)
    sample = pandas_sampler(inp)
    sources = [s["numbers"] for s in SOURCES]
    exempt = set(inp["exempt"])
    staff = [Inspector(i["id"], i["department"]) for i in inp["inspectors"]]
    conflicts = [tuple(c) for c in inp["conflicts"]]
    cap = inp["parameters"]["max_tasks_per_inspector"]
    gc.collect()
    gc.freeze()  # the pool is long-lived: keep the collector from rescanning it during the timed steps
    print(f"pool {entities:,} entities ({', '.join(f'{s} {len(c):,}' for s, c in inp['pool'].items())}), "
          f"{len(exempt):,} exempt; {inspectors:,} inspectors in {DEPARTMENTS} departments; "
          f"{len(conflicts):,} conflict pairs; cap {cap} tasks; {args.repeat} rounds, medians")
    commit_s, committed = timed(commit.commitment, inp)
    print(f"commitment (canonical texts, SHA-256s; before the draw)  {commit_s:7.3f} s   "
          f"{committed['commit_sha256'][:16]}…")

    def draw(version=hashrank.VERSION, pool=inp["pool"], presorted=True):
        """As compute.run and verify draw, after the commitment has checked the pool: no code repeats, each
        list strictly ascending (`presorted`: version 2 does not sort again)."""
        return draw_entities(pool, RATIOS, sources, exempt, assume_unique=True, version=version, presorted=presorted)

    drawn = draw()
    shuffler = random.Random(14)
    shuffled = {s: shuffler.sample(codes, len(codes)) for s, codes in inp["pool"].items()}
    assert draw(pool=shuffled, presorted=False) == drawn  # the order of the pool lists changes nothing

    def assignment():
        return assign_complete(drawn.tasks, staff, sources, team_size=2, max_tasks=cap, conflicts=conflicts,
                               mix_departments=True)

    def assignment_v1():
        """The greedy rule alone (assignment version 1, hashrank versions 1 and 2): the code before version 3."""
        return assign(drawn.tasks, staff, sources, team_size=2, max_tasks=cap, conflicts=conflicts,
                      mix_departments=True)

    teams = assignment()
    assert assignment_v1() == teams  # no chain is needed here: both versions give the same teams
    done = {**inp, "format": canonical.FORMAT, "format_version": canonical.FORMAT_VERSION, "commitment": committed,
            "result": {"key": rfc3797.make_key(sources), "eligible": drawn.eligible, "quotas": drawn.quotas,
                       "selected": drawn.selected,
                       "tasks": [{"entity": e, "team": list(teams[e])} for e in drawn.tasks]}}
    published = json.loads(canonical.dumps(done))  # as `fazhi draw verify RECORD.json` reads it
    unsorted = json.loads(canonical.dumps({**done, "pool": shuffled}))
    steps = {"entity_draw": draw, "entity_draw_v1": lambda: draw("1"),
             "entity_draw_checking_order": lambda: draw(presorted=False),
             "entity_draw_unsorted_pool": lambda: draw(pool=shuffled, presorted=False), "assignment": assignment,
             "entity_draw_v2": lambda: draw("2"), "assignment_v1": assignment_v1,
             "run": lambda: compute.run(inp), "run_1proc": one_process(lambda: compute.run(inp)),
             "verify": lambda: verification.verify(published),
             "verify_1proc": one_process(lambda: verification.verify(published)),
             "verify_in_memory": lambda: verification.verify(done),
             "verify_unsorted_pool": lambda: verification.verify(unsorted)}
    steps["pandas_baseline"] = sample
    wall: dict[str, list[float]] = {name: [] for name in steps}
    cpu: dict[str, list[float]] = {name: [] for name in steps}
    forked: dict[str, list[int]] = {"run": [], "verify": [], "verify_in_memory": []}  # processes used, per round
    order = list(steps)
    for round_ in range(args.repeat):
        for name in order[round_ % len(order):] + order[:round_ % len(order)]:  # rotate: no step always first
            gc.collect()
            if name in forked:
                forked[name].append(processes(entities))
            cpu0 = cpu_seconds()
            seconds, value = timed(steps[name])
            cpu[name].append(cpu_seconds() - cpu0)
            wall[name].append(seconds)
            if name.startswith("verify"):
                assert value.match, value.problems
    m = {name: median(values) for name, values in wall.items()}
    c = {name: median(values) for name, values in cpu.items()}

    def line(label: str, name: str, note: str = "") -> None:
        spread = f"{min(wall[name]):.3f}–{max(wall[name]):.3f}"
        used = f", processes {'/'.join(map(str, forked[name]))}" if name in forked else ""
        print(f"{label:<52} {m[name]:7.3f} s   (range {spread}, CPU {c[name]:.3f} s{used}){note}")

    per = loads(teams)
    line(f"entity draw (hashrank {hashrank.VERSION}, {sum(drawn.quotas.values()):,} drawn)", "entity_draw",
         f"   quotas {drawn.quotas}")
    line("entity draw, checking the lists are sorted", "entity_draw_checking_order")
    line("entity draw, pool lists in random order", "entity_draw_unsorted_pool")
    line("entity draw, hashrank version 2 (before v3)", "entity_draw_v2")
    line("entity draw, hashrank version 1", "entity_draw_v1")
    line(f"assignment ({len(teams):,} teams of 2)", "assignment",
         f"   load min {min(per.values())} max {max(per.values())}")
    line("assignment, version 1 (greedy alone, before v3)", "assignment_v1")
    line("run (commitment + draw + assignment + record)", "run", "   (the draw as the platform runs it)")
    line("run, one process", "run_1proc")
    line("verify (commitment + draw + assignment + compare)", "verify", "   MATCH")
    line("verify, one process", "verify_1proc", "   MATCH")
    line("verify, the record as built in memory", "verify_in_memory", "   MATCH")
    line("verify, pool lists in random order", "verify_unsorted_pool", "   MATCH")
    line("pandas groupby().sample(frac=…) baseline", "pandas_baseline", "   (not verifiable)")
    pool = [f"M{n:06d}" for n in range(naive)]
    naive_runs = []
    for _ in range(args.repeat):
        gc.collect()
        naive_runs.append(timed(select, pool, naive // 10, sources)[0])
    naive_s = statistics.median(naive_runs)
    print(f"{f'RFC 3797, list-based, {naive // 10:,} of {naive:,}':<52} {naive_s:7.3f} s")
    draw_assign = round(m["entity_draw"] + m["assignment"], 3)
    print(f"{'entity draw + assignment':<52} {draw_assign:7.3f} s   (goal ≤ 1.5 s at 1M; verify goal: ≤ this; "
          f"verify is {m['verify'] / draw_assign:.2f} of it)")
    pandas_s = m["pandas_baseline"]
    end_to_end = end_to_end_db(entities, inspectors, args.db_cache) if args.db else None
    on_postgres = (end_to_end_db(entities, inspectors, args.db_cache, args.db_postgres)
                   if args.db and args.db_postgres else None)
    for label, figures in (("SQLite", end_to_end), ("PostgreSQL", on_postgres)):
        if figures is not None:
            print(f"{f'end to end from a database ({label})':<52} "
                  f"{figures['end_to_end_db_s']:7.3f} s   (commit {figures['commit_s']:.2f} s + reveal "
                  f"{figures['reveal_s']:.2f} s; goal ≤ 15 s at 1M)")
    print(json.dumps({
        "quick": args.quick, "entities": entities, "inspectors": inspectors, "conflicts": len(conflicts),
        "python": platform.python_version(), "repeat": args.repeat, "processes": forked,
        "entity_draw_s": m["entity_draw"], "assignment_s": m["assignment"], "verify_s": m["verify"],
        "commitment_s": round(commit_s, 3),
        "pandas_baseline_s": pandas_s,
        "rfc3797_naive_100k_s": round(naive_s, 3) if not args.quick else None,
        "rfc3797_naive_s": round(naive_s, 3), "rfc3797_naive_pool": naive,
        "end_to_end_db_s": end_to_end["end_to_end_db_s"] if end_to_end else None,
        "end_to_end_db_postgres_s": on_postgres["end_to_end_db_s"] if on_postgres else None,
        "entity_draw_v1_s": m["entity_draw_v1"], "entity_draw_v2_s": m["entity_draw_v2"],
        "assignment_v1_s": m["assignment_v1"], "entity_draw_checking_order_s": m["entity_draw_checking_order"],
        "entity_draw_unsorted_pool_s": m["entity_draw_unsorted_pool"],
        "verify_one_process_s": m["verify_1proc"], "verify_in_memory_s": m["verify_in_memory"],
        "verify_cpu_s": c["verify"],
        "verify_unsorted_pool_s": m["verify_unsorted_pool"], "draw_plus_assignment_s": draw_assign,
        "run_s": m["run"], "run_one_process_s": m["run_1proc"], "load_average": [round(x, 2) for x in os.getloadavg()],
        "note": ("quick sizes" if args.quick else "")
        + ("" if end_to_end else "; end_to_end_db_s skipped (--no-db)"),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()

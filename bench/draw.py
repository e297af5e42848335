"""Benchmark of the 双随机 draw: 1,000,000 entities, 10,000 inspectors, a joint plan (issue 4, point 14).

    DEBUG=1 .venv/bin/python bench/draw.py            # full sizes
    DEBUG=1 .venv/bin/python bench/draw.py --quick    # CI sizes (the JSON says "quick": true)

Prints each step, then as its last line a JSON object with entity_draw_s, assignment_s, verify_s,
pandas_baseline_s, rfc3797_naive_100k_s, end_to_end_db_s.
"""

import argparse
import gc
import hashlib
import json
import platform
import time

from fazhi.inspections.engine import Inspector, assign, draw_entities, record, select
from fazhi.inspections.engine.hashrank import check_pool

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
    return {"method": {"name": "hashrank", "version": "1"}, "title": "bench", "pool": pool, "exempt": exempt,
            "parameters": {"ratios": RATIOS, "team_size": 2, "max_tasks_per_inspector": cap, "mix_departments": True,
                           "inspection_date": "2026-12-01"},
            "inspectors": staff, "conflicts": conflicts, "sources": SOURCES}


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def pandas_baseline(inp: dict) -> float | None:
    try:
        import pandas as pd
    except ImportError:
        return None
    frame = pd.DataFrame([(c, s) for s, cs in inp["pool"].items() for c in cs], columns=["code", "risk"])
    exempt = pd.Series(inp["exempt"])
    fractions = {s: float(r) for s, r in inp["parameters"]["ratios"].items()}

    def sample():
        eligible = frame[~frame["code"].isin(exempt)]
        return pd.concat(group.sample(frac=fractions[risk], random_state=20261201)
                         for risk, group in eligible.groupby("risk"))

    seconds, _ = timed(sample)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI sizes: 20,000 entities, 200 inspectors")
    args = parser.parse_args()
    entities, inspectors, naive = (20_000, 200, 10_000) if args.quick else (1_000_000, 10_000, 100_000)
    inp = build(entities, inspectors, 10)
    gc.collect()
    gc.freeze()  # the pool is long-lived: keep the collector from rescanning it during the timed steps
    print(f"pool {entities:,} entities ({', '.join(f'{s} {len(c):,}' for s, c in inp['pool'].items())}), "
          f"{len(inp['exempt']):,} exempt; {inspectors:,} inspectors in {DEPARTMENTS} departments; "
          f"{len(inp['conflicts']):,} conflict pairs; cap {inp['parameters']['max_tasks_per_inspector']} tasks")
    sources = [s["numbers"] for s in SOURCES]
    commit_s, committed = timed(record.commitment, inp)
    print(f"commitment (canonical pool, SHA-256s)      {commit_s:7.3f} s   {committed['commit_sha256'][:16]}…")
    check_s, _ = timed(check_pool, inp["pool"])
    # the commitment has just checked that no code repeats, as record.run does
    draw_s, drawn = timed(draw_entities, inp["pool"], RATIOS, sources, set(inp["exempt"]), assume_unique=True)
    print(f"entity draw (hashrank, {sum(drawn.quotas.values()):,} drawn)           {draw_s:7.3f} s   "
          f"quotas {drawn.quotas}  (of which duplicate check {check_s:.3f} s)")
    staff = [Inspector(i["id"], i["department"]) for i in inp["inspectors"]]
    assign_s, teams = timed(assign, drawn.tasks, staff, sources, team_size=2,
                            max_tasks=inp["parameters"]["max_tasks_per_inspector"],
                            conflicts=[tuple(c) for c in inp["conflicts"]], mix_departments=True)
    per = {}
    for team in teams.values():
        for member in team:
            per[member] = per.get(member, 0) + 1
    print(f"assignment ({len(teams):,} teams of 2)               {assign_s:7.3f} s   "
          f"load min {min(per.values())} max {max(per.values())}")
    done = {**inp, "format": record.FORMAT, "format_version": record.FORMAT_VERSION, "commitment": committed,
            "result": {"key": record.rfc3797.make_key(sources), "eligible": drawn.eligible, "quotas": drawn.quotas,
                       "selected": drawn.selected,
                       "tasks": [{"entity": e, "team": list(teams[e])} for e in drawn.tasks]}}
    verify_s, report = timed(record.verify, done)
    assert report.match, report.problems
    print(f"verify (commitment + draw + assignment)    {verify_s:7.3f} s   {report}")
    pandas_s = pandas_baseline(inp)
    print("pandas groupby().sample(frac=…) baseline   " +
          (f"{pandas_s:7.3f} s   (not verifiable)" if pandas_s is not None else "skipped: pandas not installed"))
    pool = [f"M{n:06d}" for n in range(naive)]
    naive_s, _ = timed(select, pool, naive // 10, sources)
    print(f"RFC 3797, list-based, {naive // 10:,} of {naive:,}       {naive_s:7.3f} s")
    print(f"entity draw + assignment                   {draw_s + assign_s:7.3f} s   (goal ≤ 1.5 s at 1M)")
    print(json.dumps({
        "quick": args.quick, "entities": entities, "inspectors": inspectors, "conflicts": len(inp["conflicts"]),
        "python": platform.python_version(),
        "entity_draw_s": round(draw_s, 3), "assignment_s": round(assign_s, 3), "verify_s": round(verify_s, 3),
        "commitment_s": round(commit_s, 3),
        "pandas_baseline_s": None if pandas_s is None else round(pandas_s, 3),
        "rfc3797_naive_100k_s": round(naive_s, 3) if not args.quick else None,
        "rfc3797_naive_s": round(naive_s, 3), "rfc3797_naive_pool": naive,
        "end_to_end_db_s": None,
        "note": "end_to_end_db_s: the inspection models do not exist yet" + ("; quick sizes" if args.quick else ""),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()

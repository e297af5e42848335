"""An independent re-implementation of docs/draw-algorithm.md, written from the document, checked against the engine.

It deliberately shares no code with the engine: the key is built by string formatting, ratios are parsed as
decimal digits into integers, every stratum is fully sorted, and each team seat is a linear scan.
"""

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.inspections.engine import record

# The worked example of docs/draw-algorithm.md, section 8 (hashrank version 1, then version 2).
WORKED_INPUT = {
    "method": {"name": "hashrank", "version": "1"},
    "title": "示例：2026年联合抽查",
    "pool": {
        "A": ["91110000000000001A", "91110000000000002B", "91110000000000003C", "91110000000000004D",
              "91110000000000005E", "91110000000000006F"],
        "B": ["91110000000000011A", "91110000000000012B", "91110000000000013C", "91110000000000014D"],
        "C": ["91110000000000021A", "91110000000000022B", "91110000000000023C"],
        "D": ["91110000000000031A", "91110000000000032B"],
    },
    "exempt": ["91110000000000002B"],
    "parameters": {"ratios": {"A": "0.3", "B": "0.5", "C": "0.5", "D": "1"}, "team_size": 2,
                   "max_tasks_per_inspector": 3, "mix_departments": True, "inspection_date": "2026-12-01"},
    "inspectors": [{"id": "S01", "department": "市场监管局"}, {"id": "S02", "department": "市场监管局"},
                   {"id": "T01", "department": "税务局"}, {"id": "T02", "department": "税务局"},
                   {"id": "H01", "department": "生态环境局"}, {"id": "H02", "department": "生态环境局"}],
    "conflicts": [["S01", "91110000000000031A"]],
    "sources": [{"label": "福利彩票双色球 2026-11-30 开奖号码（红球、蓝球）", "numbers": [3, 11, 17, 22, 28, 31, 9]},
                {"label": "见证人甲的秘密数", "numbers": [271828]}],
}
WORKED_KEY = "3.9.11.17.22.28.31./271828./"
# The numbers printed in the document (computed once, then checked by both implementations).
WORKED_DOC = {
    "quotas": {"A": 2, "B": 2, "C": 1, "D": 2},
    "selected": {"A": ["91110000000000001A", "91110000000000006F"], "B": ["91110000000000012B", "91110000000000011A"],
                 "C": ["91110000000000022B"], "D": ["91110000000000032B", "91110000000000031A"]},
    "tasks": [{"entity": "91110000000000001A", "team": ["S02", "T01"]},
              {"entity": "91110000000000006F", "team": ["S01", "T02"]},
              {"entity": "91110000000000012B", "team": ["H01", "S02"]},
              {"entity": "91110000000000022B", "team": ["H02", "S01"]},
              {"entity": "91110000000000011A", "team": ["T02", "H02"]},
              {"entity": "91110000000000032B", "team": ["T01", "H01"]},
              {"entity": "91110000000000031A", "team": ["H01", "T02"]}],
    "commit_sha256": "78b9d85047fed15ba831ad037d72843b7cb5f250386d0afc6bcbbf9d2c24fd62",
}
WORKED_INPUT_V2 = {**WORKED_INPUT, "method": {"name": "hashrank", "version": "2"}}
WORKED_DOC_V2 = {
    "quotas": {"A": 2, "B": 2, "C": 1, "D": 2},
    "selected": {"A": ["91110000000000004D", "91110000000000005E"], "B": ["91110000000000012B", "91110000000000013C"],
                 "C": ["91110000000000022B"], "D": ["91110000000000032B", "91110000000000031A"]},
    "tasks": [{"entity": "91110000000000004D", "team": ["S02", "T01"]},
              {"entity": "91110000000000012B", "team": ["S01", "T02"]},
              {"entity": "91110000000000005E", "team": ["H01", "S02"]},
              {"entity": "91110000000000032B", "team": ["H02", "S01"]},
              {"entity": "91110000000000022B", "team": ["T02", "H02"]},
              {"entity": "91110000000000031A", "team": ["T01", "H01"]},
              {"entity": "91110000000000013C", "team": ["H01", "S01"]}],
    "commit_sha256": "ea02cd5cf9d2c2bc54a95b7b3b63a72e295c27a10d52a40199fba1a4c30bb664",
}
WORKED = [(WORKED_INPUT, WORKED_DOC), (WORKED_INPUT_V2, WORKED_DOC_V2)]


def ref_key(sources):
    return "".join("".join(str(n) + "." for n in sorted(s)) + "/" for s in sources)


def ref_ratio(text):
    """Decimal string -> (numerator, denominator) with integers only."""
    whole, _, frac = text.partition(".")
    return int(whole + frac or "0"), 10 ** len(frac)


def ref_quotas(counts, ratios):
    denom = 1
    for r in ratios.values():
        denom = max(denom, ref_ratio(r)[1])
    scaled = {}
    for s, n in counts.items():
        num, den = ref_ratio(ratios[s])
        scaled[s] = num * (denom // den) * n  # exact quota × denom
    floors = {s: v // denom for s, v in scaled.items()}
    total = (sum(scaled.values()) * 2 + denom) // (2 * denom)
    order = sorted(scaled, key=lambda s: (-(scaled[s] % denom), s))
    for s in order[: total - sum(floors.values())]:
        floors[s] += 1
    return floors


def ref_ranks(inp, key):
    """code -> rank, as a (random part, UTF-8 code) pair compared element by element."""
    if inp["method"]["version"] == "1":
        seed = hashlib.sha256(b"fazhi/hashrank/1\n" + key).digest()
        return {c: (hashlib.sha256(seed + c.encode()).digest(), c.encode())
                for codes in inp["pool"].values() for c in codes}
    ranks = {}
    for stratum, codes in inp["pool"].items():
        stream = hashlib.shake_256(b"fazhi/hashrank/2\n" + key + b"\n" + stratum.encode()).digest(8 * len(codes))
        for i, c in enumerate(sorted(codes)):
            ranks[c] = (int.from_bytes(stream[8 * i:8 * i + 8], "big"), c.encode())
    return ranks


def ref_draw(inp):
    key = ref_key(s["numbers"] for s in inp["sources"]).encode()
    exempt = set(inp.get("exempt", []))
    members = {s: [c for c in codes if c not in exempt] for s, codes in inp["pool"].items()}
    quotas = ref_quotas({s: len(c) for s, c in members.items()}, inp["parameters"]["ratios"])
    rank = ref_ranks(inp, key).__getitem__

    selected = {s: sorted(codes, key=rank)[: quotas[s]] for s, codes in members.items()}
    tasks = sorted((c for codes in selected.values() for c in codes), key=rank)
    p = inp["parameters"]
    aseed = hashlib.sha256(b"fazhi/assign/1\n" + key).digest()
    load = {i["id"]: 0 for i in inp["inspectors"]}
    dept = {i["id"]: i["department"] for i in inp["inspectors"]}
    conflicts = {tuple(c) for c in inp.get("conflicts", [])}
    teams = []
    for e in tasks:
        team = []
        for _seat in range(p["team_size"]):
            best = None
            for i in load:
                if load[i] >= p["max_tasks_per_inspector"] or i in team or (i, e) in conflicts:
                    continue
                if p.get("mix_departments") and dept[i] in {dept[t] for t in team}:
                    continue
                k = (load[i], hashlib.sha256(aseed + f"{load[i]}\n{i}".encode()).digest(), i)
                best = k if best is None or k < best else best
            assert best is not None
            team.append(best[2])
        for i in team:
            load[i] += 1
        teams.append({"entity": e, "team": team})
    return {"key": key.decode(), "quotas": dict(sorted(quotas.items())), "selected": selected, "tasks": teams}


def ref_commit(rec):
    def h(text):
        return hashlib.sha256(text.encode()).hexdigest()

    version = rec["method"]["version"]
    if version == "1":
        pool = "".join(f"{c}\t{s}\n" for c, s in sorted((c, s) for s, cs in rec["pool"].items() for c in cs))
    else:
        pool = "".join(s + "\n" + "".join(f"\t{c}\n" for c in sorted(cs))
                       for s, cs in sorted(rec["pool"].items()) if cs)
    exempt = "".join(f"{c}\n" for c in sorted(set(rec.get("exempt", []))))
    insp = "".join(f"{i['id']}\t{i['department']}\n" for i in sorted(rec["inspectors"], key=lambda i: i["id"]))
    conf = "".join(f"{a}\t{b}\n" for a, b in sorted({tuple(c) for c in rec.get("conflicts", [])}))
    params = json.dumps(rec["parameters"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    labels = json.dumps([{"label": s["label"], "seal": s["seal"]} if "seal" in s else s["label"]
                         for s in rec["sources"]], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = (f"fazhi-draw-commit/1\nmethod=hashrank\nversion={version}\npool={h(pool)}\nexempt={h(exempt)}\n"
            f"inspectors={h(insp)}\nconflicts={h(conf)}\nparameters={h(params)}\nsources={h(labels)}\n")
    return h(text)


@pytest.mark.parametrize(("inp", "doc"), WORKED, ids=["version 1", "version 2"])
def test_worked_example_matches_the_document(inp, doc):
    done = record.run(inp)
    assert done["result"]["key"] == WORKED_KEY
    assert done["result"]["quotas"] == doc["quotas"]
    assert done["result"]["selected"] == doc["selected"]
    assert done["result"]["tasks"] == doc["tasks"]
    assert done["commitment"]["commit_sha256"] == doc["commit_sha256"]


@pytest.mark.parametrize("inp", [WORKED_INPUT, WORKED_INPUT_V2], ids=["version 1", "version 2"])
def test_worked_example_matches_the_independent_implementation(inp):
    done = record.run(inp)
    ref = ref_draw(inp)
    assert {k: done["result"][k] for k in ref} == ref
    assert done["commitment"]["commit_sha256"] == ref_commit(inp)


def test_version_2_ranks_by_position_in_the_sorted_stratum():
    """The document's example values: the first 8 bytes of stratum A's stream go to its smallest code."""
    stream = hashlib.shake_256(b"fazhi/hashrank/2\n" + WORKED_KEY.encode() + b"\nA").digest(48)
    assert stream[:8].hex() == "af67475c23c731d6"  # 91110000000000001A
    assert stream[24:32].hex() == "07bbf6c2e6c24190"  # 91110000000000004D, drawn first


codes = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=4, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCD"), st.lists(codes, max_size=25, unique=True), min_size=1),
       st.lists(st.lists(st.integers(0, 99), min_size=1, max_size=5), min_size=1, max_size=3),
       st.sampled_from(["0", "0.03", "0.1", "0.25", "0.5", "0.333", "1"]), st.sampled_from(["1", "2"]))
def test_engine_agrees_with_the_reference_on_random_inputs(pool, sources, ratio, version):
    seen, clean = set(), {}
    for s, cs in pool.items():
        clean[s] = [c for c in cs if c not in seen]
        seen.update(clean[s])
    inp = {**WORKED_INPUT, "method": {"name": "hashrank", "version": version}, "pool": clean,
           "exempt": sorted(seen)[:2],
           "parameters": {**WORKED_INPUT["parameters"], "max_tasks_per_inspector": 40,
                          "ratios": {s: ratio for s in "ABCD"}},
           "conflicts": [], "sources": [{"label": str(i), "numbers": n} for i, n in enumerate(sources)]}
    done = record.run(inp)
    ref = ref_draw(inp)
    assert {k: done["result"][k] for k in ref} == ref
    assert done["commitment"]["commit_sha256"] == ref_commit(inp)

"""Benchmark of the legality pre-review (issue 5, points 7 and 8): precision, recall and speed.

    DEBUG=1 .venv/bin/python bench/review.py
    DEBUG=1 .venv/bin/python bench/review.py --misses     # also list every false positive and false negative
    DEBUG=1 .venv/bin/python bench/review.py --quick      # CI: 3 timed runs

Scores check() on the labelled corpus in fazhi/legality_checker/tests/corpus (overall, per part, per rule),
then times check() on a 20,000-character draft made by concatenating the corpus drafts (median of several
runs). The last line is a JSON object {"precision": …, "recall": …, "ms_per_20k_chars": …}.
"""

import argparse
import json
import platform
import statistics
import time

from fazhi.legality_checker.engine import RULES, check
from fazhi.legality_checker.evaluation import PARTS, load_corpus, score

DRAFT_CHARS = 20_000
RUNS = 15


def big_draft(texts: list[str], size: int) -> str:
    """Corpus drafts one after another (each new title reads as more preamble) cut to exactly `size` characters."""
    joined, i = "", 0
    while len(joined) < size:
        joined += texts[i % len(texts)] + "\n"
        i += 1
    return joined[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--quick", action="store_true", help=f"CI: 3 timed runs instead of {RUNS}")
    args = parser.parse_args()

    drafts = load_corpus()
    total = score(drafts)
    print(f"corpus: {len(drafts)} drafts, {sum(len(d.text) for d in drafts):,} characters, "
          f"{sum(len(d.labels) for d in drafts)} labelled findings")
    for part in PARTS:
        part_drafts = load_corpus(part)
        s = score(part_drafts)
        print(f"  {part:<8} {len(part_drafts):3d} drafts  precision {s.precision():.3f}  recall {s.recall():.3f}")
    print(f"{'rule':<20}{'TP':>5}{'FP':>5}{'FN':>5}  precision  recall")
    for rule in RULES:
        print(f"{rule:<20}{total.tp[rule]:5d}{total.fp[rule]:5d}{total.fn[rule]:5d}  "
              f"{total.precision(rule):9.3f}  {total.recall(rule):6.3f}")
    print(f"{'all':<20}{sum(total.tp.values()):5d}{sum(total.fp.values()):5d}{sum(total.fn.values()):5d}  "
          f"{total.precision():9.3f}  {total.recall():6.3f}")
    if args.misses:
        print("\n".join(total.misses) or "no misses")

    draft = big_draft([d.text for d in drafts], DRAFT_CHARS)
    findings = check(draft)  # a warm-up run, not timed
    runs, rounds = [], 3 if args.quick else RUNS
    for _ in range(rounds):
        begin = time.perf_counter()
        check(draft)
        runs.append((time.perf_counter() - begin) * 1000)
    ms = statistics.median(runs)
    print(f"check() on {len(draft):,} characters ({len(findings)} findings): median {ms:.1f} ms over {rounds} runs "
          f"(min {min(runs):.1f}, max {max(runs):.1f}); goal ≤ 100 ms; Python {platform.python_version()}")
    print(json.dumps({"precision": round(total.precision(), 3), "recall": round(total.recall(), 3),
                      "ms_per_20k_chars": round(ms, 1)}))


if __name__ == "__main__":
    main()

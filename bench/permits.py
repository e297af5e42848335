"""Benchmark: the permit statistics (per mode: matters, cases, on-time rate, average working days) over 100,000
cases a year, in a fresh SQLite database, or with --postgres in a throwaway PostgreSQL one.

    DEBUG=1 .venv/bin/python bench/permits.py [--cases N]
    DEBUG=1 .venv/bin/python bench/permits.py --quick    # CI size: 2,000 cases
    DEBUG=1 .venv/bin/python bench/permits.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Builds (not timed) a catalogue of 60 matters (6 abolished, 3 filing, 11 commitment, 40 optimised) through the
services, then N decided cases of one year with their matters (5% of them one-window cases of two matters) in
bulk. Times `selectors.statistics(year)` zone-wide and for one unit (the statistics page and the API read it), and
the annual report's section, each the median of 5 runs, and prints the figures. The last line is JSON.
"""

import argparse
import datetime as dt
import json
import os
import statistics as stats
import tempfile
import time
from pathlib import Path

from support import setup_django, throwaway_postgres

CASES = 100_000
GOAL_S = 0.3  # issue 18: the statistics page of 100,000 cases a year in under 300 ms on PostgreSQL
YEAR = 2022


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--quick", action="store_true", help="CI size: 2,000 cases")
    parser.add_argument("--postgres", metavar="URL",
                        help="run on PostgreSQL: a server where databases may be created (a throwaway one is)")
    args = parser.parse_args()
    count = 2_000 if args.quick else args.cases
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        if args.postgres:
            with throwaway_postgres(args.postgres, f"fazhi_bench_permits_{os.getpid()}") as url:
                setup_django(tmp, url)
                from django.db import connections

                try:
                    run(count, "PostgreSQL")
                finally:
                    connections.close_all()
        else:
            setup_django(tmp, f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
            run(count, "SQLite")


def _median(function, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return stats.median(times), result


def build(count: int):
    from django.core.management import call_command

    from fazhi.deadlines.calendar_source import working_calendar
    from fazhi.organisation.models import OrgUnit, Zone
    from fazhi.permits import services
    from fazhi.permits.constants import ApplicantKind, ApprovalLevel, DecisionForm, ReformMode
    from fazhi.permits.lifecycle import Status
    from fazhi.permits.models import CaseMatter, PermitCase

    call_command("migrate", verbosity=0)
    zone = Zone.objects.create(name="基准开发区", short_name="基准", division_code="210281")
    units = [OrgUnit.objects.create(zone=zone, code=f"DEPT-{n}", name=f"部门{n}", short_name=f"部门{n}",
                                    kind="department", sort_order=n) for n in range(10)]
    edition = services.edition_create(user=None, name="清单", document_number="基准〔2021〕1号",
                                      effective_on=dt.date(2021, 7, 1))
    entries = {mode: [] for mode in ReformMode}
    for mode, how_many in ((ReformMode.ABOLISHED, 6), (ReformMode.FILING, 3), (ReformMode.COMMITMENT, 11),
                           (ReformMode.OPTIMIZED, 40)):
        for n in range(how_many):
            matter = services.matter_create(user=None, code=f"{mode.value}-{n}", name=f"{mode.label}{n}")
            entries[mode].append(services.entry_create(
                user=None, edition=edition, matter=matter, basis="依据", approval_level=ApprovalLevel.COUNTY,
                approving_department="部门", org_unit=units[n % 10], mode=mode, measures="举措", supervision="监管",
                promised_days=5))
    calendar = working_calendar()
    days = [d for d in (dt.date(YEAR, 1, 1) + dt.timedelta(n) for n in range(365)) if calendar.is_working_day(d)]
    weights = [(ReformMode.FILING, 92), (ReformMode.COMMITMENT, 238), (ReformMode.OPTIMIZED, 370)]
    cycle = [mode for mode, w in weights for _ in range(w)]
    cases, lines = [], []
    for n in range(count):
        received = days[n % len(days)]
        used = n % 25
        decided = calendar.add_working_days(received, used)
        cases.append(PermitCase(
            number=f"XK{YEAR}-{n + 1:06d}", org_unit=units[n % 10], edition=edition,
            applicant_kind=ApplicantKind.PERSON, applicant_name=f"申请人{n}", matters_text="事项",
            received_on=received, status=Status.GRANTED, statutory_days=20, promised_days=5,
            statutory_due_on=calendar.add_working_days(received, 20),
            promised_due_on=calendar.add_working_days(received, 5), decided_on=decided,
            decision_form=DecisionForm.LICENCE, working_days_used=used, on_time=used <= 20, within_promise=used <= 5))
    PermitCase.objects.bulk_create(cases, batch_size=2000)
    for n, case in enumerate(PermitCase.objects.order_by("pk").only("pk")):
        mode = cycle[n % len(cycle)]
        lines.append(CaseMatter(case=case, entry=entries[mode][n % len(entries[mode])], mode=mode))
        if n % 20 == 0 and mode != ReformMode.OPTIMIZED:
            lines.append(CaseMatter(case=case, entry=entries[ReformMode.OPTIMIZED][n % 40],
                                    mode=ReformMode.OPTIMIZED))
    CaseMatter.objects.bulk_create(lines, batch_size=2000)
    return units, len(lines)


def run(count: int, database: str) -> None:
    from fazhi.permits import report, selectors

    start = time.perf_counter()
    units, lines = build(count)
    from django.db import connection

    if connection.vendor == "postgresql":  # planner statistics, as autovacuum would gather them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {count:,} cases ({lines:,} matters applied for) in {time.perf_counter() - start:.1f} s "
          "(not timed below)")
    zone_s, figures = _median(lambda: selectors.statistics(YEAR))
    unit_s, _ = _median(lambda: selectors.statistics(YEAR, units[3]))
    report_s, section = _median(lambda: report.report_section(YEAR))
    for row in figures.rows:
        print(f"  {row.label}: 事项{row.matters} 办件{row.cases} 按时办结率{row.on_time_rate}% "
              f"平均{row.average_days}个工作日")
    print(f"  合计: 办件{figures.cases}件（按事项{figures.lines}件） 按时办结率{figures.on_time_rate}%")
    print(f"{database}: statistics zone-wide {zone_s * 1000:.0f} ms, one unit {unit_s * 1000:.0f} ms, "
          f"report section {report_s * 1000:.0f} ms (median of 5); goal < {GOAL_S * 1000:.0f} ms on PostgreSQL, "
          f"{zone_s / GOAL_S:.2f} of it")
    print(json.dumps({"database": database, "cases": count, "lines": lines, "statistics_s": round(zone_s, 4),
                      "unit_statistics_s": round(unit_s, 4), "report_s": round(report_s, 4),
                      "report_total": section.figure("合计办件").value}))


if __name__ == "__main__":
    main()

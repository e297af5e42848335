"""Benchmark: a joint random-inspection plan from a database of market entities to stored tasks.

    DEBUG=1 .venv/bin/python bench/draw_db.py [--entities N] [--inspectors N] [--profile] [--cache DIR]
    DEBUG=1 .venv/bin/python bench/draw_db.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Builds a throwaway SQLite database (its own FAZHI_VAR_DIR, never var/fazhi.sqlite3) holding N
market entities (4 risk classes x 20 industries), 10 departments with N/100 certified inspectors,
each declaring 10 recusals, and one approved, published joint plan over all 10 departments
(ratios A 3%, B 5%, C 10%, D 20%; teams of 2). The setup is not timed. Then it times what a
person sets off with two clicks, through the platform's services:
- commit (`draw_commit`): read the pool, exemptions, inspectors and recusals from the database,
  compute the commitment, write the frozen input;
- reveal (`draw_reveal`): read it back, re-check the certificates, run and check the draw,
  write the record, and store every task and team seat with its history row.
The last line is JSON: {"entities": ..., "tasks": ..., "commit_s": ..., "reveal_s": ...,
"end_to_end_db_s": ...}. bench/draw.py runs it and reports end_to_end_db_s.

With --postgres URL the same runs on PostgreSQL, the scale-out database: a throwaway database
is created on that server (the URL names any database there the user may connect to and create
databases from) and dropped afterwards; with --cache the built one is kept on the server as a
template, fazhi_bench_draw_<entities>_<inspectors>, and copied for the next run.
"""

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from support import postgres_admin, setup_django, throwaway_postgres

DEPARTMENTS = 10
RECUSALS_PER_INSPECTOR = 10
# The plan inspects this long after the day the database is built (approval is refused after the
# inspection date); certificates are valid for years either side of it. Never a fixed date: a
# fresh machine builds on any day (FAZHI_CLOCK sets another).
INSPECTION_AFTER = dt.timedelta(days=30)
CERTIFICATE_YEARS = dt.timedelta(days=2 * 365)
# A public lottery's numbers, drawn the day after the commit, and a witness's sealed secret (20 or more digits).
SOURCES = [[3, 11, 17, 22, 28, 31, 9], [31415926535897932384626]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--inspectors", type=int, default=None, help="default: entities / 100")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of commit + reveal")
    parser.add_argument("--cache", type=Path, help="keep the built database in this folder and start from a "
                                                     "copy of it next time (the setup of 1M entities takes minutes)")
    parser.add_argument("--postgres", metavar="URL",
                        help="run on PostgreSQL: a server where databases may be created (see above)")
    args = parser.parse_args()
    inspectors = args.inspectors or max(args.entities // 100, 20)
    if args.postgres:
        print(json.dumps(on_postgres(args.postgres, args.entities, inspectors, args.profile, keep=bool(args.cache))))
        return
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-draw-") as tmp:
        database = Path(tmp) / "bench.sqlite3"
        cached = args.cache / f"draw-{args.entities}-{inspectors}.sqlite3" if args.cache else None
        if cached and cached.exists():
            shutil.copyfile(cached, database)
        setup_django(tmp, f"sqlite:///{database}")

        def keep() -> None:
            from django.db import connection

            cached.parent.mkdir(parents=True, exist_ok=True)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(cached)])

        figures = run(args.entities, inspectors, args.profile, built=bool(cached and cached.exists()),
                      keep=keep if cached else None)
    print(json.dumps(figures))


def on_postgres(server: str, entities: int, inspectors: int, profile: bool, keep: bool) -> dict:
    """The benchmark on a throwaway PostgreSQL database, copied from the kept template if there is one."""
    template = f"fazhi_bench_draw_{entities}_{inspectors}"
    built = keep and bool(postgres_admin(server, f"SELECT 1 FROM pg_database WHERE datname = '{template}'"))
    with (throwaway_postgres(server, f"fazhi_bench_draw_run_{os.getpid()}", template if built else None) as url,
          tempfile.TemporaryDirectory(prefix="fazhi-bench-draw-") as tmp):
        setup_django(tmp, url)
        from django.db import connections

        def keep_template() -> None:
            connections.close_all()  # CREATE DATABASE … TEMPLATE needs the template unused
            postgres_admin(server, f"CREATE DATABASE {template} TEMPLATE {urlsplit(url).path[1:]}")

        try:
            return run(entities, inspectors, profile, built=built, keep=keep_template if keep else None)
        finally:
            connections.close_all()


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"{label:<52}{seconds:8.2f} s", flush=True)
    return value, seconds


def _id_number(n: int) -> str:
    from fazhi.core.validators import id_number_check_character

    born = dt.date(1970, 1, 1) + dt.timedelta(days=n % 10000)
    first17 = f"210281{born:%Y%m%d}{n // 10000 % 1000:03d}"
    return first17 + id_number_check_character(first17)


def setup(entities: int, inspectors: int) -> None:
    """Zone, departments, streets, entities, officers with certificates, recusals, one published plan."""
    from django.core.management import call_command
    from django.db import transaction

    from fazhi.core import clock
    from fazhi.demo.entities import make_uscc
    from fazhi.inspections import services
    from fazhi.inspections.models import InspectionItem, Recusal
    from fazhi.market_entities.constants import Industry
    from fazhi.market_entities.models import MarketEntity
    from fazhi.officers.models import EnforcementCertificate, Officer
    from fazhi.organisation.models import OrgUnit, Zone
    from fazhi.registers.bulk import insert_with_history

    timed("migrate a fresh database", call_command, "migrate", verbosity=0)
    now = clock.now()
    inspection_date = clock.today() + INSPECTION_AFTER
    zone = Zone.objects.create(name="基准测试开发区", short_name="基准区")
    departments = [OrgUnit.objects.create(zone=zone, code=f"DEPT-{n:02d}", name=f"部门{n:02d}", kind="department")
                   for n in range(DEPARTMENTS)]
    streets = [OrgUnit.objects.create(zone=zone, code=f"STR-{n}", name=f"街道{n}", kind="street") for n in range(4)]
    industries = [choice for choice, _label in Industry.choices]
    rng = random.Random(2026)

    def entity_rows():
        seen: set[str] = set()
        rows = []
        while len(rows) < entities:
            uscc = make_uscc(rng, "1")
            if uscc in seen:
                continue
            seen.add(uscc)
            n = len(rows)
            rows.append(MarketEntity(
                uscc=uscc, name=f"基准{n}有限公司", entity_type="company", legal_representative="张三",
                address="滨海路1号", street=streets[n % 4], industry=industries[n % 20], risk_class="ABCD"[n // 20 % 4],
                created_on=now))
        insert_with_history(rows, MarketEntity, key="uscc", user=None, reason="基准测试", date=now)
        return [row.pk for row in rows]

    with transaction.atomic():
        entity_ids, _ = timed(f"write {entities:,} market entities (with history)", entity_rows)

    def officer_rows():
        officers = [Officer(org_unit=departments[n % DEPARTMENTS], full_name=f"检查员{n}", id_number=_id_number(n),
                            created_on=now) for n in range(inspectors)]
        insert_with_history(officers, Officer, key="id_number", user=None, reason="基准测试", date=now)
        certificates = [EnforcementCertificate(officer=o, number=f"CERT{n:06d}", issuer="基准市人民政府", area="基准区",
                                               field="综合", valid_from=inspection_date - CERTIFICATE_YEARS,
                                               valid_until=inspection_date + CERTIFICATE_YEARS, created_on=now)
                        for n, o in enumerate(officers)]
        insert_with_history(certificates, EnforcementCertificate, key="number", user=None, reason="基准测试",
                            date=now)
        pairs = {(o.pk, rng.choice(entity_ids)) for o in officers for _ in range(RECUSALS_PER_INSPECTOR)}
        recusals = [Recusal(officer_id=o, entity_id=e, reason="other", declared_on=clock.today(),
                            created_on=now) for o, e in sorted(pairs)]
        for n, recusal in enumerate(recusals):
            recusal.note = str(n)  # the bulk writer reads new keys back by a unique value
        insert_with_history(recusals, Recusal, key="note", user=None, reason="基准测试", date=now)
        return len(recusals)

    with transaction.atomic():
        pairs, _ = timed(f"write {inspectors:,} inspectors, certificates, recusals", officer_rows)
    print(f"{'recusal pairs':<52}{pairs:>8,}")
    items = [InspectionItem.objects.create(org_unit=unit, code=f"ITEM-{unit.code}", name=f"{unit.name}抽查事项",
                                           legal_basis="基准测试") for unit in departments]
    plan = services.plan_create(
        user=None, items=items, departments=departments[1:], title="基准联合抽查计划", lead_unit=departments[0],
        starts_on=inspection_date - dt.timedelta(days=14), ends_on=inspection_date + dt.timedelta(days=60),
        inspection_date=inspection_date, ratio_a=Decimal("0.03"), ratio_b=Decimal("0.05"),
        ratio_c=Decimal("0.10"), ratio_d=Decimal("0.20"), team_size=2, exempt_days=365,
        max_tasks_per_inspector=max(1, entities // inspectors // 4),
    )
    services.plan_approve(user=None, plan=plan)
    services.plan_publish(user=None, plan=plan)


def run(entities: int, inspectors: int, profile: bool, built: bool = False, keep=None) -> dict:
    """Set up (unless `built`), call `keep()` once set up if given, then time commit and reveal."""
    from django.db import connection

    from fazhi.inspections import engine, services
    from fazhi.inspections.models import InspectionPlan, InspectionTask, TaskInspector

    print(f"fazhi draw end-to-end benchmark: {entities:,} entities, {inspectors:,} inspectors, "
          f"{os.cpu_count()} CPU cores, Python {sys.version.split()[0]}, {connection.vendor}")
    if not built:
        setup(entities, inspectors)
        if connection.vendor == "postgresql":  # planner statistics, as autovacuum would gather them
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        if keep is not None:
            keep()
    else:  # a database kept by an older checkout: bring its schema up to date (untimed, like the setup)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    plan = InspectionPlan.objects.get()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    # Both steps dated before the plan's inspection date, as the services require (a kept database's plan
    # may inspect on a day now past: the steps are dated as on the day it was built for).
    before = dt.datetime.combine(plan.inspection_date - dt.timedelta(days=7), dt.time(10), tzinfo=dt.UTC)
    lottery = f"福利彩票双色球 {(before + dt.timedelta(days=1)).date().isoformat()} 开奖号码"
    draw, commit_s = timed("commit: pool from the database, hashes, input file", services.draw_commit,
                           user=None, plan=plan, source_labels=[lottery, "见证人甲的秘密数"],
                           source_seals=["", engine.seal_of(SOURCES[1])], at=before)
    draw, reveal_s = timed("reveal: draw, record file, tasks and teams stored", services.draw_reveal,
                           user=None, draw=draw, sources=SOURCES, at=before + dt.timedelta(days=1))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    tasks = InspectionTask.objects.filter(plan=plan).count()
    seats = TaskInspector.objects.filter(task__plan=plan).count()
    assert tasks == draw.task_count and seats == 2 * tasks, (tasks, seats, draw.task_count)
    print(f"{'tasks / team seats stored':<52}{tasks:>8,} / {seats:,}")
    print(f"{'end to end (commit + reveal)':<52}{commit_s + reveal_s:8.2f} s")
    return {"database": connection.vendor, "entities": entities, "tasks": tasks, "commit_s": round(commit_s, 3),
            "reveal_s": round(reveal_s, 3), "end_to_end_db_s": round(commit_s + reveal_s, 3)}


if __name__ == "__main__":
    main()

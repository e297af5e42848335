"""Benchmark: import 100,000 market entities from an xlsx, all or nothing, into a fresh SQLite database.

    DEBUG=1 .venv/bin/python bench/import.py [--rows N] [--profile import|unchanged|changed]
    DEBUG=1 .venv/bin/python bench/import.py --quick    # CI size: 2,000 rows

Measures, in one run: (a) reading the file with python-calamine alone (the floor),
(b) the full import through Register.import_file, (c) a re-import of the same file
(every row unchanged), (d) a re-import where every row changed, and the export.
The last line is JSON: {"rows": ..., "import_s": ..., "read_only_s": ...}.
See docs/benchmarks.md.
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--quick", action="store_true", help="CI size: 2,000 rows")
    parser.add_argument("--profile", choices=["import", "unchanged", "changed"],
                        help="print a cProfile of that step")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        # A throwaway database: never the developer's var/fazhi.sqlite3.
        os.environ["FAZHI_VAR_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ.setdefault("DEBUG", "1")
        os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
        import django

        django.setup()
        figures = run(Path(tmp), 2_000 if args.quick else args.rows, args.profile)
    print(json.dumps(figures))


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"{label:<42}{seconds:8.2f} s", flush=True)
    return value, seconds


def run(tmp: Path, rows: int, profile: str | None) -> dict:
    from django.core.management import call_command
    from python_calamine import CalamineWorkbook

    from fazhi.market_entities.models import MarketEntity
    from fazhi.registers.base import get_register
    from fazhi.registers.tabular import read_table

    print(f"fazhi import benchmark: {rows} market entities, {os.cpu_count()} CPU cores, "
          f"Python {sys.version.split()[0]}")
    timed("migrate a fresh SQLite database", call_command, "migrate", verbosity=0)
    streets = setup_zone()
    register = get_register("market_entities")
    path = tmp / "市场主体名录.xlsx"
    data, _ = timed("generate the xlsx (fazhi.demo.entities)", write_file, register, streets, rows)
    path.write_bytes(data)
    print(f"{'file size':<42}{len(data) / 1e6:8.1f} MB")

    def read_only() -> int:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes())).get_sheet_by_index(0)
        return len(sheet.to_python()) - 1

    count, read_only_s = timed("(a) read only: python-calamine", read_only)
    assert count == rows, count
    timed("    read_table: calamine + cell text", lambda: sum(1 for _ in read_table(path.read_bytes(), "xlsx")[1]))

    def import_file(expect: dict):
        result = register.import_file(path.read_bytes(), "xlsx", source=path.name)
        assert result.ok, result.errors[:5]
        got = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        assert got == expect, got
        return result

    def step(name: str, label: str, expect: dict) -> float:
        if profile != name:
            return timed(label, import_file, expect)[1]
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        seconds = timed(label, profiler.runcall, import_file, expect)[1]
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        return seconds

    import_s = step("import", "(b) import into an empty database", {"created": rows, "updated": 0, "unchanged": 0})
    assert MarketEntity.objects.count() == rows
    assert MarketEntity.history.count() == rows
    reimport_s = step("unchanged", "(c) re-import, every row unchanged",
                      {"created": 0, "updated": 0, "unchanged": rows})
    path.write_bytes(write_file(register, streets, rows, changed=True))
    update_s = step("changed", "(d) re-import, every row changed", {"created": 0, "updated": rows, "unchanged": 0})
    assert MarketEntity.history.count() == 2 * rows
    assert set(MarketEntity.objects.values_list("version", flat=True)) == {2}
    exported, _ = timed("    export all rows to xlsx", register.export, "xlsx")
    assert sum(1 for _ in read_table(exported, "xlsx")[1]) == rows
    print(f"{'rows per second, first import':<42}{rows / import_s:8.0f}")
    print(f"{'import time / read-only time':<42}{import_s / read_only_s:8.1f} x")
    print(f"re-import figures: unchanged {reimport_s:.2f} s, all changed {update_s:.2f} s")
    return {"rows": rows, "import_s": round(import_s, 2), "read_only_s": round(read_only_s, 2)}


def setup_zone() -> list[str]:
    from fazhi.demo import data
    from fazhi.organisation.models import OrgUnit, Zone

    zone = Zone.objects.create(name=data.ZONE_NAME, short_name=data.ZONE_SHORT_NAME)
    streets = [(code, name) for code, name, _, kind, _ in data.ORG_UNITS if kind == "street"]
    for code, name in streets:
        OrgUnit.objects.create(zone=zone, code=code, name=name, kind="street")
    return [name for _, name in streets]


def write_file(register, streets: list[str], rows: int, changed: bool = False) -> bytes:
    from fazhi.demo.entities import generate
    from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus, RiskClass
    from fazhi.registers.tabular import write_table

    labels = {
        "type": {v: str(label) for v, label in EntityType.choices},
        "industry": {v: str(label) for v, label in Industry.choices},
        "status": {v: str(label) for v, label in RegistrationStatus.choices},
        "risk": {v: str(label) for v, label in RiskClass.choices},
    }
    risks = list(labels["risk"])

    def cells():
        for row in generate(rows, len(streets)):
            risk = risks[(risks.index(row.risk_class) + 1) % len(risks)] if changed else row.risk_class
            yield [row.uscc, row.name, labels["type"][row.entity_type], row.legal_representative, row.address,
                   streets[row.street_index], labels["industry"][row.industry],
                   labels["status"][row.registration_status], labels["risk"][risk]]

    return write_table(register.headers, cells(), "xlsx", sheet_name=register.title)


if __name__ == "__main__":
    main()

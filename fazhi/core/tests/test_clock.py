"""The clock is an input: one helper reads it, tests and demo installations set it."""

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.clock import parse_clock

ROOT = Path(__file__).resolve().parents[3]
# Reading the real clock anywhere but fazhi/core/clock.py: the date would not be settable.
CLOCK_READS = re.compile(
    r"timezone\.localdate\(\)|timezone\.now\(\)|\bdate\.today\(\)|datetime\.(?:now|utcnow|today)\(")
# Where a direct read is right, and why.
ALLOWED = {
    "fazhi/core/clock.py": "the helper itself",
    # A pure engine (no Django import): the default for a caller that gives no date; fazhi passes clock.today().
    "fazhi/legality_checker/engine/check.py": "pure engine default",
}


def _python_files():
    for folder in ("fazhi", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path
    yield ROOT / "conftest.py"


def test_code_and_tests_read_the_date_only_through_the_clock_helper():
    offenders = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CLOCK_READS.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "read the date with fazhi.core.clock.today()/now():\n" + "\n".join(offenders)


def test_the_scan_finds_a_direct_read():
    call = "()"  # written apart, so this file does not match its own scan
    assert CLOCK_READS.search("today = dt.date.today" + call)
    assert CLOCK_READS.search("now = timezone.now" + call)
    assert not CLOCK_READS.search("day = timezone.localdate(moment)")  # a conversion, not a read


def test_set_today_moves_the_platform_clock(set_today):
    set_today(dt.date(2031, 1, 2))
    assert clock.today() == dt.date(2031, 1, 2)
    assert clock.now().astimezone(dt.timezone(dt.timedelta(hours=8))).hour == 9


@pytest.mark.parametrize(("value", "expected"), [
    ("2031-01-02", dt.datetime(2031, 1, 2, 1, 0, tzinfo=dt.UTC)),  # 09:00 Beijing time
    ("2026-12-28T23:30", dt.datetime(2026, 12, 28, 15, 30, tzinfo=dt.UTC)),
    ("2026-12-28T23:30+00:00", dt.datetime(2026, 12, 28, 23, 30, tzinfo=dt.UTC)),
])
def test_fazhi_clock_values(value, expected):
    assert parse_clock(value, "Asia/Shanghai") == expected


def test_a_bad_fazhi_clock_says_what_is_expected():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_clock("28/12/2026", "Asia/Shanghai")


def test_fazhi_clock_sets_the_date_of_a_whole_process(tmp_path):
    env = {**os.environ, "FAZHI_CLOCK": "2031-01-02", "FAZHI_VAR_DIR": str(tmp_path), "DEBUG": "1"}
    script = "import django; django.setup(); from fazhi.core import clock; print(clock.today())"
    out = subprocess.run([sys.executable, "-c", script], env={**env, "DJANGO_SETTINGS_MODULE": "fazhi.settings"},
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "2031-01-02"


def test_deploy_check_refuses_a_set_clock(settings):
    from fazhi.core.checks import no_simulated_clock_in_production

    settings.FAZHI_CLOCK = ""
    assert no_simulated_clock_in_production() == []
    settings.FAZHI_CLOCK = "2031-01-02"
    errors = no_simulated_clock_in_production()
    assert [e.id for e in errors] == ["fazhi.E002"] and isinstance(errors[0], checks.Error)


def test_pages_say_when_the_date_is_set(client, users, settings):
    settings.FAZHI_CLOCK = "2031-01-02"  # the banner only: the clock itself is set at start-up
    client.force_login(users["unit_staff"])
    assert 'id="simulated-clock"' in client.get(reverse("web:home")).content.decode()
    settings.FAZHI_CLOCK = ""
    assert 'id="simulated-clock"' not in client.get(reverse("web:home")).content.decode()

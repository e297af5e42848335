"""The platform's clock: every read of today's date or the current time goes through here.

Business rules depend on the date (a plan is approved before its inspection date, a deadline runs
from today), so the date is an input. Tests set it with time-machine (the `set_today` fixture); a
demo, training or test installation sets it for the whole process with FAZHI_CLOCK, e.g.
`FAZHI_CLOCK=2031-01-02 make run`: time then runs on from 09:00 (Beijing time) of that day.
A production server never sets it (`fazhi check --deploy` refuses).
"""

import datetime as dt
import zoneinfo

from django.utils import timezone

# Where a date given without a time starts: office hours, so "today" is that day in every time zone.
CLOCK_START_TIME = dt.time(9, 0)


def today() -> dt.date:
    """Today's date where the platform runs (settings.TIME_ZONE)."""
    return timezone.localdate()


def now() -> dt.datetime:
    """The current moment, time-zone aware."""
    return timezone.now()


def parse_clock(value: str, time_zone: str) -> dt.datetime:
    """FAZHI_CLOCK's value as an aware moment: "2031-01-02" (09:00) or "2031-01-02T14:30"."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"FAZHI_CLOCK={value!r} is not a date (YYYY-MM-DD) or a date and time "
                         "(YYYY-MM-DDTHH:MM)") from None
    if len(value.strip()) == 10:
        moment = dt.datetime.combine(moment.date(), CLOCK_START_TIME)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))
    return moment


def set_process_clock(value: str, time_zone: str):
    """Move this process's clock (and the processes it forks) to FAZHI_CLOCK; time keeps running.

    Returns the time-machine traveller, started. Used from settings, so the server, the workers,
    the command line and the test workers all see the same date.
    """
    import time_machine

    traveller = time_machine.travel(parse_clock(value, time_zone), tick=True)
    traveller.start()
    return traveller

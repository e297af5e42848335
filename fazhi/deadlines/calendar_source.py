"""The working calendar in force: the `holidays` package, with the administrator's entries on top."""

from collections import defaultdict
from functools import lru_cache

from django.db.models import Max

from fazhi.deadlines.calendar import WorkingCalendar, YearArrangement
from fazhi.deadlines.constants import DayKind
from fazhi.deadlines.statutory_holidays import package_arrangement


def working_calendar() -> WorkingCalendar:
    """The calendar in force: package data (maintained upstream) overridden by our own tables.

    Rebuilt whenever those tables change, in every worker process: the cache key is the newest row of
    their history tables (every create, change and archive writes one; ids only grow, whatever the
    clock says), read with one small query per table per call.
    """
    from fazhi.deadlines.models import CalendarDay, CalendarYear

    stamp = tuple(model.history.aggregate(last=Max("history_id"))["last"] for model in (CalendarDay, CalendarYear))
    return _build(stamp)


@lru_cache(maxsize=4)
def _build(stamp: tuple) -> WorkingCalendar:
    from fazhi.deadlines.models import CalendarDay, CalendarYear

    entered = {row.year: row for row in CalendarYear.objects.active()}
    days = defaultdict(list)
    for day in CalendarDay.objects.active():
        days[day.date.year].append(day)
    return WorkingCalendar(lambda year: _with_entries(package_arrangement(year), entered.get(year), days[year]))


def _with_entries(base: YearArrangement, entered, days) -> YearArrangement:
    """A year with the administrator's entries applied: an entered year is official, its days override."""
    if entered is None and not days:
        return base
    off, worked, names = set(base.days_off), set(base.days_worked), dict(base.names)
    for day in days:
        off.discard(day.date)
        worked.discard(day.date)
        (off if day.kind == DayKind.HOLIDAY else worked).add(day.date)
        if day.name:
            names[day.date] = day.name
        elif day.kind == DayKind.WORKDAY:
            names.pop(day.date, None)
    basis = entered.notice if entered is not None else base.basis
    return YearArrangement(base.year, base.official or entered is not None, frozenset(off), frozenset(worked),
                           names, basis)


working_calendar.cache_clear = _build.cache_clear  # for tests that swap the database under it


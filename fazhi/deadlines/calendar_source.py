"""Builds the WorkingCalendar from the chinesecalendar package plus the admin-entered days."""

from functools import lru_cache

from chinese_calendar import constants as packaged
from django.db.models import Count, Max

from fazhi.deadlines.calendar import WorkingCalendar
from fazhi.deadlines.constants import DayKind


def working_calendar() -> WorkingCalendar:
    """The calendar in force: package data (maintained upstream) overridden by our own tables.

    Rebuilt whenever those tables change, in every worker process: the cache key is their row
    count and latest change time, read with one small query per call.
    """
    from fazhi.deadlines.models import CalendarDay, CalendarYear

    stamp = tuple(
        tuple(model.objects.aggregate(n=Count("pk"), last=Max("modified_on")).values())
        for model in (CalendarDay, CalendarYear)
    )
    return _build(stamp)


@lru_cache(maxsize=4)
def _build(stamp: tuple) -> WorkingCalendar:
    from fazhi.deadlines.models import CalendarDay, CalendarYear

    holidays = set(packaged.holidays)
    workdays = set(packaged.workdays)
    years = {day.year for day in holidays} | {day.year for day in workdays}
    for day in CalendarDay.objects.active():
        holidays.discard(day.date)
        workdays.discard(day.date)
        (holidays if day.kind == DayKind.HOLIDAY else workdays).add(day.date)
    years |= set(CalendarYear.objects.active().values_list("year", flat=True))
    return WorkingCalendar(frozenset(holidays), frozenset(workdays), frozenset(years))


working_calendar.cache_clear = _build.cache_clear  # for tests that swap the database under it


def holiday_name(day) -> str:
    from fazhi.deadlines.constants import HOLIDAY_NAMES_ZH
    from fazhi.deadlines.models import CalendarDay

    own = CalendarDay.objects.filter(date=day).values_list("name", flat=True).first()
    if own is not None:
        return own
    name = packaged.holidays.get(day)
    return HOLIDAY_NAMES_ZH.get(name, name or "")

"""Builds the WorkingCalendar from the chinesecalendar package plus the admin-entered days."""

from functools import cache

from chinese_calendar import constants as packaged

from fazhi.deadlines.calendar import WorkingCalendar
from fazhi.deadlines.constants import DayKind


@cache
def working_calendar() -> WorkingCalendar:
    """The calendar in force: package data (maintained upstream) overridden by our own table."""
    from fazhi.deadlines.models import CalendarDay, CalendarYear

    holidays = {day for day in packaged.holidays}
    workdays = set(packaged.workdays)
    years = {day.year for day in holidays} | {day.year for day in workdays}
    for day in CalendarDay.objects.active():
        holidays.discard(day.date)
        workdays.discard(day.date)
        (holidays if day.kind == DayKind.HOLIDAY else workdays).add(day.date)
    years |= set(CalendarYear.objects.active().values_list("year", flat=True))
    return WorkingCalendar(frozenset(holidays), frozenset(workdays), frozenset(years))


def holiday_name(day) -> str:
    from fazhi.deadlines.constants import HOLIDAY_NAMES_ZH
    from fazhi.deadlines.models import CalendarDay

    own = CalendarDay.objects.filter(date=day).values_list("name", flat=True).first()
    if own is not None:
        return own
    name = packaged.holidays.get(day)
    return HOLIDAY_NAMES_ZH.get(name, name or "")

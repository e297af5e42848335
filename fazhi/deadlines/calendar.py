"""Working-day arithmetic for China's statutory calendar. Pure Python: no Django import.

Periods follow 民法典 第二百零一条 to 第二百零三条: the start day is not counted; a period in
months ends on the corresponding day of the final month (or its last day); a period whose
last day is a statutory holiday ends on the first working day after it.

A year's days come from a `YearArrangement`: *official* when the State Council General Office's
notice for the year (国务院办公厅关于某年部分节假日安排的通知) is known, with its 调休; *provisional*
otherwise (weekends and the statutory holidays only, see `statutory_holidays.py`). Every year can
be counted; what was counted on a provisional year says so.
"""

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
# A year's notice may reach back into the last days of the December before it (2002's set 2001-12-29
# and 30 worked; 2019's 2018-12-31 off and 12-29 worked): until it is out, those days are provisional.
NOTICE_REACHES_BACK_FROM = (12, 25)


def notice_covers(day: dt.date, year: int) -> bool:
    """Whether `year`'s notice may set `day`: a day of that year, or of the last days of the December before."""
    return day.year == year or (day.year == year - 1 and (day.month, day.day) >= NOTICE_REACHES_BACK_FROM)


@dataclass(frozen=True)
class YearArrangement:
    """One year's days off and days worked, beyond the ordinary Saturday and Sunday."""

    year: int
    official: bool
    # Every holiday (on a weekday or a weekend), in-lieu day and day off by 调休.
    days_off: frozenset[dt.date]
    # Saturdays and Sundays worked by 调休 (or any day an administrator marked as worked).
    days_worked: frozenset[dt.date]
    names: Mapping[dt.date, str] = field(default_factory=dict, compare=False)
    # What the year rests on: the notice, or why it is provisional.
    basis: str = ""

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.days_worked:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5


@dataclass(frozen=True)
class Span:
    """What the calendar says about the days after `start` up to and including `end`."""

    start: dt.date
    end: dt.date
    working_days: int
    weekends: tuple[dt.date, ...]  # ordinary Saturdays and Sundays off
    holidays: tuple[tuple[dt.date, str], ...]  # other days off (holidays, in-lieu days, 调休), with names
    worked_weekend_days: tuple[tuple[dt.date, str], ...]  # Saturdays and Sundays worked (调休上班)
    provisional_years: tuple[int, ...]


class WorkingCalendar:
    """Working days of any year, each year's arrangement fetched once from `arrangement_of`."""

    def __init__(self, arrangement_of: Callable[[int], YearArrangement]):
        self._arrangement_of = arrangement_of
        self._years: dict[int, YearArrangement] = {}

    def year(self, year: int) -> YearArrangement:
        arrangement = self._years.get(year)
        if arrangement is None:
            arrangement = self._years[year] = self._arrangement_of(year)
        return arrangement

    def is_official(self, year: int) -> bool:
        return self.year(year).official

    def is_working_day(self, day: dt.date) -> bool:
        return self.year(day.year).is_working_day(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day on or after `day`."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (the start day itself is not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        while days:
            day += ONE_DAY
            if self.is_working_day(day):
                days -= 1
        return day

    def add_calendar_days(self, start: dt.date, days: int) -> dt.date:
        """End of a period of `days` natural days; rolls past holidays (民法典 第二百零三条)."""
        return self.next_working_day(start + dt.timedelta(days=days))

    def add_months_period(self, start: dt.date, months: int) -> dt.date:
        """End of a period of `months` months; rolls past holidays (民法典 第二百零三条)."""
        return self.next_working_day(add_months(start, months))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`."""
        return sum(self.is_working_day(day) for day in days_after(start, end))

    def provisional_years(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """Years without an official arrangement whose notice may set a day after `start` up to `end`."""
        years = range((start + ONE_DAY).year, end.year + (2 if notice_covers(end, end.year + 1) else 1))
        return tuple(year for year in years if not self.is_official(year))

    def span(self, start: dt.date, end: dt.date) -> Span:
        """Each day after `start` up to `end`, sorted into working days, weekends, holidays and 调休."""
        weekends, holidays, worked = [], [], []
        count = 0
        for day in days_after(start, end):
            arrangement = self.year(day.year)
            name = arrangement.names.get(day, "")
            working, weekend = arrangement.is_working_day(day), day.weekday() >= 5
            count += working
            if working and weekend:
                worked.append((day, name))
            elif not working and (name or not weekend):
                holidays.append((day, name))
            elif not working:
                weekends.append(day)
        return Span(start, end, count, tuple(weekends), tuple(holidays), tuple(worked),
                    self.provisional_years(start, end))


def days_after(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The days after `start` up to and including `end`."""
    day = start
    while day < end:
        day += ONE_DAY
        yield day


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day `months` later; the month's last day when it has no such day (民法典 第二百零二条)."""
    month_index = start.year * 12 + start.month - 1 + months
    year, month = divmod(month_index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))

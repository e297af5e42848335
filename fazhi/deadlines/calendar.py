"""Working-day arithmetic for China's statutory calendar. Pure Python: no Django import.

Periods follow 民法典 第二百零一条 to 第二百零三条: the start day is not counted; a period in
months ends on the corresponding day of the final month (or its last day); a period whose
last day is a statutory holiday ends on the first working day after it.
"""

import calendar as _stdlib_calendar
import datetime as dt
from dataclasses import dataclass


class UnknownYearError(ValueError):
    """The calendar has no holiday arrangement for a year, so it cannot count working days there."""

    def __init__(self, year: int, known: frozenset[int]):
        span = f"{min(known)}–{max(known)}" if known else "无"
        super().__init__(
            f"尚未录入{year}年的法定节假日和调休安排（已知年份：{span}）。"
            f"请在国务院办公厅发布{year}年部分节假日安排的通知后，由系统管理员在“工作日历”中录入。"
        )
        self.year = year


@dataclass(frozen=True)
class WorkingCalendar:
    """Days off on weekdays (holidays) and weekend days worked (调休), for the known years."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    known_years: frozenset[int]

    def _require(self, day: dt.date) -> None:
        if day.year not in self.known_years:
            raise UnknownYearError(day.year, self.known_years)

    def is_working_day(self, day: dt.date) -> bool:
        self._require(day)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day on or after `day`."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (the start day itself is not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        while days:
            day += dt.timedelta(days=1)
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
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day `months` later; the month's last day when it has no such day (民法典 第二百零二条)."""
    month_index = start.year * 12 + start.month - 1 + months
    year, month = divmod(month_index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))

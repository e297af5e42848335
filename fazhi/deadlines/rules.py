"""The deadline-rule registry: each module registers the statutory periods it tracks."""

import datetime as dt
from dataclasses import dataclass

from fazhi.deadlines.calendar import WorkingCalendar
from fazhi.deadlines.constants import PeriodUnit


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    name: str
    legal_source: str  # the article that sets the period, e.g. "国办发〔2018〕118号"
    amount: int
    unit: PeriodUnit
    trigger: str  # what starts the period, e.g. "处罚决定作出之日"
    # Days before the due date that the deadline enters to-do lists; None: the list's own window.
    remind_days: int | None = None

    def due_date(self, calendar: WorkingCalendar, starts_on: dt.date) -> dt.date:
        if self.unit == PeriodUnit.WORKING_DAYS:
            return calendar.add_working_days(starts_on, self.amount)
        if self.unit == PeriodUnit.MONTHS:
            return calendar.add_months_period(starts_on, self.amount)
        if self.unit == PeriodUnit.ON_DATE:
            return starts_on  # a date fixed by the record itself, e.g. a certificate's expiry
        return calendar.add_calendar_days(starts_on, self.amount)

    @property
    def period_text(self) -> str:
        if self.unit == PeriodUnit.ON_DATE:
            return self.trigger
        return f"{self.amount}{PeriodUnit(self.unit).label}"

    def remind_on(self, due_on: dt.date) -> dt.date | None:
        return None if self.remind_days is None else due_on - dt.timedelta(days=self.remind_days)


_RULES: dict[str, DeadlineRule] = {}


class UnknownRuleError(KeyError):
    pass


def register_rule(rule: DeadlineRule) -> DeadlineRule:
    existing = _RULES.get(rule.code)
    if existing is not None and existing != rule:
        raise ValueError(f"deadline rule {rule.code!r} registered twice with different terms")
    _RULES[rule.code] = rule
    return rule


def get_rule(code: str) -> DeadlineRule:
    try:
        return _RULES[code]
    except KeyError:
        raise UnknownRuleError(code) from None


def all_rules() -> list[DeadlineRule]:
    return sorted(_RULES.values(), key=lambda r: r.code)

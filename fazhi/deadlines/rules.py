"""The deadline-rule registry: each module registers the statutory periods it tracks."""

import datetime as dt
from dataclasses import dataclass

from fazhi.deadlines.calendar import ONE_DAY, Span, WorkingCalendar, add_months
from fazhi.deadlines.constants import PeriodUnit


@dataclass(frozen=True)
class DueDate:
    """A due date and what it rests on."""

    due_on: dt.date
    # Years whose days decided the date and have no official holiday arrangement yet (暂定).
    provisional_years: tuple[int, ...] = ()
    # Periods of calendar days or months: the period's own last day, before rolling past days off.
    nominal_end: dt.date | None = None

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


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

    @property
    def uses_calendar(self) -> bool:
        """Whether the due date is counted on the working calendar (not a date the record fixes)."""
        return self.unit != PeriodUnit.ON_DATE

    def compute(self, calendar: WorkingCalendar, starts_on: dt.date, amount: int | None = None) -> DueDate:
        """The due date of a period starting on `starts_on`; `amount` overrides the rule's (a setting's value)."""
        amount = self.amount if amount is None else amount
        if self.unit == PeriodUnit.ON_DATE:
            return DueDate(starts_on)  # a date fixed by the record itself, e.g. a certificate's expiry
        if self.unit == PeriodUnit.WORKING_DAYS:
            due_on = calendar.add_working_days(starts_on, amount)
            return DueDate(due_on, calendar.provisional_years(starts_on, due_on))
        if self.unit == PeriodUnit.MONTHS:
            nominal_end = add_months(starts_on, amount)
        else:
            nominal_end = starts_on + dt.timedelta(days=amount)
        # Only whether the last days are days off depends on the calendar (民法典 第二百零三条).
        due_on = calendar.next_working_day(nominal_end)
        return DueDate(due_on, calendar.provisional_years(nominal_end - ONE_DAY, due_on), nominal_end)

    def due_date(self, calendar: WorkingCalendar, starts_on: dt.date) -> dt.date:
        return self.compute(calendar, starts_on).due_on

    def span(self, calendar: WorkingCalendar, starts_on: dt.date, due: DueDate) -> Span | None:
        """The days the calendar decided: every day counted, or the days a period's end rolled past."""
        if not self.uses_calendar:
            return None
        if due.nominal_end is None:
            return calendar.span(starts_on, due.due_on)
        return calendar.span(due.nominal_end - ONE_DAY, due.due_on)

    def period_text_for(self, amount: int | None) -> str:
        if self.unit == PeriodUnit.ON_DATE:
            return self.trigger
        return f"{self.amount if amount is None else amount}{PeriodUnit(self.unit).label}"

    @property
    def period_text(self) -> str:
        return self.period_text_for(None)

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

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


@dataclass(frozen=True)
class DaysClause:
    """A law's own rule that some of its "N日" periods count working days (工作日，不含法定节假日)."""

    source: str  # the article, as cited
    amounts: frozenset[int] | None = None  # these N only; None: see `up_to`
    up_to: int | None = None  # every N up to this; with amounts None and up_to None: every period of the law


# Laws whose "N日" are working days where they say so; elsewhere a 日 is a natural day (民法典 第二百零一条).
DAYS_CLAUSES: dict[str, DaysClause] = {
    "行政处罚法": DaysClause("《行政处罚法》第八十五条：本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日",
                         amounts=frozenset({2, 3, 5, 7})),
    "行政许可法": DaysClause(
        "《行政许可法》第八十二条：本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日"),
    "行政强制法": DaysClause("《行政强制法》第六十九条：本法中十日以内期限的规定是指工作日，不含法定节假日", up_to=10),
    "行政复议法": DaysClause("《行政复议法》（2023年修订）第八十八条第二款：本法关于行政复议期间有关“三日”、“五日”、"
                         "“七日”、“十日”的规定是指工作日，不含法定休假日", amounts=frozenset({3, 5, 7, 10})),
}


def days_under(law: str, amount: int) -> tuple[PeriodUnit, str]:
    """The unit of a period of `amount` 日 set by `law`, and the article that makes it working days ("" if none)."""
    clause = DAYS_CLAUSES.get(law)
    if clause is None:
        return PeriodUnit.CALENDAR_DAYS, ""
    listed = clause.amounts is None or amount in clause.amounts
    working = listed and (clause.up_to is None or amount <= clause.up_to)
    return (PeriodUnit.WORKING_DAYS, clause.source) if working else (PeriodUnit.CALENDAR_DAYS, "")


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

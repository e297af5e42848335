import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core import clock
from fazhi.deadlines.calendar import NOTICE_REACHES_BACK_FROM, ONE_DAY, Span
from fazhi.deadlines.constants import DUE_SOON_DAYS, NEXT_YEAR_CALENDAR_FROM
from fazhi.deadlines.models import Deadline, DueDateChange
from fazhi.deadlines.rules import DeadlineRule, DueDate, UnknownRuleError


def deadlines_open(
    *, user=None, unit=None, within_days: int = DUE_SOON_DAYS, today: dt.date | None = None
) -> QuerySet[Deadline]:
    """Open deadlines that are overdue or due within `within_days`, soonest first.

    `user=None` means the command line (system view: everything).
    """
    rows = Deadline.objects.active() if user is None else Deadline.objects.visible_to(user).active()
    if unit is not None:
        rows = rows.filter(org_unit=unit)
    return due_soon(rows, within_days=within_days, today=today).select_related("org_unit")


def due_soon(rows: QuerySet[Deadline], *, within_days: int = DUE_SOON_DAYS,
             today: dt.date | None = None) -> QuerySet[Deadline]:
    """Of `rows`, the open deadlines that are overdue, due within `within_days` or past their reminder day,
    soonest first."""
    today = today or clock.today()
    return rows.filter(
        Q(due_on__lte=today + dt.timedelta(days=within_days)) | Q(remind_on__lte=today), completed_on__isnull=True
    ).order_by("due_on", "pk")


def deadlines_for_record(record) -> QuerySet[Deadline]:
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    ).order_by("due_on")


def calendar_year_to_enter(today: dt.date | None = None) -> int | None:
    """The year whose official holiday arrangement the administrator should enter now, if any: this
    year while it is provisional, else next year from NEXT_YEAR_CALENDAR_FROM on while it is."""
    from fazhi.deadlines.calendar_source import working_calendar

    today = today or clock.today()
    calendar = working_calendar()
    if not calendar.is_official(today.year):
        return today.year
    if today >= dt.date(today.year, *NEXT_YEAR_CALENDAR_FROM) and not calendar.is_official(today.year + 1):
        return today.year + 1
    return None


def touching_year(year: int) -> Q:
    """Deadlines whose period holds a day `year`'s notice may set (its days, or late December before it)."""
    return Q(starts_on__lt=dt.date(year + 1, 1, 1), due_on__gte=dt.date(year - 1, *NOTICE_REACHES_BACK_FROM))


# How long a recounted due date stays on the home page of the unit it belongs to.
DUE_DATE_CHANGES_SHOWN_DAYS = 14


def due_date_changes(*, user, today: dt.date | None = None) -> QuerySet[DueDateChange]:
    """Recent changes of the due dates of the user's open deadlines, newest first."""
    since = (today or clock.today()) - dt.timedelta(days=DUE_DATE_CHANGES_SHOWN_DAYS)
    return (DueDateChange.objects.visible_to(user).active()
            .filter(created_on__date__gte=since, deadline__completed_on__isnull=True,
                    deadline__archived_on__isnull=True)
            .select_related("deadline", "deadline__org_unit").order_by("-created_on", "-pk"))


@dataclass(frozen=True)
class YearStatus:
    year: int
    official: bool
    basis: str
    entered_by: str  # who entered the year or its days by hand ("" when only the package has it)
    entered_on: dt.date | None
    open_provisional: int  # open deadlines counted provisionally with a day the year's notice may set


def calendar_status(years: Iterable[int]) -> list[YearStatus]:
    """Each year's calendar: official or provisional, on what basis, entered by whom."""
    from fazhi.deadlines.calendar_source import working_calendar
    from fazhi.deadlines.models import CalendarYear

    calendar = working_calendar()
    entered = {row.year: row for row in CalendarYear.objects.active().select_related("created_by")}
    statuses = []
    for year in sorted(set(years)):
        arrangement, row = calendar.year(year), entered.get(year)
        provisional = Deadline.objects.active().filter(
            touching_year(year), completed_on__isnull=True, provisional=True).count()
        statuses.append(YearStatus(
            year, arrangement.official, arrangement.basis,
            (row.created_by.display_name if row.created_by else "") if row else "",
            timezone.localdate(row.created_on) if row else None, provisional,
        ))
    return statuses


@dataclass(frozen=True)
class Computation:
    """How a due date is counted on the calendar in force (the calendar of record)."""

    rule: DeadlineRule
    starts_on: dt.date
    period_text: str
    due: DueDate
    span: Span | None  # None: a date the record fixes, not counted
    years: list[YearStatus]  # the years whose days the count used
    # For a stored deadline: its due date is this count (else a recount is pending).
    current: bool = True


def computation(rule: DeadlineRule, starts_on: dt.date, amount: int | None = None) -> Computation:
    """Count a period under `rule` from `starts_on` and say how: the days the calendar decided, each year's basis."""
    from fazhi.deadlines.calendar_source import working_calendar

    calendar = working_calendar()
    due = rule.compute(calendar, starts_on, amount)
    span = rule.span(calendar, starts_on, due)
    years = calendar_status({*range((span.start + ONE_DAY).year, span.end.year + 1), *due.provisional_years}) \
        if span else []
    return Computation(rule, starts_on, rule.period_text_for(amount), due, span, years)


def deadline_computation(deadline: Deadline) -> Computation | None:
    """The count behind `deadline`'s due date; None when its rule is no longer registered."""
    try:
        rule = deadline.rule
    except UnknownRuleError:
        return None
    counted = computation(rule, deadline.starts_on, deadline.period_amount)
    due = counted.due
    return replace(counted, current=(due.due_on, due.provisional) == (deadline.due_on, deadline.provisional))

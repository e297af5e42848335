import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from fazhi.core.services import record_archive, record_create, record_update
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.models import Deadline, DueDateChange
from fazhi.deadlines.rules import UnknownRuleError, all_rules, get_rule
from fazhi.deadlines.selectors import deadlines_for_record, touching_year


def deadline_start(*, rule_code: str, record, org_unit, starts_on: dt.date, title: str,
                   amount: int | None = None) -> Deadline:
    """Give `record` a due date under a registered rule, counted from `starts_on`.

    `amount` is the period when a setting gives it (the rule holds the default); it is kept, so a
    recount applies the period of the day the deadline started. A year without an official holiday
    arrangement is counted provisionally and marked so: nothing waits for next year's notice.
    """
    rule = get_rule(rule_code)
    due = rule.compute(working_calendar(), starts_on, amount)
    # Deadlines are the platform's own bookkeeping: created as the system, on behalf of the record.
    return record_create(
        model=Deadline, user=None,
        rule_code=rule.code, title=title[:200], org_unit=org_unit,
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
        starts_on=starts_on, due_on=due.due_on, remind_on=rule.remind_on(due.due_on),
        period_amount=amount, provisional=due.provisional,
    )


def deadline_complete(*, deadline: Deadline, completed_on: dt.date) -> Deadline:
    """Mark done by the service that did the work (the module checks who may do it)."""
    return record_update(record=deadline, user=None, expected_version=deadline.version, completed_on=completed_on)


def deadlines_complete_for(*, record, rule_code: str, completed_on: dt.date) -> int:
    """Complete the record's open deadlines under a rule; returns how many."""
    open_rows = deadlines_for_record(record).filter(rule_code=rule_code, completed_on__isnull=True)
    for deadline in open_rows:
        deadline_complete(deadline=deadline, completed_on=completed_on)
    return len(open_rows)


def deadlines_cancel_for(*, record, rule_code: str, reason: str) -> int:
    """Archive the record's open deadlines under a rule when the work they wait for is no longer due
    (e.g. publishing a decision revoked before it was published); the reason stays in their history."""
    open_rows = deadlines_for_record(record).filter(rule_code=rule_code, completed_on__isnull=True,
                                                    archived_on__isnull=True)
    for deadline in open_rows:
        record_archive(record=deadline, user=None, reason=reason)
    return len(open_rows)


@transaction.atomic
def deadlines_recount(*, reason: str, years: Iterable[int] | None = None) -> list[DueDateChange]:
    """Count the open deadlines (and the done ones still 暂定) again on the calendar in force; returns the changes.

    Run when a year's arrangement is entered or changed (`years`: the deadlines with a day its
    notice may set) and after a package update (`fazhi calendar refresh`: all). Done deadlines still
    marked 暂定 are counted again too (their on-time status depends on it). A deadline whose due date
    or 暂定 mark changes is updated in its history with `reason`, and a DueDateChange tells its unit
    (the home page shows those of open deadlines). All or nothing: one transaction.
    """
    calendar = working_calendar()
    fixed_dates = [rule.code for rule in all_rules() if not rule.uses_calendar]
    rows = (Deadline.objects.active().filter(Q(completed_on__isnull=True) | Q(provisional=True))
            .exclude(rule_code__in=fixed_dates))
    if years is not None:
        touching = Q(pk__in=[])
        for year in set(years):
            touching |= touching_year(year)
        rows = rows.filter(touching)
    changes = []
    for deadline in rows.select_for_update().order_by("pk"):
        try:
            rule = deadline.rule
        except UnknownRuleError:
            continue  # a rule no longer registered: its deadlines stay as counted
        due = rule.compute(calendar, deadline.starts_on, deadline.period_amount)
        if (due.due_on, due.provisional) == (deadline.due_on, deadline.provisional):
            continue
        before, was_provisional = deadline.due_on, deadline.provisional
        record_update(record=deadline, user=None, expected_version=deadline.version, reason=reason[:100],
                      due_on=due.due_on, provisional=due.provisional,
                      remind_on=rule.remind_on(due.due_on) if rule.remind_days is not None else deadline.remind_on)
        changes.append(record_create(
            model=DueDateChange, user=None, deadline=deadline, due_before=before, due_after=due.due_on,
            provisional_before=was_provisional, provisional_after=due.provisional, reason=reason[:100],
            values={"reason": reason[:200]},  # the field; `reason=` is the history's reason for the change
        ))
    return changes

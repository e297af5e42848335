import datetime as dt

from django.contrib.contenttypes.models import ContentType

from fazhi.core.exceptions import FazhiError
from fazhi.core.services import record_create, record_update
from fazhi.deadlines.calendar import UnknownYearError
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.rules import get_rule


class CalendarUnknownError(FazhiError):
    """A due date falls in a year whose holidays are not entered yet; the message says what to do."""


def deadline_start(*, rule_code: str, record, org_unit, starts_on: dt.date, title: str) -> Deadline:
    """Give `record` a due date under a registered rule, counted from `starts_on`."""
    rule = get_rule(rule_code)
    try:
        due_on = rule.due_date(working_calendar(), starts_on)
    except UnknownYearError as error:
        raise CalendarUnknownError(str(error)) from error
    # Deadlines are the platform's own bookkeeping: created as the system, on behalf of the record.
    return record_create(
        model=Deadline, user=None,
        rule_code=rule.code, title=title[:200], org_unit=org_unit,
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
        starts_on=starts_on, due_on=due_on, remind_on=rule.remind_on(due_on),
    )


def deadline_complete(*, deadline: Deadline, completed_on: dt.date) -> Deadline:
    """Mark done by the service that did the work (the module checks who may do it)."""
    return record_update(record=deadline, user=None, expected_version=deadline.version, completed_on=completed_on)


def deadlines_complete_for(*, record, rule_code: str, completed_on: dt.date) -> int:
    """Complete the record's open deadlines under a rule; returns how many."""
    from fazhi.deadlines.selectors import deadlines_for_record

    open_rows = deadlines_for_record(record).filter(rule_code=rule_code, completed_on__isnull=True)
    for deadline in open_rows:
        deadline_complete(deadline=deadline, completed_on=completed_on)
    return len(open_rows)

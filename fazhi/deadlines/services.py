import datetime as dt

from django.contrib.contenttypes.models import ContentType

from fazhi.core.services import record_create, record_update
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.rules import get_rule


def deadline_start(*, rule_code: str, record, org_unit, starts_on: dt.date, title: str, user=None) -> Deadline:
    """Give `record` a due date under a registered rule, counted from `starts_on`."""
    rule = get_rule(rule_code)
    return record_create(
        model=Deadline, user=user,
        rule_code=rule.code, title=title[:200], org_unit=org_unit,
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
        starts_on=starts_on, due_on=rule.due_date(working_calendar(), starts_on),
    )


def deadline_complete(*, deadline: Deadline, completed_on: dt.date, user=None) -> Deadline:
    return record_update(record=deadline, user=user, expected_version=deadline.version, completed_on=completed_on)

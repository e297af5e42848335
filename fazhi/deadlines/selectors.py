import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.deadlines.constants import DUE_SOON_DAYS, NEXT_YEAR_CALENDAR_FROM
from fazhi.deadlines.models import Deadline


def deadlines_open(
    *, user=None, unit=None, within_days: int = DUE_SOON_DAYS, today: dt.date | None = None
) -> QuerySet[Deadline]:
    """Open deadlines that are overdue or due within `within_days`, soonest first.

    `user=None` means the command line (system view: everything).
    """
    today = today or timezone.localdate()
    rows = Deadline.objects.active() if user is None else Deadline.objects.visible_to(user).active()
    rows = rows.filter(
        Q(due_on__lte=today + dt.timedelta(days=within_days)) | Q(remind_on__lte=today), completed_on__isnull=True
    )
    if unit is not None:
        rows = rows.filter(org_unit=unit)
    return rows.select_related("org_unit").order_by("due_on", "pk")


def deadlines_for_record(record) -> QuerySet[Deadline]:
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    ).order_by("due_on")


def calendar_year_missing(today: dt.date | None = None) -> int | None:
    """The year whose holiday arrangement should be entered now, if any: this year if it is unknown
    (no working-day deadline into it can be counted), else next year from NEXT_YEAR_CALENDAR_FROM on."""
    from fazhi.deadlines.calendar_source import working_calendar

    today = today or timezone.localdate()
    known = working_calendar().known_years
    if today.year not in known:
        return today.year
    if today >= dt.date(today.year, *NEXT_YEAR_CALENDAR_FROM) and today.year + 1 not in known:
        return today.year + 1
    return None

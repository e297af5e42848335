"""Admin edits to the holiday table take effect at once (the calendar is cached per process)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.models import CalendarDay, CalendarYear


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def _calendar_changed(**kwargs) -> None:
    working_calendar.cache_clear()

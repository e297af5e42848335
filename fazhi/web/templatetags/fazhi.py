import datetime as dt

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """A timedelta as whole minutes (axes gives the lock-out time as a timedelta)."""
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds() // 60)
    return value

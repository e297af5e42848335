import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fazhi.deadlines.constants import PROVISIONAL_REASON

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """A timedelta as whole minutes (axes gives the lock-out time as a timedelta)."""
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds() // 60)
    return value


@register.simple_tag
def due_date(day, provisional=False) -> str:
    """A due date as YYYY-MM-DD, with the 暂定 mark and its reason when it was counted provisionally."""
    if not day:
        return "—"
    if not provisional:
        return day.isoformat()
    return format_html('{} <span class="badge text-bg-warning fz-provisional" title="{}">{}</span>',
                       day.isoformat(), PROVISIONAL_REASON, _("暂定"))

"""Dates of things that happened (a defence filed, a decision received): recorded after the fact, so never after
today and never before what they follow. One rule for the services (which refuse) and the imports (which name the
cell)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import cn_date, refuse

DATE_IN_FUTURE = _("%(what)s（%(date)s）晚于今天。")
DATE_BEFORE = _("%(what)s（%(date)s）早于%(earlier)s（%(earlier_date)s）。")


def happened_problem(day: dt.date, what, after: tuple | None = None) -> str | None:
    """Why `day` cannot be when `what` happened, or None; `after` is (label, date) of what it follows (no date: no
    check)."""
    if day > clock.today():
        return str(DATE_IN_FUTURE % {"what": what, "date": cn_date(day)})
    if after and after[1] and day < after[1]:
        return str(DATE_BEFORE % {"what": what, "date": cn_date(day), "earlier": after[0],
                                  "earlier_date": cn_date(after[1])})
    return None


def happened_on(day: dt.date | None, what, after: tuple | None = None) -> dt.date:
    """`day` (today when None) as the date `what` happened; refused (FazhiError) with happened_problem's reason."""
    day = day or clock.today()
    problem = happened_problem(day, what, after)
    if problem:
        raise refuse(problem)
    return day

"""Reads of the tracking ledger: items scoped to the user, and the yearly figures (answered on time, satisfaction)."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from fazhi.ledger.constants import Satisfaction
from fazhi.ledger.models import TrackedItem


def items_visible(user):
    """Archived ones too (an API answer after archiving, the detail); lists take `.active()`."""
    return TrackedItem.objects.visible_to(user).select_related("owner_unit", "source_entity")


def items_of_year(year: int, kind: str | None = None, unit=None):
    rows = TrackedItem.objects.active().filter(received_on__year=year)
    rows = rows if kind is None else rows.filter(kind=kind)
    return rows if unit is None else rows.filter(owner_unit=unit)


def answered_on_time(year: int, kind: str | None = None, unit=None):
    return items_of_year(year, kind, unit).filter(on_time=True)


def answered(year: int, kind: str | None = None, unit=None):
    return items_of_year(year, kind, unit).filter(answered_on__isnull=False)


@dataclass(frozen=True)
class LedgerFigures:
    received: int
    answered: int
    on_time: int
    satisfied: int  # 满意 or 基本满意
    rated: int
    average_days: float | None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.answered, 2) if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100 * self.satisfied / self.rated, 2) if self.rated else None


def figures(year: int, kind: str | None = None, unit=None) -> LedgerFigures:
    """One grouped query: received, answered, on time, rated and satisfied, average days taken."""
    done = Q(answered_on__isnull=False)
    row = items_of_year(year, kind, unit).aggregate(
        n=Count("pk"), answered=Count("pk", filter=done), on_time=Count("pk", filter=Q(on_time=True)),
        rated=Count("pk", filter=~Q(satisfaction="")),
        satisfied=Count("pk", filter=Q(satisfaction__in=(Satisfaction.SATISFIED, Satisfaction.BASIC))),
        average=Avg("days_taken", filter=done))
    average = row["average"]
    return LedgerFigures(row["n"], row["answered"], row["on_time"], row["satisfied"], row["rated"],
                         None if average is None else round(average, 1))

"""Reads of the tracking ledger: items scoped to the user, their state on a day, the overdue ones, and the yearly
figures per kind (received, answered on time, overdue, satisfaction)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from fazhi.ledger.constants import ItemKind, ItemState, Satisfaction
from fazhi.ledger.models import CoHandling, TrackedItem

# The due date that counts: the extended one when there is one (an extended item is not overdue before it).
EFFECTIVE_DUE = Coalesce(F("extended_to"), F("due_on"))


def items_visible(user):
    """Archived ones too (an API answer after archiving, the detail); lists take `.active()`."""
    return (TrackedItem.objects.visible_to(user).select_related("owner_unit", "source_entity")
            .prefetch_related("co_handlings__unit"))


def state_condition(state: str, today: dt.date) -> Q:
    """The items in `state` on `today` (the same rule as `TrackedItem.state_on`)."""
    # In the order TrackedItem.state_on decides: a second round first, then returned, awaiting closing, answered.
    second_round = Q(second_due_on__isnull=False, second_answered_on__isnull=True)
    unanswered = Q(answered_on__isnull=True, returned_on__isnull=True) & ~second_round
    awaiting_close = Q(answered_on__isnull=False, kind=ItemKind.AUDIT, closed_on__isnull=True) & ~second_round
    answered = Q(answered_on__isnull=False) & ~second_round & ~awaiting_close
    return {
        ItemState.RETURNED: Q(answered_on__isnull=True, returned_on__isnull=False) & ~second_round,
        ItemState.OPEN: unanswered & Q(extended_to__isnull=True, due_on__gte=today),
        ItemState.EXTENDED: unanswered & Q(extended_to__gte=today),
        ItemState.OVERDUE: unanswered & Q(effective_due__lt=today),
        ItemState.ON_TIME: answered & Q(on_time=True),
        ItemState.LATE: answered & ~Q(on_time=True),
        ItemState.SECOND_ROUND: second_round,
        ItemState.AWAITING_CLOSE: awaiting_close,
    }[ItemState(state)]


def in_state(rows, state: str, today: dt.date):
    return rows.alias(effective_due=EFFECTIVE_DUE).filter(state_condition(state, today))


def items_of_year(year: int, kind: str | tuple[str, ...] | None = None, unit=None):
    """The year's items (by receipt) of a kind, or of any of several kinds, of a unit or of every unit."""
    rows = TrackedItem.objects.active().filter(received_on__year=year)
    if kind is not None:
        rows = rows.filter(kind__in=kind) if isinstance(kind, tuple) else rows.filter(kind=kind)
    return rows if unit is None else rows.filter(owner_unit=unit)


def years_with_items() -> list[int]:
    return list(TrackedItem.objects.active().annotate(year=ExtractYear("received_on")).values_list("year", flat=True)
                .distinct().order_by("year"))


def answered_on_time(year: int, kind: str | tuple[str, ...] | None = None, unit=None):
    return items_of_year(year, kind, unit).filter(on_time=True)


def answered(year: int, kind: str | None = None, unit=None):
    return items_of_year(year, kind, unit).filter(answered_on__isnull=False)


def due_for_answer(year: int, today: dt.date, kind: str | tuple[str, ...] | None = None, unit=None):
    """The items an on-time rate is taken over: the answered ones and those past their due date unanswered (an
    overdue item counts against the rate before it is answered, not only once it is)."""
    rows = items_of_year(year, kind, unit).alias(effective_due=EFFECTIVE_DUE)
    return rows.filter(Q(answered_on__isnull=False) | state_condition(ItemState.OVERDUE, today))


@dataclass(frozen=True)
class LedgerFigures:
    received: int
    answered: int
    on_time: int
    overdue: int  # unanswered past the due date that counts, on the day the figures are taken
    extended: int
    escalated: int
    satisfied: int  # 满意 or 基本满意
    rated: int
    average_days: float | None

    @property
    def due(self) -> int:
        return self.answered + self.overdue

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        """按期答复率: answered on time of the items due (answered, or overdue unanswered)."""
        return round(100 * self.on_time / self.due, 2) if self.due else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100 * self.satisfied / self.rated, 2) if self.rated else None


def _figures(rows, today: dt.date) -> LedgerFigures:
    done = Q(answered_on__isnull=False)
    row = rows.alias(effective_due=EFFECTIVE_DUE).aggregate(
        n=Count("pk"), answered=Count("pk", filter=done), on_time=Count("pk", filter=Q(on_time=True)),
        overdue=Count("pk", filter=state_condition(ItemState.OVERDUE, today)),
        extended=Count("pk", filter=Q(extended_to__isnull=False)),
        escalated=Count("pk", filter=Q(escalated_on__isnull=False)),
        rated=Count("pk", filter=~Q(satisfaction="")),
        satisfied=Count("pk", filter=Q(satisfaction__in=(Satisfaction.SATISFIED, Satisfaction.BASIC))),
        average=Avg("days_taken", filter=done))
    average = row["average"]
    return LedgerFigures(row["n"], row["answered"], row["on_time"], row["overdue"], row["extended"],
                         row["escalated"], row["satisfied"], row["rated"],
                         None if average is None else round(average, 1))


def figures(year: int, kind: str | tuple[str, ...] | None = None, unit=None,
            today: dt.date | None = None) -> LedgerFigures:
    """One grouped query: received, answered, on time, overdue (on `today`, by default the platform's today),
    extended, escalated, rated and satisfied, average days taken."""
    from fazhi.core import clock

    return _figures(items_of_year(year, kind, unit), today or clock.today())


def figures_by_kind(year: int, unit=None, today: dt.date | None = None) -> list[tuple[ItemKind, LedgerFigures]]:
    """The statistics table: a row per kind that has items in the year, in the order of `ItemKind`."""
    rows = [(kind, figures(year, kind, unit, today)) for kind in ItemKind]
    return [(kind, row) for kind, row in rows if row.received]


def work_queue(user, today: dt.date) -> list:
    """The desk: a unit's open items, those past due (escalated ones told apart) and those in a second round; the
    legal-affairs office sees every unit's, and the returned items it is to reassign (改派)."""
    from django.urls import reverse

    from fazhi.core.modules import WorkTally

    zone_wide = user.has_perm("ledger.change_all_trackeditem")
    if not (zone_wide or user.has_perm("ledger.change_own_unit_trackeditem")):
        return []
    co_handlings = CoHandling.objects.changeable_by(user).active().filter(views_on__isnull=True)
    co_url = reverse("ledger:co_handlings:list")
    rows = TrackedItem.objects.changeable_by(user).active()
    url = reverse("ledger:items:list")

    def tally(title, state: ItemState, tone: str, **narrower) -> WorkTally:
        found = in_state(rows, state, today).filter(**narrower)
        query = "&".join([f"state={state.value}", *(["escalated=1"] if narrower else [])])
        return WorkTally(title, found.count(), f"{url}?{query}", tone=tone)

    return [
        *([tally(_("退回待改派的跟踪事项"), ItemState.RETURNED, "warning"),
           tally(_("待对账销号的审计整改事项"), ItemState.AWAITING_CLOSE, "warning")] if zone_wide else []),
        WorkTally(_("办理中的跟踪事项"), rows.filter(answered_on__isnull=True, returned_on__isnull=True).count(), url),
        tally(_("逾期未答复的跟踪事项"), ItemState.OVERDUE, "danger"),
        tally(_("被督办的跟踪事项"), ItemState.OVERDUE, "danger", escalated_on__isnull=False),
        tally(_("不满意再次办理的跟踪事项"), ItemState.SECOND_ROUND, "warning"),
        WorkTally(_("待提出会办意见"), co_handlings.count(), co_url),
        WorkTally(_("会办意见已逾期"), co_handlings.filter(views_due_on__lt=today).count(), co_url, tone="danger"),
    ]

"""Reads that count: the inspected units' indicators (training and exam statistics are fazhi.officers')."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext

from fazhi.core import clock
from fazhi.enforcement.models import EnforcementCase, Rectification, SpecialInspection
from fazhi.enforcement.selectors.cases import (
    case_approved_review,
    case_completeness,
    case_is_major,
    decided_cases,
    enabled_criteria,
    on_time_rate,
)
from fazhi.officers.selectors import Rate


@dataclass(frozen=True)
class UnitIndicators:
    org_unit: object
    start: dt.date
    end: dt.date
    publication_on_time: Rate
    records_complete: Rate
    major_reviewed: Rate
    # 纠错: decided cases whose decision was changed, revoked or declared unlawful or void — by the body itself, on
    # 行政复议 or by a court (DecisionOverturn, recorded by fazhi.reconsideration and fazhi.litigation too).
    overturned: Rate


# --- special inspections ----------------------------------------------------------------------


def unit_indicators(org_unit, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> UnitIndicators:
    """A unit's three-systems indicators computed from its records over [start, end] (None: the zone)."""
    today = today or clock.today()
    cases = list(decided_cases(start, end, org_unit))
    # Records are checked on every case finished in the period: decided, or closed without a
    # decision (an inspection that found nothing to decide).
    undecided = EnforcementCase.objects.active().filter(decided_on__isnull=True, closed_on__gte=start,
                                                        closed_on__lte=end)
    if org_unit is not None:
        undecided = undecided.filter(body__org_unit=org_unit)
    finished = cases + list(undecided.prefetch_related("steps__records"))
    criteria = enabled_criteria()
    complete = sum(1 for case in finished if not case_completeness(case, criteria=criteria))
    major = [case for case in cases if case_is_major(case, criteria=criteria)]
    reviewed = sum(1 for case in major if case_approved_review(case, by=case.decided_on) is not None)
    return UnitIndicators(
        org_unit=org_unit, start=start, end=end, publication_on_time=on_time_rate(cases, today),
        records_complete=Rate(complete, len(finished)), major_reviewed=Rate(reviewed, len(major)),
        overturned=Rate(sum(1 for case in cases if any(not o.is_archived for o in case.overturns.all())), len(cases)),
    )


def inspection_period(inspection: SpecialInspection, today: dt.date) -> tuple[dt.date, dt.date]:
    """The records a campaign looks at: its year, up to today."""
    return dt.date(inspection.year, 1, 1), min(dt.date(inspection.year, 12, 31), today)


def rectification_state(rectification: Rectification, today: dt.date) -> str:
    """Where a rectification stands on `today`: done on time or late, in progress or overdue."""
    if rectification.completed_on:
        late = rectification.completed_on > rectification.due_on
        return gettext("逾期完成") if late else gettext("按期完成")
    return gettext("已逾期") if today > rectification.due_on else gettext("整改中")

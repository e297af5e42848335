"""Reads of the legal-advisor register: coverage of the zone's units on a date, and the advisors' work."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from fazhi.core import clock
from fazhi.legal_advisors.constants import COVERED_KINDS
from fazhi.legal_advisors.models import AdvisorContract, AdvisorWork
from fazhi.organisation.models import OrgUnit


def _serving_on(day: dt.date) -> Q:
    return (Q(starts_on__lte=day, ends_on__gte=day, archived_on__isnull=True, advisor__archived_on__isnull=True)
            & (Q(terminated_on__isnull=True) | Q(terminated_on__gt=day)))


def contracts_in_force(day: dt.date):
    return AdvisorContract.objects.filter(_serving_on(day)).select_related("advisor", "org_unit")


@dataclass(frozen=True)
class UnitCoverage:
    org_unit: OrgUnit
    advisors: list  # LegalAdvisor serving the unit on the day
    last_contract: AdvisorContract | None  # for a gap: the contract that ended most recently

    @property
    def covered(self) -> bool:
        return bool(self.advisors)


@dataclass(frozen=True)
class Coverage:
    on: dt.date
    units: list[UnitCoverage]
    by_kind: dict = field(default_factory=dict)  # kind -> (covered, total)

    @property
    def gaps(self) -> list[UnitCoverage]:
        return [u for u in self.units if not u.covered]

    @property
    def covered_count(self) -> int:
        return sum(1 for u in self.units if u.covered)

    @property
    def complete(self) -> bool:
        return bool(self.units) and not self.gaps


def coverage(*, on: dt.date | None = None, kinds=COVERED_KINDS) -> Coverage:
    """Which departments, streets and state enterprises have an advisor under contract on `on` (全覆盖)."""
    on = on or clock.today()
    units = list(OrgUnit.objects.active().filter(kind__in=kinds).order_by("sort_order", "code"))
    serving: dict[int, list] = {}
    for contract in contracts_in_force(on):
        serving.setdefault(contract.org_unit_id, []).append(contract.advisor)
    last: dict[int, AdvisorContract] = {}
    for contract in AdvisorContract.objects.active().filter(starts_on__lte=on).select_related("advisor")\
            .order_by("ends_on", "pk"):
        last[contract.org_unit_id] = contract
    rows = [UnitCoverage(u, serving.get(u.pk, []), None if u.pk in serving else last.get(u.pk)) for u in units]
    totals, covered = Counter(), Counter()
    for row in rows:
        totals[row.org_unit.kind] += 1
        covered[row.org_unit.kind] += row.covered
    by_kind = {kind: (covered[kind], totals[kind]) for kind in kinds if totals[kind]}
    return Coverage(on=on, units=rows, by_kind=by_kind)


def work_statistics(year: int) -> dict[str, int]:
    """Pieces of work per kind in a year."""
    rows = AdvisorWork.objects.active().filter(done_on__year=year).values_list("kind", flat=True)
    return dict(Counter(rows))

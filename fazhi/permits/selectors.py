"""Reads of the permit module: the catalogue in force on a date, a matter's modes across editions, cases, statistics."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from fazhi.permits.constants import ReformMode
from fazhi.permits.lifecycle import DECIDED, Status
from fazhi.permits.models import CaseMatter, CatalogueEdition, CatalogueEntry, PermitCase, PermitMatter


def editions_visible(user):
    return CatalogueEdition.objects.visible_to(user).active()


def matters_visible(user):
    return PermitMatter.objects.visible_to(user).active()


def entries_visible(user):
    return CatalogueEntry.objects.visible_to(user).active().select_related("edition", "matter", "org_unit")


def cases_visible(user):
    return PermitCase.objects.visible_to(user).active().select_related("org_unit", "applicant_entity", "edition")


def edition_in_force(on: dt.date) -> CatalogueEdition | None:
    """The catalogue in force on a date: the latest edition effective on or before it."""
    return CatalogueEdition.objects.active().filter(effective_on__lte=on).order_by("-effective_on").first()


def catalogue_in_force(on: dt.date, unit=None):
    """The entries of the edition in force on `on` (of one handling unit if given); none before the first edition."""
    edition = edition_in_force(on)
    rows = CatalogueEntry.objects.active().filter(edition=edition).select_related("matter", "org_unit", "edition")
    rows = rows.order_by("matter__code") if edition is not None else rows.none()
    return rows if unit is None else rows.filter(org_unit=unit)


def mode_history(matter: PermitMatter) -> list[CatalogueEntry]:
    """The matter as each edition listed it, oldest first: how its reform mode changed."""
    return list(CatalogueEntry.objects.active().filter(matter=matter).select_related("edition", "org_unit")
                .order_by("edition__effective_on"))


def case_entry_for(edition: CatalogueEdition, matter: PermitMatter) -> CatalogueEntry | None:
    return CatalogueEntry.objects.active().filter(edition=edition, matter=matter).first()


def cases_of_year(year: int, unit=None):
    """The cases received in `year` and not withdrawn (办理的办件), of one unit if given."""
    rows = PermitCase.objects.active().filter(received_on__year=year).exclude(status=Status.WITHDRAWN)
    return rows if unit is None else rows.filter(org_unit=unit)


def lines_of_year(year: int, unit=None, mode: str | None = None):
    """The matters applied for in those cases: the seed counts 办件 per matter (审批改为备案事项92件)."""
    rows = CaseMatter.objects.active().filter(case__in=cases_of_year(year, unit))
    return rows if mode is None else rows.filter(mode=mode)


def decided_cases(year: int, unit=None):
    return cases_of_year(year, unit).filter(status__in=DECIDED)


def on_time_cases(year: int, unit=None):
    return decided_cases(year, unit).filter(on_time=True)


def cases_open(user):
    return cases_visible(user).filter(status__in=(Status.ACCEPTED, Status.PROCESSING))


@dataclass(frozen=True)
class ModeRow:
    mode: str
    label: str
    matters: int  # in the catalogue in force at the year's end
    cases: int  # 办件 (matters applied for) in the year
    decided: int
    on_time: int
    average_days: float | None  # working days from intake to decision, the decided ones

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.decided, 2) if self.decided else None


@dataclass(frozen=True)
class Statistics:
    year: int
    unit: object
    edition: CatalogueEdition | None
    rows: tuple[ModeRow, ...]
    cases: int  # 办件 as cases (one window), not per matter
    decided: int
    on_time: int
    average_days: float | None
    disguised: int

    @property
    def matters(self) -> int:
        return sum(row.matters for row in self.rows)

    @property
    def lines(self) -> int:
        return sum(row.cases for row in self.rows)

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.decided, 2) if self.decided else None

    def row(self, mode: str) -> ModeRow:
        return next(row for row in self.rows if row.mode == mode)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def statistics(year: int, unit=None) -> Statistics:
    """Per mode: matters in the catalogue in force at the year's end, cases, on time, average working days.

    Three grouped queries, whatever the number of cases (bench/permits.py: 100,000 a year).
    """
    edition = edition_in_force(year_end(year))
    matters = dict(catalogue_in_force(year_end(year), unit).values_list("mode").annotate(n=Count("pk"))
                   .order_by())
    decided = Q(case__status__in=DECIDED)
    per_mode = {row["mode"]: row for row in lines_of_year(year, unit).values("mode").annotate(
        n=Count("pk"), decided=Count("pk", filter=decided),
        on_time=Count("pk", filter=decided & Q(case__on_time=True)),
        average=Avg("case__working_days_used", filter=decided)).order_by()}
    rows = []
    for mode, label in ReformMode.choices:
        row = per_mode.get(mode, {})
        average = row.get("average")
        rows.append(ModeRow(mode, str(label), matters.get(mode, 0), row.get("n", 0), row.get("decided", 0),
                            row.get("on_time", 0), None if average is None else round(average, 1)))
    totals = cases_of_year(year, unit).aggregate(
        n=Count("pk"), decided=Count("pk", filter=Q(status__in=DECIDED)),
        on_time=Count("pk", filter=Q(status__in=DECIDED, on_time=True)),
        average=Avg("working_days_used", filter=Q(status__in=DECIDED)),
        disguised=Count("pk", filter=Q(disguised_approval=True)))
    average = totals["average"]
    return Statistics(year, unit, edition, tuple(rows), totals["n"], totals["decided"], totals["on_time"],
                      None if average is None else round(average, 1), totals["disguised"])


def years_with_cases() -> list[int]:
    return sorted({day.year for day in PermitCase.objects.active().dates("received_on", "year")})


def work_for(user, today: dt.date):
    """The desk: the user's open cases, and those past their statutory due date."""
    from django.urls import reverse

    from fazhi.core.modules import WorkTally

    if not user.has_perm("permits.change_all_permitcase") and not user.has_perm("permits.change_own_unit_permitcase"):
        return []
    rows = PermitCase.objects.changeable_by(user).active().filter(status__in=(Status.ACCEPTED, Status.PROCESSING))
    url = reverse("permits:cases:list")
    return [WorkTally("在办办件", rows.count(), f"{url}?status={Status.PROCESSING}"),
            WorkTally("超过法定期限的办件", rows.filter(statutory_due_on__lt=today).count(), url, tone="danger")]

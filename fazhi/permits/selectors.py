"""Reads of the permit module: the catalogue in force on a date, a matter's modes across editions, cases, statistics."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from fazhi.permits.constants import BREACHES, ReformMode
from fazhi.permits.lifecycle import DECIDED, Status
from fazhi.permits.models import CaseMatter, CatalogueEdition, CatalogueEntry, PermitCase, PermitMatter


def editions_visible(user):
    return CatalogueEdition.objects.visible_to(user).active()


def matters_visible(user):
    return PermitMatter.objects.visible_to(user).active()


def entries_visible(user):
    return CatalogueEntry.objects.visible_to(user).active().select_related("edition", "matter", "org_unit")


def cases_visible(user):
    """Archived ones too (an API answer after archiving, the detail); lists and queues take `.active()`."""
    return PermitCase.objects.visible_to(user).select_related("org_unit", "applicant_entity", "edition")


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
    return cases_visible(user).active().filter(status__in=(Status.ACCEPTED, Status.PROCESSING))


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
    checked: int = 0  # 告知承诺核查 with a result recorded in the year
    found_false: int = 0  # of which the commitment was false or not met

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

    Four grouped queries, whatever the number of cases (bench/permits.py: 100,000 a year); with the commitments
    checked and found false (国办发〔2020〕42号).
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
    checks = checks_of_year(year, unit).aggregate(n=Count("pk"), false=Count("pk", filter=Q(result__in=BREACHES)))
    return Statistics(year, unit, edition, tuple(rows), totals["n"], totals["decided"], totals["on_time"],
                      None if average is None else round(average, 1), totals["disguised"], checks["n"],
                      checks["false"])


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


# ----- 告知承诺 ---------------------------------------------------------------------------------

def commitment_cases(unit, period_from: dt.date, period_to: dt.date):
    """Commitment cases of a unit granted in the period (受理日期) and not yet checked: the pool of a check draw."""
    from fazhi.permits.models import CommitmentCheck

    checked = CommitmentCheck.objects.active().values("case_id")
    return (PermitCase.objects.active().filter(org_unit=unit, received_on__range=(period_from, period_to),
                                               status=Status.GRANTED, lines__mode=ReformMode.COMMITMENT)
            .exclude(pk__in=checked).distinct())


def risk_class(case: PermitCase, first_time: bool) -> str:
    """高/中/低: two or more of (first-time applicant, a high-risk matter, conditions to be met later, a credit record
    of the applicant) make it high, one medium."""
    from fazhi.permits.constants import CommitmentKind, RiskLevel

    high_matter = case.lines.active().filter(mode=ReformMode.COMMITMENT, entry__risk_level=RiskLevel.HIGH).exists()
    factors = (first_time + high_matter + (case.commitment_kind == CommitmentKind.MET_BY_DATE)
               + applicant_credit_records(case).exists())
    return "high" if factors >= 2 else "medium" if factors == 1 else "low"


def applicant_credit_records(case: PermitCase):
    """The applicant's credit records from other cases (by market entity, or by ID number for a person)."""
    from fazhi.permits.models import CreditRecord

    rows = CreditRecord.objects.active().exclude(case=case)
    if case.applicant_entity_id:
        return rows.filter(entity_id=case.applicant_entity_id)
    if case.applicant_id_number:
        return rows.filter(case__applicant_id_number=case.applicant_id_number)
    return rows.none()


def _first_time(case: PermitCase) -> bool:
    """No earlier case of the same applicant (by market entity, or by ID number for a person)."""
    earlier = PermitCase.objects.active().filter(received_on__lt=case.received_on)
    if case.applicant_entity_id:
        return not earlier.filter(applicant_entity_id=case.applicant_entity_id).exists()
    if case.applicant_id_number:
        return not earlier.filter(applicant_id_number=case.applicant_id_number).exists()
    return True


def check_pool(unit, period_from: dt.date, period_to: dt.date) -> dict[str, list[str]]:
    """The draw's pool: case numbers per risk class (strata named as in constants.RISK_STRATA)."""
    pool: dict[str, list[str]] = {}
    for case in commitment_cases(unit, period_from, period_to).order_by("number"):
        pool.setdefault(risk_class(case, _first_time(case)), []).append(case.number)
    return pool


def commitment_matter_codes(unit, period_from: dt.date, period_to: dt.date) -> list[str]:
    rows = CaseMatter.objects.active().filter(case__in=commitment_cases(unit, period_from, period_to),
                                              mode=ReformMode.COMMITMENT)
    return sorted(set(rows.values_list("entry__matter__code", flat=True)))


def draws_visible(user):
    from fazhi.permits.models import CheckDraw

    return CheckDraw.objects.visible_to(user).active().select_related("org_unit")


def checks_visible(user):
    from fazhi.permits.models import CommitmentCheck

    return CommitmentCheck.objects.visible_to(user).active().select_related("case", "draw", "enforcement_case")


def credit_records_visible(user):
    from fazhi.permits.models import CreditRecord

    return CreditRecord.objects.visible_to(user).active().select_related(
        "case", "commitment_check__enforcement_case", "entity")


def checks_of_year(year: int, unit=None):
    """Checks with a result recorded in `year` (of one unit's cases if given)."""
    from fazhi.permits.models import CommitmentCheck

    rows = CommitmentCheck.objects.active().filter(checked_on__year=year)
    return rows if unit is None else rows.filter(case__org_unit=unit)


def false_checks(year: int, unit=None):
    return checks_of_year(year, unit).filter(result__in=BREACHES)


# ----- 营商环境 -----------------------------------------------------------------------------------

def commended_firms(year: int):
    """The firms commended at the year's conferences (a firm commended twice counts once)."""
    from fazhi.market_entities.models import MarketEntity
    from fazhi.permits.models import Commendation

    conferences = Commendation.objects.active().filter(held_on__year=year)
    return MarketEntity.objects.filter(pk__in=conferences.values("firms")).distinct()


def pairings_of_year(year: int, unit=None):
    from fazhi.permits.models import Pairing

    rows = Pairing.objects.active().filter(year=year)
    return rows if unit is None else rows.filter(org_unit=unit)


def pairings_visited(year: int, unit=None):
    """Pairings with at least one visit in their year: the numerator of the coverage."""
    from fazhi.permits.constants import VisitKind

    return pairings_of_year(year, unit).filter(visits__visited_on__year=year, visits__kind=VisitKind.PAIRING,
                                               visits__archived_on__isnull=True).distinct()


def visits_of_year(year: int, unit=None, kinds=None):
    from fazhi.permits.models import Visit

    rows = Visit.objects.active().filter(visited_on__year=year)
    rows = rows if kinds is None else rows.filter(kind__in=kinds)
    return rows if unit is None else rows.filter(org_unit=unit)


def pairing_coverage(year: int, unit=None) -> float | None:
    total = pairings_of_year(year, unit).count()
    return round(100 * pairings_visited(year, unit).count() / total, 2) if total else None

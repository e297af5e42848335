"""Reads that count: training and exam statistics, the inspected units' indicators."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext

from fazhi.core import clock
from fazhi.enforcement.constants import CertificateStatus
from fazhi.enforcement.models import (
    EnforcementCase,
    EnforcementCertificate,
    Exam,
    ExamResult,
    Rectification,
    SpecialInspection,
    Training,
    TrainingAttendance,
)
from fazhi.enforcement.selectors.cases import (
    case_approved_review,
    case_completeness,
    case_is_major,
    decided_cases,
    enabled_criteria,
    on_time_rate,
)
from fazhi.enforcement.selectors.common import Rate


@dataclass(frozen=True)
class TrainingStatistics:
    year: int
    sessions: int
    attendances: int  # 人次
    trainees: int  # distinct officers
    exams: int
    exam_sittings: int
    passed: int
    pass_rate: Rate
    lapsed_officers: list = field(default_factory=list)
    renewed_officers: list = field(default_factory=list)


@dataclass(frozen=True)
class UnitIndicators:
    org_unit: object
    start: dt.date
    end: dt.date
    publication_on_time: Rate
    records_complete: Rate
    major_reviewed: Rate


# --- training, special inspections ----------------------------------------------------------


def _lapses(certificates: list[EnforcementCertificate]) -> list[tuple[dt.date, dt.date | None]]:
    """Periods (first day without, first day covered again or None) an officer held no certificate."""
    held = sorted((c for c in certificates if c.status != CertificateStatus.REVOKED and c.archived_on is None),
                  key=lambda c: c.valid_from)
    lapses = []
    covered_until: dt.date | None = None
    for certificate in held:
        if covered_until is not None and certificate.valid_from > covered_until + dt.timedelta(days=1):
            lapses.append((covered_until + dt.timedelta(days=1), certificate.valid_from))
        covered_until = max(covered_until or certificate.valid_until, certificate.valid_until)
    if covered_until is not None:
        lapses.append((covered_until + dt.timedelta(days=1), None))
    return lapses


def training_statistics(year: int) -> TrainingStatistics:
    """Sessions, attendances, exams, pass rate, officers whose certificates lapsed and were renewed."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    sessions = Training.objects.active().filter(held_on__year=year)
    attendances = TrainingAttendance.objects.active().filter(training__in=sessions)
    exams = Exam.objects.active().filter(held_on__year=year)
    results = ExamResult.objects.active().filter(exam__in=exams)
    passed = results.filter(score__gte=F("exam__pass_mark")).count()
    sittings = results.count()

    lapsed, renewed = [], []
    certificates: dict[int, list[EnforcementCertificate]] = {}
    for certificate in EnforcementCertificate.objects.active().filter(valid_from__lte=last).select_related("officer"):
        certificates.setdefault(certificate.officer_id, []).append(certificate)
    for officer_certificates in certificates.values():
        officer = officer_certificates[0].officer
        for gap_start, covered_again in _lapses(officer_certificates):
            if gap_start <= last and (covered_again is None or covered_again > first):
                lapsed.append(officer)
                if covered_again is not None and first <= covered_again <= last:
                    renewed.append(officer)
                break
    key = lambda o: (o.org_unit_id, o.full_name, o.pk)  # noqa: E731
    return TrainingStatistics(
        year=year, sessions=sessions.count(), attendances=attendances.count(),
        trainees=attendances.values("officer").distinct().count(), exams=exams.count(),
        exam_sittings=sittings, passed=passed, pass_rate=Rate(passed, sittings),
        lapsed_officers=sorted(lapsed, key=key), renewed_officers=sorted(renewed, key=key),
    )


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

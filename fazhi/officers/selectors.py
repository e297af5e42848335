"""Reads of officers, their certificates, training and exams: who may act on a day, what expires, the year's
training statistics.

Other apps (enforcement cases and the portal's disclosure, random inspections) read officers through these
functions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.models import EnforcementCertificate, Exam, ExamResult, Officer, Training, TrainingAttendance


@dataclass(frozen=True)
class Rate:
    """A share: `numerator` of `denominator`; `value` is None when there is nothing to count."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return None if not self.denominator else self.numerator / self.denominator

    @property
    def percent_text(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"


# Why an officer may not act on a date (the assignment refusal names the officer, the
# certificate and the reason; 行政处罚法 第四十二条: only officers with enforcement qualification).
OFFICER_NO_CERTIFICATE = _("%(officer)s没有执法证件")
OFFICER_ARCHIVED = _("%(officer)s已从执法人员名录中归档")
CERTIFICATE_EXPIRED = _("%(officer)s的执法证件（编号%(number)s）已于%(date)s到期失效")
CERTIFICATE_NOT_YET_VALID = _("%(officer)s的执法证件（编号%(number)s）自%(date)s起才生效")
CERTIFICATE_SUSPENDED = _("%(officer)s的执法证件（编号%(number)s）已被暂扣")
CERTIFICATE_REVOKED = _("%(officer)s的执法证件（编号%(number)s）已被注销")

# --- officers and certificates --------------------------------------------------------------

_NOT_ACTIVE = (CertificateStatus.SUSPENDED, CertificateStatus.REVOKED)


def valid_on_q(on: dt.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__lte": on, f"{prefix}valid_until__gte": on, f"{prefix}archived_on__isnull": True})
            & ~Q(**{f"{prefix}status__in": _NOT_ACTIVE}))


def officer_valid_certificate(officer: Officer, on: dt.date) -> EnforcementCertificate | None:
    """The certificate that lets `officer` act on `on`, or None."""
    return (EnforcementCertificate.objects.filter(valid_on_q(on), officer=officer, officer__archived_on__isnull=True)
            .order_by("-valid_until", "-pk").first())


def officer_certificate_problem(officer: Officer, on: dt.date) -> str | None:
    """Why `officer` may not act on `on` (the refusal message), or None when they may."""
    if officer_valid_certificate(officer, on) is not None:
        return None
    if officer.archived_on is not None:
        return str(OFFICER_ARCHIVED) % {"officer": officer.full_name}
    certificates = list(EnforcementCertificate.objects.active().filter(officer=officer))
    if not certificates:
        return str(OFFICER_NO_CERTIFICATE) % {"officer": officer.full_name}
    started = [c for c in certificates if c.valid_from <= on]
    if not started:
        upcoming = min(certificates, key=lambda c: c.valid_from)
        return str(CERTIFICATE_NOT_YET_VALID) % {
            "officer": officer.full_name, "number": upcoming.number, "date": cn_date(upcoming.valid_from)}
    # Among the certificates already issued by then, the one a person would look at: the latest.
    latest = max(started, key=lambda c: (c.valid_until, c.pk))
    values = {"officer": officer.full_name, "number": latest.number, "date": cn_date(latest.valid_until)}
    if latest.status == CertificateStatus.REVOKED:
        return str(CERTIFICATE_REVOKED) % values
    if latest.status == CertificateStatus.SUSPENDED and on <= latest.valid_until:
        return str(CERTIFICATE_SUSPENDED) % values
    return str(CERTIFICATE_EXPIRED) % values


def officers_eligible(*, on: dt.date, org_unit=None) -> QuerySet[Officer]:
    """Officers holding a valid certificate on `on` (the pool random inspections draw from)."""
    holding = EnforcementCertificate.objects.filter(valid_on_q(on), officer=OuterRef("pk"))
    rows = Officer.objects.active().filter(Exists(holding))
    if org_unit is not None:
        rows = rows.filter(org_unit=org_unit)
    return rows.select_related("org_unit")


def valid_certificates(*, on: dt.date, org_units=None) -> dict[int, EnforcementCertificate]:
    """Officer id -> the certificate that lets them act on `on` (latest expiry first), in one query."""
    rows = EnforcementCertificate.objects.filter(valid_on_q(on), officer__archived_on__isnull=True)
    if org_units is not None:
        rows = rows.filter(officer__org_unit__in=org_units)
    chosen: dict[int, EnforcementCertificate] = {}
    for certificate in rows.select_related("officer", "officer__org_unit").order_by("-valid_until", "-pk"):
        chosen.setdefault(certificate.officer_id, certificate)
    return chosen


def valid_certificate_numbers(*, on: dt.date, org_units) -> dict[int, tuple[str, int, str]]:
    """Officer id -> (certificate number, unit id, unit code) of `valid_certificates`, as plain values
    (a draw reads ten thousand of them; model instances would cost more than the query)."""
    rows = (EnforcementCertificate.objects.filter(valid_on_q(on), officer__archived_on__isnull=True,
                                                  officer__org_unit__in=org_units)
            .order_by("-valid_until", "-pk")
            .values_list("officer_id", "number", "officer__org_unit_id", "officer__org_unit__code"))
    chosen: dict[int, tuple[str, int, str]] = {}
    for officer_id, number, unit_id, unit_code in rows:
        chosen.setdefault(officer_id, (number, unit_id, unit_code))
    return chosen


def certificates_valid_on(*, numbers: list[str], on: dt.date) -> dict[str, int]:
    """Certificate number -> officer id, for those of `numbers` that let their holder act on `on`."""
    valid: dict[str, int] = {}
    for start in range(0, len(numbers), 900):
        rows = EnforcementCertificate.objects.filter(valid_on_q(on), officer__archived_on__isnull=True,
                                                     number__in=numbers[start:start + 900])
        valid.update(rows.values_list("number", "officer_id"))
    return valid


def _not_renewed() -> Exists:
    later = EnforcementCertificate.objects.active().filter(
        officer=OuterRef("officer"), valid_until__gt=OuterRef("valid_until")
    ).exclude(status=CertificateStatus.REVOKED)
    return ~Exists(later)


def _scoped_certificates(user) -> QuerySet[EnforcementCertificate]:
    rows = EnforcementCertificate.objects.all() if user is None else EnforcementCertificate.objects.visible_to(user)
    return rows.active().filter(officer__archived_on__isnull=True).select_related("officer", "officer__org_unit")


def certificates_expiring(*, within_days: int | None = None, today: dt.date | None = None,
                          user=None) -> QuerySet[EnforcementCertificate]:
    """Certificates in force that expire within the reminder lead time (default from settings)."""
    today = today or clock.today()
    if within_days is None:
        within_days = settings.FAZHI_CERTIFICATE_REMINDER_DAYS
    return (_scoped_certificates(user)
            .filter(_not_renewed(), valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=within_days))
            .exclude(status__in=_NOT_ACTIVE).order_by("valid_until", "pk"))


def certificates_expired(*, today: dt.date | None = None, user=None) -> QuerySet[EnforcementCertificate]:
    """Certificates past their valid_until whose holder has no later certificate."""
    today = today or clock.today()
    return (_scoped_certificates(user).filter(_not_renewed(), valid_until__lt=today)
            .exclude(status=CertificateStatus.REVOKED).order_by("valid_until", "pk"))


# --- training and exams ------------------------------------------------------------------------


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

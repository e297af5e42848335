"""Reads of administrative enforcement: certificates in force, the three systems' checks, statistics.

Other apps (random inspections, the annual report, the portal) read enforcement only through
these functions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from fazhi.enforcement.models import EnforcementCase, EnforcementCertificate, Officer


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


@dataclass(frozen=True)
class RecordCheck:
    """The outcome of recomputing one stored record file's digest."""

    record_id: int
    name: str
    status: str  # "ok", "tampered" or "missing"
    expected_sha256: str
    actual_sha256: str = ""


@dataclass(frozen=True)
class RecordsVerification:
    checks: list[RecordCheck]

    @property
    def ok(self) -> bool:
        return all(check.status == "ok" for check in self.checks)

    @property
    def tampered(self) -> list[RecordCheck]:
        return [check for check in self.checks if check.status == "tampered"]

    @property
    def missing(self) -> list[RecordCheck]:
        return [check for check in self.checks if check.status == "missing"]


@dataclass(frozen=True)
class PublicationStatus:
    """Where a case's decision stands with 执法决定公示."""

    status: str  # "not_decided", "pending", "on_time", "late", "overdue"
    label: str
    due_on: dt.date | None = None
    published_on: dt.date | None = None


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


@dataclass(frozen=True)
class PublicOfficer:
    """What the portal shows of an officer: no ID number, no phone."""

    full_name: str
    org_unit: str
    certificate_number: str
    field: str
    area: str
    valid_until: dt.date


# --- officers and certificates --------------------------------------------------------------


def officer_valid_certificate(officer: Officer, on: dt.date) -> EnforcementCertificate | None:
    """The certificate that lets `officer` act on `on`, or None."""
    raise NotImplementedError


def officer_certificate_problem(officer: Officer, on: dt.date) -> str | None:
    """Why `officer` may not act on `on` (the refusal message), or None when they may."""
    raise NotImplementedError


def officers_eligible(*, on: dt.date, org_unit=None) -> QuerySet[Officer]:
    """Officers holding a valid certificate on `on` (the pool random inspections draw from)."""
    raise NotImplementedError


def certificates_expiring(*, within_days: int | None = None, today: dt.date | None = None,
                          user=None) -> QuerySet[EnforcementCertificate]:
    """Certificates in force that expire within the reminder lead time (default from settings)."""
    raise NotImplementedError


def certificates_expired(*, today: dt.date | None = None, user=None) -> QuerySet[EnforcementCertificate]:
    """Certificates past their valid_until whose holder has no later certificate."""
    raise NotImplementedError


# --- cases and the three systems ------------------------------------------------------------


def case_major_reasons(case: EnforcementCase, *, decision_kind: str | None = None,
                       fine_amount=None) -> list[str]:
    """Why the case's decision is major under the enabled MajorCriterion rows (empty: not major)."""
    raise NotImplementedError


def case_is_major(case: EnforcementCase, *, decision_kind: str | None = None, fine_amount=None) -> bool:
    """Whether the case's (intended) decision is major and needs 法制审核."""
    raise NotImplementedError


def case_approved_review(case: EnforcementCase):
    """The latest review of the case if it approved the decision, else None."""
    raise NotImplementedError


def case_completeness(case: EnforcementCase) -> list:
    """What the case's full-process record still lacks, per its kind (empty: complete)."""
    raise NotImplementedError


def case_records_verify(case: EnforcementCase) -> RecordsVerification:
    """Recompute every stored record file's SHA-256 and report tampered or missing files."""
    raise NotImplementedError


def case_publication_status(case: EnforcementCase, *, today: dt.date | None = None) -> PublicationStatus:
    """Whether the case's decision was published on time, late, or is overdue."""
    raise NotImplementedError


def publications_overdue(*, today: dt.date | None = None, org_unit=None) -> QuerySet[EnforcementCase]:
    """Decided cases whose publication deadline passed with no publication."""
    raise NotImplementedError


def publication_on_time_rate(*, start: dt.date, end: dt.date, org_unit=None,
                             today: dt.date | None = None) -> Rate:
    """Share of decisions made in [start, end] published within the statutory time."""
    raise NotImplementedError


# --- training, special inspections ----------------------------------------------------------


def training_statistics(year: int) -> TrainingStatistics:
    """Sessions, attendances, exams, pass rate, officers whose certificates lapsed and were renewed."""
    raise NotImplementedError


def unit_indicators(org_unit, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> UnitIndicators:
    """A unit's three-systems indicators computed from its records over [start, end]."""
    raise NotImplementedError


# --- public disclosure (portal, no login) ---------------------------------------------------


def portal_officers(*, on: dt.date | None = None) -> list[PublicOfficer]:
    """Officers with a certificate in force on `on`, as the portal may show them."""
    raise NotImplementedError


def portal_publications(*, year: int | None = None) -> QuerySet:
    """Published (redacted) decisions, newest first."""
    raise NotImplementedError

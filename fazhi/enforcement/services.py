"""Writes of administrative enforcement: every one checks who may do it and why it is allowed.

Each function is keyword-only, takes the acting `user` (None: the system, e.g. the demo loader)
and raises FazhiError with a message from this module when it refuses; a refusal leaves the
data as it was.
"""

import datetime as dt
from decimal import Decimal

from django.core.files import File

from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    CertificateApplication,
    DecisionPublication,
    EnforcementBody,
    EnforcementCase,
    EnforcementCertificate,
    EnforcementMatter,
    Exam,
    ExamResult,
    MajorCriterion,
    MajorDecisionReview,
    Officer,
    ProcessRecord,
    Rectification,
    SpecialInspection,
    Training,
    TrainingAttendance,
    UnitInspection,
)

# --- bodies and matters -------------------------------------------------------------------


def body_create(*, user, org_unit, name: str, legal_basis: str, kind: str = "statutory",
                fields: str = "") -> EnforcementBody:
    """Register an enforcement body (执法主体) of an org unit."""
    raise NotImplementedError


def matter_create(*, user, body: EnforcementBody, code: str, name: str, kind: str,
                  legal_basis: str) -> EnforcementMatter:
    """Add a matter to a body's 执法事项清单."""
    raise NotImplementedError


# --- officers and certificates --------------------------------------------------------------


def officer_create(*, user, org_unit, full_name: str, id_number: str, phone: str = "", position: str = "",
                   account=None) -> Officer:
    """Register an enforcement officer."""
    raise NotImplementedError


def certificate_issue(*, user, officer: Officer, number: str, issuer: str, area: str, field: str,
                      valid_from: dt.date, valid_until: dt.date) -> EnforcementCertificate:
    """Issue a certificate and start its expiry reminder (enforcement_certificate_expiry)."""
    raise NotImplementedError


def certificate_suspend(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Suspend (暂扣) a certificate: its holder may not act until it is reinstated."""
    raise NotImplementedError


def certificate_reinstate(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Return a suspended certificate to its holder."""
    raise NotImplementedError


def certificate_revoke(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Revoke (注销) a certificate for good; its expiry reminder is closed."""
    raise NotImplementedError


# --- training, exams, certificate applications ----------------------------------------------


def training_record(*, user, organiser, topic: str, held_on: dt.date, hours: Decimal | int | str,
                    trainer: str) -> Training:
    """Record a training session."""
    raise NotImplementedError


def attendance_add(*, user, training: Training, officer: Officer) -> TrainingAttendance:
    """Record that an officer attended a training session."""
    raise NotImplementedError


def exam_record(*, user, organiser, held_on: dt.date, kind: str, pass_mark: Decimal | int | str = 60,
                training: Training | None = None) -> Exam:
    """Record an exam sitting (new-officer or renewal)."""
    raise NotImplementedError


def exam_result_record(*, user, exam: Exam, officer: Officer, score: Decimal | int | str) -> ExamResult:
    """Record one officer's score in an exam."""
    raise NotImplementedError


def certificate_application_submit(*, user, exam_result: ExamResult, applied_on: dt.date) -> CertificateApplication:
    """Apply for a certificate after passing an exam; the kind follows the exam's kind."""
    raise NotImplementedError


def certificate_application_approve(*, user, application: CertificateApplication, number: str, issuer: str,
                                    area: str, field: str, valid_from: dt.date,
                                    valid_until: dt.date) -> CertificateApplication:
    """Approve an application: issues the certificate and links it."""
    raise NotImplementedError


def certificate_application_reject(*, user, application: CertificateApplication, reason: str) -> CertificateApplication:
    """Refuse an application, with the reason kept in its history."""
    raise NotImplementedError


# --- major decisions catalogue ---------------------------------------------------------------


def major_criterion_set(*, user, kind: str, legal_source: str, fine_threshold: Decimal | None = None,
                        enabled: bool = True) -> MajorCriterion:
    """Create or change the zone's rule for one kind of major enforcement decision."""
    raise NotImplementedError


# --- cases and the three systems ------------------------------------------------------------


def case_open(*, user, body: EnforcementBody, kind: str, summary: str, opened_on: dt.date, number: str = "",
              matter: EnforcementMatter | None = None, party_entity=None, party_name: str = "",
              party_id_number: str = "") -> EnforcementCase:
    """Open (立案) a case; records its filing step. Number generated when not given."""
    raise NotImplementedError


def case_assign_officer(*, user, case: EnforcementCase, officer: Officer, on: dt.date) -> CaseOfficer:
    """Assign an officer to a case; refused unless they hold a valid certificate on that date."""
    raise NotImplementedError


def case_add_step(*, user, case: EnforcementCase, kind: str, happened_on: dt.date, note: str = "") -> CaseStep:
    """Record a step of a case (a hearing step also marks the case as heard)."""
    raise NotImplementedError


def process_record_attach(*, user, step: CaseStep, kind: str, file: File,
                          original_name: str = "") -> ProcessRecord:
    """Store a full-process record file of a step with its SHA-256 digest and size."""
    raise NotImplementedError


def major_review_record(*, user, case: EnforcementCase, reviewed_on: dt.date, approved: bool,
                        opinion: str) -> MajorDecisionReview:
    """Record the legal-affairs office's review opinion on a (major) decision."""
    raise NotImplementedError


def case_decide(*, user, case: EnforcementCase, decision_kind: str, decided_on: dt.date, text: str,
                fine_amount: Decimal | int | str | None = None) -> EnforcementCase:
    """Issue the decision; refused with fewer than 2 officers or a major decision not approved in review."""
    raise NotImplementedError


def case_close(*, user, case: EnforcementCase, closed_on: dt.date) -> EnforcementCase:
    """Close (结案) a decided case; records the closure step."""
    raise NotImplementedError


def decision_publish(*, user, case: EnforcementCase, published_on: dt.date,
                     title: str = "") -> DecisionPublication:
    """Publish the decision with personal data redacted; completes its publication deadline."""
    raise NotImplementedError


# --- special inspections --------------------------------------------------------------------


def special_inspection_create(*, user, name: str, year: int, checklist: str, starts_on: dt.date,
                              ends_on: dt.date, org_units=()) -> SpecialInspection:
    """Create a 三项制度 campaign and, optionally, the units it covers."""
    raise NotImplementedError


def special_inspection_status_set(*, user, inspection: SpecialInspection, status: str) -> SpecialInspection:
    """Move a campaign to its next stage (planned → self-check → on-site → rectifying → closed)."""
    raise NotImplementedError


def unit_inspection_add(*, user, inspection: SpecialInspection, org_unit) -> UnitInspection:
    """Add a unit to a campaign."""
    raise NotImplementedError


def unit_self_check_record(*, user, unit_inspection: UnitInspection, checked_on: dt.date,
                           report: str) -> UnitInspection:
    """Record a unit's self-check (自查)."""
    raise NotImplementedError


def unit_on_site_check_record(*, user, unit_inspection: UnitInspection, checked_on: dt.date,
                              findings: str) -> UnitInspection:
    """Record the on-site check (实地督查) of a unit and its findings."""
    raise NotImplementedError


def rectification_add(*, user, unit_inspection: UnitInspection, problem: str, due_on: dt.date,
                      measure: str = "") -> Rectification:
    """Add a finding to rectify by a due date (tracked under enforcement_rectification)."""
    raise NotImplementedError


def rectification_complete(*, user, rectification: Rectification, completed_on: dt.date,
                           measure: str = "") -> Rectification:
    """Mark a rectification done; completes its deadline."""
    raise NotImplementedError

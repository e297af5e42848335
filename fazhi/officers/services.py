"""Writes of officers, their certificates and certificate applications, trainings and exams.

Each function is keyword-only, takes the acting `user` (None: the system, e.g. the demo loader)
and raises FazhiError with a message from this module when it refuses; each runs in one
transaction, so a refusal leaves the data as it was. Field-level mistakes (a bad ID number, a
duplicate certificate number) come from the models' validation as ValidationError.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import PermissionDeniedError, cn_date, refuse
from fazhi.core.services import record_create, record_update
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.officers import lifecycle, permissions
from fazhi.officers.constants import ApplicationStatus, CertificateStatus
from fazhi.officers.deadline_rules import CERTIFICATE_EXPIRY
from fazhi.officers.models import (
    CertificateApplication,
    EnforcementCertificate,
    Exam,
    ExamResult,
    Officer,
    Training,
    TrainingAttendance,
)

# --- messages (what the user reads; tests assert on them) -----------------------------------

REASON_REQUIRED = _("请填写原因。")
CERTIFICATE_ISSUER_ONLY = _("执法证件由司法行政部门核发和管理，只有法制机构工作人员可以办理证件的核发、暂扣、恢复和"
                            "注销。")
CERTIFICATE_ALREADY_SUSPENDED = _("执法证件%(number)s已处于暂扣状态。")
CERTIFICATE_NOT_SUSPENDED = _("执法证件%(number)s未被暂扣，无需恢复。")
CERTIFICATE_ALREADY_REVOKED = _("执法证件%(number)s已注销，不能再暂扣、恢复或注销。")

ATTENDANCE_DUPLICATE = _("%(officer)s已登记参加该培训。")
EXAM_RESULT_DUPLICATE = _("%(officer)s在该场考试中已有成绩。")
EXAM_SCORE_INVALID = _("成绩应为0到100之间的数。")
APPLICATION_EXAM_FAILED = _("%(officer)s的考试成绩%(score)s分未达到合格分数%(pass_mark)s分，不能申领执法证件。")
APPLICATION_BEFORE_EXAM = _("申请日期不能早于考试日期（%(date)s）。")
APPLICATION_DUPLICATE = _("该考试成绩已用于申领执法证件（%(status)s），不能重复申请。")
APPLICATION_NOT_PENDING = _("该申请已处理（%(status)s），不能再次处理。")
APPLICATION_REJECTED_REASON = "不予核发：{reason}"  # the reason kept in the application's history


def _require_permission(may, user, record) -> None:
    """Refuse (PermissionDeniedError) unless `may(user, record)`, a permissions.may_<action>; None is the system."""
    if user is not None and not may(user, record):
        raise PermissionDeniedError()


def _to_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# --- officers and certificates --------------------------------------------------------------


@transaction.atomic
def officer_create(*, user, org_unit, full_name: str, id_number: str, phone: str = "", position: str = "",
                   account=None) -> Officer:
    """Register an enforcement officer."""
    return record_create(model=Officer, user=user, org_unit=org_unit, full_name=full_name.strip(),
                         id_number=id_number.strip().upper(), phone=phone.strip(), position=position,
                         # Officer.user (the login) would clash with record_create's acting `user`.
                         user_id=account.pk if account is not None else None)


def _require_issuer(user, certificate: EnforcementCertificate | None = None) -> None:
    """Certificates are the judicial administration's: issuing, or changing the status of `certificate`."""
    if certificate is None:
        allowed = permissions.may_issue_certificate(user)
    else:
        allowed = permissions.may_suspend_certificate(user, certificate)
    if not allowed:
        raise refuse(CERTIFICATE_ISSUER_ONLY)


@transaction.atomic
def certificate_issue(*, user, officer: Officer, number: str, issuer: str, area: str, field: str,
                      valid_from: dt.date, valid_until: dt.date) -> EnforcementCertificate:
    """Issue a certificate and start its expiry reminder (enforcement_certificate_expiry).

    Issuing closes the expiry reminders of the holder's earlier certificates: the renewal is
    done (late, when the new one starts after the old one ran out — a lapse).
    """
    _require_issuer(user)
    certificate = record_create(
        model=EnforcementCertificate, user=user, officer=officer, number=number.strip(), issuer=issuer,
        area=area, field=field, valid_from=valid_from, valid_until=valid_until, status=CertificateStatus.VALID,
    )
    for earlier in EnforcementCertificate.objects.filter(officer=officer, valid_until__lt=valid_until).exclude(
            pk=certificate.pk):
        deadlines_complete_for(record=earlier, rule_code=CERTIFICATE_EXPIRY.code, completed_on=valid_from)
    deadline = deadline_start(
        rule_code=CERTIFICATE_EXPIRY.code, record=certificate, org_unit=officer.org_unit, starts_on=valid_until,
        title=f"{officer.full_name}的执法证件{certificate.number}有效期届满，请及时申请换证",
    )
    # The lead time is a setting read when the certificate is issued (the rule holds the default).
    remind_on = valid_until - dt.timedelta(days=settings.FAZHI_CERTIFICATE_REMINDER_DAYS)
    if deadline.remind_on != remind_on:
        record_update(record=deadline, user=None, expected_version=deadline.version, remind_on=remind_on)
    return certificate


def _certificate_status_change(*, user, certificate: EnforcementCertificate, reason: str,
                               action: str) -> EnforcementCertificate:
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _require_issuer(user, certificate)
    if certificate.status == CertificateStatus.REVOKED:
        raise refuse(CERTIFICATE_ALREADY_REVOKED, number=certificate.number)
    # The table says where the action leads (and, as a last check, that it may be taken from here).
    status = lifecycle.CERTIFICATE.transition(certificate.status, action, lifecycle.KEEPER)
    label = CertificateStatus(status).label
    return record_update(record=certificate, user=user, expected_version=certificate.version,
                         reason=f"{label}：{reason.strip()}"[:100], status=status)


@transaction.atomic
def certificate_suspend(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Suspend (暂扣) a certificate: its holder may not act until it is reinstated."""
    if certificate.status == CertificateStatus.SUSPENDED:
        raise refuse(CERTIFICATE_ALREADY_SUSPENDED, number=certificate.number)
    return _certificate_status_change(user=user, certificate=certificate, reason=reason,
                                      action="suspend")


@transaction.atomic
def certificate_reinstate(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Return a suspended certificate to its holder."""
    if certificate.status == CertificateStatus.REVOKED:
        raise refuse(CERTIFICATE_ALREADY_REVOKED, number=certificate.number)
    if certificate.status != CertificateStatus.SUSPENDED:
        raise refuse(CERTIFICATE_NOT_SUSPENDED, number=certificate.number)
    return _certificate_status_change(user=user, certificate=certificate, reason=reason,
                                      action="reinstate")


@transaction.atomic
def certificate_revoke(*, user, certificate: EnforcementCertificate, reason: str,
                       revoked_on: dt.date | None = None) -> EnforcementCertificate:
    """Revoke (注销) a certificate for good; its expiry reminder is closed."""

    certificate = _certificate_status_change(user=user, certificate=certificate, reason=reason,
                                             action="revoke")
    deadlines_complete_for(record=certificate, rule_code=CERTIFICATE_EXPIRY.code,
                           completed_on=revoked_on or clock.today())
    return certificate


@transaction.atomic
def certificate_application_submit(*, user, exam_result: ExamResult, applied_on: dt.date) -> CertificateApplication:
    """Apply for a certificate after passing an exam; the kind follows the exam's kind."""
    exam = exam_result.exam
    if not exam_result.passed:
        raise refuse(APPLICATION_EXAM_FAILED, officer=exam_result.officer.full_name,
                      score=f"{exam_result.score:g}", pass_mark=f"{exam.pass_mark:g}")
    if applied_on < exam.held_on:
        raise refuse(APPLICATION_BEFORE_EXAM, date=cn_date(exam.held_on))
    existing = (CertificateApplication.objects.active().filter(exam_result=exam_result)
                .exclude(status=ApplicationStatus.REJECTED).first())
    if existing is not None:
        raise refuse(APPLICATION_DUPLICATE, status=existing.get_status_display())
    return record_create(model=CertificateApplication, user=user, officer=exam_result.officer, kind=exam.kind,
                         exam_result=exam_result, applied_on=applied_on, status=ApplicationStatus.APPLIED)


def _require_pending(application: CertificateApplication) -> None:
    if application.status != ApplicationStatus.APPLIED:
        raise refuse(APPLICATION_NOT_PENDING, status=application.get_status_display())


@transaction.atomic
def certificate_application_approve(*, user, application: CertificateApplication, number: str, issuer: str,
                                    area: str, field: str, valid_from: dt.date,
                                    valid_until: dt.date) -> CertificateApplication:
    """Approve an application: issues the certificate and links it."""
    _require_permission(permissions.may_approve_application, user, application)
    _require_pending(application)
    certificate = certificate_issue(user=user, officer=application.officer, number=number, issuer=issuer,
                                    area=area, field=field, valid_from=valid_from, valid_until=valid_until)
    return record_update(record=application, user=user, expected_version=application.version,
                         status=lifecycle.APPLICATION.transition(application.status, "approve", lifecycle.KEEPER),
                         certificate=certificate)


@transaction.atomic
def certificate_application_reject(*, user, application: CertificateApplication, reason: str) -> CertificateApplication:
    """Refuse an application, with the reason kept in its history."""
    _require_permission(permissions.may_reject_application, user, application)
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _require_pending(application)
    _require_issuer(user)
    return record_update(record=application, user=user, expected_version=application.version,
                         reason=APPLICATION_REJECTED_REASON.format(reason=reason.strip())[:100],
                         status=lifecycle.APPLICATION.transition(application.status, "reject", lifecycle.KEEPER))


# --- trainings and exams ------------------------------------------------------------------------


@transaction.atomic
def training_record(*, user, organiser, topic: str, held_on: dt.date, hours: Decimal | int | str,
                    trainer: str) -> Training:
    """Record a training session."""
    return record_create(model=Training, user=user, organiser=organiser, topic=topic.strip(), held_on=held_on,
                         hours=_to_decimal(hours), trainer=trainer.strip())


@transaction.atomic
def attendance_add(*, user, training: Training, officer: Officer) -> TrainingAttendance:
    """Record that an officer attended a training session."""
    _require_permission(permissions.may_add_attendance, user, training)
    if TrainingAttendance.objects.filter(training=training, officer=officer).exists():
        raise refuse(ATTENDANCE_DUPLICATE, officer=officer.full_name)
    return record_create(model=TrainingAttendance, user=user, training=training, officer=officer)


@transaction.atomic
def exam_record(*, user, organiser, held_on: dt.date, kind: str, pass_mark: Decimal | int | str = 60,
                training: Training | None = None) -> Exam:
    """Record an exam sitting (new-officer or renewal)."""
    mark = _to_decimal(pass_mark)
    if mark is None or not Decimal(0) <= mark <= Decimal(100):
        raise refuse(EXAM_SCORE_INVALID)
    return record_create(model=Exam, user=user, organiser=organiser, held_on=held_on, kind=kind, pass_mark=mark,
                         training=training)


@transaction.atomic
def exam_result_record(*, user, exam: Exam, officer: Officer, score: Decimal | int | str) -> ExamResult:
    """Record one officer's score in an exam."""
    _require_permission(permissions.may_record_result, user, exam)
    value = _to_decimal(score)
    if value is None or not Decimal(0) <= value <= Decimal(100):
        raise refuse(EXAM_SCORE_INVALID)
    if ExamResult.objects.filter(exam=exam, officer=officer).exists():
        raise refuse(EXAM_RESULT_DUPLICATE, officer=officer.full_name)
    return record_create(model=ExamResult, user=user, exam=exam, officer=officer, score=value)

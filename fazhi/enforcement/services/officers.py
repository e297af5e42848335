"""Writes of officers, their certificates and certificate applications.

Kept apart from the rest of enforcement so that they can move to an app of their own as a file move.
"""

import datetime as dt

from django.db import transaction

from fazhi.core import clock
from fazhi.core.exceptions import cn_date, refuse
from fazhi.core.services import record_create, record_update
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.enforcement import lifecycle, permissions
from fazhi.enforcement.constants import ApplicationStatus, CertificateStatus
from fazhi.enforcement.deadline_rules import CERTIFICATE_EXPIRY
from fazhi.enforcement.models import CertificateApplication, EnforcementCertificate, ExamResult, Officer
from fazhi.enforcement.services.common import require_permission
from fazhi.enforcement.services.messages import (
    APPLICATION_BEFORE_EXAM,
    APPLICATION_DUPLICATE,
    APPLICATION_EXAM_FAILED,
    APPLICATION_NOT_PENDING,
    CERTIFICATE_ALREADY_REVOKED,
    CERTIFICATE_ALREADY_SUSPENDED,
    CERTIFICATE_ISSUER_ONLY,
    CERTIFICATE_NOT_SUSPENDED,
    REASON_REQUIRED,
)

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
    from django.conf import settings

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
    require_permission(permissions.may_approve_application, user, application)
    _require_pending(application)
    certificate = certificate_issue(user=user, officer=application.officer, number=number, issuer=issuer,
                                    area=area, field=field, valid_from=valid_from, valid_until=valid_until)
    return record_update(record=application, user=user, expected_version=application.version,
                         status=lifecycle.APPLICATION.transition(application.status, "approve", lifecycle.KEEPER),
                         certificate=certificate)


@transaction.atomic
def certificate_application_reject(*, user, application: CertificateApplication, reason: str) -> CertificateApplication:
    """Refuse an application, with the reason kept in its history."""
    require_permission(permissions.may_reject_application, user, application)
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _require_pending(application)
    _require_issuer(user)
    return record_update(record=application, user=user, expected_version=application.version,
                         reason=f"不予核发：{reason.strip()}"[:100],
                         status=lifecycle.APPLICATION.transition(application.status, "reject", lifecycle.KEEPER))



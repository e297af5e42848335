"""Writes of administrative enforcement: every one checks who may do it and why it is allowed.

Each function is keyword-only, takes the acting `user` (None: the system, e.g. the demo loader)
and raises FazhiError with a message from this module when it refuses; each runs in one
transaction, so a refusal leaves the data as it was. Field-level mistakes (a bad ID number, a
duplicate certificate number) come from the models' validation as ValidationError.
"""

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date, refuse
from fazhi.core.files import check_record_file
from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.core.services import may_change, record_create, record_update
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.deadlines.services import deadline_start, deadlines_cancel_for, deadlines_complete_for
from fazhi.enforcement.constants import (
    MIN_OFFICERS_PER_CASE,
    ApplicationStatus,
    CertificateStatus,
    DecisionKind,
    InspectionStatus,
    LegalReviewer,
    MajorCriterionKind,
    MatterKind,
    OverturnKind,
    RecordKind,
    StepKind,
)
from fazhi.enforcement.deadline_rules import (
    CERTIFICATE_EXPIRY,
    PUBLICATION_OTHER,
    PUBLICATION_PERMIT_PENALTY,
    PUBLICATION_WITHDRAWAL,
    RECTIFICATION,
)
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    CertificateApplication,
    DecisionOverturn,
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
from fazhi.enforcement.permissions import review_refusal, reviewer_qualification
from fazhi.enforcement.redaction import contains_personal_data, pseudonym, redact
from fazhi.enforcement.selectors import (
    case_approved_review,
    case_major_reasons,
    file_sha256,
    officer_certificate_problem,
    officer_valid_certificate,
    publication_within_7_days,
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

CRITERION_THRESHOLD_REQUIRED = _("“%(kind)s”须填写大于0的罚款金额下限。")
CRITERION_THRESHOLD_NOT_FINE = _("只有罚款情形才填写罚款金额下限。")

CASE_MATTER_OTHER_BODY = _("执法事项“%(matter)s”不属于执法主体“%(body)s”。")
CASE_KIND_MATTER = _("案件类别应与执法事项的类别“%(kind)s”一致。")
CASE_KIND_REQUIRED = _("请选择案件类别或执法事项。")
CASE_CLOSED = _("案件%(case)s已于%(date)s结案，不能再修改。")
CASE_PARTY_LOCKED = _("案件%(case)s已于%(date)s作出决定，决定书载明的当事人不能再更改；如当事人确有错误，应依法撤销或"
                      "变更原决定后重新作出。")
DATE_BEFORE_OPENED = _("日期不能早于立案日期（%(date)s）。")
DATE_IN_FUTURE = _("%(what)s（%(date)s）晚于今天（%(today)s）：只能记录已经发生的办案活动，不能预填日期。")
BACK_ENTRY_LEGAL_OFFICE_ONLY = _("补录历史案卷只能由法制机构工作人员办理。")
ASSIGN_REFUSED = _("不能指派%(officer)s承办案件%(case)s：%(reason)s。执法人员须在%(date)s持有有效的执法证件"
                   "（行政处罚法 第四十二条）。")
# An act dated more than this many days back is entered late: its officers must also hold a valid
# certificate on the day it is entered, so a lapsed officer cannot be put on a case by back-dating.
# Thirty days lets a unit enter the recent paper files of work done in the field; older historical
# files are entered as 补录 (back_entry) by the legal-affairs office, which the history records.
LATE_ENTRY_DAYS = 30
ASSIGN_LATE_ENTRY = _("不能指派%(officer)s承办案件%(case)s：指派日期%(date)s距今已超过%(days)d天，执法人员还须在"
                      "录入之日（%(today)s）持有有效的执法证件，而%(reason)s（行政处罚法 第四十二条）。补录历史纸质案卷"
                      "请由法制机构办理。")
LATE_ENTRY_PROBLEM = _("%(problem)s（决定日期距今已超过%(days)d天，执法人员还须在录入之日%(today)s持有有效执法证件）")
ACTING_OFFICER_UNCERTIFIED = _("您作为执法人员今天（%(today)s）不持有有效的执法证件，不能办理执法活动：%(reason)s"
                               "（行政处罚法 第四十二条）。")
ASSIGN_DUPLICATE = _("%(officer)s已是案件%(case)s的承办人员。")
STEP_RESERVED = _("“%(step)s”环节由“%(action)s”功能记录，请使用该功能。")
RECORD_EMPTY = _("上传的文件为空，请重新选择。")
REVIEW_AFTER_DECISION = _("案件%(case)s已于%(date)s作出决定；法制审核须在作出决定之前进行。")
REVIEW_OPINION_REQUIRED = _("请填写审核意见。")
DECISION_ALREADY = _("案件%(case)s已于%(date)s作出决定，不能重复作出。")
DECISION_TEXT_REQUIRED = _("请填写决定内容。")
DECISION_FINE_REQUIRED = _("罚款决定须填写大于0的罚款金额。")
DECISION_FINE_NOT_FINE = _("只有罚款决定才填写罚款金额。")
DECISION_TOO_FEW_OFFICERS = _("不能作出决定：案件%(case)s须由至少%(min)d名在决定日持有有效执法证件的执法人员承办"
                              "（行政处罚法 第四十二条），目前只有%(n)d名。%(detail)s")
DECISION_MAJOR_NOT_REVIEWED = _("不能作出决定：该决定属于重大执法决定（%(reasons)s），须经法制机构审核通过后才能作出"
                                "（国办发〔2018〕118号 四；行政处罚法 第五十八条）。目前%(state)s。")
# 国办发〔2018〕118号 四 (and 行政处罚法 第五十八条): the review is of the decision to be made, so the
# decision issued must be the one approved.
DECISION_KIND_NOT_REVIEWED = _("不能作出决定：法制审核（%(date)s）通过的是“%(approved)s”决定，本次拟作出的是“%(kind)s”"
                               "决定；作出的决定须与审核通过的一致，请重新报送法制审核（国办发〔2018〕118号 四）。")
DECISION_FINE_OVER_REVIEWED = _("不能作出决定：法制审核（%(date)s）通过的罚款金额为%(approved)s元，本次拟罚款"
                                "%(fine)s元，超出审核通过的金额；请重新报送法制审核（国办发〔2018〕118号 四）。")
DECISION_REVIEW_WITHOUT_PROPOSAL = _("不能作出决定：法制审核（%(date)s）未载明审核的决定类型和罚款金额，无法确认"
                                     "本次决定已经审核，请重新报送法制审核（国办发〔2018〕118号 四）。")
DECISION_REVIEW_NONE = _("尚无法制审核意见")
DECISION_REVIEW_REJECTED = _("最近一次法制审核（%(date)s）意见为不通过，请按审核意见修改后重新报审")
DECLARE_MAJOR_ROLES_ONLY = _("认定或取消“其他重大执法决定”只能由执法单位工作人员或法制机构工作人员办理。")
DECLARE_MAJOR_AFTER_DECISION = _("案件%(case)s已于%(date)s作出决定，不能再认定或取消重大执法决定。")
DECLARE_MAJOR_UNCHANGED = _("案件%(case)s已经是“%(state)s”，无需重复办理。")
CLOSE_NOT_DECIDED = _("案件%(case)s尚未作出决定，不能结案。")
CLOSE_BEFORE_DECISION = _("结案日期不能早于决定日期（%(date)s）。")
PUBLISH_NOT_DECIDED = _("案件%(case)s尚未作出决定，没有可公示的决定。")
PUBLISH_ALREADY = _("案件%(case)s的决定已于%(date)s公示。")
PUBLISH_BEFORE_DECISION = _("公示日期不能早于决定日期（%(date)s）。")
# 国办发〔2018〕118号 二(六): the time limit runs to the day the decision is actually made public.
PUBLISH_NOT_TODAY = _("公示日期是决定实际公开之日，由系统记为今天（%(today)s），不能填写%(date)s。")
PUBLISH_PERSONAL_DATA_LEFT = _("公示内容仍含有个人信息（%(items)s），请修改决定内容后再公示。")
PUBLISH_OVERTURNED = _("案件%(case)s的决定已于%(date)s被依法%(kind)s，不再公示原决定。")
OVERTURN_NOT_DECIDED = _("案件%(case)s尚未作出决定，没有可变更或撤销的决定。")
OVERTURN_BEFORE_DECISION = _("变更或撤销日期不能早于决定日期（%(date)s）。")
OVERTURN_DOCUMENT_REQUIRED = _("请填写变更或撤销决定的依据文书（如行政复议决定书、判决书的名称和文号）。")
WITHDRAW_NOT_PUBLISHED = _("案件%(case)s的决定尚未公示，无需撤回。")
WITHDRAW_ALREADY = _("案件%(case)s的决定公示已于%(date)s撤回。")
WITHDRAW_NOT_OVERTURNED = _("撤回公示须先记录决定被依法变更、撤销、确认违法或者确认无效的情况"
                            "（行政处罚法 第四十八条第二款）。")
WITHDRAW_REASON_REQUIRED = _("请填写向社会公开说明的撤回理由（行政处罚法 第四十八条第二款）。")

INSPECTION_DATES = _("结束日期不能早于开始日期。")
INSPECTION_CLOSED = _("专项检查“%(name)s”已完成，不能再修改。")
INSPECTION_STATUS_ORDER = _("专项检查须按“计划中→自查阶段→实地督查→整改中→已完成”的顺序推进；当前为“%(current)s”，"
                            "不能改为“%(wanted)s”。")
INSPECTION_INSPECTOR_ONLY = _("实地督查情况只能由法制机构工作人员录入。")
UNIT_INSPECTION_DUPLICATE = _("%(unit)s已在本次专项检查中。")
RECTIFICATION_DONE = _("该整改事项已于%(date)s完成。")
RECTIFICATION_BEFORE_FINDING = _("整改期限不能早于专项检查开始日期（%(date)s）。")
def _append(model: type[BaseModel], *, user, scope: EnforcementCase, reason: str = "", **fields) -> BaseModel:
    """Create an append-only part of a case (an assignment, a record file) where the user may work on the case.

    core.record_create also requires that the user may *change* the new row, which the officer
    role may not do with these on purpose (they add records, they do not edit them); so the
    scope checked here is the case's, with the same validation and history.
    """
    if user is not None:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.add_{opts.model_name}") or not may_change(scope, user):
            raise PermissionDeniedError()
    record = model(**fields)
    record.created_by = record.modified_by = user
    record.full_clean()
    if reason:
        record._change_reason = reason
    record.save()
    return record


def _require_not_future(day: dt.date, what: str) -> None:
    """An act is recorded after it happened: a date after today would be a pre-dated record."""
    today = clock.today()
    if day > today:
        raise refuse(DATE_IN_FUTURE, what=what, date=cn_date(day), today=cn_date(today))


def _require_back_entry_allowed(user) -> None:
    """Entering historical paper files (补录) is the legal-affairs office's (or the system's) to do."""
    if user is not None and getattr(user, "role", None) != Role.LEGAL_OFFICE:
        raise refuse(BACK_ENTRY_LEGAL_OFFICE_ONLY)


BACK_ENTRY_REASON = "补录：依纸质案卷录入"


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# --- bodies and matters -------------------------------------------------------------------


@transaction.atomic
def body_create(*, user, org_unit, name: str, legal_basis: str, kind: str = "statutory",
                fields: str = "", legal_reviewer: str = LegalReviewer.LEGAL_OFFICE) -> EnforcementBody:
    """Register an enforcement body (执法主体) of an org unit."""
    return record_create(model=EnforcementBody, user=user, org_unit=org_unit, name=name.strip(),
                         legal_basis=legal_basis, kind=kind, fields=fields, legal_reviewer=legal_reviewer)


@transaction.atomic
def matter_create(*, user, body: EnforcementBody, code: str, name: str, kind: str,
                  legal_basis: str) -> EnforcementMatter:
    """Add a matter to a body's 执法事项清单."""
    return record_create(model=EnforcementMatter, user=user, body=body, code=code.strip(), name=name.strip(),
                         kind=kind, legal_basis=legal_basis)


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
    if user is None:
        return
    if certificate is None:
        allowed = user.has_perm("enforcement.add_enforcementcertificate")
    else:
        allowed = may_change(certificate, user)
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
                               status: str) -> EnforcementCertificate:
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _require_issuer(user, certificate)
    if certificate.status == CertificateStatus.REVOKED:
        raise refuse(CERTIFICATE_ALREADY_REVOKED, number=certificate.number)
    label = CertificateStatus(status).label
    return record_update(record=certificate, user=user, expected_version=certificate.version,
                         reason=f"{label}：{reason.strip()}"[:100], status=status)


@transaction.atomic
def certificate_suspend(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Suspend (暂扣) a certificate: its holder may not act until it is reinstated."""
    if certificate.status == CertificateStatus.SUSPENDED:
        raise refuse(CERTIFICATE_ALREADY_SUSPENDED, number=certificate.number)
    return _certificate_status_change(user=user, certificate=certificate, reason=reason,
                                      status=CertificateStatus.SUSPENDED)


@transaction.atomic
def certificate_reinstate(*, user, certificate: EnforcementCertificate, reason: str) -> EnforcementCertificate:
    """Return a suspended certificate to its holder."""
    if certificate.status == CertificateStatus.REVOKED:
        raise refuse(CERTIFICATE_ALREADY_REVOKED, number=certificate.number)
    if certificate.status != CertificateStatus.SUSPENDED:
        raise refuse(CERTIFICATE_NOT_SUSPENDED, number=certificate.number)
    return _certificate_status_change(user=user, certificate=certificate, reason=reason,
                                      status=CertificateStatus.VALID)


@transaction.atomic
def certificate_revoke(*, user, certificate: EnforcementCertificate, reason: str,
                       revoked_on: dt.date | None = None) -> EnforcementCertificate:
    """Revoke (注销) a certificate for good; its expiry reminder is closed."""

    certificate = _certificate_status_change(user=user, certificate=certificate, reason=reason,
                                             status=CertificateStatus.REVOKED)
    deadlines_complete_for(record=certificate, rule_code=CERTIFICATE_EXPIRY.code,
                           completed_on=revoked_on or clock.today())
    return certificate


# --- training, exams, certificate applications ----------------------------------------------


@transaction.atomic
def training_record(*, user, organiser, topic: str, held_on: dt.date, hours: Decimal | int | str,
                    trainer: str) -> Training:
    """Record a training session."""
    return record_create(model=Training, user=user, organiser=organiser, topic=topic.strip(), held_on=held_on,
                         hours=_decimal(hours), trainer=trainer.strip())


@transaction.atomic
def attendance_add(*, user, training: Training, officer: Officer) -> TrainingAttendance:
    """Record that an officer attended a training session."""
    if TrainingAttendance.objects.filter(training=training, officer=officer).exists():
        raise refuse(ATTENDANCE_DUPLICATE, officer=officer.full_name)
    return record_create(model=TrainingAttendance, user=user, training=training, officer=officer)


@transaction.atomic
def exam_record(*, user, organiser, held_on: dt.date, kind: str, pass_mark: Decimal | int | str = 60,
                training: Training | None = None) -> Exam:
    """Record an exam sitting (new-officer or renewal)."""
    mark = _decimal(pass_mark)
    if mark is None or not Decimal(0) <= mark <= Decimal(100):
        raise refuse(EXAM_SCORE_INVALID)
    return record_create(model=Exam, user=user, organiser=organiser, held_on=held_on, kind=kind, pass_mark=mark,
                         training=training)


@transaction.atomic
def exam_result_record(*, user, exam: Exam, officer: Officer, score: Decimal | int | str) -> ExamResult:
    """Record one officer's score in an exam."""
    value = _decimal(score)
    if value is None or not Decimal(0) <= value <= Decimal(100):
        raise refuse(EXAM_SCORE_INVALID)
    if ExamResult.objects.filter(exam=exam, officer=officer).exists():
        raise refuse(EXAM_RESULT_DUPLICATE, officer=officer.full_name)
    return record_create(model=ExamResult, user=user, exam=exam, officer=officer, score=value)


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
    _require_pending(application)
    certificate = certificate_issue(user=user, officer=application.officer, number=number, issuer=issuer,
                                    area=area, field=field, valid_from=valid_from, valid_until=valid_until)
    return record_update(record=application, user=user, expected_version=application.version,
                         status=ApplicationStatus.APPROVED, certificate=certificate)


@transaction.atomic
def certificate_application_reject(*, user, application: CertificateApplication, reason: str) -> CertificateApplication:
    """Refuse an application, with the reason kept in its history."""
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _require_pending(application)
    _require_issuer(user)
    return record_update(record=application, user=user, expected_version=application.version,
                         reason=f"不予核发：{reason.strip()}"[:100], status=ApplicationStatus.REJECTED)


# --- major decisions catalogue ---------------------------------------------------------------

_FINE_CRITERIA = (MajorCriterionKind.FINE_ENTITY, MajorCriterionKind.FINE_PERSON)


@transaction.atomic
def major_criterion_set(*, user, kind: str, legal_source: str, fine_threshold: Decimal | None = None,
                        enabled: bool = True) -> MajorCriterion:
    """Create or change the zone's rule for one kind of major enforcement decision."""
    threshold = _decimal(fine_threshold)
    if kind in _FINE_CRITERIA and (threshold is None or threshold <= 0):
        raise refuse(CRITERION_THRESHOLD_REQUIRED, kind=MajorCriterionKind(kind).label)
    if kind not in _FINE_CRITERIA and threshold is not None:
        raise refuse(CRITERION_THRESHOLD_NOT_FINE)
    fields = {"legal_source": legal_source, "fine_threshold": threshold, "enabled": enabled}
    existing = MajorCriterion.objects.filter(kind=kind).first()
    if existing is None:
        return record_create(model=MajorCriterion, user=user, kind=kind, **fields)
    if existing.is_archived:
        fields.update(archived_on=None, archived_by=None, archived_reason="")
    return record_update(record=existing, user=user, expected_version=existing.version, **fields)


# --- cases and the three systems ------------------------------------------------------------


def _require_open(case: EnforcementCase, *, allow_closure_step: CaseStep | None = None) -> None:
    if case.closed_on is not None and not (allow_closure_step and allow_closure_step.kind == StepKind.CLOSURE):
        raise refuse(CASE_CLOSED, case=case.number, date=cn_date(case.closed_on))


def _require_not_before_opened(case: EnforcementCase, day: dt.date) -> None:
    if day < case.opened_on:
        raise refuse(DATE_BEFORE_OPENED, date=cn_date(case.opened_on))


def _next_case_number(body: EnforcementBody, year: int) -> str:
    prefix = f"{body.org_unit.code}-{year}-"
    taken = set(EnforcementCase.objects.filter(number__startswith=prefix).values_list("number", flat=True))
    sequence = len(taken) + 1
    while f"{prefix}{sequence:04d}" in taken:
        sequence += 1
    return f"{prefix}{sequence:04d}"


@transaction.atomic
def case_open(*, user, body: EnforcementBody, summary: str, opened_on: dt.date, kind: str = "", number: str = "",
              matter: EnforcementMatter | None = None, party_entity=None, party_name: str = "",
              party_id_number: str = "") -> EnforcementCase:
    """Open (立案) a case; records its filing step. Number generated when not given."""
    if matter is not None:
        if matter.body_id != body.pk:
            raise refuse(CASE_MATTER_OTHER_BODY, matter=matter.name, body=body.name)
        if kind and kind != matter.kind:
            raise refuse(CASE_KIND_MATTER, kind=matter.get_kind_display())
        kind = matter.kind
    if not kind:
        raise refuse(CASE_KIND_REQUIRED)
    _require_not_future(opened_on, str(_("立案日期")))
    _require_acting_officer_certified(user)
    case = record_create(
        model=EnforcementCase, user=user, body=body, number=number.strip() or _next_case_number(body, opened_on.year),
        kind=kind, matter=matter, party_entity=party_entity, party_name=party_name.strip(),
        party_id_number=party_id_number.strip().upper(), summary=summary.strip(), opened_on=opened_on,
    )
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.FILING, happened_on=opened_on, note=summary)
    return case


_CASE_EDITABLE = ("party_entity", "party_name", "party_id_number", "summary")
_CASE_PARTY = ("party_entity", "party_name", "party_id_number")


def _same(case: EnforcementCase, name: str, value) -> bool:
    current = getattr(case, name)
    if name == "party_entity":
        return (current.pk if current is not None else None) == (value.pk if value is not None else None)
    return (current or "") == (value or "")


@transaction.atomic
def case_update(*, user, case: EnforcementCase, expected_version: int, reason: str = "",
                **changes) -> EnforcementCase:
    """Correct a case's party or summary: refused once the case is closed; the party is locked once decided."""
    unknown = set(changes) - set(_CASE_EDITABLE)
    if unknown:
        raise ValueError(f"case_update cannot change {sorted(unknown)}")
    _require_open(case)
    if "party_id_number" in changes:
        changes["party_id_number"] = (changes["party_id_number"] or "").strip().upper()
    for name in ("party_name", "summary"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    if case.decided_on is not None and not all(_same(case, name, changes[name]) for name in _CASE_PARTY
                                               if name in changes):
        raise refuse(CASE_PARTY_LOCKED, case=case.number, date=cn_date(case.decided_on))
    return record_update(record=case, user=user, expected_version=expected_version, reason=reason, **changes)


def _require_acting_officer_certified(user) -> None:
    """A user who is an enforcement officer acts on a case only while holding a valid certificate today."""
    if user is None:
        return
    officer = Officer.objects.filter(user=user).first()
    if officer is None:
        return
    today = clock.today()
    problem = officer_certificate_problem(officer, today)
    if problem is not None:
        raise refuse(ACTING_OFFICER_UNCERTIFIED, today=cn_date(today), reason=problem)


def _entered_late(day: dt.date, back_entry: bool) -> bool:
    return not back_entry and (clock.today() - day).days > LATE_ENTRY_DAYS


@transaction.atomic
def case_assign_officer(*, user, case: EnforcementCase, officer: Officer, on: dt.date,
                        back_entry: bool = False) -> CaseOfficer:
    """Assign an officer to a case; refused unless they hold a valid certificate on that date.

    Entered more than LATE_ENTRY_DAYS after `on`, the officer must also hold one today, unless
    the legal-affairs office (or the system) enters a historical file as 补录 (`back_entry`).
    """
    if back_entry:
        _require_back_entry_allowed(user)
    _require_open(case)
    _require_not_before_opened(case, on)
    _require_not_future(on, str(_("指派日期")))
    if CaseOfficer.objects.filter(case=case, officer=officer).exists():
        raise refuse(ASSIGN_DUPLICATE, officer=officer.full_name, case=case.number)
    certificate = officer_valid_certificate(officer, on)
    if certificate is None:
        raise refuse(ASSIGN_REFUSED, officer=officer.full_name, case=case.number,
                      reason=officer_certificate_problem(officer, on), date=cn_date(on))
    if _entered_late(on, back_entry):
        today = clock.today()
        problem = officer_certificate_problem(officer, today)
        if problem is not None:
            raise refuse(ASSIGN_LATE_ENTRY, officer=officer.full_name, case=case.number, date=cn_date(on),
                          days=LATE_ENTRY_DAYS, today=cn_date(today), reason=problem)
    return _append(CaseOfficer, user=user, scope=case, reason=BACK_ENTRY_REASON if back_entry else "", case=case,
                   officer=officer, certificate=certificate, assigned_on=on)


# Steps recorded by the service that does the act, so that their rules apply.
_RESERVED_STEPS = {
    StepKind.FILING: _("立案"),
    StepKind.LEGAL_REVIEW: _("录入法制审核意见"),
    StepKind.DECISION: _("作出决定"),
    StepKind.CLOSURE: _("结案"),
}


@transaction.atomic
def case_add_step(*, user, case: EnforcementCase, kind: str, happened_on: dt.date, note: str = "") -> CaseStep:
    """Record a step of a case (a hearing step also marks the case as heard)."""
    if kind in _RESERVED_STEPS:
        raise refuse(STEP_RESERVED, step=StepKind(kind).label, action=_RESERVED_STEPS[kind])
    _require_open(case)
    _require_not_before_opened(case, happened_on)
    _require_not_future(happened_on, str(_("环节日期")))
    _require_acting_officer_certified(user)
    step = record_create(model=CaseStep, user=user, case=case, kind=kind, happened_on=happened_on, note=note)
    if kind == StepKind.HEARING and not case.had_hearing:
        record_update(record=case, user=user, expected_version=case.version, had_hearing=True)
    return step


_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def _store_once(file: File, digest: str, original_name: str) -> str:
    """Store the file under its digest, once: a second upload of the same content reuses it."""
    storage = ProcessRecord._meta.get_field("file").storage
    suffix = os.path.splitext(original_name)[1].lower()
    name = f"process_records/{digest[:2]}/{digest}{suffix if _SAFE_SUFFIX.match(suffix) else ''}"
    if storage.exists(name):
        with storage.open(name, "rb") as stored:
            if file_sha256(stored)[0] == digest:
                return name
        # The stored copy no longer matches its name (tampered): keep it as evidence, store anew.
    file.seek(0)
    return storage.save(name, file)


@transaction.atomic
def process_record_attach(*, user, step: CaseStep, kind: str, file, original_name: str = "") -> ProcessRecord:
    """Store a full-process record file of a step with its SHA-256 digest and size."""
    case = step.case
    _require_open(case, allow_closure_step=step)
    if not isinstance(file, File):
        file = File(file)
    name = (original_name or os.path.basename(file.name or "") or "record").strip()[:200]
    file.seek(0)
    digest, size = file_sha256(file)
    if size == 0:
        raise refuse(RECORD_EMPTY)
    RecordKind(kind)  # an unknown kind fails here, before anything is stored
    _require_acting_officer_certified(user)
    if user is not None and not (user.has_perm("enforcement.add_processrecord") and may_change(case, user)):
        raise PermissionDeniedError()
    check_record_file(file, kind=kind, name=name)  # size and type for the kind, before anything is stored
    stored = _store_once(file, digest, name)
    return _append(ProcessRecord, user=user, scope=case, step=step, kind=kind, file=stored, original_name=name,
                   size=size, sha256=digest)


def _check_fine(decision_kind: str, fine: Decimal | None) -> None:
    if decision_kind == DecisionKind.FINE and (fine is None or fine <= 0):
        raise refuse(DECISION_FINE_REQUIRED)
    if decision_kind != DecisionKind.FINE and fine is not None:
        raise refuse(DECISION_FINE_NOT_FINE)


@transaction.atomic
def major_review_record(*, user, case: EnforcementCase, reviewed_on: dt.date, approved: bool, opinion: str,
                        decision_kind: str, fine_amount: Decimal | int | str | None = None) -> MajorDecisionReview:
    """Record the review opinion on the proposed decision (its kind and fine), by the body's designated,
    qualified reviewer (permissions.review_refusal).

    The decision later issued must be of the kind approved and not exceed the fine approved.
    """
    refusal = review_refusal(user, case)
    if refusal:
        raise FazhiError(refusal)
    if case.decided_on is not None:
        raise refuse(REVIEW_AFTER_DECISION, case=case.number, date=cn_date(case.decided_on))
    _require_open(case)
    _require_not_before_opened(case, reviewed_on)
    _require_not_future(reviewed_on, str(_("审核日期")))
    if not opinion.strip():
        raise refuse(REVIEW_OPINION_REQUIRED)
    DecisionKind(decision_kind)
    fine = _decimal(fine_amount)
    _check_fine(decision_kind, fine)
    review = _append(MajorDecisionReview, user=user, scope=case, case=case, reviewer=user, reviewed_on=reviewed_on,
                     approved=approved, opinion=opinion.strip(), decision_kind=decision_kind, fine_amount=fine,
                     reviewer_qualification=reviewer_qualification(user))
    proposal = DecisionKind(decision_kind).label + (f"{fine:,.2f}元" if fine is not None else "")
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.LEGAL_REVIEW, happened_on=reviewed_on,
                  note=("审核通过" if approved else "审核不通过") + f"（拟{proposal}）：" + opinion.strip())
    return review


@transaction.atomic
def case_decide(*, user, case: EnforcementCase, decision_kind: str, decided_on: dt.date, text: str,
                fine_amount: Decimal | int | str | None = None, back_entry: bool = False) -> EnforcementCase:
    """Issue the decision; refused with fewer than 2 officers or a major decision not approved in review.

    On success the decision step is recorded and the publication deadline starts: 7 working
    days for permit and penalty decisions, 20 for others (国办发〔2018〕118号 二(六)). Entered more
    than LATE_ENTRY_DAYS after `decided_on`, the officers counted must also hold a valid
    certificate today, unless it is 补录 (`back_entry`, the legal-affairs office or the system).
    """
    if back_entry:
        _require_back_entry_allowed(user)
    _require_open(case)
    if case.decided_on is not None:
        raise refuse(DECISION_ALREADY, case=case.number, date=cn_date(case.decided_on))
    _require_not_before_opened(case, decided_on)
    _require_not_future(decided_on, str(_("决定日期")))
    _require_acting_officer_certified(user)
    DecisionKind(decision_kind)
    if not text.strip():
        raise refuse(DECISION_TEXT_REQUIRED)
    fine = _decimal(fine_amount)
    _check_fine(decision_kind, fine)

    assignments = CaseOfficer.objects.active().filter(case=case).select_related("officer").order_by("pk")
    today = clock.today()
    late = _entered_late(decided_on, back_entry)
    lapsed = []
    for assignment in assignments:
        problem = officer_certificate_problem(assignment.officer, decided_on)
        if problem is None and late:
            now = officer_certificate_problem(assignment.officer, today)
            if now is not None:
                problem = str(LATE_ENTRY_PROBLEM) % {"problem": now, "days": LATE_ENTRY_DAYS, "today": cn_date(today)}
        lapsed.append(problem)
    able = sum(1 for problem in lapsed if problem is None)
    if able < MIN_OFFICERS_PER_CASE:
        detail = "；".join(problem for problem in lapsed if problem)
        raise refuse(DECISION_TOO_FEW_OFFICERS, case=case.number, min=MIN_OFFICERS_PER_CASE, n=able,
                      detail=f"（{detail}。）" if detail else "")

    reasons = case_major_reasons(case, decision_kind=decision_kind, fine_amount=fine)
    # An approved review binds the decision even when the one issued would not itself be major
    # (a case sent to review for a revocation is not then closed with another decision unseen).
    review = case_approved_review(case, by=decided_on)
    if reasons and review is None:
        latest = MajorDecisionReview.objects.active().filter(case=case, reviewed_on__lte=decided_on).order_by(
            "-reviewed_on", "-pk").first()
        state = (str(DECISION_REVIEW_NONE) if latest is None
                 else str(DECISION_REVIEW_REJECTED) % {"date": cn_date(latest.reviewed_on)})
        raise refuse(DECISION_MAJOR_NOT_REVIEWED, reasons="；".join(reasons), state=state)
    if review is not None and (reasons or review.decision_kind):
        _require_reviewed_as_decided(review, decision_kind, fine)

    case = record_update(record=case, user=user, expected_version=case.version, decision_kind=decision_kind,
                         decided_on=decided_on, decision_text=text.strip(), fine_amount=fine,
                         reason=BACK_ENTRY_REASON if back_entry else "")
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.DECISION, happened_on=decided_on,
                  note=case.get_decision_kind_display())
    rule = PUBLICATION_PERMIT_PENALTY if publication_within_7_days(case.kind, decision_kind) else PUBLICATION_OTHER
    deadline_start(rule_code=rule.code, record=case, org_unit=case.body.org_unit, starts_on=decided_on,
                   title=f"案件{case.number}执法决定公示")
    return case


def _require_reviewed_as_decided(review: MajorDecisionReview, decision_kind: str, fine: Decimal | None) -> None:
    """The decision issued is the one the legal review approved: same kind, fine not above the approved one."""
    day = cn_date(review.reviewed_on)
    if not review.decision_kind:
        raise refuse(DECISION_REVIEW_WITHOUT_PROPOSAL, date=day)
    if review.decision_kind != decision_kind:
        raise refuse(DECISION_KIND_NOT_REVIEWED, date=day, approved=review.get_decision_kind_display(),
                      kind=DecisionKind(decision_kind).label)
    if fine is not None and review.fine_amount is not None and fine > review.fine_amount:
        raise refuse(DECISION_FINE_OVER_REVIEWED, date=day, approved=f"{review.fine_amount:,.2f}",
                      fine=f"{fine:,.2f}")


_DECLARERS = (Role.UNIT_STAFF, Role.LEGAL_OFFICE, Role.ADMIN)


@transaction.atomic
def case_declare_major(*, user, case: EnforcementCase, declared: bool, reason: str) -> EnforcementCase:
    """Declare (or withdraw) a case's decision as an "other" major one; it then needs 法制审核 before deciding."""
    if user is not None and getattr(user, "role", None) not in _DECLARERS:
        raise refuse(DECLARE_MAJOR_ROLES_ONLY)
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    _require_open(case)
    if case.decided_on is not None:
        raise refuse(DECLARE_MAJOR_AFTER_DECISION, case=case.number, date=cn_date(case.decided_on))
    if case.declared_major == declared:
        raise refuse(DECLARE_MAJOR_UNCHANGED, case=case.number,
                      state="认定为重大执法决定" if declared else "未认定为重大执法决定")
    label = "认定为重大执法决定" if declared else "取消重大执法决定认定"
    return record_update(record=case, user=user, expected_version=case.version,
                         reason=f"{label}：{reason.strip()}"[:100], declared_major=declared,
                         declared_major_reason=reason.strip()[:200] if declared else "")


@transaction.atomic
def case_close(*, user, case: EnforcementCase, closed_on: dt.date) -> EnforcementCase:
    """Close (结案) a case — decided, or an inspection that needed no decision; records the closure step."""
    _require_open(case)
    if case.decided_on is None and case.kind != MatterKind.INSPECTION:
        raise refuse(CLOSE_NOT_DECIDED, case=case.number)
    if case.decided_on is not None and closed_on < case.decided_on:
        raise refuse(CLOSE_BEFORE_DECISION, date=cn_date(case.decided_on))
    _require_not_before_opened(case, closed_on)
    _require_not_future(closed_on, str(_("结案日期")))
    case = record_update(record=case, user=user, expected_version=case.version, closed_on=closed_on)
    record_create(model=CaseStep, user=user, case=case, kind=StepKind.CLOSURE, happened_on=closed_on)
    return case


def _for_public(case: EnforcementCase, text: str) -> str:
    """`text` about the case with its party's personal data removed (an entity's name and code are public)."""
    persons = [case.party_name] if case.party_name else []
    ids = [case.party_id_number] if case.party_id_number else []
    keep = [case.party_entity.uscc, case.party_entity.name] if case.party_entity_id else []
    return redact(text, person_names=persons, id_numbers=ids, keep=keep)


def _require_no_personal_data(case: EnforcementCase, text: str) -> None:
    left = contains_personal_data(text, person_names=[p for p in (case.party_name, case.party_id_number) if p])
    if left:
        raise refuse(PUBLISH_PERSONAL_DATA_LEFT, items="、".join(left))


def decision_public_text(case: EnforcementCase) -> tuple[str, str]:
    """The title and text of a case's decision as the public may read them (personal data redacted)."""
    party = str(case.party_entity) if case.party_entity_id else pseudonym(case.party_name)
    what = case.matter.name if case.decision_kind == DecisionKind.OTHER and case.matter_id else \
        case.get_decision_kind_display()
    title = f"{case.body.name}关于{party}的{what}决定（{case.number}）"
    return _for_public(case, title)[:200], _for_public(case, case.decision_text)


@transaction.atomic
def decision_publish(*, user, case: EnforcementCase, published_on: dt.date | None = None, title: str = "",
                     back_entry: bool = False) -> DecisionPublication:
    """Publish the decision today with personal data redacted; completes its publication deadline.

    The publication date is the day the decision is made public, so it is today, set here: a
    back-dated publication would hide a late one. Only `back_entry` (补录 of historical paper
    files, by the legal-affairs office or the system) records an earlier date.
    """
    today = clock.today()
    if back_entry:
        _require_back_entry_allowed(user)
    if published_on is None:
        published_on = today
    elif published_on > today:
        _require_not_future(published_on, str(_("公示日期")))
    elif published_on != today and not back_entry:
        raise refuse(PUBLISH_NOT_TODAY, today=cn_date(today), date=cn_date(published_on))
    if case.decided_on is None:
        raise refuse(PUBLISH_NOT_DECIDED, case=case.number)
    existing = DecisionPublication.objects.filter(case=case).first()
    if existing is not None:
        raise refuse(PUBLISH_ALREADY, case=case.number, date=cn_date(existing.published_on))
    if published_on < case.decided_on:
        raise refuse(PUBLISH_BEFORE_DECISION, date=cn_date(case.decided_on))
    overturn = case.overturns.active().first()
    if overturn is not None:
        raise refuse(PUBLISH_OVERTURNED, case=case.number, date=cn_date(overturn.overturned_on),
                      kind=overturn.get_kind_display())
    default_title, text = decision_public_text(case)
    title = (_for_public(case, title.strip())[:200] if title.strip()
             else default_title)
    _require_no_personal_data(case, f"{title}\n{text}")
    publication = record_create(model=DecisionPublication, user=user, case=case, published_on=published_on,
                                title=title, text=text, reason=BACK_ENTRY_REASON if back_entry else "")
    for code in (PUBLICATION_PERMIT_PENALTY.code, PUBLICATION_OTHER.code):
        deadlines_complete_for(record=case, rule_code=code, completed_on=published_on)
    return publication


@transaction.atomic
def decision_overturn_record(*, user, case: EnforcementCase, kind: str, overturned_on: dt.date, document: str,
                             note: str = "") -> DecisionOverturn:
    """Record that the case's decision was changed, revoked, declared unlawful or void (by the body itself,
    on 行政复议 or by a court). A published decision must then be withdrawn within 3 working days
    (行政处罚法 第四十八条第二款, PUBLICATION_WITHDRAWAL); an unpublished one is no longer published."""
    if case.decided_on is None:
        raise refuse(OVERTURN_NOT_DECIDED, case=case.number)
    OverturnKind(kind)
    if overturned_on < case.decided_on:
        raise refuse(OVERTURN_BEFORE_DECISION, date=cn_date(case.decided_on))
    _require_not_future(overturned_on, str(_("变更或撤销日期")))
    if not document.strip():
        raise refuse(OVERTURN_DOCUMENT_REQUIRED)
    overturn = _append(DecisionOverturn, user=user, scope=case, case=case, kind=kind, overturned_on=overturned_on,
                       document=document.strip(), note=note.strip())
    publication = DecisionPublication.objects.active().filter(case=case).first()
    if publication is not None and publication.withdrawn_on is None and not deadlines_for_record(case).filter(
            rule_code=PUBLICATION_WITHDRAWAL.code, completed_on__isnull=True).exists():
        deadline_start(rule_code=PUBLICATION_WITHDRAWAL.code, record=case, org_unit=case.body.org_unit,
                       starts_on=overturned_on, title=f"案件{case.number}执法决定公示撤回")
    if publication is None:  # nothing to publish any more: the publication period ends with the decision
        for code in (PUBLICATION_PERMIT_PENALTY.code, PUBLICATION_OTHER.code):
            deadlines_cancel_for(record=case, rule_code=code, reason=str(PUBLISH_OVERTURNED % {
                "case": case.number, "date": cn_date(overturned_on), "kind": overturn.get_kind_display()}))
    return overturn


@transaction.atomic
def decision_withdraw(*, user, case: EnforcementCase, reason: str) -> DecisionPublication:
    """Withdraw (撤回) a published decision today, with the reason stated publicly; completes its
    withdrawal deadline (行政处罚法 第四十八条第二款)."""
    publication = DecisionPublication.objects.active().filter(case=case).first()
    if publication is None:
        raise refuse(WITHDRAW_NOT_PUBLISHED, case=case.number)
    if publication.withdrawn_on is not None:
        raise refuse(WITHDRAW_ALREADY, case=case.number, date=cn_date(publication.withdrawn_on))
    if not case.overturns.active().exists():
        raise refuse(WITHDRAW_NOT_OVERTURNED)
    if not reason.strip():
        raise refuse(WITHDRAW_REASON_REQUIRED)
    # The reason is published: personal data removed as from the decision itself.
    public_reason = _for_public(case, reason.strip())
    _require_no_personal_data(case, public_reason)
    today = clock.today()
    publication = record_update(record=publication, user=user, expected_version=publication.version,
                                withdrawn_on=today, withdrawal_reason=public_reason)
    deadlines_complete_for(record=case, rule_code=PUBLICATION_WITHDRAWAL.code, completed_on=today)
    return publication


# --- special inspections --------------------------------------------------------------------

_INSPECTION_ORDER = [InspectionStatus.PLANNED, InspectionStatus.SELF_CHECK, InspectionStatus.ON_SITE,
                     InspectionStatus.RECTIFYING, InspectionStatus.CLOSED]
_INSPECTORS = (Role.LEGAL_OFFICE, Role.ADMIN)


def _require_campaign_open(inspection: SpecialInspection) -> None:
    if inspection.status == InspectionStatus.CLOSED:
        raise refuse(INSPECTION_CLOSED, name=inspection.name)


@transaction.atomic
def special_inspection_create(*, user, name: str, year: int, checklist: str, starts_on: dt.date,
                              ends_on: dt.date, org_units=()) -> SpecialInspection:
    """Create a 三项制度 campaign and, optionally, the units it covers."""
    if ends_on < starts_on:
        raise refuse(INSPECTION_DATES)
    inspection = record_create(model=SpecialInspection, user=user, name=name.strip(), year=year,
                               checklist=checklist.strip(), starts_on=starts_on, ends_on=ends_on,
                               status=InspectionStatus.PLANNED)
    for org_unit in org_units:
        unit_inspection_add(user=user, inspection=inspection, org_unit=org_unit)
    return inspection


@transaction.atomic
def special_inspection_status_set(*, user, inspection: SpecialInspection, status: str) -> SpecialInspection:
    """Move a campaign to its next stage (planned → self-check → on-site → rectifying → closed)."""
    current = _INSPECTION_ORDER.index(inspection.status)
    wanted = _INSPECTION_ORDER.index(InspectionStatus(status))
    if wanted != current + 1:
        raise refuse(INSPECTION_STATUS_ORDER, current=inspection.get_status_display(),
                      wanted=InspectionStatus(status).label)
    return record_update(record=inspection, user=user, expected_version=inspection.version, status=status)


@transaction.atomic
def unit_inspection_add(*, user, inspection: SpecialInspection, org_unit) -> UnitInspection:
    """Add a unit to a campaign."""
    _require_campaign_open(inspection)
    if UnitInspection.objects.filter(inspection=inspection, org_unit=org_unit).exists():
        raise refuse(UNIT_INSPECTION_DUPLICATE, unit=org_unit.name)
    return record_create(model=UnitInspection, user=user, inspection=inspection, org_unit=org_unit)


@transaction.atomic
def unit_self_check_record(*, user, unit_inspection: UnitInspection, checked_on: dt.date,
                           report: str) -> UnitInspection:
    """Record a unit's self-check (自查)."""
    _require_campaign_open(unit_inspection.inspection)
    return record_update(record=unit_inspection, user=user, expected_version=unit_inspection.version,
                         self_check_on=checked_on, self_check_report=report.strip())


@transaction.atomic
def unit_on_site_check_record(*, user, unit_inspection: UnitInspection, checked_on: dt.date,
                              findings: str) -> UnitInspection:
    """Record the on-site check (实地督查) of a unit and its findings."""
    if user is not None and user.role not in _INSPECTORS:
        raise refuse(INSPECTION_INSPECTOR_ONLY)
    _require_campaign_open(unit_inspection.inspection)
    return record_update(record=unit_inspection, user=user, expected_version=unit_inspection.version,
                         on_site_on=checked_on, findings=findings.strip())


@transaction.atomic
def rectification_add(*, user, unit_inspection: UnitInspection, problem: str, due_on: dt.date,
                      measure: str = "") -> Rectification:
    """Add a finding to rectify by a due date (tracked under enforcement_rectification)."""
    inspection = unit_inspection.inspection
    _require_campaign_open(inspection)
    if due_on < inspection.starts_on:
        raise refuse(RECTIFICATION_BEFORE_FINDING, date=cn_date(inspection.starts_on))
    rectification = record_create(model=Rectification, user=user, unit_inspection=unit_inspection,
                                  problem=problem.strip(), measure=measure.strip(), due_on=due_on)
    deadline_start(rule_code=RECTIFICATION.code, record=rectification, org_unit=unit_inspection.org_unit,
                   starts_on=due_on, title=f"{unit_inspection.org_unit.name}整改：{problem.strip()[:60]}")
    return rectification


@transaction.atomic
def rectification_complete(*, user, rectification: Rectification, completed_on: dt.date,
                           measure: str = "") -> Rectification:
    """Mark a rectification done; completes its deadline."""
    if rectification.completed_on is not None:
        raise refuse(RECTIFICATION_DONE, date=cn_date(rectification.completed_on))
    changes = {"completed_on": completed_on}
    if measure.strip():
        changes["measure"] = measure.strip()
    rectification = record_update(record=rectification, user=user, expected_version=rectification.version, **changes)
    deadlines_complete_for(record=rectification, rule_code=RECTIFICATION.code, completed_on=completed_on)
    return rectification


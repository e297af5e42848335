"""REST API of officers, their certificates and applications, trainings and exams: /api/enforcement/...

The paths are those they had as part of enforcement (/api/enforcement/officers, /certificates,
/certificate-applications, /trainings, /exams, /training-statistics): the enforcement API's router mounts these
routers under its prefix, since a module's API prefix is its own (fazhi.core.modules; two modules may not share
/enforcement). The same records and rules as the pages: reads through `visible_to(user)` (404 outside the
scope, the same answer as a missing id); creation and every workflow action through the module's services;
changes through `record_update` with the `version` read (409 when stale). A workflow action is allowed to
exactly the users its rule in fazhi.officers.permissions allows; others get 403. ID numbers and phones are
masked in lists and shown in full only in a record's detail, which is logged as a view of personal data.

The shapes at the top (RecordOut, the references, id_field, filters_by...) are shared with the enforcement API,
which builds on this module.
"""

import datetime as dt
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from fazhi.core import clock
from fazhi.core.api_support import (
    MAX_ID,
    ActionIn,
    Filters,
    InputSchema,
    OrgUnitRef,
    YearQuery,
    choices_text,
    ensure_unit_in_scope,
    get_visible_or_404,
    label,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
    search_rows,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.officers import permissions, selectors, services
from fazhi.officers.constants import ApplicationStatus, CertificateStatus, ExamKind
from fazhi.officers.models import (
    CertificateApplication,
    EnforcementCertificate,
    Exam,
    ExamResult,
    Officer,
    Training,
    TrainingAttendance,
)
from fazhi.organisation.models import OrgUnit

# ----- shared shapes (the enforcement API uses them too) -----


class RecordOut(Schema):
    version: int = Field(..., description="修改、归档或办理时原样发回，用于防止覆盖他人的修改")
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None
    archived_reason: str


class OfficerRef(Schema):
    id: int
    full_name: str


class NumberRef(Schema):
    id: int
    number: str


class ReasonIn(ActionIn):
    reason: str = Field(..., min_length=1, max_length=200, title="原因")


def id_field(field_title: str, *, required: bool = True):
    """A record id in a body or a filter: positive and within the database's range."""
    return Field(... if required else None, ge=1, le=MAX_ID, title=field_title, description="记录 id")


def labelled(obj, field: str) -> str:
    """The label of a choice field's value (an output's `<field>_label`)."""
    return getattr(obj, f"get_{field}_display")()


def unit_field(user, model, unit_id: int | None, field: str):
    """An org unit the user may pick for a record of `model`, and may write into (else 403)."""
    unit = pick_linked(OrgUnit, user, unit_id, model, field)
    if unit is not None:
        ensure_unit_in_scope(user, model, unit.pk)
    return unit


class RateOut(Schema):
    numerator: int
    denominator: int
    value: float | None
    percent_text: str


def rate_out(rate) -> dict:
    """A selectors.Rate as RateOut reads it."""
    return {"numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value,
            "percent_text": rate.percent_text}


def filters_by(lookups: dict[str, str | Callable[[Any], dict]], *search: str) -> Callable:
    """A list's `apply`: each filter sent narrows the rows by its field lookup (or by `lookup(value)`, a dict of
    lookups), then the free-text search runs over the `search` fields."""

    def apply(rows, f):
        for name, lookup in lookups.items():
            value = getattr(f, name)
            if value is not None:
                rows = rows.filter(**(lookup(value) if callable(lookup) else {lookup: value}))
        return search_rows(rows, f, *search)

    return apply


# ===== officers =====

officers = Router()


class OfficerOut(RecordOut):
    """An officer: ID number and phone in full for those who keep the register and the officer, masked for
    colleagues and leaders (permissions.may_see_officer_personal_data); the detail's view is logged."""

    id: int
    full_name: str = Field(..., title=label(Officer, "full_name"))
    org_unit: OrgUnitRef = Field(..., title=label(Officer, "org_unit"))
    id_number: str = Field(..., title=label(Officer, "id_number"))
    phone: str = Field(..., title=label(Officer, "phone"))
    position: str = Field(..., title=label(Officer, "position"))
    may_act_today: bool = Field(..., title="今日可否执法", description="今日是否持有有效执法证件")
    certificate_problem: str | None = Field(None, title="不能执法的原因")

    @staticmethod
    def resolve_id_number(obj, context) -> str:
        shown = permissions.may_see_officer_personal_data(context["request"].user, obj)
        return obj.id_number if shown else mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        shown = permissions.may_see_officer_personal_data(context["request"].user, obj)
        return obj.phone if shown else mask_phone(obj.phone)

    @staticmethod
    def resolve_certificate_problem(obj) -> str | None:
        return selectors.officer_certificate_problem(obj, clock.today())

    @staticmethod
    def resolve_may_act_today(obj) -> bool:
        return selectors.officer_valid_certificate(obj, clock.today()) is not None


class OfficerListOut(OfficerOut):
    """An officer in a list: ID number and phone masked."""

    @staticmethod
    def resolve_id_number(obj, context) -> str:
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        return mask_phone(obj.phone)


class OfficerFilters(Filters):
    org_unit: int | None = id_field(label(Officer, "org_unit"), required=False)


class OfficerIn(InputSchema):
    org_unit: int = id_field(label(Officer, "org_unit"))
    full_name: str = Field(..., min_length=1, max_length=50, title=label(Officer, "full_name"))
    id_number: str = Field(..., min_length=1, max_length=18, title=label(Officer, "id_number"),
                           description="18位居民身份证号码（GB 11643-1999），末位为校验码")
    phone: str = Field("", max_length=20, title=label(Officer, "phone"))
    position: str = Field("", max_length=50, title=label(Officer, "position"))


# The PATCH has always documented id_number without the input's format description.
OfficerPatch = patch_schema(
    OfficerIn, replace={"id_number": Field(None, min_length=1, max_length=18, title=label(Officer, "id_number"))},
)


def _officers(user):
    return Officer.objects.visible_to(user).select_related("org_unit")


_filter_officers = filters_by({"org_unit": "org_unit_id"}, "full_name")


def _officer_history_masks(user, officer) -> dict | None:
    """A colleague or a leader reads an officer's history with the ID number and phone masked, as on the page."""
    return None if permissions.may_see_officer_personal_data(user, officer) else permissions.OFFICER_MASKS


record_routes(officers, model=Officer, prefix="enforcement_officers", title="执法人员", out=OfficerOut, rows=_officers,
              list_out=OfficerListOut, filters_schema=OfficerFilters, apply=_filter_officers,
              create=OfficerIn, service=services.officer_create, create_summary="新增执法人员",
              patch=OfficerPatch, archivable=True, history_masks_for=_officer_history_masks,
              # The model upper-cases the number on save; doing it here lets validation (uniqueness too)
              # see it as stored.
              convert={"org_unit": lambda user, pk: unit_field(user, Officer, pk, "org_unit"),
                 "id_number": lambda user, number: number.upper() if number else number})


# ===== certificates =====

certificates = Router()


class CertificateOut(RecordOut):
    id: int
    number: str = Field(..., title=label(EnforcementCertificate, "number"))
    officer: OfficerRef = Field(..., title=label(EnforcementCertificate, "officer"))
    issuer: str = Field(..., title=label(EnforcementCertificate, "issuer"))
    area: str = Field(..., title=label(EnforcementCertificate, "area"))
    field: str = Field(..., title=label(EnforcementCertificate, "field"))
    valid_from: dt.date = Field(..., title=label(EnforcementCertificate, "valid_from"))
    valid_until: dt.date = Field(..., title=label(EnforcementCertificate, "valid_until"))
    status: str = Field(..., title=label(EnforcementCertificate, "status"),
                        description="记录的状态；" + choices_text(CertificateStatus))
    status_label: str
    status_today: str = Field(..., title="今日状态", description="按今日日期判断：" + choices_text(CertificateStatus))
    status_today_label: str
    days_to_expiry: int | None = Field(None, title="距到期天数", description="有效时为剩余天数，否则为空")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return labelled(obj, "status")

    @staticmethod
    def resolve_status_today(obj) -> str:
        return obj.status_on(clock.today())

    @staticmethod
    def resolve_status_today_label(obj) -> str:
        return str(CertificateStatus(obj.status_on(clock.today())).label)

    @staticmethod
    def resolve_days_to_expiry(obj) -> int | None:
        today = clock.today()
        return (obj.valid_until - today).days if obj.status_on(today) == CertificateStatus.VALID else None


class CertificateFilters(Filters):
    officer: int | None = id_field(label(EnforcementCertificate, "officer"), required=False)
    status: CertificateStatus | None = Field(None, title=label(EnforcementCertificate, "status"),
                                             description="记录的状态；" + choices_text(CertificateStatus))


class CertificateIn(InputSchema):
    officer: int = id_field(label(EnforcementCertificate, "officer"))
    number: str = Field(..., min_length=1, max_length=50, title=label(EnforcementCertificate, "number"))
    issuer: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "issuer"))
    area: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "area"))
    field: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "field"))
    valid_from: dt.date = Field(..., title=label(EnforcementCertificate, "valid_from"))
    valid_until: dt.date = Field(..., title=label(EnforcementCertificate, "valid_until"))


def _certificates(user):
    return EnforcementCertificate.objects.visible_to(user).select_related("officer")


_filter_certificates = filters_by({"officer": "officer_id", "status": "status"}, "number", "officer__full_name")


record_routes(certificates, model=EnforcementCertificate, prefix="enforcement_certificates", title="执法证件",
              out=CertificateOut,
              rows=_certificates, filters_schema=CertificateFilters, apply=_filter_certificates,
              create=CertificateIn, service=services.certificate_issue,
              create_summary="核发执法证件（同时设置到期提醒）",
              convert={"officer": lambda user, pk: pick_linked(Officer, user, pk, EnforcementCertificate, "officer")})


def _certificate_action(name: str, service, may, summary: str) -> None:
    @certificates.post(f"/{{id}}/{name}", response=responses(400, 401, 403, 404, 409, 422, s200=CertificateOut),
                       operation_id=f"enforcement_certificates_{name}", summary=summary)
    def act(request: HttpRequest, payload: ReasonIn, id: int = record_id_param()):
        user = request.user
        record = record_for_action(EnforcementCertificate, user, id, may, payload.version)
        run_service(EnforcementCertificate, service, user=user, certificate=record, reason=payload.reason)
        return _certificates(user).get(pk=record.pk)


_certificate_action("suspend", services.certificate_suspend, permissions.may_suspend_certificate, "暂扣执法证件")
_certificate_action("reinstate", services.certificate_reinstate, permissions.may_reinstate_certificate,
                    "恢复被暂扣的执法证件")
_certificate_action("revoke", services.certificate_revoke, permissions.may_revoke_certificate, "注销执法证件")


# ===== certificate applications =====

applications = Router()


class ApplicationOut(RecordOut):
    id: int
    officer: OfficerRef = Field(..., title=label(CertificateApplication, "officer"))
    kind: str = Field(..., title=label(CertificateApplication, "kind"), description=choices_text(ExamKind))
    kind_label: str
    exam_result: int = Field(..., title=label(CertificateApplication, "exam_result"), description="考试成绩的 id")
    applied_on: dt.date = Field(..., title=label(CertificateApplication, "applied_on"))
    status: str = Field(..., title=label(CertificateApplication, "status"), description=choices_text(ApplicationStatus))
    status_label: str
    certificate: NumberRef | None = Field(None, title=label(CertificateApplication, "certificate"))

    @staticmethod
    def resolve_exam_result(obj) -> int:
        return obj.exam_result_id

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return labelled(obj, "kind")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return labelled(obj, "status")


class ApplicationFilters(Filters):
    status: ApplicationStatus | None = Field(None, title=label(CertificateApplication, "status"),
                                             description=choices_text(ApplicationStatus))
    kind: ExamKind | None = Field(None, title=label(CertificateApplication, "kind"), description=choices_text(ExamKind))


class ApplicationIn(InputSchema):
    exam_result: int = id_field(label(CertificateApplication, "exam_result"))
    applied_on: dt.date = Field(..., title=label(CertificateApplication, "applied_on"))


class ApproveIn(ActionIn):
    number: str = Field(..., min_length=1, max_length=50, title=label(EnforcementCertificate, "number"))
    issuer: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "issuer"))
    area: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "area"))
    field: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "field"))
    valid_from: dt.date = Field(..., title=label(EnforcementCertificate, "valid_from"))
    valid_until: dt.date = Field(..., title=label(EnforcementCertificate, "valid_until"))


def _applications(user):
    return CertificateApplication.objects.visible_to(user).select_related("officer", "certificate")


_filter_applications = filters_by({"status": "status", "kind": "kind"}, "officer__full_name")


record_routes(applications, model=CertificateApplication, prefix="enforcement_applications", title="执法证件申领",
              out=ApplicationOut,
              rows=_applications, filters_schema=ApplicationFilters, apply=_filter_applications,
              create=ApplicationIn, service=services.certificate_application_submit,
              create_summary="申领执法证件（须考试合格）",
              convert={"exam_result": lambda user, pk: pick_linked(ExamResult, user, pk, CertificateApplication,
              "exam_result")})


@applications.post("/{id}/approve", response=responses(400, 401, 403, 404, 409, 422, s200=ApplicationOut),
                   operation_id="enforcement_applications_approve", summary="核发执法证件")
def applications_approve(request: HttpRequest, payload: ApproveIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(CertificateApplication, user, id, permissions.may_approve_application, payload.version)
    run_service(EnforcementCertificate, services.certificate_application_approve, user=user, application=record,
                **payload.model_dump(exclude={"version"}))
    return _applications(user).get(pk=record.pk)


@applications.post("/{id}/reject", response=responses(400, 401, 403, 404, 409, 422, s200=ApplicationOut),
                   operation_id="enforcement_applications_reject", summary="不予核发")
def applications_reject(request: HttpRequest, payload: ReasonIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(CertificateApplication, user, id, permissions.may_reject_application, payload.version)
    run_service(CertificateApplication, services.certificate_application_reject, user=user, application=record,
                reason=payload.reason)
    return _applications(user).get(pk=record.pk)


# ===== trainings =====

trainings = Router()


class TrainingOut(RecordOut):
    id: int
    organiser: OrgUnitRef = Field(..., title=label(Training, "organiser"))
    topic: str = Field(..., title=label(Training, "topic"))
    held_on: dt.date = Field(..., title=label(Training, "held_on"))
    hours: Decimal = Field(..., title=label(Training, "hours"))
    trainer: str = Field(..., title=label(Training, "trainer"))
    attendance_count: int = Field(..., title="参训人次")


class AttendanceOut(Schema):
    id: int
    officer: OfficerRef
    org_unit: str

    @staticmethod
    def resolve_org_unit(obj) -> str:
        return obj.officer.org_unit.name


class TrainingFilters(Filters):
    organiser: int | None = id_field(label(Training, "organiser"), required=False)
    year: int | None = Field(None, ge=1990, le=2100, title="年度")


class TrainingIn(InputSchema):
    organiser: int = id_field(label(Training, "organiser"))
    topic: str = Field(..., min_length=1, max_length=200, title=label(Training, "topic"))
    held_on: dt.date = Field(..., title=label(Training, "held_on"))
    hours: Decimal = Field(..., gt=0, max_digits=5, decimal_places=1, title=label(Training, "hours"))
    trainer: str = Field(..., min_length=1, max_length=100, title=label(Training, "trainer"))


TrainingPatch = patch_schema(TrainingIn)


class AttendanceIn(ActionIn):
    officer: int = id_field("参训人员")


def _trainings(user):
    return (Training.objects.visible_to(user).select_related("organiser")
            .annotate(attendance_count=Count("attendances", filter=Q(attendances__archived_on__isnull=True)))
            .order_by("-held_on", "-pk"))


_filter_trainings = filters_by({"organiser": "organiser_id", "year": "held_on__year"}, "topic", "trainer")


record_routes(trainings, model=Training, prefix="enforcement_trainings", title="执法培训", out=TrainingOut,
              rows=_trainings, filters_schema=TrainingFilters, apply=_filter_trainings,
              create=TrainingIn, service=services.training_record, create_summary="登记执法培训",
              patch=TrainingPatch, archivable=True,
              convert={"organiser": lambda user, pk: unit_field(user, Training, pk, "organiser")})


@trainings.get("/{id}/attendances", response=responses(401, 404, 422, s200=list[AttendanceOut]),
               operation_id="enforcement_trainings_attendances", summary="参训人员")
def trainings_attendances(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(Training, request.user, id)
    return (TrainingAttendance.objects.visible_to(request.user).active().filter(training=record)
            .select_related("officer", "officer__org_unit").order_by("pk"))


@trainings.post("/{id}/attendances", response=responses(400, 401, 403, 404, 409, 422, s201=AttendanceOut),
                operation_id="enforcement_trainings_attend", summary="登记参训人员")
def trainings_attend(request: HttpRequest, payload: AttendanceIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(Training, user, id, permissions.may_add_attendance, payload.version)
    officer = pick_linked(Officer, user, payload.officer, TrainingAttendance, "officer")
    attendance = run_service(TrainingAttendance, services.attendance_add, user=user, training=record, officer=officer)
    return Status(201, attendance)


# ===== exams =====

exams = Router()


class ExamOut(RecordOut):
    id: int
    organiser: OrgUnitRef = Field(..., title=label(Exam, "organiser"))
    training: int | None = Field(None, title=label(Exam, "training"), description="关联培训的 id")
    held_on: dt.date = Field(..., title=label(Exam, "held_on"))
    kind: str = Field(..., title=label(Exam, "kind"), description=choices_text(ExamKind))
    kind_label: str
    pass_mark: Decimal = Field(..., title=label(Exam, "pass_mark"))

    @staticmethod
    def resolve_training(obj) -> int | None:
        return obj.training_id

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return labelled(obj, "kind")


class ResultOut(Schema):
    id: int
    officer: OfficerRef
    score: Decimal
    passed: bool = Field(..., title="是否合格")


class ExamFilters(Filters):
    organiser: int | None = id_field(label(Exam, "organiser"), required=False)
    kind: ExamKind | None = Field(None, title=label(Exam, "kind"), description=choices_text(ExamKind))
    year: int | None = Field(None, ge=1990, le=2100, title="年度")


class ExamIn(InputSchema):
    organiser: int = id_field(label(Exam, "organiser"))
    training: int | None = id_field(label(Exam, "training"), required=False)
    held_on: dt.date = Field(..., title=label(Exam, "held_on"))
    kind: ExamKind = Field(..., title=label(Exam, "kind"), description=choices_text(ExamKind))
    pass_mark: Decimal = Field(Decimal(60), ge=0, le=100, max_digits=5, decimal_places=1, title=label(Exam,
                               "pass_mark"))


ExamPatch = patch_schema(ExamIn, fields=("organiser", "held_on", "kind", "pass_mark"))


class ExamResultIn(ActionIn):
    officer: int = id_field("考生")
    score: Decimal = Field(..., ge=0, le=100, max_digits=5, decimal_places=1, title="成绩")


def _exams(user):
    return Exam.objects.visible_to(user).select_related("organiser")


_filter_exams = filters_by({"organiser": "organiser_id", "kind": "kind", "year": "held_on__year"}, "training__topic")


record_routes(exams, model=Exam, prefix="enforcement_exams", title="执法资格考试", out=ExamOut, rows=_exams,
              filters_schema=ExamFilters, apply=_filter_exams,
              create=ExamIn, service=services.exam_record, create_summary="登记执法资格考试",
              patch=ExamPatch, archivable=True,
              convert={"organiser": lambda user, pk: unit_field(user, Exam, pk, "organiser"),
                 "training": lambda user, pk: pick_linked(Training, user, pk, Exam, "training")})


@exams.get("/{id}/results", response=responses(401, 404, 422, s200=list[ResultOut]),
           operation_id="enforcement_exams_results", summary="考试成绩（含是否合格）")
def exams_results(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(Exam, request.user, id)
    return (ExamResult.objects.visible_to(request.user).active().filter(exam=record)
            .select_related("officer", "exam").order_by("-score", "pk"))


@exams.post("/{id}/results", response=responses(400, 401, 403, 404, 409, 422, s201=ResultOut),
            operation_id="enforcement_exams_result", summary="登记考试成绩")
def exams_result(request: HttpRequest, payload: ExamResultIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(Exam, user, id, permissions.may_record_result, payload.version)
    officer = pick_linked(Officer, user, payload.officer, ExamResult, "officer")
    result = run_service(ExamResult, services.exam_result_record, user=user, exam=record, officer=officer,
                         score=payload.score)
    return Status(201, result)


# ===== statistics =====

statistics = Router()


class OfficerNameOut(Schema):
    id: int
    full_name: str


class TrainingStatisticsOut(Schema):
    year: int
    sessions: int = Field(..., title="培训期数")
    attendances: int = Field(..., title="参训人次")
    trainees: int = Field(..., title="参训人数")
    exams: int = Field(..., title="考试场次")
    exam_sittings: int = Field(..., title="参考人次")
    passed: int = Field(..., title="合格人次")
    pass_rate: RateOut = Field(..., title="考试合格率")
    lapsed_count: int = Field(..., title="证件过期人数")
    renewed_count: int = Field(..., title="过期后已换证人数")
    lapsed_officers: list[OfficerNameOut] = Field(..., description="您可查看的证件过期人员")
    renewed_officers: list[OfficerNameOut] = Field(..., description="您可查看的过期后已换证人员")


@statistics.get("/training-statistics", response=responses(401, 403, 422, s200=TrainingStatisticsOut),
            operation_id="enforcement_training_statistics", summary="执法培训考试统计（年度）")
def training_statistics(request: HttpRequest, query: Query[YearQuery]):
    user = request.user
    if not (user.has_perm("officers.view_all_training") or user.has_perm("officers.view_own_unit_training")):
        raise PermissionDeniedError()
    stats = selectors.training_statistics(query.year)
    visible = set(Officer.objects.visible_to(user).values_list("pk", flat=True))
    return {
        "year": stats.year, "sessions": stats.sessions, "attendances": stats.attendances,
        "trainees": stats.trainees, "exams": stats.exams, "exam_sittings": stats.exam_sittings,
        "passed": stats.passed, "pass_rate": rate_out(stats.pass_rate),
        "lapsed_count": len(stats.lapsed_officers), "renewed_count": len(stats.renewed_officers),
        "lapsed_officers": [o for o in stats.lapsed_officers if o.pk in visible],
        "renewed_officers": [o for o in stats.renewed_officers if o.pk in visible],
    }

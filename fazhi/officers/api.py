"""REST API of officers, their certificates and applications, trainings and exams: /api/enforcement/...

The paths are those they had as part of enforcement (/api/enforcement/officers, /certificates,
/certificate-applications, /trainings, /exams, /training-statistics): the enforcement API's router mounts these
routers under its prefix, since a module's API prefix is its own (fazhi.core.modules; two modules may not share
/enforcement). The same records and rules as the pages: reads through `visible_to(user)` (404 outside the
scope, the same answer as a missing id); creation and every workflow action through the module's services;
changes through `record_update` with the `version` read (409 when stale). A workflow action is allowed to
exactly the users its rule in fazhi.officers.permissions allows; others get 403. ID numbers and phones are
masked in lists and shown in full only in a record's detail, which is logged as a view of personal data.

The references at the top (OfficerRef, NumberRef) and RateOut are shared with the enforcement API, which builds
on this module.
"""

from decimal import Decimal

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    QueryParams,
    RecordOut,
    YearQuery,
    choices_text,
    filter_fields,
    filters_by,
    get_visible_or_404,
    lifecycle_routes,
    model_schema,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.officers import lifecycle, permissions, selectors, services
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

# ----- shared shapes (the enforcement API uses them too) -----

OfficerRef = model_schema("OfficerRef", Officer, ("id", "full_name"))
NumberRef = model_schema("NumberRef", EnforcementCertificate, ("id", "number"))
# The reason of a certificate's suspension, reinstatement or revocation, or of a refused application: kept in
# the record's history (the `reason` of its change), not a field of the model.
ReasonIn = model_schema("ReasonIn", EnforcementCertificate, ("reason",), base=ActionIn,
                        extra={"reason": (str, Field(..., min_length=1, max_length=200, title="原因"))})


class RateOut(Schema):
    numerator: int
    denominator: int
    value: float | None
    percent_text: str


def rate_out(rate) -> dict:
    """A selectors.Rate as RateOut reads it."""
    return {"numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value,
            "percent_text": rate.percent_text}


# ===== officers =====

officers = Router()


def _shown_id_number(obj, context) -> str:
    shown = permissions.may_see_officer_personal_data(context["request"].user, obj)
    return obj.id_number if shown else mask_id_number(obj.id_number)


def _shown_phone(obj, context) -> str:
    shown = permissions.may_see_officer_personal_data(context["request"].user, obj)
    return obj.phone if shown else mask_phone(obj.phone)


OfficerOut = model_schema(
    "OfficerOut", Officer,
    ("id", "full_name", "org_unit", "id_number", "phone", "position", "may_act_today", "certificate_problem"),
    base=RecordOut,
    extra={"may_act_today": (bool, Field(..., title="今日可否执法", description="今日是否持有有效执法证件")),
           "certificate_problem": (str | None, Field(None, title="不能执法的原因"))},
    resolve={"id_number": _shown_id_number, "phone": _shown_phone,
             "certificate_problem": lambda obj: selectors.officer_certificate_problem(obj, clock.today()),
             "may_act_today": lambda obj: selectors.officer_valid_certificate(obj, clock.today()) is not None},
    doc="An officer: ID number and phone in full for those who keep the register and the officer, masked for "
        "colleagues and leaders (permissions.may_see_officer_personal_data); the detail's view is logged.")


class OfficerListOut(OfficerOut):
    """An officer in a list: ID number and phone masked."""

    @staticmethod
    def resolve_id_number(obj, context) -> str:
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        return mask_phone(obj.phone)


OfficerFilters = model_schema("OfficerFilters", Officer, ("q", "include_archived", "org_unit"), base=QueryParams,
                              extra=filter_fields())
OfficerIn = model_schema(
    "OfficerIn", Officer, ("org_unit", "full_name", "id_number", "phone", "position"), base=InputSchema,
    options={"id_number": {"description": "18位居民身份证号码（GB 11643-1999），末位为校验码"}})
OfficerPatch = patch_schema(OfficerIn)


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
              convert={"org_unit": unit_to_write(Officer),
                 "id_number": lambda user, number: number.upper() if number else number})


# ===== certificates =====

certificates = Router()


def _days_to_expiry(obj) -> int | None:
    today = clock.today()
    return (obj.valid_until - today).days if obj.status_on(today) == CertificateStatus.VALID else None


_CERTIFICATE_FIELDS = ("number", "issuer", "area", "field", "valid_from", "valid_until")
CertificateOut = model_schema(
    "CertificateOut", EnforcementCertificate,
    ("id", "number", "officer", "issuer", "area", "field", "valid_from", "valid_until", "status", "status_label",
     "status_today", "status_today_label", "days_to_expiry"), base=RecordOut, types={"officer": OfficerRef},
    extra={"status_today": (str, Field(..., title="今日状态",
                                       description="按今日日期判断：" + choices_text(CertificateStatus))),
           "status_today_label": str,
           "days_to_expiry": (int | None, Field(None, title="距到期天数", description="有效时为剩余天数，否则为空"))},
    resolve={"status_today": lambda obj: obj.status_on(clock.today()),
             "status_today_label": lambda obj: str(CertificateStatus(obj.status_on(clock.today())).label),
             "days_to_expiry": _days_to_expiry})
CertificateFilters = model_schema("CertificateFilters", EnforcementCertificate,
                                  ("q", "include_archived", "officer", "status"), base=QueryParams,
                                  types={"status": CertificateStatus}, extra=filter_fields())
CertificateIn = model_schema("CertificateIn", EnforcementCertificate, ("officer", *_CERTIFICATE_FIELDS),
                             base=InputSchema)


def _certificates(user):
    return EnforcementCertificate.objects.visible_to(user).select_related("officer")


_filter_certificates = filters_by({"officer": "officer_id", "status": "status"}, "number", "officer__full_name")


record_routes(certificates, model=EnforcementCertificate, prefix="enforcement_certificates", title="执法证件",
              out=CertificateOut,
              rows=_certificates, filters_schema=CertificateFilters, apply=_filter_certificates,
              create=CertificateIn, service=services.certificate_issue,
              create_summary="核发执法证件（同时设置到期提醒）",
              convert={"officer": lambda user, pk: pick_linked(Officer, user, pk, EnforcementCertificate, "officer")})


lifecycle_routes(
    certificates, lifecycle.CERTIFICATE, model=EnforcementCertificate, rows=_certificates, out=CertificateOut,
    record_param="certificate", operation_prefix="enforcement_certificates",
    routes={
        "suspend": ActionRoute("suspend", ReasonIn, services.certificate_suspend,
                               permissions.may_suspend_certificate, summary="暂扣执法证件"),
        "reinstate": ActionRoute("reinstate", ReasonIn, services.certificate_reinstate,
                                 permissions.may_reinstate_certificate, summary="恢复被暂扣的执法证件"),
        "revoke": ActionRoute("revoke", ReasonIn, services.certificate_revoke, permissions.may_revoke_certificate,
                              summary="注销执法证件"),
    },
)


# ===== certificate applications =====

applications = Router()


ApplicationOut = model_schema(
    "ApplicationOut", CertificateApplication,
    ("id", "officer", "kind", "kind_label", "exam_result", "applied_on", "status", "status_label", "certificate"),
    base=RecordOut, types={"officer": OfficerRef, "exam_result": int, "certificate": NumberRef},
    optional=("certificate",), options={"exam_result": {"description": "考试成绩的 id"}},
    resolve={"exam_result": lambda obj: obj.exam_result_id})
ApplicationFilters = model_schema("ApplicationFilters", CertificateApplication,
                                  ("q", "include_archived", "status", "kind"), base=QueryParams,
                                  types={"status": ApplicationStatus, "kind": ExamKind}, extra=filter_fields())
ApplicationIn = model_schema("ApplicationIn", CertificateApplication, ("exam_result", "applied_on"),
                             base=InputSchema)
# Approving issues the certificate: the body is the certificate's fields.
ApproveIn = model_schema("ApproveIn", EnforcementCertificate, _CERTIFICATE_FIELDS, base=ActionIn)


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


lifecycle_routes(
    applications, lifecycle.APPLICATION, model=CertificateApplication, rows=_applications, out=ApplicationOut,
    record_param="application", operation_prefix="enforcement_applications",
    routes={"reject": ActionRoute("reject", ReasonIn, services.certificate_application_reject,
                                  permissions.may_reject_application)},
    not_routed={"approve": "its own route above: a 422 names the fields of the certificate it issues"},
)


# ===== trainings =====

trainings = Router()


# A filter on the year a training or an exam was held (held_on__year): not a field of the model.
_YEAR = {"year": (int | None, Field(None, ge=1990, le=2100, title="年度"))}

TrainingOut = model_schema(
    "TrainingOut", Training, ("id", "organiser", "topic", "held_on", "hours", "trainer", "attendance_count"),
    base=RecordOut, extra={"attendance_count": (int, Field(..., title="参训人次"))})
AttendanceOut = model_schema("AttendanceOut", TrainingAttendance, ("id", "officer", "org_unit"),
                             types={"officer": OfficerRef}, extra={"org_unit": str},
                             resolve={"org_unit": lambda obj: obj.officer.org_unit.name})
TrainingFilters = model_schema("TrainingFilters", Training, ("q", "include_archived", "organiser", "year"),
                               base=QueryParams, extra={**filter_fields(), **_YEAR})
TrainingIn = model_schema("TrainingIn", Training, ("organiser", "topic", "held_on", "hours", "trainer"),
                          base=InputSchema, options={"hours": {"gt": 0, "max_digits": 5, "decimal_places": 1}})
TrainingPatch = patch_schema(TrainingIn)
AttendanceIn = model_schema("AttendanceIn", TrainingAttendance, ("officer",), base=ActionIn)


def _trainings(user):
    return (Training.objects.visible_to(user).select_related("organiser")
            .annotate(attendance_count=Count("attendances", filter=Q(attendances__archived_on__isnull=True)))
            .order_by("-held_on", "-pk"))


_filter_trainings = filters_by({"organiser": "organiser_id", "year": "held_on__year"}, "topic", "trainer")


record_routes(trainings, model=Training, prefix="enforcement_trainings", title="执法培训", out=TrainingOut,
              rows=_trainings, filters_schema=TrainingFilters, apply=_filter_trainings,
              create=TrainingIn, service=services.training_record, create_summary="登记执法培训",
              patch=TrainingPatch, archivable=True,
              convert={"organiser": unit_to_write(Training, "organiser")})


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


_MARK = {"ge": 0, "le": 100, "max_digits": 5, "decimal_places": 1}  # a score or a pass mark, out of 100

ExamOut = model_schema(
    "ExamOut", Exam, ("id", "organiser", "training", "held_on", "kind", "kind_label", "pass_mark"), base=RecordOut,
    types={"training": int}, optional=("training",), options={"training": {"description": "关联培训的 id"}},
    resolve={"training": lambda obj: obj.training_id})
ResultOut = model_schema("ResultOut", ExamResult, ("id", "officer", "score", "passed"), types={"officer": OfficerRef},
                         extra={"passed": (bool, Field(..., title="是否合格"))})
ExamFilters = model_schema("ExamFilters", Exam, ("q", "include_archived", "organiser", "kind", "year"),
                           base=QueryParams, types={"kind": ExamKind}, extra={**filter_fields(), **_YEAR})
ExamIn = model_schema("ExamIn", Exam, ("organiser", "training", "held_on", "kind", "pass_mark"), base=InputSchema,
                      types={"kind": ExamKind}, options={"pass_mark": {"default": Decimal(60), **_MARK}})
ExamPatch = patch_schema(ExamIn, fields=("organiser", "held_on", "kind", "pass_mark"))
ExamResultIn = model_schema("ExamResultIn", ExamResult, ("officer", "score"), base=ActionIn,
                            options={"score": _MARK})


def _exams(user):
    return Exam.objects.visible_to(user).select_related("organiser")


_filter_exams = filters_by({"organiser": "organiser_id", "kind": "kind", "year": "held_on__year"}, "training__topic")


record_routes(exams, model=Exam, prefix="enforcement_exams", title="执法资格考试", out=ExamOut, rows=_exams,
              filters_schema=ExamFilters, apply=_filter_exams,
              create=ExamIn, service=services.exam_record, create_summary="登记执法资格考试",
              patch=ExamPatch, archivable=True,
              convert={"organiser": unit_to_write(Exam, "organiser"),
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


OfficerNameOut = model_schema("OfficerNameOut", Officer, ("id", "full_name"))


# The year's figures of selectors.training_statistics: counts, not fields of a model, so declared here.
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

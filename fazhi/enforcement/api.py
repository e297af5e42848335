"""REST API of administrative enforcement: /api/enforcement/...

The same records and rules as the pages (fazhi.enforcement.views): reads through
`visible_to(user)` (404 outside the scope, the same answer as a missing id); creation and
every workflow action through the module's services; changes through `record_update` with the
`version` read (409 when stale). A workflow action is allowed to exactly the users the page
offers it to (the pages' `workflow` decides, so the two cannot drift apart); others get 403.
ID numbers and phones are masked in lists and shown in full only in a record's detail, which
is logged as a view of personal data.
"""

import datetime as dt
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, File, Form, Path, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from fazhi.core import clock
from fazhi.core.api_support import (
    MAX_ID,
    UNAVAILABLE,
    ActionIn,
    Filters,
    InputSchema,
    OrgUnitRef,
    RecordId,
    YearQuery,
    choices_text,
    converted_values,
    ensure_can_change,
    ensure_unit_in_scope,
    gate_action,
    get_visible_or_404,
    label,
    patch_schema,
    pick_linked,
    record_id_param,
    record_invalid,
    record_routes,
    responses,
    run_service,
    search_rows,
)
from fazhi.core.exceptions import PermissionDeniedError, StaleRecordError
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.deadlines.constants import PROVISIONAL_DESCRIPTION
from fazhi.enforcement import selectors, services, views
from fazhi.enforcement.constants import (
    ApplicationStatus,
    BodyKind,
    CertificateStatus,
    DecisionKind,
    ExamKind,
    InspectionStatus,
    LegalReviewer,
    MajorCriterionKind,
    MatterKind,
    OverturnKind,
    RecordKind,
    StepKind,
)
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    CertificateApplication,
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
from fazhi.enforcement.permissions import may_see_officer_personal_data
from fazhi.enforcement.redaction import pseudonym
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit

router = Router(tags=["行政执法"])

# ----- shared shapes -----


class RecordOut(Schema):
    version: int = Field(..., description="修改、归档或办理时原样发回，用于防止覆盖他人的修改")
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None
    archived_reason: str


class Ref(Schema):
    id: int
    name: str


class OfficerRef(Schema):
    id: int
    full_name: str


class NumberRef(Schema):
    id: int
    number: str


class EntityRef(Schema):
    id: int
    uscc: str
    name: str


class ReasonIn(ActionIn):
    reason: str = Field(..., min_length=1, max_length=200, title="原因")


class DoneOut(Schema):
    detail: str


def _id(field_title: str, *, required: bool = True):
    return Field(... if required else None, ge=1, le=MAX_ID, title=field_title, description="记录 id")



def _labelled(obj, field: str) -> str:
    return getattr(obj, f"get_{field}_display")()


def _unit_field(user, model, unit_id: int | None, field: str):
    """An org unit the user may pick for a record of `model`, and may write into (else 403)."""
    unit = pick_linked(OrgUnit, user, unit_id, model, field)
    if unit is not None:
        ensure_unit_in_scope(user, model, unit.pk)
    return unit


# ===== bodies =====

B = EnforcementBody
bodies = Router()


class BodyOut(RecordOut):
    id: int
    name: str = Field(..., title=label(B, "name"))
    org_unit: OrgUnitRef = Field(..., title=label(B, "org_unit"))
    kind: str = Field(..., title=label(B, "kind"), description=choices_text(BodyKind))
    kind_label: str
    legal_basis: str = Field(..., title=label(B, "legal_basis"))
    fields: str = Field(..., title=label(B, "fields"))
    legal_reviewer: str = Field(..., title=label(B, "legal_reviewer"), description=choices_text(LegalReviewer))

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")


class BodyFilters(Filters):
    org_unit: int | None = _id(label(B, "org_unit"), required=False)
    kind: BodyKind | None = Field(None, title=label(B, "kind"), description=choices_text(BodyKind))


class BodyIn(InputSchema):
    org_unit: int = _id(label(B, "org_unit"))
    name: str = Field(..., min_length=1, max_length=200, title=label(B, "name"))
    kind: BodyKind = Field(BodyKind.STATUTORY, title=label(B, "kind"), description=choices_text(BodyKind))
    legal_basis: str = Field(..., min_length=1, title=label(B, "legal_basis"))
    fields: str = Field("", max_length=200, title=label(B, "fields"))
    legal_reviewer: LegalReviewer = Field(LegalReviewer.LEGAL_OFFICE, title=label(B, "legal_reviewer"),
                                          description=choices_text(LegalReviewer))


BodyPatch = patch_schema(BodyIn)


def _bodies(user):
    return B.objects.visible_to(user).select_related("org_unit")


def _filter_bodies(rows, f: BodyFilters):
    if f.org_unit is not None:
        rows = rows.filter(org_unit_id=f.org_unit)
    if f.kind is not None:
        rows = rows.filter(kind=f.kind)
    return search_rows(rows, f, "name", "fields")


record_routes(bodies, model=B, prefix="enforcement_bodies", title="执法主体", out=BodyOut, rows=_bodies,
              filters_schema=BodyFilters, apply=_filter_bodies,
              create=BodyIn, service=services.body_create, create_summary="新增执法主体",
              patch=BodyPatch, archivable=True,
              convert={"org_unit": lambda user, pk: _unit_field(user, B, pk, "org_unit")})


# ===== matters =====

M = EnforcementMatter
matters = Router()


class MatterOut(RecordOut):
    id: int
    code: str = Field(..., title=label(M, "code"))
    name: str = Field(..., title=label(M, "name"))
    kind: str = Field(..., title=label(M, "kind"), description=choices_text(MatterKind))
    kind_label: str
    body: Ref = Field(..., title=label(M, "body"))
    legal_basis: str = Field(..., title=label(M, "legal_basis"))

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")


class MatterFilters(Filters):
    body: int | None = _id(label(M, "body"), required=False)
    kind: MatterKind | None = Field(None, title=label(M, "kind"), description=choices_text(MatterKind))


class MatterIn(InputSchema):
    body: int = _id(label(M, "body"))
    code: str = Field(..., min_length=1, max_length=50, title=label(M, "code"))
    name: str = Field(..., min_length=1, max_length=200, title=label(M, "name"))
    kind: MatterKind = Field(..., title=label(M, "kind"), description=choices_text(MatterKind))
    legal_basis: str = Field(..., min_length=1, title=label(M, "legal_basis"))


MatterPatch = patch_schema(MatterIn)


def _matters(user):
    return M.objects.visible_to(user).select_related("body")


def _filter_matters(rows, f: MatterFilters):
    if f.body is not None:
        rows = rows.filter(body_id=f.body)
    if f.kind is not None:
        rows = rows.filter(kind=f.kind)
    return search_rows(rows, f, "code", "name", "legal_basis")


record_routes(matters, model=M, prefix="enforcement_matters", title="执法事项", out=MatterOut, rows=_matters,
              filters_schema=MatterFilters, apply=_filter_matters,
              create=MatterIn, service=services.matter_create, create_summary="新增执法事项",
              patch=MatterPatch, archivable=True,
              convert={"body": lambda user, pk: pick_linked(B, user, pk, M, "body")})


# ===== officers =====

O = Officer  # noqa: E741
officers = Router()


class OfficerOut(RecordOut):
    """An officer: ID number and phone in full for those who keep the register and the officer, masked for
    colleagues and leaders (permissions.may_see_officer_personal_data); the detail's view is logged."""

    id: int
    full_name: str = Field(..., title=label(O, "full_name"))
    org_unit: OrgUnitRef = Field(..., title=label(O, "org_unit"))
    id_number: str = Field(..., title=label(O, "id_number"))
    phone: str = Field(..., title=label(O, "phone"))
    position: str = Field(..., title=label(O, "position"))
    may_act_today: bool = Field(..., title="今日可否执法", description="今日是否持有有效执法证件")
    certificate_problem: str | None = Field(None, title="不能执法的原因")

    @staticmethod
    def resolve_id_number(obj, context) -> str:
        shown = may_see_officer_personal_data(context["request"].user, obj)
        return obj.id_number if shown else mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        return obj.phone if may_see_officer_personal_data(context["request"].user, obj) else mask_phone(obj.phone)

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
    org_unit: int | None = _id(label(O, "org_unit"), required=False)


class OfficerIn(InputSchema):
    org_unit: int = _id(label(O, "org_unit"))
    full_name: str = Field(..., min_length=1, max_length=50, title=label(O, "full_name"))
    id_number: str = Field(..., min_length=1, max_length=18, title=label(O, "id_number"),
                           description="18位居民身份证号码（GB 11643-1999），末位为校验码")
    phone: str = Field("", max_length=20, title=label(O, "phone"))
    position: str = Field("", max_length=50, title=label(O, "position"))


# The PATCH has always documented id_number without the input's format description.
OfficerPatch = patch_schema(
    OfficerIn, replace={"id_number": Field(None, min_length=1, max_length=18, title=label(O, "id_number"))},
)


def _officers(user):
    return O.objects.visible_to(user).select_related("org_unit")


def _filter_officers(rows, f: OfficerFilters):
    if f.org_unit is not None:
        rows = rows.filter(org_unit_id=f.org_unit)
    return search_rows(rows, f, "full_name")


def _officer_history_masks(user, officer) -> dict | None:
    """A colleague or a leader reads an officer's history with the ID number and phone masked, as on the page."""
    return None if may_see_officer_personal_data(user, officer) else views.OfficerPages.masked_fields


record_routes(officers, model=O, prefix="enforcement_officers", title="执法人员", out=OfficerOut, rows=_officers,
              list_out=OfficerListOut, filters_schema=OfficerFilters, apply=_filter_officers,
              create=OfficerIn, service=services.officer_create, create_summary="新增执法人员",
              patch=OfficerPatch, archivable=True, history_masks_for=_officer_history_masks,
              # The model upper-cases the number on save; doing it here lets validation (uniqueness too)
              # see it as stored.
              convert={"org_unit": lambda user, pk: _unit_field(user, O, pk, "org_unit"),
                 "id_number": lambda user, number: number.upper() if number else number})


# ===== certificates =====

C = EnforcementCertificate
certificates = Router()


class CertificateOut(RecordOut):
    id: int
    number: str = Field(..., title=label(C, "number"))
    officer: OfficerRef = Field(..., title=label(C, "officer"))
    issuer: str = Field(..., title=label(C, "issuer"))
    area: str = Field(..., title=label(C, "area"))
    field: str = Field(..., title=label(C, "field"))
    valid_from: dt.date = Field(..., title=label(C, "valid_from"))
    valid_until: dt.date = Field(..., title=label(C, "valid_until"))
    status: str = Field(..., title=label(C, "status"), description="记录的状态；" + choices_text(CertificateStatus))
    status_label: str
    status_today: str = Field(..., title="今日状态", description="按今日日期判断：" + choices_text(CertificateStatus))
    status_today_label: str
    days_to_expiry: int | None = Field(None, title="距到期天数", description="有效时为剩余天数，否则为空")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return _labelled(obj, "status")

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
    officer: int | None = _id(label(C, "officer"), required=False)
    status: CertificateStatus | None = Field(None, title=label(C, "status"),
                                             description="记录的状态；" + choices_text(CertificateStatus))


class CertificateIn(InputSchema):
    officer: int = _id(label(C, "officer"))
    number: str = Field(..., min_length=1, max_length=50, title=label(C, "number"))
    issuer: str = Field(..., min_length=1, max_length=100, title=label(C, "issuer"))
    area: str = Field(..., min_length=1, max_length=100, title=label(C, "area"))
    field: str = Field(..., min_length=1, max_length=100, title=label(C, "field"))
    valid_from: dt.date = Field(..., title=label(C, "valid_from"))
    valid_until: dt.date = Field(..., title=label(C, "valid_until"))


def _certificates(user):
    return C.objects.visible_to(user).select_related("officer")


def _filter_certificates(rows, f: CertificateFilters):
    if f.officer is not None:
        rows = rows.filter(officer_id=f.officer)
    if f.status is not None:
        rows = rows.filter(status=f.status)
    return search_rows(rows, f, "number", "officer__full_name")


record_routes(certificates, model=C, prefix="enforcement_certificates", title="执法证件", out=CertificateOut,
              rows=_certificates, filters_schema=CertificateFilters, apply=_filter_certificates,
              create=CertificateIn, service=services.certificate_issue,
              create_summary="核发执法证件（同时设置到期提醒）",
              convert={"officer": lambda user, pk: pick_linked(O, user, pk, C, "officer")})


def _certificate_action(name: str, service, summary: str) -> None:
    @certificates.post(f"/{{id}}/{name}", response=responses(400, 401, 403, 404, 409, 422, s200=CertificateOut),
                       operation_id=f"enforcement_certificates_{name}", summary=summary)
    def act(request: HttpRequest, payload: ReasonIn, id: int = record_id_param()):
        user = request.user
        record = get_visible_or_404(C, user, id)
        gate_action(views.certificates, name, user, record, payload.version)
        run_service(C, service, user=user, certificate=record, reason=payload.reason)
        return _certificates(user).get(pk=record.pk)


_certificate_action("suspend", services.certificate_suspend, "暂扣执法证件")
_certificate_action("reinstate", services.certificate_reinstate, "恢复被暂扣的执法证件")
_certificate_action("revoke", services.certificate_revoke, "注销执法证件")


# ===== trainings =====

T = Training
trainings = Router()


class TrainingOut(RecordOut):
    id: int
    organiser: OrgUnitRef = Field(..., title=label(T, "organiser"))
    topic: str = Field(..., title=label(T, "topic"))
    held_on: dt.date = Field(..., title=label(T, "held_on"))
    hours: Decimal = Field(..., title=label(T, "hours"))
    trainer: str = Field(..., title=label(T, "trainer"))
    attendance_count: int = Field(..., title="参训人次")


class AttendanceOut(Schema):
    id: int
    officer: OfficerRef
    org_unit: str

    @staticmethod
    def resolve_org_unit(obj) -> str:
        return obj.officer.org_unit.name


class TrainingFilters(Filters):
    organiser: int | None = _id(label(T, "organiser"), required=False)
    year: int | None = Field(None, ge=1990, le=2100, title="年度")


class TrainingIn(InputSchema):
    organiser: int = _id(label(T, "organiser"))
    topic: str = Field(..., min_length=1, max_length=200, title=label(T, "topic"))
    held_on: dt.date = Field(..., title=label(T, "held_on"))
    hours: Decimal = Field(..., gt=0, max_digits=5, decimal_places=1, title=label(T, "hours"))
    trainer: str = Field(..., min_length=1, max_length=100, title=label(T, "trainer"))


TrainingPatch = patch_schema(TrainingIn)


class AttendanceIn(ActionIn):
    officer: int = _id("参训人员")


def _trainings(user):
    return (T.objects.visible_to(user).select_related("organiser")
            .annotate(attendance_count=Count("attendances", filter=Q(attendances__archived_on__isnull=True)))
            .order_by("-held_on", "-pk"))


def _filter_trainings(rows, f: TrainingFilters):
    if f.organiser is not None:
        rows = rows.filter(organiser_id=f.organiser)
    if f.year is not None:
        rows = rows.filter(held_on__year=f.year)
    return search_rows(rows, f, "topic", "trainer")


record_routes(trainings, model=T, prefix="enforcement_trainings", title="执法培训", out=TrainingOut, rows=_trainings,
              filters_schema=TrainingFilters, apply=_filter_trainings,
              create=TrainingIn, service=services.training_record, create_summary="登记执法培训",
              patch=TrainingPatch, archivable=True,
              convert={"organiser": lambda user, pk: _unit_field(user, T, pk, "organiser")})


@trainings.get("/{id}/attendances", response=responses(401, 404, 422, s200=list[AttendanceOut]),
               operation_id="enforcement_trainings_attendances", summary="参训人员")
def trainings_attendances(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(T, request.user, id)
    return (TrainingAttendance.objects.visible_to(request.user).active().filter(training=record)
            .select_related("officer", "officer__org_unit").order_by("pk"))


@trainings.post("/{id}/attendances", response=responses(400, 401, 403, 404, 409, 422, s201=AttendanceOut),
                operation_id="enforcement_trainings_attend", summary="登记参训人员")
def trainings_attend(request: HttpRequest, payload: AttendanceIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(T, user, id)
    gate_action(views.trainings, "attend", user, record, payload.version)
    officer = pick_linked(O, user, payload.officer, TrainingAttendance, "officer")
    attendance = run_service(TrainingAttendance, services.attendance_add, user=user, training=record, officer=officer)
    return Status(201, attendance)


# ===== exams =====

E = Exam
exams = Router()


class ExamOut(RecordOut):
    id: int
    organiser: OrgUnitRef = Field(..., title=label(E, "organiser"))
    training: int | None = Field(None, title=label(E, "training"), description="关联培训的 id")
    held_on: dt.date = Field(..., title=label(E, "held_on"))
    kind: str = Field(..., title=label(E, "kind"), description=choices_text(ExamKind))
    kind_label: str
    pass_mark: Decimal = Field(..., title=label(E, "pass_mark"))

    @staticmethod
    def resolve_training(obj) -> int | None:
        return obj.training_id

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")


class ResultOut(Schema):
    id: int
    officer: OfficerRef
    score: Decimal
    passed: bool = Field(..., title="是否合格")


class ExamFilters(Filters):
    organiser: int | None = _id(label(E, "organiser"), required=False)
    kind: ExamKind | None = Field(None, title=label(E, "kind"), description=choices_text(ExamKind))
    year: int | None = Field(None, ge=1990, le=2100, title="年度")


class ExamIn(InputSchema):
    organiser: int = _id(label(E, "organiser"))
    training: int | None = _id(label(E, "training"), required=False)
    held_on: dt.date = Field(..., title=label(E, "held_on"))
    kind: ExamKind = Field(..., title=label(E, "kind"), description=choices_text(ExamKind))
    pass_mark: Decimal = Field(Decimal(60), ge=0, le=100, max_digits=5, decimal_places=1, title=label(E, "pass_mark"))


ExamPatch = patch_schema(ExamIn, fields=("organiser", "held_on", "kind", "pass_mark"))


class ExamResultIn(ActionIn):
    officer: int = _id("考生")
    score: Decimal = Field(..., ge=0, le=100, max_digits=5, decimal_places=1, title="成绩")


def _exams(user):
    return E.objects.visible_to(user).select_related("organiser")


def _filter_exams(rows, f: ExamFilters):
    if f.organiser is not None:
        rows = rows.filter(organiser_id=f.organiser)
    if f.kind is not None:
        rows = rows.filter(kind=f.kind)
    if f.year is not None:
        rows = rows.filter(held_on__year=f.year)
    return search_rows(rows, f, "training__topic")


record_routes(exams, model=E, prefix="enforcement_exams", title="执法资格考试", out=ExamOut, rows=_exams,
              filters_schema=ExamFilters, apply=_filter_exams,
              create=ExamIn, service=services.exam_record, create_summary="登记执法资格考试",
              patch=ExamPatch, archivable=True,
              convert={"organiser": lambda user, pk: _unit_field(user, E, pk, "organiser"),
                 "training": lambda user, pk: pick_linked(T, user, pk, E, "training")})


@exams.get("/{id}/results", response=responses(401, 404, 422, s200=list[ResultOut]),
           operation_id="enforcement_exams_results", summary="考试成绩（含是否合格）")
def exams_results(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(E, request.user, id)
    return (ExamResult.objects.visible_to(request.user).active().filter(exam=record)
            .select_related("officer", "exam").order_by("-score", "pk"))


@exams.post("/{id}/results", response=responses(400, 401, 403, 404, 409, 422, s201=ResultOut),
            operation_id="enforcement_exams_result", summary="登记考试成绩")
def exams_result(request: HttpRequest, payload: ExamResultIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(E, user, id)
    gate_action(views.exams, "result", user, record, payload.version)
    officer = pick_linked(O, user, payload.officer, ExamResult, "officer")
    result = run_service(ExamResult, services.exam_result_record, user=user, exam=record, officer=officer,
                         score=payload.score)
    return Status(201, result)


# ===== certificate applications =====

A = CertificateApplication
applications = Router()


class ApplicationOut(RecordOut):
    id: int
    officer: OfficerRef = Field(..., title=label(A, "officer"))
    kind: str = Field(..., title=label(A, "kind"), description=choices_text(ExamKind))
    kind_label: str
    exam_result: int = Field(..., title=label(A, "exam_result"), description="考试成绩的 id")
    applied_on: dt.date = Field(..., title=label(A, "applied_on"))
    status: str = Field(..., title=label(A, "status"), description=choices_text(ApplicationStatus))
    status_label: str
    certificate: NumberRef | None = Field(None, title=label(A, "certificate"))

    @staticmethod
    def resolve_exam_result(obj) -> int:
        return obj.exam_result_id

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return _labelled(obj, "status")


class ApplicationFilters(Filters):
    status: ApplicationStatus | None = Field(None, title=label(A, "status"),
                                             description=choices_text(ApplicationStatus))
    kind: ExamKind | None = Field(None, title=label(A, "kind"), description=choices_text(ExamKind))


class ApplicationIn(InputSchema):
    exam_result: int = _id(label(A, "exam_result"))
    applied_on: dt.date = Field(..., title=label(A, "applied_on"))


class ApproveIn(ActionIn):
    number: str = Field(..., min_length=1, max_length=50, title=label(C, "number"))
    issuer: str = Field(..., min_length=1, max_length=100, title=label(C, "issuer"))
    area: str = Field(..., min_length=1, max_length=100, title=label(C, "area"))
    field: str = Field(..., min_length=1, max_length=100, title=label(C, "field"))
    valid_from: dt.date = Field(..., title=label(C, "valid_from"))
    valid_until: dt.date = Field(..., title=label(C, "valid_until"))


def _applications(user):
    return A.objects.visible_to(user).select_related("officer", "certificate")


def _filter_applications(rows, f: ApplicationFilters):
    if f.status is not None:
        rows = rows.filter(status=f.status)
    if f.kind is not None:
        rows = rows.filter(kind=f.kind)
    return search_rows(rows, f, "officer__full_name")


record_routes(applications, model=A, prefix="enforcement_applications", title="执法证件申领", out=ApplicationOut,
              rows=_applications, filters_schema=ApplicationFilters, apply=_filter_applications,
              create=ApplicationIn, service=services.certificate_application_submit,
              create_summary="申领执法证件（须考试合格）",
              convert={"exam_result": lambda user, pk: pick_linked(ExamResult, user, pk, A, "exam_result")})


@applications.post("/{id}/approve", response=responses(400, 401, 403, 404, 409, 422, s200=ApplicationOut),
                   operation_id="enforcement_applications_approve", summary="核发执法证件")
def applications_approve(request: HttpRequest, payload: ApproveIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(A, user, id)
    gate_action(views.applications, "approve", user, record, payload.version)
    run_service(C, services.certificate_application_approve, user=user, application=record,
                **payload.model_dump(exclude={"version"}))
    return _applications(user).get(pk=record.pk)


@applications.post("/{id}/reject", response=responses(400, 401, 403, 404, 409, 422, s200=ApplicationOut),
                   operation_id="enforcement_applications_reject", summary="不予核发")
def applications_reject(request: HttpRequest, payload: ReasonIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(A, user, id)
    gate_action(views.applications, "reject", user, record, payload.version)
    run_service(A, services.certificate_application_reject, user=user, application=record, reason=payload.reason)
    return _applications(user).get(pk=record.pk)


# ===== major-decision criteria =====

K = MajorCriterion
criteria = Router()


class CriterionOut(RecordOut):
    id: int
    kind: str = Field(..., title=label(K, "kind"), description=choices_text(MajorCriterionKind))
    kind_label: str
    fine_threshold: Decimal | None = Field(None, title=label(K, "fine_threshold"))
    legal_source: str = Field(..., title=label(K, "legal_source"))
    enabled: bool = Field(..., title=label(K, "enabled"))

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")


class CriterionFilters(Filters):
    enabled: bool | None = Field(None, title=label(K, "enabled"))


class CriterionIn(InputSchema):
    kind: MajorCriterionKind = Field(..., title=label(K, "kind"), description=choices_text(MajorCriterionKind))
    fine_threshold: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2,
                                           title=label(K, "fine_threshold"))
    legal_source: str = Field(..., min_length=1, max_length=200, title=label(K, "legal_source"))
    enabled: bool = Field(True, title=label(K, "enabled"))


CriterionPatch = patch_schema(CriterionIn, fields=("fine_threshold", "legal_source", "enabled"))


def _criteria(user):
    return K.objects.visible_to(user)


def _filter_criteria(rows, f: CriterionFilters):
    if f.enabled is not None:
        rows = rows.filter(enabled=f.enabled)
    return search_rows(rows, f, "legal_source")


record_routes(criteria, model=K, prefix="enforcement_criteria", title="重大执法决定情形", out=CriterionOut,
              rows=_criteria,
              filters_schema=CriterionFilters, apply=_filter_criteria,
              create=CriterionIn, service=services.major_criterion_set,
              create_summary="设置重大执法决定情形（法制机构）",
              archivable=True)  # its update has its own handler (below)


@criteria.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=CriterionOut),
                operation_id="enforcement_criteria_update", summary="修改重大执法决定情形（需提供 version）")
def criteria_update(request: HttpRequest, payload: CriterionPatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(K, user, id)
    ensure_can_change(user, record)
    if record.version != payload.version:
        raise StaleRecordError(record)
    # Through the service, so the catalogue's rules (a threshold for fines only) hold on every change.
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    values = {"legal_source": record.legal_source, "fine_threshold": record.fine_threshold,
              "enabled": record.enabled, **sent}
    run_service(K, services.major_criterion_set, user=user, kind=record.kind, **values)
    return _criteria(user).get(pk=record.pk)


# ===== cases =====

X = EnforcementCase
cases = Router()


def _publication(case) -> selectors.PublicationStatus:
    """The case's publication status, worked out once per response (several fields read it)."""
    if not hasattr(case, "_publication_status"):
        case._publication_status = selectors.case_publication_status(case)
    return case._publication_status


class CaseBaseOut(RecordOut):
    """What the list and the detail of a case share (no decision text: it may name the party)."""

    id: int
    number: str = Field(..., title=label(X, "number"))
    body: Ref = Field(..., title=label(X, "body"))
    kind: str = Field(..., title=label(X, "kind"), description=choices_text(MatterKind))
    kind_label: str
    matter: Ref | None = Field(None, title=label(X, "matter"))
    party_entity: EntityRef | None = Field(None, title=label(X, "party_entity"))
    party_name: str = Field(..., title=label(X, "party_name"))
    party_id_number: str = Field(..., title=label(X, "party_id_number"))
    summary: str = Field(..., title=label(X, "summary"))
    opened_on: dt.date = Field(..., title=label(X, "opened_on"))
    had_hearing: bool = Field(..., title=label(X, "had_hearing"))
    declared_major: bool = Field(..., title=label(X, "declared_major"))
    declared_major_reason: str = Field(..., title=label(X, "declared_major_reason"))
    decision_kind: str = Field(..., title=label(X, "decision_kind"), description=choices_text(DecisionKind))
    fine_amount: Decimal | None = Field(None, title=label(X, "fine_amount"))
    decided_on: dt.date | None = Field(None, title=label(X, "decided_on"))
    closed_on: dt.date | None = Field(None, title=label(X, "closed_on"))
    decision_kind_label: str
    publication_status: str = Field(..., title="执法公示状态",
                                    description="not_decided, pending, on_time, late, overdue")
    publication_status_label: str
    publication_due_on: dt.date | None = Field(None, title="应公示日期")
    publication_due_provisional: bool = Field(False, title="应公示日期为暂定", description=PROVISIONAL_DESCRIPTION)
    major_reasons: list[str] = Field(..., title="属于重大执法决定的理由", description="为空则不属于")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")

    @staticmethod
    def resolve_decision_kind_label(obj) -> str:
        return _labelled(obj, "decision_kind")

    @staticmethod
    def resolve_publication_status(obj) -> str:
        return _publication(obj).status

    @staticmethod
    def resolve_publication_status_label(obj) -> str:
        return _publication(obj).label

    @staticmethod
    def resolve_publication_due_on(obj) -> dt.date | None:
        return _publication(obj).due_on

    @staticmethod
    def resolve_publication_due_provisional(obj) -> bool:
        return _publication(obj).due_provisional

    @staticmethod
    def resolve_major_reasons(obj) -> list[str]:
        return selectors.case_major_reasons(obj)


class CaseOut(CaseBaseOut):
    """A case in full (the detail, whose view is logged: it names the party)."""

    decision_text: str = Field(..., title=label(X, "decision_text"))


class CaseListOut(CaseBaseOut):
    """A case in a list: a person's name as surname + 某, the ID number masked, no decision text
    (it names the party in full; read it in the detail, whose view is logged)."""

    @staticmethod
    def resolve_party_name(obj) -> str:
        return pseudonym(obj.party_name) if obj.party_name else ""

    @staticmethod
    def resolve_party_id_number(obj) -> str:
        return mask_id_number(obj.party_id_number)


class CaseFilters(Filters):
    body: int | None = _id(label(X, "body"), required=False)
    kind: MatterKind | None = Field(None, title=label(X, "kind"), description=choices_text(MatterKind))
    decision_kind: DecisionKind | None = Field(None, title=label(X, "decision_kind"),
                                               description=choices_text(DecisionKind))
    decided: bool | None = Field(None, title="已作出决定")


class CaseIn(InputSchema):
    body: int = _id(label(X, "body"))
    number: str = Field("", max_length=60, title=label(X, "number"), description="留空则自动编号")
    kind: MatterKind | None = Field(None, title=label(X, "kind"), description="不填则取执法事项的类别；"
                                    + choices_text(MatterKind))
    matter: int | None = _id(label(X, "matter"), required=False)
    party_entity: int | None = _id(label(X, "party_entity"), required=False)
    party_name: str = Field("", max_length=50, title=label(X, "party_name"))
    party_id_number: str = Field("", max_length=18, title=label(X, "party_id_number"))
    summary: str = Field(..., min_length=1, max_length=300, title=label(X, "summary"))
    opened_on: dt.date = Field(..., title=label(X, "opened_on"))


CasePatch = patch_schema(
    CaseIn, fields=("party_entity", "party_name", "party_id_number", "summary"),
    doc="Corrects the party and the summary; body, kind, matter and dates carry the case's rules and steps.",
)


class AssignmentOut(Schema):
    id: int
    officer: OfficerRef
    certificate: NumberRef
    assigned_on: dt.date


class RecordFileOut(Schema):
    id: int
    kind: str = Field(..., description=choices_text(RecordKind))
    original_name: str
    size: int
    sha256: str


class CaseStepOut(Schema):
    id: int
    kind: str = Field(..., description=choices_text(StepKind))
    kind_label: str
    happened_on: dt.date
    note: str
    records: list[RecordFileOut]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _labelled(obj, "kind")

    @staticmethod
    def resolve_records(obj) -> list:
        return [r for r in obj.records.all() if r.archived_on is None]


class CaseReviewOut(Schema):
    id: int
    reviewer: str
    reviewed_on: dt.date
    approved: bool
    decision_kind: str = Field(..., title="拟作出的决定类型", description="审核的决定（旧记录可能为空）；"
                               + choices_text(DecisionKind))
    fine_amount: Decimal | None = Field(None, title="拟罚款金额（元）")
    opinion: str

    @staticmethod
    def resolve_reviewer(obj) -> str:
        return obj.reviewer.display_name


class GapOut(Schema):
    step: str
    record_kind: str | None
    text: str


class CheckOut(Schema):
    record_id: int
    name: str
    status: str = Field(..., description="ok 一致；tampered 与保存时不一致（可能被篡改）；missing 文件丢失")
    expected_sha256: str
    actual_sha256: str


class VerificationOut(Schema):
    ok: bool
    checks: list[CheckOut]


class PublicationOut(Schema):
    id: int
    published_on: dt.date
    title: str
    text: str
    withdrawn_on: dt.date | None = Field(None, title="撤回日期")
    withdrawal_reason: str = Field("", title="撤回理由", description="已去除个人信息，向社会公开")


class OverturnOut(Schema):
    id: int
    kind: str = Field(..., title="类型", description=choices_text(OverturnKind))
    overturned_on: dt.date = Field(..., title="变更或撤销日期")
    document: str = Field(..., title="依据文书")
    note: str = Field("", title="说明")


class AssignIn(ActionIn):
    officer: int = _id("执法人员")
    on: dt.date = Field(..., title="指派日期")


class CaseStepIn(ActionIn):
    kind: StepKind = Field(..., title="环节", description=choices_text(StepKind))
    happened_on: dt.date = Field(..., title="日期")
    note: str = Field("", title="说明")


class CaseReviewIn(ActionIn):
    reviewed_on: dt.date = Field(..., title="审核日期")
    approved: bool = Field(..., title="审核通过")
    decision_kind: DecisionKind = Field(..., title="拟作出的决定类型",
                                        description="作出的决定须与之一致；" + choices_text(DecisionKind))
    fine_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2, title="拟罚款金额（元）",
                                        description="罚款决定必填；作出的罚款不能超过此金额")
    opinion: str = Field(..., min_length=1, title="审核意见")


class DeclareMajorIn(ActionIn):
    declared: bool = Field(..., title="认定为重大执法决定", description="true 认定；false 取消认定")
    reason: str = Field(..., min_length=1, max_length=200, title="理由")


class DecideIn(ActionIn):
    decision_kind: DecisionKind = Field(..., title="决定类型", description=choices_text(DecisionKind))
    decided_on: dt.date = Field(..., title="决定日期")
    text: str = Field(..., min_length=1, title="决定内容")
    fine_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2, title="罚款金额（元）")


class CasePublishIn(ActionIn):
    """The publication date is not sent: it is the day of the request (the day the decision is made public)."""

    title: str = Field("", max_length=200, title="标题", description="留空则自动生成（已去除个人信息）")


class CloseIn(ActionIn):
    closed_on: dt.date = Field(..., title="结案日期")


class OverturnIn(ActionIn):
    kind: OverturnKind = Field(..., title="类型", description=choices_text(OverturnKind))
    overturned_on: dt.date = Field(..., title="变更或撤销日期", description="复议决定、判决或本机关决定作出之日")
    document: str = Field(..., min_length=1, max_length=200, title="依据文书",
                          description="如行政复议决定书的名称和文号")
    note: str = Field("", title="说明")


class WithdrawIn(ActionIn):
    """The withdrawal date is not sent: it is the day of the request (the day it is taken down)."""

    reason: str = Field(..., min_length=1, title="撤回理由",
                        description="向社会公开说明（行政处罚法 第四十八条第二款）")


def _cases(user):
    return X.objects.visible_to(user).select_related("body", "matter", "party_entity")


def _filter_cases(rows, f: CaseFilters):
    if f.body is not None:
        rows = rows.filter(body_id=f.body)
    if f.kind is not None:
        rows = rows.filter(kind=f.kind)
    if f.decision_kind is not None:
        rows = rows.filter(decision_kind=f.decision_kind)
    if f.decided is not None:
        rows = rows.filter(decided_on__isnull=not f.decided)
    return search_rows(rows, f, "number", "summary")


# For creating and for correcting a case (convert= of _routes, and cases_update).
_CASE_FIELDS = {
    "body": lambda user, pk: pick_linked(B, user, pk, X, "body"),
    "matter": lambda user, pk: pick_linked(M, user, pk, X, "matter"),
    "party_entity": lambda user, pk: pick_linked(MarketEntity, user, pk, X, "party_entity"),
    "kind": lambda user, kind: kind or "",  # blank: the matter's kind
}
record_routes(cases, model=X, prefix="enforcement_cases", title="执法案件", out=CaseOut, rows=_cases,
              list_out=CaseListOut, filters_schema=CaseFilters, apply=_filter_cases,
              create=CaseIn, service=services.case_open, create_summary="立案（自动记录立案环节）",
              convert=_CASE_FIELDS)  # its update has its own handler (below)


@cases.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
             operation_id="enforcement_cases_update",
             summary="更正案件当事人、案由（需提供 version；结案后不能修改，作出决定后不能更改当事人）")
def cases_update(request: HttpRequest, payload: CasePatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(X, user, id)

    ensure_can_change(user, record)
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    changes = converted_values(user, sent, _CASE_FIELDS)
    # Through the service: a closed case is frozen, and the party is locked once decided.
    run_service(X, services.case_update, user=user, case=record, expected_version=payload.version,
                reason=payload.reason, **changes)
    return _cases(user).get(pk=record.pk)


def _case_for_action(request, id: int, action: str, version: int | None) -> EnforcementCase:
    record = get_visible_or_404(X, request.user, id, queryset=_cases(request.user))
    gate_action(views.cases, action, request.user, record, version)
    return record


@cases.get("/{id}/officers", response=responses(401, 404, 422, s200=list[AssignmentOut]),
           operation_id="enforcement_cases_officers", summary="承办人员")
def cases_officers(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(X, request.user, id)
    return (CaseOfficer.objects.visible_to(request.user).active().filter(case=record)
            .select_related("officer", "certificate").order_by("pk"))


@cases.post("/{id}/officers", response=responses(400, 401, 403, 404, 409, 422, s201=AssignmentOut),
            operation_id="enforcement_cases_assign", summary="指派执法人员（须在该日持有有效执法证件）")
def cases_assign(request: HttpRequest, payload: AssignIn, id: int = record_id_param()):
    user = request.user
    record = _case_for_action(request, id, "assign", payload.version)
    officer = pick_linked(O, user, payload.officer, CaseOfficer, "officer")
    return Status(201, run_service(CaseOfficer, services.case_assign_officer, user=user, case=record, officer=officer,
                                   on=payload.on))


@cases.get("/{id}/steps", response=responses(401, 404, 422, s200=list[CaseStepOut]),
           operation_id="enforcement_cases_steps", summary="办案环节及全过程记录（含SHA-256）")
def cases_steps(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(X, request.user, id)
    return (CaseStep.objects.visible_to(request.user).active().filter(case=record)
            .prefetch_related("records").order_by("happened_on", "pk"))


@cases.post("/{id}/steps", response=responses(400, 401, 403, 404, 409, 422, s201=CaseStepOut),
            operation_id="enforcement_cases_add_step", summary="记录办案环节")
def cases_add_step(request: HttpRequest, payload: CaseStepIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "step", payload.version)
    step = run_service(CaseStep, services.case_add_step, user=request.user, case=record, kind=payload.kind,
                       happened_on=payload.happened_on, note=payload.note)
    return Status(201, step)


@cases.post("/{id}/steps/{step_id}/records",
            response=responses(400, 401, 403, 404, 409, 422, s201=RecordFileOut),
            operation_id="enforcement_cases_upload", summary="上传全过程记录文件（multipart，保存SHA-256摘要）")
def cases_upload(request: HttpRequest, kind: Form[RecordKind], file: File[UploadedFile],
                 id: int = record_id_param(), step_id: int = Path(..., ge=1, le=MAX_ID, title="办案环节 id"),
                 version: Form[int | None] = None):
    record = _case_for_action(request, id, "upload", version)
    step = record.steps.active().filter(pk=step_id).first()
    if step is None:
        raise record_invalid(ProcessRecord, ValidationError({"step": str(UNAVAILABLE)}))
    return Status(201, run_service(ProcessRecord, services.process_record_attach, user=request.user, step=step,
                                   kind=kind, file=file, original_name=file.name))


@cases.get("/{id}/completeness", response=responses(401, 404, 422, s200=list[GapOut]),
           operation_id="enforcement_cases_completeness", summary="全过程记录完整性：尚缺的记录（为空即完整）")
def cases_completeness(request: HttpRequest, id: int = record_id_param()):
    return selectors.case_completeness(get_visible_or_404(X, request.user, id))


@cases.get("/{id}/verification", response=responses(401, 404, 422, s200=VerificationOut),
           operation_id="enforcement_cases_verification", summary="校验：重新计算全部记录文件的SHA-256")
def cases_verification(request: HttpRequest, id: int = record_id_param()):
    result = selectors.case_records_verify(get_visible_or_404(X, request.user, id))
    return {"ok": result.ok, "checks": result.checks}


@cases.get("/{id}/reviews", response=responses(401, 404, 422, s200=list[CaseReviewOut]),
           operation_id="enforcement_cases_reviews", summary="法制审核意见")
def cases_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(X, request.user, id)
    return (MajorDecisionReview.objects.visible_to(request.user).active().filter(case=record)
            .select_related("reviewer"))


@cases.post("/{id}/reviews", response=responses(400, 401, 403, 404, 409, 422, s201=CaseReviewOut),
            operation_id="enforcement_cases_review", summary="录入法制审核意见（法制机构）")
def cases_review(request: HttpRequest, payload: CaseReviewIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "review", payload.version)
    review = run_service(MajorDecisionReview, services.major_review_record, user=request.user, case=record,
                         reviewed_on=payload.reviewed_on, approved=payload.approved, opinion=payload.opinion,
                         decision_kind=payload.decision_kind, fine_amount=payload.fine_amount)
    return Status(201, review)


@cases.post("/{id}/major-declaration", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="enforcement_cases_declare_major",
            summary="认定（或取消）其他重大执法决定（执法单位或法制机构；认定后作出决定前须经法制审核）")
def cases_declare_major(request: HttpRequest, payload: DeclareMajorIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "declare_major", payload.version)
    run_service(X, services.case_declare_major, user=request.user, case=record, declared=payload.declared,
                reason=payload.reason)
    return _cases(request.user).get(pk=record.pk)


@cases.post("/{id}/decision", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="enforcement_cases_decide",
            summary="作出决定（须至少2名持证执法人员；重大执法决定须经法制审核通过）")
def cases_decide(request: HttpRequest, payload: DecideIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "decide", payload.version)
    run_service(X, services.case_decide, user=request.user, case=record, decision_kind=payload.decision_kind,
                decided_on=payload.decided_on, text=payload.text, fine_amount=payload.fine_amount)
    return _cases(request.user).get(pk=record.pk)


@cases.post("/{id}/publication", response=responses(400, 401, 403, 404, 409, 422, s201=PublicationOut),
            operation_id="enforcement_cases_publish", summary="公示执法决定（去除个人信息；公示日期为当天）")
def cases_publish(request: HttpRequest, payload: CasePublishIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "publish", payload.version)
    return Status(201, run_service(X, services.decision_publish, user=request.user, case=record, title=payload.title))


@cases.post("/{id}/closure", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="enforcement_cases_close", summary="结案")
def cases_close(request: HttpRequest, payload: CloseIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "close", payload.version)
    run_service(X, services.case_close, user=request.user, case=record, closed_on=payload.closed_on)
    return _cases(request.user).get(pk=record.pk)


@cases.post("/{id}/overturns", response=responses(400, 401, 403, 404, 409, 422, s201=OverturnOut),
            operation_id="enforcement_cases_overturn",
            summary="记录决定被变更、撤销、确认违法或确认无效（已公示的须在3个工作日内撤回）")
def cases_overturn(request: HttpRequest, payload: OverturnIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "overturn", payload.version)
    return Status(201, run_service(X, services.decision_overturn_record, user=request.user, case=record,
                                   kind=payload.kind, overturned_on=payload.overturned_on,
                                   document=payload.document, note=payload.note))


@cases.post("/{id}/publication/withdrawal", response=responses(400, 401, 403, 404, 409, 422, s200=PublicationOut),
            operation_id="enforcement_cases_withdraw", summary="撤回决定公示并公开说明理由（撤回日期为当天）")
def cases_withdraw(request: HttpRequest, payload: WithdrawIn, id: int = record_id_param()):
    record = _case_for_action(request, id, "withdraw", payload.version)
    return run_service(X, services.decision_withdraw, user=request.user, case=record, reason=payload.reason)


# ===== special inspections, unit inspections, rectifications =====

S = SpecialInspection
inspections = Router()


class InspectionOut(RecordOut):
    id: int
    name: str = Field(..., title=label(S, "name"))
    year: int = Field(..., title=label(S, "year"))
    checklist: list[str] = Field(..., title=label(S, "checklist"))
    starts_on: dt.date = Field(..., title=label(S, "starts_on"))
    ends_on: dt.date = Field(..., title=label(S, "ends_on"))
    status: str = Field(..., title=label(S, "status"), description=choices_text(InspectionStatus))
    status_label: str

    @staticmethod
    def resolve_checklist(obj) -> list[str]:
        return [line.strip() for line in obj.checklist.splitlines() if line.strip()]

    @staticmethod
    def resolve_status_label(obj) -> str:
        return _labelled(obj, "status")


class InspectionFilters(Filters):
    year: int | None = Field(None, ge=1990, le=2100, title=label(S, "year"))
    status: InspectionStatus | None = Field(None, title=label(S, "status"),
                                            description=choices_text(InspectionStatus))


class InspectionIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200, title=label(S, "name"))
    year: int = Field(..., ge=1990, le=2100, title=label(S, "year"))
    checklist: str = Field(..., min_length=1, title=label(S, "checklist"), description="每行一项")
    starts_on: dt.date = Field(..., title=label(S, "starts_on"))
    ends_on: dt.date = Field(..., title=label(S, "ends_on"))
    org_units: list[RecordId] = Field([], max_length=1000, title="被检查单位", description="机构 id 列表")


# The PATCH has always documented checklist without the input's description (one item a line).
InspectionPatch = patch_schema(InspectionIn, fields=("name", "checklist", "starts_on", "ends_on"),
                               replace={"checklist": Field(None, min_length=1, title=label(S, "checklist"))})


class AddUnitIn(ActionIn):
    org_unit: int = _id("被检查单位")


class StatusIn(ActionIn):
    status: InspectionStatus = Field(..., title="阶段", description=choices_text(InspectionStatus))


class RateOut(Schema):
    numerator: int
    denominator: int
    value: float | None
    percent_text: str


class IndicatorsOut(Schema):
    unit_inspection: int
    org_unit: OrgUnitRef
    start: dt.date
    end: dt.date
    publication_on_time: RateOut = Field(..., title="执法决定按时公示率")
    records_complete: RateOut = Field(..., title="全过程记录完整率")
    major_reviewed: RateOut = Field(..., title="重大执法决定法制审核率")


def _inspections(user):
    return S.objects.visible_to(user)


def _filter_inspections(rows, f: InspectionFilters):
    if f.year is not None:
        rows = rows.filter(year=f.year)
    if f.status is not None:
        rows = rows.filter(status=f.status)
    return search_rows(rows, f, "name")


record_routes(inspections, model=S, prefix="enforcement_inspections", title="三项制度专项检查", out=InspectionOut,
              rows=_inspections, filters_schema=InspectionFilters, apply=_filter_inspections,
              create=InspectionIn, service=services.special_inspection_create, create_summary="新建专项检查",
              patch=InspectionPatch, patch_summary="修改专项检查（需提供 version）",
              convert={"org_units": lambda user, pks: [pick_linked(OrgUnit, user, pk, UnitInspection, "org_unit")
                                                 for pk in dict.fromkeys(pks)]})


@inspections.post("/{id}/units", response=responses(400, 401, 403, 404, 409, 422, s201=Ref),
                  operation_id="enforcement_inspections_add_unit", summary="添加被检查单位")
def inspections_add_unit(request: HttpRequest, payload: AddUnitIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(S, user, id)
    gate_action(views.inspections, "add_unit", user, record, payload.version)
    unit = pick_linked(OrgUnit, user, payload.org_unit, UnitInspection, "org_unit")
    added = run_service(UnitInspection, services.unit_inspection_add, user=user, inspection=record, org_unit=unit)
    return Status(201, {"id": added.pk, "name": str(added)})


@inspections.post("/{id}/status", response=responses(400, 401, 403, 404, 409, 422, s200=InspectionOut),
                  operation_id="enforcement_inspections_status", summary="推进检查阶段")
def inspections_status(request: HttpRequest, payload: StatusIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(S, user, id)
    gate_action(views.inspections, "status", user, record, payload.version)
    run_service(S, services.special_inspection_status_set, user=user, inspection=record, status=payload.status)
    return _inspections(user).get(pk=record.pk)


def _rate(rate) -> dict:
    return {"numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value,
            "percent_text": rate.percent_text}


@inspections.get("/{id}/indicators", response=responses(401, 404, 422, s200=list[IndicatorsOut]),
                 operation_id="enforcement_inspections_indicators",
                 summary="各被检查单位的三项制度指标（根据记录计算）")
def inspections_indicators(request: HttpRequest, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(S, user, id)
    start, end = views.inspection_period(record, clock.today())
    rows = []
    for ui in (UnitInspection.objects.visible_to(user).active().filter(inspection=record)
               .select_related("org_unit").order_by("org_unit__sort_order", "org_unit__code")):
        found = selectors.unit_indicators(ui.org_unit, start, end)
        rows.append({"unit_inspection": ui.pk, "org_unit": ui.org_unit, "start": start, "end": end,
                     "publication_on_time": _rate(found.publication_on_time),
                     "records_complete": _rate(found.records_complete),
                     "major_reviewed": _rate(found.major_reviewed)})
    return rows


U = UnitInspection
unit_inspections = Router()


class UnitInspectionOut(RecordOut):
    id: int
    inspection: Ref = Field(..., title=label(U, "inspection"))
    org_unit: OrgUnitRef = Field(..., title=label(U, "org_unit"))
    self_check_on: dt.date | None = Field(None, title=label(U, "self_check_on"))
    self_check_report: str = Field(..., title=label(U, "self_check_report"))
    on_site_on: dt.date | None = Field(None, title=label(U, "on_site_on"))
    findings: str = Field(..., title=label(U, "findings"))


class UnitInspectionFilters(Filters):
    inspection: int | None = _id(label(U, "inspection"), required=False)
    org_unit: int | None = _id(label(U, "org_unit"), required=False)


class SelfCheckIn(ActionIn):
    checked_on: dt.date = Field(..., title="自查日期")
    report: str = Field(..., min_length=1, title="自查情况")


class OnSiteIn(ActionIn):
    checked_on: dt.date = Field(..., title="实地督查日期")
    findings: str = Field(..., min_length=1, title="发现的问题")


class RectificationIn(ActionIn):
    problem: str = Field(..., min_length=1, title="问题")
    measure: str = Field("", title="整改措施")
    due_on: dt.date = Field(..., title="整改期限")


def _unit_inspections(user):
    return (U.objects.visible_to(user).select_related("inspection", "org_unit")
            .order_by("-inspection__starts_on", "org_unit__sort_order", "org_unit__code", "pk"))


def _filter_unit_inspections(rows, f: UnitInspectionFilters):
    if f.inspection is not None:
        rows = rows.filter(inspection_id=f.inspection)
    if f.org_unit is not None:
        rows = rows.filter(org_unit_id=f.org_unit)
    return search_rows(rows, f, "findings", "self_check_report")


record_routes(unit_inspections, model=U, prefix="enforcement_unit_inspections", title="单位检查", out=UnitInspectionOut,
              rows=_unit_inspections, filters_schema=UnitInspectionFilters, apply=_filter_unit_inspections)


def _unit_action(name: str, route: str, body, service, summary: str, **extra) -> None:
    @unit_inspections.post(f"/{{id}}/{route}",
                           response=responses(400, 401, 403, 404, 409, 422, s200=UnitInspectionOut),
                           operation_id=f"enforcement_unit_inspections_{name}", summary=summary)
    def act(request: HttpRequest, payload: body, id: int = record_id_param()):
        user = request.user
        record = get_visible_or_404(U, user, id)
        gate_action(views.unit_inspections, name, user, record, payload.version)
        run_service(U, service, user=user, unit_inspection=record, **payload.model_dump(exclude={"version"}))
        return _unit_inspections(user).get(pk=record.pk)


_unit_action("self_check", "self-check", SelfCheckIn, services.unit_self_check_record, "记录单位自查")
_unit_action("on_site", "on-site", OnSiteIn, services.unit_on_site_check_record, "记录实地督查（法制机构）")


R = Rectification
rectifications = Router()


class RectificationOut(RecordOut):
    id: int
    unit_inspection: int = Field(..., title=label(R, "unit_inspection"), description="单位检查的 id")
    org_unit: OrgUnitRef
    problem: str = Field(..., title=label(R, "problem"))
    measure: str = Field(..., title=label(R, "measure"))
    due_on: dt.date = Field(..., title=label(R, "due_on"))
    completed_on: dt.date | None = Field(None, title=label(R, "completed_on"))
    state: str = Field(..., title="整改状态")

    @staticmethod
    def resolve_unit_inspection(obj) -> int:
        return obj.unit_inspection_id

    @staticmethod
    def resolve_org_unit(obj):
        return obj.unit_inspection.org_unit

    @staticmethod
    def resolve_state(obj) -> str:
        return views.rectification_state(obj, clock.today())


class RectificationFilters(Filters):
    unit_inspection: int | None = _id(label(R, "unit_inspection"), required=False)
    open: bool | None = Field(None, title="未完成")


class CompleteIn(ActionIn):
    completed_on: dt.date = Field(..., title="完成日期")
    measure: str = Field("", title="整改措施", description="留空则保留原有内容")


def _rectifications(user):
    return R.objects.visible_to(user).select_related("unit_inspection__org_unit")


def _filter_rectifications(rows, f: RectificationFilters):
    if f.unit_inspection is not None:
        rows = rows.filter(unit_inspection_id=f.unit_inspection)
    if f.open is not None:
        rows = rows.filter(completed_on__isnull=f.open)
    return search_rows(rows, f, "problem", "measure")


@unit_inspections.post("/{id}/rectifications",
                       response=responses(400, 401, 403, 404, 409, 422, s201=RectificationOut),
                       operation_id="enforcement_unit_inspections_rectification", summary="添加整改事项")
def unit_inspections_rectification(request: HttpRequest, payload: RectificationIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(U, user, id)
    gate_action(views.unit_inspections, "rectification", user, record, payload.version)
    added = run_service(R, services.rectification_add, user=user, unit_inspection=record,
                        **payload.model_dump(exclude={"version"}))
    return Status(201, R.objects.select_related("unit_inspection__org_unit").get(pk=added.pk))


record_routes(rectifications, model=R, prefix="enforcement_rectifications", title="整改事项", out=RectificationOut,
              rows=_rectifications, filters_schema=RectificationFilters, apply=_filter_rectifications)


@rectifications.post("/{id}/complete", response=responses(400, 401, 403, 404, 409, 422, s200=RectificationOut),
                     operation_id="enforcement_rectifications_complete", summary="整改完成")
def rectifications_complete(request: HttpRequest, payload: CompleteIn, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(R, user, id)
    gate_action(views.rectifications, "complete", user, record, payload.version)
    run_service(R, services.rectification_complete, user=user, rectification=record, completed_on=payload.completed_on,
                measure=payload.measure)
    return _rectifications(user).get(pk=record.pk)


# ===== statistics =====


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


@router.get("/training-statistics", response=responses(401, 403, 422, s200=TrainingStatisticsOut),
            operation_id="enforcement_training_statistics", summary="执法培训考试统计（年度）")
def training_statistics(request: HttpRequest, query: Query[YearQuery]):
    user = request.user
    if not (user.has_perm("enforcement.view_all_training") or user.has_perm("enforcement.view_own_unit_training")):
        raise PermissionDeniedError()
    stats = selectors.training_statistics(query.year)
    visible = set(O.objects.visible_to(user).values_list("pk", flat=True))
    return {
        "year": stats.year, "sessions": stats.sessions, "attendances": stats.attendances,
        "trainees": stats.trainees, "exams": stats.exams, "exam_sittings": stats.exam_sittings,
        "passed": stats.passed, "pass_rate": _rate(stats.pass_rate),
        "lapsed_count": len(stats.lapsed_officers), "renewed_count": len(stats.renewed_officers),
        "lapsed_officers": [o for o in stats.lapsed_officers if o.pk in visible],
        "renewed_officers": [o for o in stats.renewed_officers if o.pk in visible],
    }


router.add_router("/bodies", bodies)
router.add_router("/matters", matters)
router.add_router("/officers", officers)
router.add_router("/certificates", certificates)
router.add_router("/trainings", trainings)
router.add_router("/exams", exams)
router.add_router("/certificate-applications", applications)
router.add_router("/major-criteria", criteria)
router.add_router("/cases", cases)
router.add_router("/special-inspections", inspections)
router.add_router("/unit-inspections", unit_inspections)
router.add_router("/rectifications", rectifications)

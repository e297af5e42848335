"""API of enforcement trainings and qualification exams."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from fazhi.core.api_support import (
    ActionIn,
    Filters,
    InputSchema,
    OrgUnitRef,
    choices_text,
    get_visible_or_404,
    label,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
)
from fazhi.enforcement import permissions, services
from fazhi.enforcement.api.common import OfficerRef, RecordOut, filters_by, id_field, labelled, unit_field
from fazhi.enforcement.constants import ExamKind
from fazhi.enforcement.models import Exam, ExamResult, Officer, Training, TrainingAttendance

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



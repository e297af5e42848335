"""REST API of major decisions: /api/major-decisions/... (the same rules as the pages)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from fazhi.core.api_support import (
    ARCHIVED,
    MAX_ID,
    InputSchema,
    OrgUnitRef,
    Pagination,
    QueryParams,
    add_history_route,
    choices_text,
    ensure_can_add,
    ensure_unit_in_scope,
    get_visible_or_404,
    label,
    record_id_param,
    record_invalid,
    responses,
)
from fazhi.core.exceptions import PermissionDeniedError, StaleRecordError
from fazhi.major_decisions import selectors, services, views
from fazhi.major_decisions.constants import DecisionStatus, DiscussionOutcome, ReviewOpinion, StepKind, StepState
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, MajorDecision
from fazhi.organisation.models import OrgUnit

router = Router(tags=["重大行政决策"])
M = MajorDecision
UNAVAILABLE = "所选记录不存在、已归档或您无权选用。"


class CatalogueRef(Schema):
    id: int
    year: int


class DecisionOut(Schema):
    id: int
    title: str = Field(..., title=label(M, "title"))
    catalogue: CatalogueRef = Field(..., title=label(M, "catalogue"))
    undertaking_unit: OrgUnitRef = Field(..., title=label(M, "undertaking_unit"))
    summary: str
    status: str = Field(..., description=choices_text(DecisionStatus))
    decided_on: dt.date | None = None
    published_on: dt.date | None = None
    evaluated_on: dt.date | None = None
    file_archived_on: dt.date | None = None
    version: int


class StepOut(Schema):
    id: int
    kind: str = Field(..., description=choices_text(StepKind))
    state: str = Field(..., description=choices_text(StepState))
    started_on: dt.date | None
    completed_on: dt.date
    people: str
    summary: str
    skip_reason: str
    opinion: str = Field(..., description=choices_text(ReviewOpinion))
    outcome: str = Field(..., description=choices_text(DiscussionOutcome))


class DecisionFilters(QueryParams):
    year: int | None = Field(None, ge=1990, le=2100, title="目录年度")
    status: DecisionStatus | None = Field(None, description=choices_text(DecisionStatus))


class DecisionIn(InputSchema):
    catalogue: int = Field(..., ge=1, le=MAX_ID, title=label(M, "catalogue"))
    title: str = Field(..., min_length=1, max_length=200, title=label(M, "title"))
    undertaking_unit: int = Field(..., ge=1, le=MAX_ID, title=label(M, "undertaking_unit"))
    summary: str = Field("", title=label(M, "summary"))


class StepIn(InputSchema):
    version: int | None = Field(None, ge=1, le=MAX_ID, title="版本")
    kind: StepKind = Field(..., title="程序", description=choices_text(StepKind) + "；合法性审查只能由法制机构记录")
    completed_on: dt.date = Field(..., title="完成日期")
    started_on: dt.date | None = Field(None, title="开始日期")
    people: str = Field("", title="参与人员")
    summary: str = Field("", title="情况及证据说明")
    opinion: ReviewOpinion | None = Field(None, title="审查意见", description="合法性审查必填")
    outcome: DiscussionOutcome | None = Field(None, title="讨论结果", description="集体讨论决定必填")
    shortened_reason: str = Field("", max_length=200, title="缩短征求意见期限的理由")


class SkipIn(InputSchema):
    version: int | None = Field(None, ge=1, le=MAX_ID, title="版本")
    kind: StepKind = Field(..., title="程序", description="只有公众参与、专家论证、风险评估可依法不履行")
    reason: str = Field(..., min_length=1, title="未履行的理由")
    on: dt.date = Field(..., title="日期")


class StatisticsOut(Schema):
    year: int
    catalogued: int
    decided: int
    reviewed_before_discussion: int = Field(
        ..., description="已决定的决策中，讨论前经合法性审查（合法或修改后合法）的数量")
    evaluated: int
    archived: int


class YearQuery(QueryParams):
    year: int = Field(..., ge=1990, le=2100, title="年度")


def _rows(user):
    return M.objects.visible_to(user).select_related("catalogue", "undertaking_unit")


def _run(model, service, **kwargs):
    try:
        with transaction.atomic():
            return service(**kwargs)
    except ValidationError as exc:
        raise record_invalid(model, exc) from exc


def _acting(request, id: int, action: str, version: int | None) -> MajorDecision:
    record = get_visible_or_404(M, request.user, id, queryset=_rows(request.user))
    if record.is_archived:
        raise HttpError(400, str(ARCHIVED))
    act = next(a for a in views.decisions.workflow if a.name == action)
    if not act.allows(views.decisions, request.user, record):
        raise PermissionDeniedError()
    if version is not None and version != record.version:
        raise StaleRecordError(record)
    return record


@router.get("", response=responses(401, 422, s200=list[DecisionOut]), operation_id="major_decisions_list",
            summary="重大行政决策列表")
@paginate(Pagination)
def decisions_list(request: HttpRequest, filters: Query[DecisionFilters]):
    rows = _rows(request.user).active()
    if filters.year is not None:
        rows = rows.filter(catalogue__year=filters.year)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    return rows


@router.get("/statistics", response=responses(401, 403, 422, s200=StatisticsOut),
            operation_id="major_decisions_statistics", summary="年度目录统计：决定数、讨论前经合法性审查数")
def decisions_statistics(request: HttpRequest, query: Query[YearQuery]):
    if not request.user.has_perm("major_decisions.view_all_majordecision"):
        raise PermissionDeniedError()
    return selectors.catalogue_statistics(query.year)


@router.post("", response=responses(400, 401, 403, 422, s201=DecisionOut), operation_id="major_decisions_create",
             summary="将决策事项列入目录")
def decisions_create(request: HttpRequest, payload: DecisionIn):
    user = request.user
    ensure_can_add(user, M)
    catalogue = DecisionCatalogue.objects.visible_to(user).active().filter(pk=payload.catalogue).first()
    unit = OrgUnit.objects.visible_to(user).active().filter(pk=payload.undertaking_unit).first()
    if catalogue is None or unit is None:
        field = "catalogue" if catalogue is None else "undertaking_unit"
        raise record_invalid(M, ValidationError({field: UNAVAILABLE}))
    ensure_unit_in_scope(user, M, unit.pk)
    record = _run(M, services.decision_add, user=user, catalogue=catalogue, title=payload.title,
                  undertaking_unit=unit, summary=payload.summary)
    return Status(201, _rows(user).get(pk=record.pk))


@router.get("/{id}", response=responses(401, 404, 422, s200=DecisionOut), operation_id="major_decisions_detail",
            summary="决策详情")
def decisions_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(M, request.user, id, queryset=_rows(request.user))


add_history_route(router, M, "major_decisions", "重大行政决策")


@router.get("/{id}/steps", response=responses(401, 404, 422, s200=list[StepOut]),
            operation_id="major_decisions_steps", summary="法定程序的履行记录")
def decisions_steps(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(M, request.user, id)
    return DecisionStep.objects.visible_to(request.user).active().filter(decision=record)


@router.post("/{id}/steps", response=responses(400, 401, 403, 404, 409, 422, s201=StepOut),
             operation_id="major_decisions_record_step",
             summary="记录履行的程序（集体讨论须先经合法性审查且合法，第二十五条）")
def decisions_record_step(request: HttpRequest, payload: StepIn, id: int = record_id_param()):
    action = {StepKind.LEGALITY_REVIEW: "review", StepKind.COLLECTIVE_DISCUSSION: "discuss"}.get(payload.kind, "step")
    record = _acting(request, id, action, payload.version)
    step = _run(DecisionStep, services.step_record, user=request.user, decision=record, kind=payload.kind,
                completed_on=payload.completed_on, started_on=payload.started_on, people=payload.people,
                summary=payload.summary, opinion=payload.opinion or "", outcome=payload.outcome or "",
                shortened_reason=payload.shortened_reason)
    return Status(201, step)


@router.post("/{id}/skips", response=responses(400, 401, 403, 404, 409, 422, s201=StepOut),
             operation_id="major_decisions_skip_step", summary="记录依法不履行某项程序及理由")
def decisions_skip_step(request: HttpRequest, payload: SkipIn, id: int = record_id_param()):
    record = _acting(request, id, "skip", payload.version)
    step = _run(DecisionStep, services.step_skip, user=request.user, decision=record, kind=payload.kind,
                reason=payload.reason, on=payload.on)
    return Status(201, step)

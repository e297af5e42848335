"""REST API of major decisions: /api/major-decisions/... (the same rules as the pages)."""

import datetime as dt
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, File, Form, Path, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from fazhi.core.api_support import (
    MAX_ID,
    UNAVAILABLE,
    ActionIn,
    ArchiveIn,
    InputSchema,
    OrgUnitRef,
    Pagination,
    QueryParams,
    YearQuery,
    add_history_route,
    choices_text,
    ensure_can_add,
    ensure_can_archive,
    ensure_can_change,
    ensure_unit_in_scope,
    get_visible_or_404,
    label,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_invalid,
    record_routes,
    responses,
    run_service,
)
from fazhi.core.exceptions import PermissionDeniedError, StaleRecordError
from fazhi.core.services import record_archive, record_update
from fazhi.major_decisions import permissions, selectors, services
from fazhi.major_decisions.constants import (
    CatalogueStatus,
    DecisionStatus,
    DiscussionOutcome,
    ReviewOpinion,
    StepKind,
    StepState,
)
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, MajorDecision, StepEvidence
from fazhi.organisation.models import OrgUnit

router = Router(tags=["重大行政决策"])
catalogues = Router()
# GET /{id} sits in a sub-router added after the catalogues': Django tries URL patterns in order, and a
# parent's own `/{id}` would catch `/catalogues` (then answer 405 to a POST there).
detail = Router()
M, K = MajorDecision, DecisionCatalogue


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
    decision_text: str = Field("", title=label(M, "decision_text"))
    evaluation_report: str = Field("", title=label(M, "evaluation_report"))
    file_reference: str = Field("", title=label(M, "file_reference"))
    version: int
    archived_on: datetime | None = None
    archived_reason: str = ""


class EvidenceOut(Schema):
    id: int
    original_name: str = Field(..., title=label(StepEvidence, "original_name"))
    size: int = Field(..., title=label(StepEvidence, "size"))
    sha256: str = Field(..., title=label(StepEvidence, "sha256"))


class DecisionStepOut(Schema):
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
    evidence: list[EvidenceOut] = Field(..., title="证明材料")

    @staticmethod
    def resolve_evidence(obj) -> list:
        return [e for e in obj.evidence.all() if e.archived_on is None]


class DecisionFilters(QueryParams):
    year: int | None = Field(None, ge=1990, le=2100, title="目录年度")
    status: DecisionStatus | None = Field(None, description=choices_text(DecisionStatus))


class DecisionIn(InputSchema):
    catalogue: int = Field(..., ge=1, le=MAX_ID, title=label(M, "catalogue"))
    title: str = Field(..., min_length=1, max_length=200, title=label(M, "title"))
    undertaking_unit: int = Field(..., ge=1, le=MAX_ID, title=label(M, "undertaking_unit"))
    summary: str = Field("", title=label(M, "summary"))


# The edit page offers the title and the description only (DecisionPages.form_fields).
DecisionPatch = patch_schema(DecisionIn, fields=("title", "summary"),
                             doc="Changes the fields the edit page offers; only those sent (null: unchanged).")


class DecisionStepIn(InputSchema):
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


class DecisionPublishIn(ActionIn):
    published_on: dt.date = Field(..., title="公布日期")


class DecisionEvaluateIn(ActionIn):
    evaluated_on: dt.date = Field(..., title="评估日期")
    report: str = Field(..., min_length=1, title="决策后评估报告")


class ArchiveFileIn(ActionIn):
    archived_on: dt.date = Field(..., title="归档日期")
    reference: str = Field(..., min_length=1, max_length=100, title="档案号")


class CatalogueOut(Schema):
    id: int
    year: int = Field(..., title=label(K, "year"))
    decision_organ: OrgUnitRef = Field(..., title=label(K, "decision_organ"))
    status: str = Field(..., title=label(K, "status"), description=choices_text(CatalogueStatus))
    published_on: dt.date | None = Field(None, title=label(K, "published_on"))
    note: str = Field("", title=label(K, "note"))
    version: int


class CatalogueIn(InputSchema):
    year: int = Field(..., ge=1990, le=2100, title=label(K, "year"))
    decision_organ: int = Field(..., ge=1, le=MAX_ID, title=label(K, "decision_organ"))
    note: str = Field("", title=label(K, "note"))


# The catalogue's edit page offers the note only (CataloguePages.form_fields); it has no archive action.
CataloguePatch = patch_schema(CatalogueIn, fields=("note",),
                              doc="Changes the catalogue's note, as its edit page (null: unchanged).")


class DecisionStatisticsOut(Schema):
    year: int
    catalogued: int
    decided: int
    reviewed_before_discussion: int = Field(
        ..., description="已决定的决策中，讨论前经合法性审查（合法或修改后合法）的数量")
    evaluated: int
    archived: int


def _rows(user):
    return M.objects.visible_to(user).select_related("catalogue", "undertaking_unit")



def _acting(request, id: int, may, version: int | None, model=M, queryset=None):
    """The record, if `may` (its permissions.may_<action>) lets this user act: 404 unseen, 403 not, 409 stale."""
    rows = _rows(request.user) if queryset is None else queryset
    return record_for_action(model, request.user, id, may, version, queryset=rows)


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


@router.get("/statistics", response=responses(401, 403, 422, s200=DecisionStatisticsOut),
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
    catalogue = pick_linked(K, user, payload.catalogue, M, "catalogue")
    unit = pick_linked(OrgUnit, user, payload.undertaking_unit, M, "undertaking_unit")
    ensure_unit_in_scope(user, M, unit.pk)
    record = run_service(M, services.decision_add, user=user, catalogue=catalogue, title=payload.title,
                         undertaking_unit=unit, summary=payload.summary)
    return Status(201, _rows(user).get(pk=record.pk))


@detail.get("/{id}", response=responses(401, 404, 422, s200=DecisionOut), operation_id="major_decisions_detail",
            summary="决策详情")
def decisions_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(M, request.user, id, queryset=_rows(request.user))


@detail.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=DecisionOut),
              operation_id="major_decisions_update", summary="修改决策事项名称和说明（同编辑页；需提供 version）")
def decisions_update(request: HttpRequest, payload: DecisionPatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(M, user, id, queryset=_rows(user))
    ensure_can_change(user, record)
    changes = {name: value for name, value in payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
               .items() if value is not None}
    run_service(M, record_update, record=record, user=user, expected_version=payload.version, reason=payload.reason,
                **changes)
    return _rows(user).get(pk=record.pk)


@router.post("/{id}/archive", response=responses(400, 401, 403, 404, 409, 422, s200=DecisionOut),
             operation_id="major_decisions_archive", summary="归档决策（不删除，需提供 version）")
def decisions_archive(request: HttpRequest, payload: ArchiveIn, id: int = record_id_param()):
    user = request.user
    with transaction.atomic():
        # Lock the row so the version check and the archive see the same record (PostgreSQL).
        record = get_visible_or_404(M, user, id, queryset=_rows(user).select_for_update(of=("self",)))
        ensure_can_archive(user, record)
        if record.version != payload.version:
            raise StaleRecordError(record)
        record_archive(record=record, user=user, reason=payload.reason, expected_version=payload.version)
    return _rows(user).get(pk=record.pk)


add_history_route(router, M, "major_decisions", "重大行政决策")


@router.get("/{id}/steps", response=responses(401, 404, 422, s200=list[DecisionStepOut]),
            operation_id="major_decisions_steps", summary="法定程序的履行记录")
def decisions_steps(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(M, request.user, id)
    return DecisionStep.objects.visible_to(request.user).active().filter(decision=record)


@router.post("/{id}/steps", response=responses(400, 401, 403, 404, 409, 422, s201=DecisionStepOut),
             operation_id="major_decisions_record_step",
             summary="记录履行的程序（集体讨论须先经合法性审查且合法，第二十五条；出台前向同级党委请示报告，第三十一条）")
def decisions_record_step(request: HttpRequest, payload: DecisionStepIn, id: int = record_id_param()):
    record = _acting(request, id, permissions.step_permission(payload.kind), payload.version)
    step = run_service(DecisionStep, services.step_record, user=request.user, decision=record, kind=payload.kind,
                       completed_on=payload.completed_on, started_on=payload.started_on, people=payload.people,
                       summary=payload.summary, opinion=payload.opinion or "", outcome=payload.outcome or "",
                       shortened_reason=payload.shortened_reason)
    return Status(201, step)


@router.post("/{id}/skips", response=responses(400, 401, 403, 404, 409, 422, s201=DecisionStepOut),
             operation_id="major_decisions_skip_step", summary="记录依法不履行某项程序及理由")
def decisions_skip_step(request: HttpRequest, payload: SkipIn, id: int = record_id_param()):
    record = _acting(request, id, permissions.may_skip, payload.version)
    step = run_service(DecisionStep, services.step_skip, user=request.user, decision=record, kind=payload.kind,
                       reason=payload.reason, on=payload.on)
    return Status(201, step)


@router.post("/{id}/steps/{step_id}/evidence", response=responses(400, 401, 403, 404, 409, 422, s201=EvidenceOut),
             operation_id="major_decisions_upload_evidence",
             summary="上传程序的证明材料（multipart/form-data，字段 file；保存SHA-256摘要）")
def decisions_upload_evidence(request: HttpRequest, file: File[UploadedFile], id: int = record_id_param(),
                              step_id: int = Path(..., ge=1, le=MAX_ID, title="决策程序 id"),
                              version: Form[int | None] = None):
    record = get_visible_or_404(M, request.user, id, queryset=_rows(request.user))
    step = DecisionStep.objects.visible_to(request.user).active().filter(decision=record, pk=step_id).first()
    if step is None:
        raise record_invalid(StepEvidence, ValidationError({"step": UNAVAILABLE}))
    # The step's evidence is added by whoever may record that kind of step.
    record = _acting(request, id, permissions.step_permission(step.kind), version)
    step.decision = record
    return Status(201, run_service(StepEvidence, services.evidence_attach, user=request.user, step=step, upload=file))


def _act(action: str, route: str, body, summary: str, call, may) -> None:
    @router.post(f"/{{id}}/{route}", response=responses(400, 401, 403, 404, 409, 422, s200=DecisionOut),
                 operation_id=f"major_decisions_{action}", summary=summary)
    def act(request: HttpRequest, payload: body, id: int = record_id_param()):
        record = _acting(request, id, may, payload.version)
        run_service(M, call, user=request.user, decision=record, **payload.model_dump(exclude={"version"}))
        return _rows(request.user).get(pk=record.pk)

    act.__name__ = f"decisions_{action}"


_act("publish", "publish", DecisionPublishIn, "记录决策公布（第三十二条；须已作出决定并向同级党委请示报告）",
     services.decision_publish, permissions.may_publish)
_act("evaluate", "evaluation", DecisionEvaluateIn, "记录决策后评估（第三十六条）", services.decision_evaluate,
     permissions.may_evaluate)
_act("archive_file", "file-archive", ArchiveFileIn,
     "决策材料归档（第三十三条；各项程序均已记录、已作出决定）", services.decision_file_archive,
     permissions.may_archive_file)


# ----- the yearly catalogue -----

def _catalogues(user):
    return K.objects.visible_to(user).select_related("decision_organ").order_by("-year")


record_routes(catalogues, model=K, prefix="major_decisions_catalogues", title="重大行政决策事项目录",
              out=CatalogueOut, rows=_catalogues, list_summary="重大行政决策事项目录（按年度）",
              detail_summary="目录详情", create=CatalogueIn, service=services.catalogue_create,
              create_summary="编制年度决策事项目录（法制机构）",
              convert={"decision_organ": lambda user, pk: pick_linked(OrgUnit, user, pk, K, "decision_organ")},
              # The catalogue's edit page offers the note only; it has no archive action.
              patch=CataloguePatch, patch_summary="修改目录说明（同编辑页，法制机构；需提供 version）",
              null_unchanged=True)


@catalogues.post("/{id}/publish", response=responses(400, 401, 403, 404, 409, 422, s200=CatalogueOut),
                 operation_id="major_decisions_catalogues_publish", summary="公布目录（法制机构，第三条第三款）")
def catalogues_publish(request: HttpRequest, payload: DecisionPublishIn, id: int = record_id_param()):
    record = _acting(request, id, permissions.may_publish_catalogue, payload.version, model=K,
                     queryset=_catalogues(request.user))
    run_service(K, services.catalogue_publish, user=request.user, catalogue=record, published_on=payload.published_on)
    return _catalogues(request.user).get(pk=record.pk)


router.add_router("/catalogues", catalogues)
router.add_router("", detail)

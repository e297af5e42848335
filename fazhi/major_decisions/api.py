"""REST API of major decisions: /api/major-decisions/... (the same rules as the pages).

The acts on a decision and on the year's catalogue are derived from their lifecycle tables
(core.api_support.lifecycle_routes); a step is recorded through one route whose `kind` picks the act.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, File, Form, Path, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from fazhi.core.api_support import (
    MAX_ID,
    UNAVAILABLE,
    ActionIn,
    ActionRoute,
    InputSchema,
    QueryParams,
    YearQuery,
    choices_text,
    get_visible_or_404,
    lifecycle_routes,
    model_schema,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_invalid,
    record_routes,
    responses,
    run_service,
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.major_decisions import permissions, selectors, services
from fazhi.major_decisions.constants import DiscussionOutcome, ReviewOpinion, StepKind
from fazhi.major_decisions.lifecycle import CATALOGUE_LIFECYCLE, LIFECYCLE
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, MajorDecision, StepEvidence
from fazhi.organisation.models import OrgUnit

router = Router(tags=["重大行政决策"])
catalogues = Router()
# GET and PATCH /{id} sit in a sub-router added after the catalogues': Django tries URL patterns in order, and a
# parent's own `/{id}` would catch `/catalogues` (then answer 405 to a POST there).
detail = Router()

CatalogueRef = model_schema("CatalogueRef", DecisionCatalogue, ("id", "year"))

_DATES = ("decided_on", "published_on", "evaluated_on", "file_archived_on", "decision_text", "evaluation_report",
          "file_reference")
_ARCHIVED = ("archived_on", "archived_reason")

DecisionOut = model_schema(
    "DecisionOut", MajorDecision,
    ("id", "title", "catalogue", "undertaking_unit", "summary", "status", *_DATES, "version", *_ARCHIVED),
    types={"catalogue": CatalogueRef}, optional=(*_DATES, *_ARCHIVED),
)

EvidenceOut = model_schema("EvidenceOut", StepEvidence, ("id", "original_name", "size", "sha256"))

DecisionStepOut = model_schema(
    "DecisionStepOut", DecisionStep,
    ("id", "kind", "state", "started_on", "completed_on", "people", "summary", "skip_reason", "opinion", "outcome",
     "evidence"),
    extra={"evidence": (list[EvidenceOut], Field(..., title="证明材料"))},
    resolve={"evidence": lambda step: [e for e in step.evidence.all() if e.archived_on is None]},
)

DecisionFilters = model_schema("DecisionFilters", MajorDecision, ("year", "status"), base=QueryParams,
                               extra={"year": (int | None, Field(None, ge=1990, le=2100, title="目录年度"))})

DecisionIn = model_schema("DecisionIn", MajorDecision, ("catalogue", "title", "undertaking_unit", "summary"),
                          base=InputSchema)

# The edit page offers the title and the description only (DecisionPages.form_fields).
DecisionPatch = patch_schema(DecisionIn, fields=("title", "summary"),
                             doc="Changes the fields the edit page offers; only those sent (null: unchanged).")

DecisionStepIn = model_schema(
    "DecisionStepIn", DecisionStep,
    ("kind", "completed_on", "started_on", "people", "summary", "opinion", "outcome", "shortened_reason"),
    base=ActionIn, types={"opinion": ReviewOpinion | None, "outcome": DiscussionOutcome | None},
    options={"kind": {"description": choices_text(StepKind) + "；合法性审查只能由法制机构记录"},
             "opinion": {"default": None, "description": "合法性审查必填"},
             "outcome": {"default": None, "description": "集体讨论决定必填"}},
    extra={"shortened_reason": (str, Field("", max_length=200, title="缩短征求意见期限的理由"))},
)

SkipIn = model_schema(
    "SkipIn", DecisionStep, ("kind", "reason", "on"), base=ActionIn, source={"reason": "skip_reason"},
    required=("reason",), options={"kind": {"description": "只有公众参与、专家论证、风险评估可依法不履行"}},
    extra={"on": (dt.date, Field(..., title="日期"))},
)

DecisionPublishIn = model_schema("DecisionPublishIn", MajorDecision, ("published_on",), base=ActionIn,
                                 required=("published_on",))

DecisionEvaluateIn = model_schema("DecisionEvaluateIn", MajorDecision, ("evaluated_on", "report"), base=ActionIn,
                                  source={"report": "evaluation_report"}, required=("evaluated_on", "report"))

ArchiveFileIn = model_schema("ArchiveFileIn", MajorDecision, ("archived_on", "reference"), base=ActionIn,
                             source={"archived_on": "file_archived_on", "reference": "file_reference"},
                             required=("archived_on", "reference"))

CatalogueOut = model_schema("CatalogueOut", DecisionCatalogue,
                            ("id", "year", "decision_organ", "status", "published_on", "note", "version"),
                            optional=("published_on", "note"))

CatalogueIn = model_schema("CatalogueIn", DecisionCatalogue, ("year", "decision_organ", "note"), base=InputSchema,
                           options={"year": {"ge": 1990, "le": 2100}})

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
    return MajorDecision.objects.visible_to(user).select_related("catalogue", "undertaking_unit")


def _decisions_filtered(rows, filters):
    if filters.year is not None:
        rows = rows.filter(catalogue__year=filters.year)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    return rows


record_routes(router, model=MajorDecision, prefix="major_decisions", title="重大行政决策", out=DecisionOut,
              rows=_rows, filters_schema=DecisionFilters, apply=_decisions_filtered, detail_summary="决策详情",
              detail_router=detail, create=DecisionIn, service=services.decision_add,
              create_summary="将决策事项列入目录",
              convert={"catalogue": lambda user, pk: pick_linked(DecisionCatalogue, user, pk, MajorDecision,
                                                                 "catalogue"),
                       "undertaking_unit": unit_to_write(MajorDecision, "undertaking_unit")},
              patch=DecisionPatch, null_unchanged=True,
              patch_summary="修改决策事项名称和说明（同编辑页；需提供 version）",
              archivable=True, archive_summary="归档决策（不删除，需提供 version）")


@router.get("/statistics", response=responses(401, 403, 422, s200=DecisionStatisticsOut),
            operation_id="major_decisions_statistics", summary="年度目录统计：决定数、讨论前经合法性审查数")
def decisions_statistics(request: HttpRequest, query: Query[YearQuery]):
    if not request.user.has_perm("major_decisions.view_all_majordecision"):
        raise PermissionDeniedError()
    return selectors.catalogue_statistics(query.year)


@router.get("/{id}/steps", response=responses(401, 404, 422, s200=list[DecisionStepOut]),
            operation_id="major_decisions_steps", summary="法定程序的履行记录")
def decisions_steps(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(MajorDecision, request.user, id)
    return DecisionStep.objects.visible_to(request.user).active().filter(decision=record)


# One route records every kind of step: the kind picks the act of the lifecycle and its rule (step_permission).
@router.post("/{id}/steps", response=responses(400, 401, 403, 404, 409, 422, s201=DecisionStepOut),
             operation_id="major_decisions_record_step",
             summary="记录履行的程序（集体讨论须先经合法性审查且合法，第二十五条；出台前向同级党委请示报告，第三十一条）")
def decisions_record_step(request: HttpRequest, payload: DecisionStepIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(MajorDecision, user, id, permissions.step_permission(payload.kind), payload.version,
                               queryset=_rows(user))
    step = run_service(DecisionStep, services.step_record, user=user, decision=record, kind=payload.kind,
                       completed_on=payload.completed_on, started_on=payload.started_on, people=payload.people,
                       summary=payload.summary, opinion=payload.opinion or "", outcome=payload.outcome or "",
                       shortened_reason=payload.shortened_reason)
    return Status(201, step)


@router.post("/{id}/steps/{step_id}/evidence", response=responses(400, 401, 403, 404, 409, 422, s201=EvidenceOut),
             operation_id="major_decisions_upload_evidence",
             summary="上传程序的证明材料（multipart/form-data，字段 file；保存SHA-256摘要）")
def decisions_upload_evidence(request: HttpRequest, file: File[UploadedFile], id: int = record_id_param(),
                              step_id: int = Path(..., ge=1, le=MAX_ID, title="决策程序 id"),
                              version: Form[int | None] = None):
    user = request.user
    record = get_visible_or_404(MajorDecision, user, id, queryset=_rows(user))
    step = DecisionStep.objects.visible_to(user).active().filter(decision=record, pk=step_id).first()
    if step is None:
        raise record_invalid(StepEvidence, ValidationError({"step": UNAVAILABLE}))
    # The step's evidence is added by whoever may record that kind of step.
    record = record_for_action(MajorDecision, user, id, permissions.step_permission(step.kind), version,
                               queryset=_rows(user))
    step.decision = record
    return Status(201, run_service(StepEvidence, services.evidence_attach, user=user, step=step, upload=file))


_BY_STEP = "recorded through POST /{id}/steps, whose kind picks the act and its rule (permissions.step_permission)"

lifecycle_routes(
    router, LIFECYCLE, model=MajorDecision, rows=_rows, out=DecisionOut, record_param="decision",
    operation_prefix="major_decisions",
    routes={
        "skip": ActionRoute("skips", SkipIn, services.step_skip, permissions.may_skip, out=DecisionStepOut,
                            status=201, result=DecisionStep, summary="记录依法不履行某项程序及理由",
                            operation_id="major_decisions_skip_step"),
        "publish": ActionRoute("publish", DecisionPublishIn, services.decision_publish, permissions.may_publish,
                               summary="记录决策公布（第三十二条；须已作出决定并向同级党委请示报告）"),
        "evaluate": ActionRoute("evaluation", DecisionEvaluateIn, services.decision_evaluate,
                                permissions.may_evaluate, summary="记录决策后评估（第三十六条）"),
        "archive_file": ActionRoute("file-archive", ArchiveFileIn, services.decision_file_archive,
                                    permissions.may_archive_file,
                                    summary="决策材料归档（第三十三条；各项程序均已记录、已作出决定）"),
    },
    not_routed={"step": _BY_STEP, "review": _BY_STEP, "discuss": _BY_STEP, "party_report": _BY_STEP},
)


# ----- the yearly catalogue -----

def _catalogues(user):
    return DecisionCatalogue.objects.visible_to(user).select_related("decision_organ").order_by("-year")


record_routes(catalogues, model=DecisionCatalogue, prefix="major_decisions_catalogues", title="重大行政决策事项目录",
              out=CatalogueOut, rows=_catalogues, list_summary="重大行政决策事项目录（按年度）",
              detail_summary="目录详情", create=CatalogueIn, service=services.catalogue_create,
              create_summary="编制年度决策事项目录（法制机构）",
              convert={"decision_organ": lambda user, pk: pick_linked(OrgUnit, user, pk, DecisionCatalogue,
                                                                      "decision_organ")},
              # The catalogue's edit page offers the note only; it has no archive action.
              patch=CataloguePatch, patch_summary="修改目录说明（同编辑页，法制机构；需提供 version）",
              null_unchanged=True)

lifecycle_routes(
    catalogues, CATALOGUE_LIFECYCLE, model=DecisionCatalogue, rows=_catalogues, out=CatalogueOut,
    record_param="catalogue", operation_prefix="major_decisions_catalogues",
    routes={"publish": ActionRoute("publish", DecisionPublishIn, services.catalogue_publish,
                                   permissions.may_publish_catalogue, summary="公布目录（法制机构，第三条第三款）")},
)


router.add_router("/catalogues", catalogues)
router.add_router("", detail)

"""REST API of normative documents: /api/normative-documents/...

The same records and rules as the pages: reads through `visible_to(user)` (404 outside the scope);
drafting and every lifecycle act through the services; an act is allowed to exactly the users the
page offers it to (the pages' `workflow` decides), others get 403; a stale `version` is 409.
"""

import datetime as dt
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
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
    RecordId,
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
from fazhi.core.services import record_archive
from fazhi.deadlines.constants import PROVISIONAL_DESCRIPTION
from fazhi.normative_documents import checking, permissions, selectors, services
from fazhi.normative_documents.constants import (
    CleanupDecision,
    CleanupStatus,
    CleanupTrigger,
    CommentResponse,
    DeliberationOutcome,
    DocumentStatus,
    EvaluationConclusion,
    FairCompetitionConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.models import (
    Cleanup,
    CleanupItem,
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
    PublicComment,
)
from fazhi.organisation.models import OrgUnit

router = Router(tags=["行政规范性文件"])
cleanups = Router()
# GET and PATCH /{id} sit in a sub-router added after the cleanups': Django tries URL patterns in order,
# and a parent's own `/{id}` would catch `/cleanups`.
detail = Router()
N, P, CL, CI = NormativeDocument, PublicComment, Cleanup, CleanupItem


def _filing(document) -> selectors.Filing:
    """The document's filing status, worked out once per response (several fields read it)."""
    if not hasattr(document, "_filing_status"):
        document._filing_status = selectors.filing_status(document)
    return document._filing_status


class DocumentOut(Schema):
    id: int
    title: str = Field(..., title=label(N, "title"))
    number: str | None = Field(None, title=label(N, "number"))
    status: str = Field(..., title=label(N, "status"), description=choices_text(DocumentStatus))
    status_label: str
    drafting_unit: OrgUnitRef = Field(..., title=label(N, "drafting_unit"))
    issuer: OrgUnitRef = Field(..., title=label(N, "issuer"))
    drafter: str = Field(..., title=label(N, "drafter"))
    provisional: bool = Field(..., title=label(N, "provisional"))
    affects_market_entities: bool = Field(..., title=label(N, "affects_market_entities"),
                                          description="须经公平竞争审查方可报送审核、审议通过和公布（《公平竞争审查条例》"
                                                      "第十八条），征求意见一般不少于30日（《优化营商环境条例》第六十二条）")
    market_determined_by_office: bool = Field(..., title=label(N, "market_determined_by_office"))
    comment_starts_on: dt.date | None = None
    comment_ends_on: dt.date | None = None
    comment_shortened_reason: str = Field("", title=label(N, "comment_shortened_reason"))
    published_on: dt.date | None = Field(None, title=label(N, "published_on"))
    effective_on: dt.date | None = Field(None, title=label(N, "effective_on"))
    valid_until: dt.date | None = Field(None, title=label(N, "valid_until"))
    filed_on: dt.date | None = Field(None, title=label(N, "filed_on"))
    filing_status: str = Field(..., description="not_published, pending, on_time, late, overdue")
    filing_due_on: dt.date | None = None
    filing_due_provisional: bool = Field(False, title="备案期限为暂定", description=PROVISIONAL_DESCRIPTION)
    ended_on: dt.date | None = None
    end_reason: str = ""
    version: int = Field(..., description="办理时原样发回，用于防止覆盖他人的修改")
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None = None
    archived_reason: str = ""

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_filing_status(obj) -> str:
        return _filing(obj).status

    @staticmethod
    def resolve_filing_due_on(obj) -> dt.date | None:
        return _filing(obj).due_on

    @staticmethod
    def resolve_filing_due_provisional(obj) -> bool:
        return _filing(obj).due_provisional


class DocumentDetailOut(DocumentOut):
    text: str = Field(..., title=label(N, "text"))
    market_cues: list[str] = Field(..., description="自动预审：名称和正文中表明文件涉及企业的词语（至少出现两次才列出；"
                                                    "提示是否应当进行公平竞争审查，仅供参考）")

    @staticmethod
    def resolve_market_cues(obj) -> list[str]:
        return list(checking.market_cues(obj.title, obj.text))


class FindingOut(Schema):
    rule: str = Field(..., description="规则代码：" + "；".join(f"{k}={v}" for k, v in checking.RULE_LABELS.items()))
    rule_label: str
    article: str | None
    text: str
    basis: str
    explanation: str
    start: int = Field(..., description="条款在正文中的起始位置（字符）")
    end: int


class DocumentReviewOut(Schema):
    id: int
    reviewer_name: str
    submitted_on: dt.date
    reviewed_on: dt.date
    opinion: str = Field(..., description=choices_text(ReviewOpinion))
    reasons: str
    checker_ran: bool
    findings: list[FindingOut] = Field(..., description="自动预审提示（存档，仅供参考）")


class DocumentFilters(QueryParams):
    q: str | None = Field(None, max_length=100, title="关键词")
    status: DocumentStatus | None = Field(None, title=label(N, "status"), description=choices_text(DocumentStatus))
    drafting_unit: int | None = Field(None, ge=1, le=MAX_ID, title=label(N, "drafting_unit"))


class DocumentIn(InputSchema):
    title: str = Field(..., min_length=1, max_length=200, title=label(N, "title"))
    drafting_unit: int = Field(..., ge=1, le=MAX_ID, title=label(N, "drafting_unit"))
    issuer: int = Field(..., ge=1, le=MAX_ID, title=label(N, "issuer"))
    drafter: str = Field(..., min_length=1, max_length=50, title=label(N, "drafter"))
    text: str = Field("", title=label(N, "text"))
    provisional: bool | None = Field(None, title=label(N, "provisional"),
                                     description="不填则按名称是否含“暂行”“试行”判断")
    affects_market_entities: bool = Field(False, title=label(N, "affects_market_entities"),
                                          description="起草单位标明；法制机构认定为“是”的，起草单位不能取消")


DocumentPatch = patch_schema(
    DocumentIn, fields=("title", "issuer", "drafter", "provisional", "affects_market_entities", "text"),
    doc="Revises a draft (as the edit page): while drafting or in public comment; after a \"lawful with changes\" "
        "opinion only the text, until the deliberation.",
)


SHORTENED_REASON = ("涉及经营者经济活动的文件征求意见期限少于30日的理由（《优化营商环境条例》第六十二条："
                    "一般不少于30日）")


class SubmitIn(ActionIn):
    submitted_on: dt.date = Field(..., title="报送日期")
    no_comment_reason: str = Field("", max_length=200, title=label(N, "no_comment_reason"),
                                   description="未公开征求意见的必填；涉及经营者经济活动的文件只能因依法需要保密而不公开征求"
                                               "意见，理由须写明保密依据")
    shortened_reason: str = Field("", max_length=200, title=label(N, "comment_shortened_reason"),
                                  description=SHORTENED_REASON)


class DocumentReviewIn(ActionIn):
    opinion: ReviewOpinion = Field(..., title="审核结论", description=choices_text(ReviewOpinion))
    reasons: str = Field(..., min_length=1, title="审核意见及理由")
    reviewed_on: dt.date = Field(..., title="审核日期")


class DeliberateIn(ActionIn):
    meeting: str = Field(..., min_length=1, max_length=200, title="会议名称")
    held_on: dt.date = Field(..., title="会议日期")
    outcome: DeliberationOutcome = Field(..., title="审议结果", description=choices_text(DeliberationOutcome))
    notes: str = Field("", title="审议情况")


class DocumentPublishIn(ActionIn):
    signed_by: str = Field(..., min_length=1, max_length=50, title="签发人")
    signed_on: dt.date = Field(..., title="签发日期")
    published_on: dt.date = Field(..., title="公布日期")
    effective_on: dt.date = Field(..., title="施行日期")
    channel: str = Field(..., min_length=1, max_length=200, title="公布载体")
    valid_until: dt.date | None = Field(None, title="有效期至", description="留空则按最长有效期计算")


class FileIn(ActionIn):
    filed_on: dt.date = Field(..., title="报送备案日期")
    authority: str = Field(..., min_length=1, max_length=100, title="备案机关")
    reference: str = Field("", max_length=100, title="备案登记号")


class RepealIn(ActionIn):
    repealed_on: dt.date = Field(..., title="废止日期")
    reason: str = Field(..., min_length=1, max_length=300, title="原因")


class OpenCommentIn(ActionIn):
    starts_on: dt.date = Field(..., title="征求意见开始日期")
    ends_on: dt.date | None = Field(None, title="征求意见截止日期",
                                    description="涉及经营者经济活动的文件不填则为30日（首尾两日均计算在内）；其他文件必填")
    channel: str = Field(..., min_length=1, max_length=200, title="征求意见途径")
    shortened_reason: str = Field("", max_length=200, title=label(N, "comment_shortened_reason"),
                                  description=SHORTENED_REASON)


F = FairCompetitionReview


class DocumentFairCompetitionReviewIn(ActionIn):
    reviewing_body: str = Field(..., min_length=1, max_length=200, title=label(F, "reviewing_body"),
                                description="起草单位；拟由政府出台的，写明会同审查的市场监督管理部门（第十三条、第十四条）")
    reviewer_name: str = Field(..., min_length=1, max_length=100, title=label(F, "reviewer_name"))
    reviewed_on: dt.date = Field(..., title=label(F, "reviewed_on"))
    conclusion: FairCompetitionConclusion = Field(..., title=label(F, "conclusion"),
                                                  description=choices_text(FairCompetitionConclusion))
    conclusion_text: str = Field(..., min_length=1, title=label(F, "conclusion_text"),
                                 description="适用第十二条的，详细说明理由（第十七条）")
    stakeholder_views: str = Field(..., min_length=1, title=label(F, "stakeholder_views"),
                                   description="听取有关经营者、行业协会商会等利害关系人意见的情况（第十六条）")
    exception_term: str = Field("", max_length=200, title=label(F, "exception_term"),
                                description="结论为“符合第十二条规定情形”的必填（《公平竞争审查条例》第十二条）")


class DocumentFairCompetitionReviewOut(Schema):
    id: int
    reviewing_body: str = Field(..., title=label(F, "reviewing_body"))
    reviewer_name: str = Field(..., title=label(F, "reviewer_name"))
    reviewed_on: dt.date = Field(..., title=label(F, "reviewed_on"))
    conclusion: str = Field(..., title=label(F, "conclusion"), description=choices_text(FairCompetitionConclusion))
    conclusion_text: str = Field(..., title=label(F, "conclusion_text"))
    stakeholder_views: str = Field(..., title=label(F, "stakeholder_views"))
    exception_term: str = Field("", title=label(F, "exception_term"))
    reviewed_text: str = Field(..., title=label(F, "reviewed_text"))
    version: int


class DocumentMarketIn(ActionIn):
    affects: bool = Field(..., title="是否涉及经营者经济活动")
    reason: str = Field(..., min_length=1, max_length=90, title="认定理由")


class CommentIn(ActionIn):
    received_on: dt.date = Field(..., title=label(P, "received_on"))
    source: str = Field(..., min_length=1, max_length=100, title=label(P, "source"),
                        description="单位名称，或“公众”；不填写个人身份信息")
    content: str = Field(..., min_length=1, title=label(P, "content"))


class RespondIn(ActionIn):
    response: CommentResponse = Field(..., title=label(P, "response"), description=choices_text(CommentResponse)
                                      + "（不能选 pending）")
    reason: str = Field("", title="说明", description="不采纳或部分采纳的须说明理由")


class CommentOut(Schema):
    id: int
    received_on: dt.date = Field(..., title=label(P, "received_on"))
    source: str = Field(..., title=label(P, "source"))
    content: str = Field(..., title=label(P, "content"))
    response: str = Field(..., title=label(P, "response"), description=choices_text(CommentResponse))
    response_reason: str = Field(..., title=label(P, "response_reason"))
    version: int


class DocumentEvaluateIn(ActionIn):
    evaluated_on: dt.date = Field(..., title="评估日期")
    conclusion: EvaluationConclusion = Field(..., title="评估结论", description=choices_text(EvaluationConclusion))
    opinion: str = Field(..., min_length=1, title="评估意见")


class AbandonIn(ActionIn):
    on: dt.date = Field(..., title="日期")
    reason: str = Field(..., min_length=1, max_length=300, title="原因")


class DocumentRef(Schema):
    id: int
    title: str
    number: str | None = None


class CleanupOut(Schema):
    id: int
    name: str = Field(..., title=label(CL, "name"))
    trigger: str = Field(..., title=label(CL, "trigger"), description=choices_text(CleanupTrigger))
    basis: str = Field(..., title=label(CL, "basis"))
    started_on: dt.date = Field(..., title=label(CL, "started_on"))
    status: str = Field(..., title=label(CL, "status"), description=choices_text(CleanupStatus))
    published_on: dt.date | None = Field(None, title=label(CL, "published_on"))
    result_summary: str = Field("", title=label(CL, "result_summary"))
    version: int


class CleanupIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200, title=label(CL, "name"))
    trigger: CleanupTrigger = Field(..., title=label(CL, "trigger"), description=choices_text(CleanupTrigger))
    basis: str = Field(..., min_length=1, title=label(CL, "basis"))
    started_on: dt.date = Field(..., title=label(CL, "started_on"))
    documents: list[RecordId] = Field(default_factory=list, max_length=1000, title="列入清理的文件",
                                      description="现行有效文件的 id；也可稍后逐件添加")


class CleanupItemOut(Schema):
    id: int
    document: DocumentRef = Field(..., title=label(CI, "document"))
    decision: str = Field(..., title=label(CI, "decision"), description=choices_text(CleanupDecision))
    decision_reason: str = Field(..., title=label(CI, "decision_reason"))
    decided_on: dt.date | None = Field(None, title=label(CI, "decided_on"))
    version: int


class CleanupAddIn(ActionIn):
    document: int = Field(..., ge=1, le=MAX_ID, title=label(CI, "document"), description="现行有效文件的 id")


class CleanupDecideIn(ActionIn):
    decision: CleanupDecision = Field(..., title=label(CI, "decision"),
                                      description=choices_text(CleanupDecision) + "（不能选 pending）")
    reason: str = Field("", title=label(CI, "decision_reason"), description="修改或废止的须说明理由")
    decided_on: dt.date = Field(..., title=label(CI, "decided_on"))


class CleanupPublishIn(ActionIn):
    published_on: dt.date = Field(..., title="公布日期")
    summary: str = Field(..., min_length=1, title="清理结果说明")


class DocumentStatisticsOut(Schema):
    year: int
    reviewed: int = Field(..., description="当年经合法性审核的文件数")
    lawful_first_time: int = Field(..., description="其中首次审核即合法（含修改后合法）")
    published: int
    filed: int
    filed_on_time: int
    repealed: int
    expired: int
    in_force_at_year_end: int


def _rows(user):
    return N.objects.visible_to(user).select_related("drafting_unit", "issuer")


def _unit(user, pk: int, field: str) -> OrgUnit:
    return pick_linked(OrgUnit, user, pk, N, field)


def _run(service, model=N, **kwargs):
    return run_service(model, service, **kwargs)


def _acting(request, id: int, may, version: int | None, model=N, queryset=None):
    """The record, if `may` (its permissions.may_<action>) lets this user act: 404 unseen, 403 not, 409 stale."""
    rows = _rows(request.user) if queryset is None else queryset
    return record_for_action(model, request.user, id, may, version, queryset=rows)


@router.get("", response=responses(401, 422, s200=list[DocumentOut]), operation_id="normative_documents_list",
            summary="行政规范性文件列表")
@paginate(Pagination)
def documents_list(request: HttpRequest, filters: Query[DocumentFilters]):
    rows = _rows(request.user).active()
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.drafting_unit is not None:
        rows = rows.filter(drafting_unit_id=filters.drafting_unit)
    if filters.q:
        rows = rows.filter(Q(title__icontains=filters.q) | Q(number__icontains=filters.q))
    return rows.order_by("-published_on", "-pk")


@router.get("/statistics", response=responses(401, 403, 422, s200=DocumentStatisticsOut),
            operation_id="normative_documents_statistics", summary="年度统计（由记录计算）")
def documents_statistics(request: HttpRequest, query: Query[YearQuery]):
    user = request.user
    if user.has_perm("normative_documents.view_all_normativedocument"):
        return selectors.yearly_statistics(query.year)
    if user.has_perm("normative_documents.view_own_unit_normativedocument") and user.org_unit_id:
        return selectors.yearly_statistics(query.year, org_unit=user.org_unit)
    raise PermissionDeniedError()


@router.post("", response=responses(400, 401, 403, 422, s201=DocumentDetailOut),
             operation_id="normative_documents_create", summary="起草（录入文件正文）")
def documents_create(request: HttpRequest, payload: DocumentIn):
    user = request.user
    ensure_can_add(user, N)
    drafting_unit = _unit(user, payload.drafting_unit, "drafting_unit")
    ensure_unit_in_scope(user, N, drafting_unit.pk)
    record = _run(services.document_create, user=user, title=payload.title, drafting_unit=drafting_unit,
                  issuer=_unit(user, payload.issuer, "issuer"), drafter=payload.drafter, text=payload.text,
                  provisional=payload.provisional, affects_market_entities=payload.affects_market_entities)
    return Status(201, _rows(user).get(pk=record.pk))


@detail.get("/{id}", response=responses(401, 404, 422, s200=DocumentDetailOut),
            operation_id="normative_documents_detail", summary="文件详情（含正文）")
def documents_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(N, request.user, id, queryset=_rows(request.user))


add_history_route(router, N, "normative_documents", "行政规范性文件")


@router.get("/{id}/check", response=responses(401, 404, 422, s200=list[FindingOut]),
            operation_id="normative_documents_check", summary="自动预审：对当前正文运行合法性预审（仅供参考）")
def documents_check(request: HttpRequest, id: int = record_id_param()):
    return checking.run_checker(get_visible_or_404(N, request.user, id).text)


@router.get("/{id}/reviews", response=responses(401, 404, 422, s200=list[DocumentReviewOut]),
            operation_id="normative_documents_reviews", summary="合法性审核意见（含存档的预审提示）")
def documents_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(N, request.user, id)
    return LegalityReview.objects.visible_to(request.user).active().filter(document=record)


@router.get("/{id}/fair-competition-reviews",
            response=responses(401, 404, 422, s200=list[DocumentFairCompetitionReviewOut]),
            operation_id="normative_documents_fair_competition_reviews", summary="公平竞争审查结论（最近的在前）")
def documents_fair_competition_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(N, request.user, id)
    return F.objects.visible_to(request.user).active().filter(document=record)


def _act(action: str, route: str, body, summary: str, call, may, out=DocumentDetailOut, status: int = 200,
         out_model=LegalityReview) -> None:
    @router.post(f"/{{id}}/{route}", response=responses(400, 401, 403, 404, 409, 422, **{f"s{status}": out}),
                 operation_id=f"normative_documents_{action}", summary=summary)
    def act(request: HttpRequest, payload: body, id: int = record_id_param()):
        record = _acting(request, id, may, payload.version)
        values = payload.model_dump(exclude={"version"})
        result = _run(call, model=N if out is DocumentDetailOut else out_model, user=request.user, document=record,
                      **values)
        if out is DocumentDetailOut:
            return _rows(request.user).get(pk=record.pk)
        return Status(status, result)

    act.__name__ = f"documents_{action}"


_act("submit_review", "submit-review", SubmitIn, "报送合法性审核", services.document_submit_review,
     permissions.may_submit_review)
_act("review", "reviews", DocumentReviewIn, "出具合法性审核意见（法制机构；不合法的退回起草）",
     services.document_review, permissions.may_review, out=DocumentReviewOut, status=201)
_act("fair_competition_review", "fair-competition-reviews", DocumentFairCompetitionReviewIn,
     "记录公平竞争审查（集体审议通过前；涉及经营者经济活动的文件未经审查或者审查结论为不得出台的，不能报送审核、"
     "审议通过和公布）", services.document_fair_competition_review, permissions.may_fair_competition_review,
     out=DocumentFairCompetitionReviewOut, status=201, out_model=F)
_act("mark_market", "market-entities", DocumentMarketIn, "认定文件是否涉及经营者经济活动（法制机构；集体审议通过前）",
     services.document_mark_market, permissions.may_mark_market)
_act("deliberate", "deliberations", DeliberateIn, "记录集体审议（须已经合法性审核且合法）",
     services.document_deliberate, permissions.may_deliberate)
_act("publish", "publish", DocumentPublishIn, "签发公布：平台统一编号，开始备案期限和有效期提醒（法制机构）",
     services.document_publish, permissions.may_publish)
_act("file", "filing", FileIn, "记录报送备案", services.document_file, permissions.may_file)
_act("repeal", "repeal", RepealIn, "废止（法制机构）", services.document_repeal, permissions.may_repeal)
_act("open_comment", "open-comment", OpenCommentIn, "公开征求意见（记录征求意见期间和途径）",
     services.document_open_comment, permissions.may_open_comment)
_act("comment", "comments", CommentIn, "登记公开征求的意见（须在征求意见期间内收到）", services.comment_add,
     permissions.may_comment, out=CommentOut, status=201, out_model=P)
_act("evaluate", "evaluation", DocumentEvaluateIn, "有效期届满前评估（进入评估期后）", services.document_evaluate,
     permissions.may_evaluate)
_act("abandon", "abandon", AbandonIn, "终止起草（起草或征求意见阶段）", services.document_abandon,
     permissions.may_abandon)


@detail.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=DocumentDetailOut),
              operation_id="normative_documents_update",
              summary="修改草案（同编辑页：起草、征求意见阶段；“修改后合法”的可在集体审议前改正文；需提供 version）")
def documents_update(request: HttpRequest, payload: DocumentPatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(N, user, id, queryset=_rows(user))
    ensure_can_change(user, record)
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    changes = {name: value for name, value in sent.items() if value is not None}
    if "issuer" in changes:
        changes["issuer"] = _unit(user, changes["issuer"], "issuer")
    # Like the edit page: only the fields whose value changes (in deliberation only the text may).
    changed = {name: value for name, value in changes.items() if value != getattr(record, name)}
    _run(services.document_update, user=user, document=record, expected_version=payload.version,
         reason=payload.reason, **changed)
    return _rows(user).get(pk=record.pk)


@router.post("/{id}/draft-file", response=responses(400, 401, 403, 404, 409, 422, s200=DocumentDetailOut),
             operation_id="normative_documents_upload_draft",
             summary="上传草案文件（multipart/form-data：file 为.docx/.txt/.md，正文以文件内容为准；"
                     "version 必填，reason 选填）")
def documents_upload_draft(request: HttpRequest, file: File[UploadedFile], version: Form[int],
                           reason: Form[str] = "", id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(N, user, id, queryset=_rows(user))
    ensure_can_change(user, record)
    _run(services.document_update, user=user, document=record, expected_version=version, reason=reason[:100],
         draft_file=file)
    return _rows(user).get(pk=record.pk)


@router.post("/{id}/archive", response=responses(400, 401, 403, 404, 409, 422, s200=DocumentDetailOut),
             operation_id="normative_documents_archive",
             summary="归档文件记录（同详情页的归档：不删除；需提供 version）")
def documents_archive(request: HttpRequest, payload: ArchiveIn, id: int = record_id_param()):
    user = request.user
    with transaction.atomic():
        # Lock the row so the version check and the archive see the same record (PostgreSQL).
        record = get_visible_or_404(N, user, id, queryset=_rows(user).select_for_update(of=("self",)))
        ensure_can_archive(user, record)
        if record.version != payload.version:
            raise StaleRecordError(record)
        record_archive(record=record, user=user, reason=payload.reason, expected_version=payload.version)
    return _rows(user).get(pk=record.pk)


@router.get("/{id}/comments", response=responses(401, 404, 422, s200=list[CommentOut]),
            operation_id="normative_documents_comments", summary="公开征求的意见及采纳情况")
def documents_comments(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(N, request.user, id)
    return P.objects.visible_to(request.user).active().filter(document=record)


@router.post("/{id}/comments/{comment_id}/response", response=responses(400, 401, 403, 404, 409, 422, s200=CommentOut),
             operation_id="normative_documents_respond", summary="说明意见的采纳情况（不采纳或部分采纳的须说明理由）")
def documents_respond(request: HttpRequest, payload: RespondIn, id: int = record_id_param(),
                      comment_id: int = Path(..., ge=1, le=MAX_ID, title="意见 id")):
    record = _acting(request, id, permissions.may_respond, payload.version)
    comment = P.objects.visible_to(request.user).active().filter(document=record, pk=comment_id).first()
    if comment is None:
        raise record_invalid(P, ValidationError({"document": UNAVAILABLE}))
    return _run(services.comment_respond, model=P, user=request.user, comment=comment, response=payload.response,
                reason=payload.reason)


# ----- cleanups (清理) -----

def _cleanups(user):
    return CL.objects.visible_to(user).order_by("-started_on", "-pk")


def _cleanup_acting(request, id: int, may, version: int | None) -> Cleanup:
    return _acting(request, id, may, version, model=CL, queryset=_cleanups(request.user))


def _cleanup_documents(user, ids: list[int]) -> list[NormativeDocument]:
    """The documents listed for a cleanup, each one the user may see (422 otherwise), in the order sent."""
    wanted = list(dict.fromkeys(ids))
    found = {d.pk: d for d in N.objects.visible_to(user).active().filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise record_invalid(CL, ValidationError({"documents": UNAVAILABLE}))
    return [found[pk] for pk in wanted]


record_routes(cleanups, model=CL, prefix="normative_documents_cleanups", title="规范性文件清理", out=CleanupOut,
              rows=_cleanups, detail_summary="清理详情", create=CleanupIn, service=services.cleanup_create,
              create_summary="开始清理，列入现行有效的文件（法制机构）", convert={"documents": _cleanup_documents})


@cleanups.get("/{id}/items", response=responses(401, 404, 422, s200=list[CleanupItemOut]),
              operation_id="normative_documents_cleanups_items", summary="列入清理的文件及清理结论")
def cleanups_items(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(CL, request.user, id, queryset=_cleanups(request.user))
    return CI.objects.visible_to(request.user).active().filter(cleanup=record).select_related("document")


@cleanups.post("/{id}/items", response=responses(400, 401, 403, 404, 409, 422, s201=CleanupItemOut),
               operation_id="normative_documents_cleanups_add_document", summary="列入文件（现行有效的；法制机构）")
def cleanups_add_document(request: HttpRequest, payload: CleanupAddIn, id: int = record_id_param()):
    record = _cleanup_acting(request, id, permissions.may_add_to_cleanup, payload.version)
    document = N.objects.visible_to(request.user).active().filter(pk=payload.document).first()
    if document is None:
        raise record_invalid(CI, ValidationError({"document": UNAVAILABLE}))
    return Status(201, _run(services.cleanup_add_document, model=CI, user=request.user, cleanup=record,
                            document=document))


@cleanups.post("/{id}/items/{item_id}/decision",
               response=responses(400, 401, 403, 404, 409, 422, s200=CleanupItemOut),
               operation_id="normative_documents_cleanups_decide",
               summary="作出清理结论：保留、修改或废止（修改、废止须说明理由；法制机构）")
def cleanups_decide(request: HttpRequest, payload: CleanupDecideIn, id: int = record_id_param(),
                    item_id: int = Path(..., ge=1, le=MAX_ID, title="清理文件 id")):
    record = _cleanup_acting(request, id, permissions.may_decide_cleanup, payload.version)
    item = CI.objects.visible_to(request.user).active().filter(cleanup=record, pk=item_id)\
        .select_related("cleanup", "document").first()
    if item is None:
        raise record_invalid(CI, ValidationError({"document": UNAVAILABLE}))
    _run(services.cleanup_decide, model=CI, user=request.user, item=item, decision=payload.decision,
         reason=payload.reason, decided_on=payload.decided_on)
    return CI.objects.select_related("document").get(pk=item.pk)


@cleanups.post("/{id}/publish", response=responses(400, 401, 403, 404, 409, 422, s200=CleanupOut),
               operation_id="normative_documents_cleanups_publish",
               summary="公布清理结果：结论为废止的文件于公布日废止（法制机构）")
def cleanups_publish(request: HttpRequest, payload: CleanupPublishIn, id: int = record_id_param()):
    record = _cleanup_acting(request, id, permissions.may_publish_cleanup, payload.version)
    return _run(services.cleanup_publish, model=CL, user=request.user, cleanup=record,
                published_on=payload.published_on, summary=payload.summary)


router.add_router("/cleanups", cleanups)
router.add_router("", detail)

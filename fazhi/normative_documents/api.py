"""REST API of normative documents: /api/normative-documents/...

The same records and rules as the pages: reads through `visible_to(user)` (404 outside the scope);
drafting and every lifecycle act through the services; an act is allowed to exactly the users the
page offers it to (the module's permissions.py decides), others get 403; a stale `version` is 409.
The act routes are derived from the lifecycle's table (core.api_support.lifecycle_routes).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
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
    RecordId,
    YearQuery,
    choices_text,
    ensure_can_change,
    filter_fields,
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
from fazhi.deadlines.constants import PROVISIONAL_DESCRIPTION
from fazhi.normative_documents import checking, permissions, selectors, services
from fazhi.normative_documents.constants import CleanupDecision, CommentResponse, ReviewOpinion
from fazhi.normative_documents.lifecycle import LIFECYCLE
from fazhi.normative_documents.models import (
    Cleanup,
    CleanupItem,
    CollectiveDeliberation,
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


def _filing(document) -> selectors.Filing:
    """The document's filing status, worked out once per response (several fields read it)."""
    if not hasattr(document, "_filing_status"):
        document._filing_status = selectors.filing_status(document)
    return document._filing_status


_DATES = ("comment_starts_on", "comment_ends_on", "comment_shortened_reason", "published_on", "effective_on",
          "valid_until", "filed_on")
_ENDED = ("ended_on", "end_reason")
_ARCHIVED = ("archived_on", "archived_reason")
MARKET_HELP = ("须经公平竞争审查方可报送审核、审议通过和公布（《公平竞争审查条例》第十八条），征求意见一般不少于30日"
               "（《优化营商环境条例》第六十二条）")

DocumentOut = model_schema(
    "DocumentOut", NormativeDocument,
    ("id", "title", "number", "status", "status_label", "drafting_unit", "issuer", "drafter", "provisional",
     "affects_market_entities", "market_determined_by_office", *_DATES, "filing_status", "filing_due_on",
     "filing_due_provisional", *_ENDED, "version", "created_on", "modified_on", *_ARCHIVED),
    optional=("number", *_DATES, *_ENDED, *_ARCHIVED),
    options={"affects_market_entities": {"description": MARKET_HELP},
             "version": {"description": "办理时原样发回，用于防止覆盖他人的修改"}},
    extra={"filing_status": (str, Field(..., description="not_published, pending, on_time, late, overdue")),
           "filing_due_on": (dt.date | None, Field(None)),
           "filing_due_provisional": (bool, Field(False, title="备案期限为暂定", description=PROVISIONAL_DESCRIPTION))},
    resolve={"filing_status": lambda document: _filing(document).status,
             "filing_due_on": lambda document: _filing(document).due_on,
             "filing_due_provisional": lambda document: _filing(document).due_provisional},
)

MARKET_CUES_HELP = ("自动预审：名称和正文中表明文件涉及企业的词语（至少出现两次才列出；提示是否应当进行公平竞争审查，"
                    "仅供参考）")

DocumentDetailOut = model_schema(
    "DocumentDetailOut", NormativeDocument, ("text", "market_cues"), base=DocumentOut,
    extra={"market_cues": (list[str], Field(..., description=MARKET_CUES_HELP))},
    resolve={"market_cues": lambda document: list(checking.market_cues(document.title, document.text))},
)


class FindingOut(Schema):
    rule: str = Field(..., description="规则代码：" + "；".join(f"{k}={v}" for k, v in checking.RULE_LABELS.items()))
    rule_label: str
    article: str | None
    text: str
    basis: str
    explanation: str
    start: int = Field(..., description="条款在正文中的起始位置（字符）")
    end: int


DocumentReviewOut = model_schema(
    "DocumentReviewOut", LegalityReview,
    ("id", "reviewer_name", "submitted_on", "reviewed_on", "opinion", "reasons", "checker_ran", "findings"),
    types={"findings": list[FindingOut]}, options={"findings": {"description": "自动预审提示（存档，仅供参考）"}},
)

DocumentFilters = model_schema("DocumentFilters", NormativeDocument, ("q", "status", "drafting_unit"), base=QueryParams,
                               extra=filter_fields())

DocumentIn = model_schema(
    "DocumentIn", NormativeDocument,
    ("title", "drafting_unit", "issuer", "drafter", "text", "provisional", "affects_market_entities"), base=InputSchema,
    types={"provisional": bool | None},
    options={"provisional": {"default": None, "description": "不填则按名称是否含“暂行”“试行”判断"},
             "affects_market_entities": {"description": "起草单位标明；法制机构认定为“是”的，起草单位不能取消"}},
)

DocumentPatch = patch_schema(
    DocumentIn, fields=("title", "issuer", "drafter", "provisional", "affects_market_entities", "text"),
    doc="Revises a draft (as the edit page): while drafting or in public comment; after a \"lawful with changes\" "
        "opinion only the text, until the deliberation.",
)


SHORTENED_REASON = ("涉及经营者经济活动的文件征求意见期限少于30日的理由（《优化营商环境条例》第六十二条："
                    "一般不少于30日）")

SubmitIn = model_schema(
    "SubmitIn", NormativeDocument, ("submitted_on", "no_comment_reason", "shortened_reason"), base=ActionIn,
    source={"shortened_reason": "comment_shortened_reason"},
    options={"no_comment_reason": {"description": "未公开征求意见的必填；涉及经营者经济活动的文件只能因依法需要保密"
                                                  "而不公开征求意见，理由须写明保密依据"},
             "shortened_reason": {"description": SHORTENED_REASON}},
    extra={"submitted_on": (dt.date, Field(..., title="报送日期"))},
)

DocumentReviewIn = model_schema("DocumentReviewIn", LegalityReview, ("opinion", "reasons", "reviewed_on"),
                                base=ActionIn, types={"opinion": ReviewOpinion})

DeliberateIn = model_schema("DeliberateIn", CollectiveDeliberation, ("meeting", "held_on", "outcome", "notes"),
                            base=ActionIn)

DocumentPublishIn = model_schema(
    "DocumentPublishIn", NormativeDocument,
    ("signed_by", "signed_on", "published_on", "effective_on", "channel", "valid_until"), base=ActionIn,
    source={"channel": "publication_channel"},
    required=("signed_by", "signed_on", "published_on", "effective_on", "channel"),
    options={"valid_until": {"description": "留空则按最长有效期计算"}},
)

FileIn = model_schema("FileIn", NormativeDocument, ("filed_on", "authority", "reference"), base=ActionIn,
                      source={"authority": "filing_authority", "reference": "filing_reference"},
                      required=("filed_on", "authority"))


class RepealIn(ActionIn):
    repealed_on: dt.date = Field(..., title="废止日期")
    reason: str = Field(..., min_length=1, max_length=300, title="原因")


OpenCommentIn = model_schema(
    "OpenCommentIn", NormativeDocument, ("starts_on", "ends_on", "channel", "shortened_reason"), base=ActionIn,
    source={"starts_on": "comment_starts_on", "ends_on": "comment_ends_on", "channel": "comment_channel",
            "shortened_reason": "comment_shortened_reason"},
    required=("starts_on", "channel"),
    options={"ends_on": {"description": "涉及经营者经济活动的文件不填则为30日（首尾两日均计算在内）；其他文件必填"},
             "shortened_reason": {"description": SHORTENED_REASON}},
)

_FAIR_COMPETITION = ("reviewing_body", "reviewer_name", "reviewed_on", "conclusion", "conclusion_text",
                     "stakeholder_views", "exception_term")

DocumentFairCompetitionReviewIn = model_schema(
    "DocumentFairCompetitionReviewIn", FairCompetitionReview, _FAIR_COMPETITION, base=ActionIn,
    options={"exception_term": {"description": "结论为“符合第十二条规定情形”的必填（《公平竞争审查条例》第十二条）"}},
)

DocumentFairCompetitionReviewOut = model_schema(
    "DocumentFairCompetitionReviewOut", FairCompetitionReview, ("id", *_FAIR_COMPETITION, "reviewed_text", "version"),
    optional=("exception_term",),
)

DocumentMarketIn = model_schema(
    "DocumentMarketIn", NormativeDocument, ("affects", "reason"), base=ActionIn,
    source={"affects": "affects_market_entities"}, required=("affects",),
    extra={"reason": (str, Field(..., min_length=1, max_length=90, title="认定理由"))},
)

CommentIn = model_schema("CommentIn", PublicComment, ("received_on", "source", "content"), base=ActionIn)

RespondIn = model_schema(
    "RespondIn", PublicComment, ("response", "reason"), base=ActionIn, source={"reason": "response_reason"},
    required=("response",),
    options={"response": {"description": choices_text(CommentResponse) + "（不能选 pending）"},
             "reason": {"description": "不采纳或部分采纳的须说明理由"}},
)

CommentOut = model_schema("CommentOut", PublicComment,
                          ("id", "received_on", "source", "content", "response", "response_reason", "version"))

DocumentEvaluateIn = model_schema(
    "DocumentEvaluateIn", NormativeDocument, ("evaluated_on", "conclusion", "opinion"), base=ActionIn,
    source={"conclusion": "evaluation_conclusion", "opinion": "evaluation_opinion"},
    required=("evaluated_on", "conclusion", "opinion"),
)


class AbandonIn(ActionIn):
    on: dt.date = Field(..., title="日期")
    reason: str = Field(..., min_length=1, max_length=300, title="原因")


DocumentRef = model_schema("DocumentRef", NormativeDocument, ("id", "title", "number"), optional=("number",))

CleanupOut = model_schema(
    "CleanupOut", Cleanup,
    ("id", "name", "trigger", "basis", "started_on", "status", "published_on", "result_summary", "version"),
    optional=("published_on", "result_summary"),
)

CleanupIn = model_schema(
    "CleanupIn", Cleanup, ("name", "trigger", "basis", "started_on", "documents"), base=InputSchema,
    extra={"documents": (list[RecordId], Field(default_factory=list, max_length=1000, title="列入清理的文件",
                                               description="现行有效文件的 id；也可稍后逐件添加"))},
)

CleanupItemOut = model_schema("CleanupItemOut", CleanupItem,
                              ("id", "document", "decision", "decision_reason", "decided_on", "version"),
                              types={"document": DocumentRef}, optional=("decided_on",))

CleanupAddIn = model_schema("CleanupAddIn", CleanupItem, ("document",), base=ActionIn,
                            options={"document": {"description": "现行有效文件的 id"}})

CleanupDecideIn = model_schema(
    "CleanupDecideIn", CleanupItem, ("decision", "reason", "decided_on"), base=ActionIn,
    source={"reason": "decision_reason"}, required=("decision", "decided_on"),
    options={"decision": {"description": choices_text(CleanupDecision) + "（不能选 pending）"},
             "reason": {"description": "修改或废止的须说明理由"}},
)

CleanupPublishIn = model_schema("CleanupPublishIn", Cleanup, ("published_on", "summary"), base=ActionIn,
                                source={"summary": "result_summary"}, required=("published_on", "summary"))


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
    return NormativeDocument.objects.visible_to(user).select_related("drafting_unit", "issuer")


def _unit(user, pk: int, field: str) -> OrgUnit:
    return pick_linked(OrgUnit, user, pk, NormativeDocument, field)


def _document_update(*, record, user, expected_version: int, reason: str, **sent):
    """Like the edit page: only the fields whose value changes (in deliberation only the text may)."""
    changed = {name: value for name, value in sent.items() if value != getattr(record, name)}
    return services.document_update(user=user, document=record, expected_version=expected_version, reason=reason,
                                    **changed)


def _documents_filtered(rows, filters):
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.drafting_unit is not None:
        rows = rows.filter(drafting_unit_id=filters.drafting_unit)
    if filters.q:
        rows = rows.filter(Q(title__icontains=filters.q) | Q(number__icontains=filters.q))
    return rows.order_by("-published_on", "-pk")


record_routes(router, model=NormativeDocument, prefix="normative_documents", title="行政规范性文件",
              out=DocumentDetailOut, list_out=DocumentOut, rows=_rows, filters_schema=DocumentFilters,
              apply=_documents_filtered, detail_summary="文件详情（含正文）", detail_router=detail,
              create=DocumentIn, service=services.document_create, create_summary="起草（录入文件正文）",
              convert={"drafting_unit": unit_to_write(NormativeDocument, "drafting_unit"),
                       "issuer": lambda user, pk: _unit(user, pk, "issuer")},
              patch=DocumentPatch, update_service=_document_update, null_unchanged=True,
              patch_summary="修改草案（同编辑页：起草、征求意见阶段；“修改后合法”的可在集体审议前改正文；"
                            "需提供 version）",
              archivable=True, archive_summary="归档文件记录（同详情页的归档：不删除；需提供 version）")


@router.get("/statistics", response=responses(401, 403, 422, s200=DocumentStatisticsOut),
            operation_id="normative_documents_statistics", summary="年度统计（由记录计算）")
def documents_statistics(request: HttpRequest, query: Query[YearQuery]):
    user = request.user
    if user.has_perm("normative_documents.view_all_normativedocument"):
        return selectors.yearly_statistics(query.year)
    if user.has_perm("normative_documents.view_own_unit_normativedocument") and user.org_unit_id:
        return selectors.yearly_statistics(query.year, org_unit=user.org_unit)
    raise PermissionDeniedError()


@router.get("/{id}/check", response=responses(401, 404, 422, s200=list[FindingOut]),
            operation_id="normative_documents_check", summary="自动预审：对当前正文运行合法性预审（仅供参考）")
def documents_check(request: HttpRequest, id: int = record_id_param()):
    return checking.run_checker(get_visible_or_404(NormativeDocument, request.user, id).text)


@router.get("/{id}/reviews", response=responses(401, 404, 422, s200=list[DocumentReviewOut]),
            operation_id="normative_documents_reviews", summary="合法性审核意见（含存档的预审提示）")
def documents_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(NormativeDocument, request.user, id)
    return LegalityReview.objects.visible_to(request.user).active().filter(document=record)


@router.get("/{id}/fair-competition-reviews",
            response=responses(401, 404, 422, s200=list[DocumentFairCompetitionReviewOut]),
            operation_id="normative_documents_fair_competition_reviews", summary="公平竞争审查结论（最近的在前）")
def documents_fair_competition_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(NormativeDocument, request.user, id)
    return FairCompetitionReview.objects.visible_to(request.user).active().filter(document=record)


lifecycle_routes(
    router, LIFECYCLE, model=NormativeDocument, rows=_rows, out=DocumentDetailOut, record_param="document",
    operation_prefix="normative_documents",
    routes={
        "submit_review": ActionRoute("submit-review", SubmitIn, services.document_submit_review,
                                     permissions.may_submit_review),
        "review": ActionRoute("reviews", DocumentReviewIn, services.document_review, permissions.may_review,
                              out=DocumentReviewOut, status=201, result=LegalityReview,
                              summary="出具合法性审核意见（法制机构；不合法的退回起草）"),
        "deliberate": ActionRoute("deliberations", DeliberateIn, services.document_deliberate,
                                  permissions.may_deliberate, summary="记录集体审议（须已经合法性审核且合法）"),
        "publish": ActionRoute("publish", DocumentPublishIn, services.document_publish, permissions.may_publish,
                               summary="签发公布：平台统一编号，开始备案期限和有效期提醒（法制机构）"),
        "file": ActionRoute("filing", FileIn, services.document_file, permissions.may_file, summary="记录报送备案"),
        "repeal": ActionRoute("repeal", RepealIn, services.document_repeal, permissions.may_repeal,
                              summary="废止（法制机构）"),
        "open_comment": ActionRoute("open-comment", OpenCommentIn, services.document_open_comment,
                                    permissions.may_open_comment, summary="公开征求意见（记录征求意见期间和途径）"),
        "evaluate": ActionRoute("evaluation", DocumentEvaluateIn, services.document_evaluate,
                                permissions.may_evaluate, summary="有效期届满前评估（进入评估期后）"),
        "abandon": ActionRoute("abandon", AbandonIn, services.document_abandon, permissions.may_abandon,
                               summary="终止起草（起草或征求意见阶段）"),
    },
    not_routed={"amend": "taken when the document that amends it is published (services.document_publish)",
                "expire": "the platform's alone (services.documents_expire, `fazhi expire_documents`)"},
    other_routes={
        "fair_competition_review": ActionRoute(
            "fair-competition-reviews", DocumentFairCompetitionReviewIn, services.document_fair_competition_review,
            permissions.may_fair_competition_review, out=DocumentFairCompetitionReviewOut, status=201,
            result=FairCompetitionReview,
            summary="记录公平竞争审查（集体审议通过前；涉及经营者经济活动的文件未经审查或者审查结论为不得出台的，不能报送"
                    "审核、审议通过和公布）"),
        "mark_market": ActionRoute("market-entities", DocumentMarketIn, services.document_mark_market,
                                   permissions.may_mark_market,
                                   summary="认定文件是否涉及经营者经济活动（法制机构；集体审议通过前）"),
        "comment": ActionRoute("comments", CommentIn, services.comment_add, permissions.may_comment,
                               out=CommentOut, status=201, result=PublicComment,
                               summary="登记公开征求的意见（须在征求意见期间内收到）"),
    },
)


@router.post("/{id}/draft-file", response=responses(400, 401, 403, 404, 409, 422, s200=DocumentDetailOut),
             operation_id="normative_documents_upload_draft",
             summary="上传草案文件（multipart/form-data：file 为.docx/.txt/.md，正文以文件内容为准；"
                     "version 必填，reason 选填）")
def documents_upload_draft(request: HttpRequest, file: File[UploadedFile], version: Form[int],
                           reason: Form[str] = "", id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(NormativeDocument, user, id, queryset=_rows(user))
    ensure_can_change(user, record)
    run_service(NormativeDocument, services.document_update, user=user, document=record, expected_version=version,
                reason=reason[:100], draft_file=file)
    return _rows(user).get(pk=record.pk)


@router.get("/{id}/comments", response=responses(401, 404, 422, s200=list[CommentOut]),
            operation_id="normative_documents_comments", summary="公开征求的意见及采纳情况")
def documents_comments(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(NormativeDocument, request.user, id)
    return PublicComment.objects.visible_to(request.user).active().filter(document=record)


@router.post("/{id}/comments/{comment_id}/response", response=responses(400, 401, 403, 404, 409, 422, s200=CommentOut),
             operation_id="normative_documents_respond", summary="说明意见的采纳情况（不采纳或部分采纳的须说明理由）")
def documents_respond(request: HttpRequest, payload: RespondIn, id: int = record_id_param(),
                      comment_id: int = Path(..., ge=1, le=MAX_ID, title="意见 id")):
    user = request.user
    record = record_for_action(NormativeDocument, user, id, permissions.may_respond, payload.version,
                               queryset=_rows(user))
    comment = PublicComment.objects.visible_to(user).active().filter(document=record, pk=comment_id).first()
    if comment is None:
        raise record_invalid(PublicComment, ValidationError({"document": UNAVAILABLE}))
    return run_service(PublicComment, services.comment_respond, user=user, comment=comment,
                       response=payload.response, reason=payload.reason)


# ----- cleanups (清理) -----

def _cleanups(user):
    return Cleanup.objects.visible_to(user).order_by("-started_on", "-pk")


def _cleanup_documents(user, ids: list[int]) -> list[NormativeDocument]:
    """The documents listed for a cleanup, each one the user may see (422 otherwise), in the order sent."""
    wanted = list(dict.fromkeys(ids))
    found = {d.pk: d for d in NormativeDocument.objects.visible_to(user).active().filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise record_invalid(Cleanup, ValidationError({"documents": UNAVAILABLE}))
    return [found[pk] for pk in wanted]


record_routes(cleanups, model=Cleanup, prefix="normative_documents_cleanups", title="规范性文件清理", out=CleanupOut,
              rows=_cleanups, detail_summary="清理详情", create=CleanupIn, service=services.cleanup_create,
              create_summary="开始清理，列入现行有效的文件（法制机构）", convert={"documents": _cleanup_documents})


@cleanups.get("/{id}/items", response=responses(401, 404, 422, s200=list[CleanupItemOut]),
              operation_id="normative_documents_cleanups_items", summary="列入清理的文件及清理结论")
def cleanups_items(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(Cleanup, request.user, id, queryset=_cleanups(request.user))
    return CleanupItem.objects.visible_to(request.user).active().filter(cleanup=record).select_related("document")


# Listing a document and deciding on one look up a second record (the document sent, the item in the path): their
# own handlers. A cleanup has no lifecycle table; its publication is routed like a document's acts.
@cleanups.post("/{id}/items", response=responses(400, 401, 403, 404, 409, 422, s201=CleanupItemOut),
               operation_id="normative_documents_cleanups_add_document", summary="列入文件（现行有效的；法制机构）")
def cleanups_add_document(request: HttpRequest, payload: CleanupAddIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(Cleanup, user, id, permissions.may_add_to_cleanup, payload.version,
                               queryset=_cleanups(user))
    document = NormativeDocument.objects.visible_to(user).active().filter(pk=payload.document).first()
    if document is None:
        raise record_invalid(CleanupItem, ValidationError({"document": UNAVAILABLE}))
    return Status(201, run_service(CleanupItem, services.cleanup_add_document, user=user, cleanup=record,
                                   document=document))


@cleanups.post("/{id}/items/{item_id}/decision",
               response=responses(400, 401, 403, 404, 409, 422, s200=CleanupItemOut),
               operation_id="normative_documents_cleanups_decide",
               summary="作出清理结论：保留、修改或废止（修改、废止须说明理由；法制机构）")
def cleanups_decide(request: HttpRequest, payload: CleanupDecideIn, id: int = record_id_param(),
                    item_id: int = Path(..., ge=1, le=MAX_ID, title="清理文件 id")):
    user = request.user
    record = record_for_action(Cleanup, user, id, permissions.may_decide_cleanup, payload.version,
                               queryset=_cleanups(user))
    item = CleanupItem.objects.visible_to(user).active().filter(cleanup=record, pk=item_id)\
        .select_related("cleanup", "document").first()
    if item is None:
        raise record_invalid(CleanupItem, ValidationError({"document": UNAVAILABLE}))
    run_service(CleanupItem, services.cleanup_decide, user=user, item=item, decision=payload.decision,
                reason=payload.reason, decided_on=payload.decided_on)
    return CleanupItem.objects.select_related("document").get(pk=item.pk)


lifecycle_routes(
    cleanups, None, model=Cleanup, rows=_cleanups, out=CleanupOut, record_param="cleanup",
    operation_prefix="normative_documents_cleanups",
    other_routes={"publish": ActionRoute("publish", CleanupPublishIn, services.cleanup_publish,
                                         permissions.may_publish_cleanup,
                                         summary="公布清理结果：结论为废止的文件于公布日废止（法制机构）")},
)


router.add_router("/cleanups", cleanups)
router.add_router("", detail)

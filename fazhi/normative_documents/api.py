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
from fazhi.normative_documents import checking, selectors, services, views
from fazhi.normative_documents.constants import DeliberationOutcome, DocumentStatus, ReviewOpinion
from fazhi.normative_documents.models import LegalityReview, NormativeDocument
from fazhi.organisation.models import OrgUnit

router = Router(tags=["行政规范性文件"])
N = NormativeDocument
VERSION_HELP = "读取记录时的 version；已被他人修改则答 409"
UNAVAILABLE = "所选记录不存在、已归档或您无权选用。"


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
    comment_starts_on: dt.date | None = None
    comment_ends_on: dt.date | None = None
    published_on: dt.date | None = Field(None, title=label(N, "published_on"))
    effective_on: dt.date | None = Field(None, title=label(N, "effective_on"))
    valid_until: dt.date | None = Field(None, title=label(N, "valid_until"))
    filed_on: dt.date | None = Field(None, title=label(N, "filed_on"))
    filing_status: str = Field(..., description="not_published, pending, on_time, late, overdue")
    filing_due_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: str = ""
    version: int = Field(..., description="办理时原样发回，用于防止覆盖他人的修改")
    created_on: datetime
    modified_on: datetime

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_filing_status(obj) -> str:
        return selectors.filing_status(obj).status

    @staticmethod
    def resolve_filing_due_on(obj) -> dt.date | None:
        return selectors.filing_status(obj).due_on


class DocumentDetailOut(DocumentOut):
    text: str = Field(..., title=label(N, "text"))


class FindingOut(Schema):
    rule: str = Field(..., description="规则代码：" + "；".join(f"{k}={v}" for k, v in checking.RULE_LABELS.items()))
    rule_label: str
    article: str | None
    text: str
    basis: str
    explanation: str
    start: int = Field(..., description="条款在正文中的起始位置（字符）")
    end: int


class ReviewOut(Schema):
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


class ActionIn(InputSchema):
    version: int | None = Field(None, ge=1, le=MAX_ID, title="版本", description=VERSION_HELP)


class SubmitIn(ActionIn):
    submitted_on: dt.date = Field(..., title="报送日期")
    no_comment_reason: str = Field("", max_length=200, title=label(N, "no_comment_reason"))


class ReviewIn(ActionIn):
    opinion: ReviewOpinion = Field(..., title="审核结论", description=choices_text(ReviewOpinion))
    reasons: str = Field(..., min_length=1, title="审核意见及理由")
    reviewed_on: dt.date = Field(..., title="审核日期")


class DeliberateIn(ActionIn):
    meeting: str = Field(..., min_length=1, max_length=200, title="会议名称")
    held_on: dt.date = Field(..., title="会议日期")
    outcome: DeliberationOutcome = Field(..., title="审议结果", description=choices_text(DeliberationOutcome))
    notes: str = Field("", title="审议情况")


class PublishIn(ActionIn):
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


class StatisticsOut(Schema):
    year: int
    reviewed: int = Field(..., description="当年经合法性审核的文件数")
    lawful_first_time: int = Field(..., description="其中首次审核即合法（含修改后合法）")
    published: int
    filed: int
    filed_on_time: int
    repealed: int
    expired: int
    in_force_at_year_end: int


class YearQuery(QueryParams):
    year: int = Field(..., ge=1990, le=2100, title="年度")


def _rows(user):
    return N.objects.visible_to(user).select_related("drafting_unit", "issuer")


def _unit(user, pk: int, field: str) -> OrgUnit:
    unit = OrgUnit.objects.visible_to(user).active().filter(pk=pk).first()
    if unit is None:
        raise record_invalid(N, ValidationError({field: UNAVAILABLE}))
    return unit


def _run(service, **kwargs):
    try:
        with transaction.atomic():
            return service(**kwargs)
    except ValidationError as exc:
        raise record_invalid(N, exc) from exc


def _acting(request, id: int, action: str, version: int | None) -> NormativeDocument:
    """The document, if the page would offer `action` to this user: 404 unseen, 403 not allowed, 409 stale."""
    record = get_visible_or_404(N, request.user, id, queryset=_rows(request.user))
    if record.is_archived:
        raise HttpError(400, str(ARCHIVED))
    act = next(a for a in views.documents.workflow if a.name == action)
    if not act.allows(views.documents, request.user, record):
        raise PermissionDeniedError()
    if version is not None and version != record.version:
        raise StaleRecordError(record)
    return record


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


@router.get("/statistics", response=responses(401, 403, 422, s200=StatisticsOut),
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
                  provisional=payload.provisional)
    return Status(201, _rows(user).get(pk=record.pk))


@router.get("/{id}", response=responses(401, 404, 422, s200=DocumentDetailOut),
            operation_id="normative_documents_detail", summary="文件详情（含正文）")
def documents_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(N, request.user, id, queryset=_rows(request.user))


add_history_route(router, N, "normative_documents", "行政规范性文件")


@router.get("/{id}/check", response=responses(401, 404, 422, s200=list[FindingOut]),
            operation_id="normative_documents_check", summary="自动预审：对当前正文运行合法性预审（仅供参考）")
def documents_check(request: HttpRequest, id: int = record_id_param()):
    return checking.run_checker(get_visible_or_404(N, request.user, id).text)


@router.get("/{id}/reviews", response=responses(401, 404, 422, s200=list[ReviewOut]),
            operation_id="normative_documents_reviews", summary="合法性审核意见（含存档的预审提示）")
def documents_reviews(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(N, request.user, id)
    return LegalityReview.objects.visible_to(request.user).active().filter(document=record)


def _act(action: str, route: str, body, summary: str, call, out=DocumentDetailOut, status: int = 200) -> None:
    @router.post(f"/{{id}}/{route}", response=responses(400, 401, 403, 404, 409, 422, **{f"s{status}": out}),
                 operation_id=f"normative_documents_{action}", summary=summary)
    def act(request: HttpRequest, payload: body, id: int = record_id_param()):
        record = _acting(request, id, action, payload.version)
        values = payload.model_dump(exclude={"version"})
        result = _run(call, user=request.user, document=record, **values)
        if out is DocumentDetailOut:
            return _rows(request.user).get(pk=record.pk)
        return Status(status, result)

    act.__name__ = f"documents_{action}"


_act("submit_review", "submit-review", SubmitIn, "报送合法性审核", services.document_submit_review)
_act("review", "reviews", ReviewIn, "出具合法性审核意见（法制机构；不合法的退回起草）", services.document_review,
     out=ReviewOut, status=201)
_act("deliberate", "deliberations", DeliberateIn, "记录集体审议（须已经合法性审核且合法）",
     services.document_deliberate, out=DocumentDetailOut)
_act("publish", "publish", PublishIn, "签发公布：平台统一编号，开始备案期限和有效期提醒（法制机构）",
     services.document_publish)
_act("file", "filing", FileIn, "记录报送备案", services.document_file)
_act("repeal", "repeal", RepealIn, "废止（法制机构）", services.document_repeal)

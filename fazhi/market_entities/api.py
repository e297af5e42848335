"""REST API of the 检查对象名录库: /api/market-entities/ (list, detail, create, update, archive, history)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from fazhi.core.api_support import (
    MAX_ID,
    ArchiveIn,
    InputSchema,
    OrgUnitRef,
    Pagination,
    QueryParams,
    add_history_route,
    choices_text,
    ensure_can_add,
    ensure_can_archive,
    ensure_can_change,
    ensure_unit_in_scope,
    get_visible_or_404,
    label,
    record_id_param,
    record_invalid,
    responses,
)
from fazhi.core.exceptions import StaleRecordError
from fazhi.core.services import record_archive, record_create, record_update
from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus, RiskClass
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit

router = Router(tags=["市场主体"])
M = MarketEntity
STREET_UNAVAILABLE = gettext_lazy("所选机构不存在、已归档或不是“街道”类型的机构。")


class MarketEntityOut(Schema):
    id: int
    uscc: str = Field(..., title=label(M, "uscc"))
    name: str = Field(..., title=label(M, "name"))
    entity_type: str = Field(..., title=label(M, "entity_type"), description=choices_text(EntityType))
    entity_type_label: str
    legal_representative: str = Field(..., title=label(M, "legal_representative"))
    address: str = Field(..., title=label(M, "address"))
    street: OrgUnitRef = Field(..., title=label(M, "street"))
    industry: str = Field(..., title=label(M, "industry"), description=choices_text(Industry))
    industry_label: str
    registration_status: str = Field(
        ..., title=label(M, "registration_status"), description=choices_text(RegistrationStatus)
    )
    registration_status_label: str
    risk_class: str = Field(..., title=label(M, "risk_class"), description=choices_text(RiskClass))
    risk_class_label: str
    version: int = Field(..., title=label(M, "version"), description="修改或归档时原样发回，用于防止覆盖他人的修改")
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None
    archived_reason: str

    @staticmethod
    def resolve_entity_type_label(obj: MarketEntity) -> str:
        return obj.get_entity_type_display()

    @staticmethod
    def resolve_industry_label(obj: MarketEntity) -> str:
        return obj.get_industry_display()

    @staticmethod
    def resolve_registration_status_label(obj: MarketEntity) -> str:
        return obj.get_registration_status_display()

    @staticmethod
    def resolve_risk_class_label(obj: MarketEntity) -> str:
        return obj.get_risk_class_display()


class MarketEntityFilters(QueryParams):
    street: int | None = Field(None, ge=1, le=MAX_ID, title=label(M, "street"), description="街道的机构 id")
    risk_class: RiskClass | None = Field(None, title=label(M, "risk_class"), description=choices_text(RiskClass))
    registration_status: RegistrationStatus | None = Field(
        None, title=label(M, "registration_status"), description=choices_text(RegistrationStatus)
    )
    industry: Industry | None = Field(None, title=label(M, "industry"), description=choices_text(Industry))
    entity_type: EntityType | None = Field(None, title=label(M, "entity_type"), description=choices_text(EntityType))
    q: str | None = Field(None, max_length=100, title="关键词", description="名称或统一社会信用代码中的文字")
    include_archived: bool = Field(False, title="包含已归档")


class MarketEntityIn(InputSchema):
    uscc: str = Field(..., title=label(M, "uscc"), description="18位，含校验位（GB 32100-2015）")
    name: str = Field(..., max_length=200, title=label(M, "name"))
    entity_type: EntityType = Field(..., title=label(M, "entity_type"), description=choices_text(EntityType))
    legal_representative: str = Field(..., max_length=50, title=label(M, "legal_representative"))
    address: str = Field(..., max_length=200, title=label(M, "address"))
    street: int = Field(
        ..., ge=1, le=MAX_ID, title=label(M, "street"), description="街道的机构 id；单位工作人员只能填本街道"
    )
    industry: Industry = Field(..., title=label(M, "industry"), description=choices_text(Industry))
    registration_status: RegistrationStatus = Field(
        RegistrationStatus.ACTIVE, title=label(M, "registration_status"), description=choices_text(RegistrationStatus)
    )
    risk_class: RiskClass = Field(..., title=label(M, "risk_class"), description=choices_text(RiskClass))


class MarketEntityPatch(InputSchema):
    """只修改请求中提交的字段；version 必须是读取记录时得到的版本。"""

    version: int = Field(
        ..., ge=1, le=MAX_ID, title=label(M, "version"), description="读取记录时的 version；已被他人修改则答 409"
    )
    reason: str = Field("", max_length=100, title="修改说明", description="写入修改历史")
    uscc: str | None = Field(None, title=label(M, "uscc"))
    name: str | None = Field(None, max_length=200, title=label(M, "name"))
    entity_type: EntityType | None = Field(None, title=label(M, "entity_type"), description=choices_text(EntityType))
    legal_representative: str | None = Field(None, max_length=50, title=label(M, "legal_representative"))
    address: str | None = Field(None, max_length=200, title=label(M, "address"))
    street: int | None = Field(None, ge=1, le=MAX_ID, title=label(M, "street"), description="街道的机构 id")
    industry: Industry | None = Field(None, title=label(M, "industry"), description=choices_text(Industry))
    registration_status: RegistrationStatus | None = Field(
        None, title=label(M, "registration_status"), description=choices_text(RegistrationStatus)
    )
    risk_class: RiskClass | None = Field(None, title=label(M, "risk_class"), description=choices_text(RiskClass))


def _visible(user):
    return MarketEntity.objects.visible_to(user).select_related("street")


def _check_street(user, street_id: int | None) -> None:
    """A new or changed street must be one the pages would offer: an active street the user may see,
    within their scope. (Checked here because Django has no Chinese for the foreign key's own message.)"""
    if street_id is None:
        return  # full_clean() reports the missing street
    only_streets = M._meta.get_field("street").get_limit_choices_to()
    offered = OrgUnit.objects.visible_to(user).active().complex_filter(only_streets)
    if not offered.filter(pk=street_id).exists():
        raise record_invalid(M, ValidationError({"street": str(STREET_UNAVAILABLE)}))
    ensure_unit_in_scope(user, MarketEntity, street_id)


@router.get(
    "", response=responses(401, 422, s200=list[MarketEntityOut]),
    operation_id="market_entities_list", summary="市场主体列表",
)
@paginate(Pagination)
def market_entities_list(request: HttpRequest, filters: Query[MarketEntityFilters]):
    rows = _visible(request.user)
    if not filters.include_archived:
        rows = rows.active()
    for name in ("risk_class", "registration_status", "industry", "entity_type"):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{name: value})
    if filters.street is not None:
        rows = rows.filter(street_id=filters.street)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(uscc__icontains=filters.q.upper()))
    return rows


@router.get(
    "/{id}", response=responses(401, 404, 422, s200=MarketEntityOut),
    operation_id="market_entities_detail", summary="市场主体详情",
)
def market_entities_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(MarketEntity, request.user, id, queryset=_visible(request.user))


@router.post(
    "", response=responses(400, 401, 403, 422, s201=MarketEntityOut),
    operation_id="market_entities_create", summary="新增市场主体",
)
def market_entities_create(request: HttpRequest, payload: MarketEntityIn):
    user = request.user
    ensure_can_add(user, MarketEntity)
    _check_street(user, payload.street)
    fields = payload.model_dump()
    fields["street_id"] = fields.pop("street")
    try:
        record = record_create(model=MarketEntity, user=user, **fields)
    except ValidationError as exc:
        raise record_invalid(MarketEntity, exc) from exc
    return Status(201, record)


@router.patch(
    "/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=MarketEntityOut),
    operation_id="market_entities_update", summary="修改市场主体（需提供 version）",
)
def market_entities_update(request: HttpRequest, payload: MarketEntityPatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(MarketEntity, user, id)
    ensure_can_change(user, record)
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    if "street" in changes:
        changes["street_id"] = changes.pop("street")
        if changes["street_id"] != record.street_id:
            _check_street(user, changes["street_id"])
    try:
        record_update(record=record, user=user, expected_version=payload.version, reason=payload.reason, **changes)
    except ValidationError as exc:
        raise record_invalid(MarketEntity, exc) from exc
    return _visible(user).get(pk=record.pk)


@router.post(
    "/{id}/archive", response=responses(400, 401, 403, 404, 409, 422, s200=MarketEntityOut),
    operation_id="market_entities_archive", summary="归档市场主体（不删除，需提供 version）",
)
def market_entities_archive(request: HttpRequest, payload: ArchiveIn, id: int = record_id_param()):
    user = request.user
    with transaction.atomic():
        # Lock the row so the version check and the archive see the same record (PostgreSQL).
        record = get_visible_or_404(MarketEntity, user, id, queryset=_visible(user).select_for_update(of=("self",)))
        ensure_can_archive(user, record)
        if record.version != payload.version:
            raise StaleRecordError(record)
        record_archive(record=record, user=user, reason=payload.reason)
    return _visible(user).get(pk=record.pk)


add_history_route(router, MarketEntity, "market_entities", "市场主体")

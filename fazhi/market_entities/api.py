"""REST API of the 检查对象名录库: /api/market-entities/ (list, detail, create, update, archive, history)."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router

from fazhi.core.api_support import (
    InputSchema,
    QueryParams,
    ensure_can_change,
    ensure_unit_in_scope,
    filter_fields,
    get_visible_or_404,
    model_schema,
    patch_schema,
    record_id_param,
    record_invalid,
    record_routes,
    responses,
)
from fazhi.core.services import record_create, record_update
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit

router = Router(tags=["市场主体"])
STREET_UNAVAILABLE = gettext_lazy("所选机构不存在、已归档或不是“街道”类型的机构。")


MarketEntityOut = model_schema(
    "MarketEntityOut", MarketEntity,
    ("id", "uscc", "name", "entity_type", "entity_type_label", "legal_representative", "address", "street", "industry",
     "industry_label", "registration_status", "registration_status_label", "risk_class", "risk_class_label",
     "version", "created_on", "modified_on", "archived_on", "archived_reason"),
    options={"version": {"description": "修改或归档时原样发回，用于防止覆盖他人的修改"}},
)

MarketEntityFilters = model_schema(
    "MarketEntityFilters", MarketEntity,
    ("street", "risk_class", "registration_status", "industry", "entity_type", "q", "include_archived"),
    base=QueryParams,
    options={"street": {"description": "街道的机构 id"}},
    extra=filter_fields("名称或统一社会信用代码中的文字"),
)

# The limits are the API's since it began: a name may be sent empty (full_clean() refuses it, naming the field).
MarketEntityIn = model_schema(
    "MarketEntityIn", MarketEntity,
    ("uscc", "name", "entity_type", "legal_representative", "address", "street", "industry", "registration_status",
     "risk_class"), base=InputSchema,
    options={
        "uscc": {"min_length": None, "max_length": None, "description": "18位，含校验位（GB 32100-2015）"},
        **{name: {"min_length": None} for name in ("name", "legal_representative", "address")},
        "street": {"description": "街道的机构 id；单位工作人员只能填本街道"},
    },
)

MarketEntityPatch = patch_schema(MarketEntityIn, doc="只修改请求中提交的字段；version 必须是读取记录时得到的版本。",
                                 reason_help="写入修改历史")


def _visible(user):
    return MarketEntity.objects.visible_to(user).select_related("street")


def _street_offered(user, street_id: int) -> OrgUnit:
    """A new or changed street must be one the pages would offer: an active street the user may see,
    within their scope. (Checked here because Django has no Chinese for the foreign key's own message.)"""
    only_streets = MarketEntity._meta.get_field("street").get_limit_choices_to()
    street = OrgUnit.objects.visible_to(user).active().complex_filter(only_streets).filter(pk=street_id).first()
    if street is None:
        raise record_invalid(MarketEntity, ValidationError({"street": str(STREET_UNAVAILABLE)}))
    ensure_unit_in_scope(user, MarketEntity, street_id)
    return street


def _filtered(rows, filters):
    for name in ("risk_class", "registration_status", "industry", "entity_type"):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{name: value})
    if filters.street is not None:
        rows = rows.filter(street_id=filters.street)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(uscc__icontains=filters.q.upper()))
    return rows


record_routes(router, model=MarketEntity, prefix="market_entities", title="市场主体", out=MarketEntityOut,
              rows=_visible, filters_schema=MarketEntityFilters, apply=_filtered,
              create=MarketEntityIn, service=partial(record_create, model=MarketEntity),
              create_summary="新增市场主体", convert={"street": _street_offered}, archivable=True)


# Not through record_routes: a street sent unchanged is not checked again (it may since have been archived).
@router.patch(
    "/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=MarketEntityOut),
    operation_id="market_entities_update", summary="修改市场主体（需提供 version）",
)
def market_entities_update(request: HttpRequest, payload: MarketEntityPatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(MarketEntity, user, id)
    ensure_can_change(user, record)
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    if changes.get("street") is not None and changes["street"] != record.street_id:
        changes["street"] = _street_offered(user, changes["street"])
    elif "street" in changes:
        changes["street_id"] = changes.pop("street")
    try:
        record_update(record=record, user=user, expected_version=payload.version, reason=payload.reason, **changes)
    except ValidationError as exc:
        raise record_invalid(MarketEntity, exc) from exc
    return _visible(user).get(pk=record.pk)

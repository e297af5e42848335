"""REST API of the org chart: /api/org-units/ (read only; units are managed in 系统管理)."""

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core.api_support import (
    MAX_ID,
    OrgUnitRef,
    Pagination,
    QueryParams,
    add_history_route,
    choices_text,
    get_visible_or_404,
    label,
    record_id_param,
    responses,
)
from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit

router = Router(tags=["机构"])
O = OrgUnit  # noqa: E741


class OrgUnitOut(Schema):
    id: int
    code: str = Field(..., title=label(O, "code"))
    name: str = Field(..., title=label(O, "name"))
    short_name: str = Field(..., title=label(O, "short_name"))
    kind: str = Field(..., title=label(O, "kind"), description=choices_text(OrgUnitKind))
    kind_label: str
    is_external: bool = Field(..., title="外部机构", description="法院、检察院等区外机构")
    parent: OrgUnitRef | None = Field(None, title=label(O, "parent"))
    sort_order: int = Field(..., title=label(O, "sort_order"))
    version: int
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None

    @staticmethod
    def resolve_kind_label(obj: OrgUnit) -> str:
        return obj.get_kind_display()


class OrgUnitFilters(QueryParams):
    kind: OrgUnitKind | None = Field(None, title=label(O, "kind"), description=choices_text(OrgUnitKind))
    parent: int | None = Field(None, ge=1, le=MAX_ID, title=label(O, "parent"), description="上级机构 id")
    q: str | None = Field(None, max_length=100, title="关键词", description="名称、简称或机构编码中的文字")
    include_archived: bool = Field(False, title="包含已归档")


def _visible(user):
    return OrgUnit.objects.visible_to(user).select_related("parent")


@router.get(
    "", response=responses(401, 422, s200=list[OrgUnitOut]),
    operation_id="org_units_list", summary="机构列表",
)
@paginate(Pagination)
def org_units_list(request: HttpRequest, filters: Query[OrgUnitFilters]):
    rows = _visible(request.user)
    if not filters.include_archived:
        rows = rows.active()
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    if filters.parent is not None:
        rows = rows.filter(parent_id=filters.parent)
    if filters.q:
        rows = rows.filter(
            Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q) | Q(code__icontains=filters.q)
        )
    return rows


@router.get(
    "/{id}", response=responses(401, 404, 422, s200=OrgUnitOut),
    operation_id="org_units_detail", summary="机构详情",
)
def org_units_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(OrgUnit, request.user, id, queryset=_visible(request.user))


add_history_route(router, OrgUnit, "org_units", "机构")

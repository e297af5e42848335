"""REST API of the org chart: /api/org-units/ (read only; units are managed in 系统管理)."""

from ninja import Field, Router

from fazhi.core.api_support import (
    QueryParams,
    filter_fields,
    model_schema,
    record_routes,
    search_rows,
)
from fazhi.organisation.models import OrgUnit

router = Router(tags=["机构"])


OrgUnitOut = model_schema(
    "OrgUnitOut", OrgUnit,
    ("id", "code", "name", "short_name", "kind", "kind_label", "is_external", "parent", "sort_order", "version",
     "created_on", "modified_on", "archived_on"),
    optional=("parent",),
    extra={"is_external": (bool, Field(..., title="外部机构", description="法院、检察院等区外机构"))},
)

OrgUnitFilters = model_schema(
    "OrgUnitFilters", OrgUnit, ("kind", "parent", "q", "include_archived"), base=QueryParams,
    options={"parent": {"description": "上级机构 id"}}, extra=filter_fields("名称、简称或机构编码中的文字"),
)


def _visible(user):
    return OrgUnit.objects.visible_to(user).select_related("parent")


def _filtered(rows, filters):
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    if filters.parent is not None:
        rows = rows.filter(parent_id=filters.parent)
    return search_rows(rows, filters, "name", "short_name", "code")


record_routes(router, model=OrgUnit, prefix="org_units", title="机构", out=OrgUnitOut, rows=_visible,
              filters_schema=OrgUnitFilters, apply=_filtered)

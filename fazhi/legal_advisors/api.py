"""REST API of legal advisors: /api/legal-advisors/... advisors, contracts, coverage on a date."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    OrgUnitRef,
    QueryParams,
    add_history_route,
    filter_fields,
    get_visible_or_404,
    lifecycle_routes,
    model_schema,
    patch_schema,
    pick_linked,
    record_id_param,
    record_routes,
    responses,
    search_rows,
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.legal_advisors import permissions, selectors, services
from fazhi.legal_advisors.models import AdvisorContract, AdvisorWork, LegalAdvisor

router = Router(tags=["法律顾问"])

_ARCHIVE_FIELDS = ("version", "archived_on", "archived_reason")

AdvisorOut = model_schema("AdvisorOut", LegalAdvisor,
                          ("id", "full_name", "firm", "licence_number", "specialties", *_ARCHIVE_FIELDS),
                          optional=_ARCHIVE_FIELDS[1:])

AdvisorIn = model_schema("AdvisorIn", LegalAdvisor, ("full_name", "firm", "licence_number", "specialties"),
                         base=InputSchema)

# The edit pages offer every field of an advisor, and only the number of a contract (form_fields).
AdvisorPatch = patch_schema(AdvisorIn,
                            doc="Changes the fields the edit page offers; only those sent (null: unchanged).")

AdvisorRef = model_schema("AdvisorRef", LegalAdvisor, ("id", "full_name", "firm"))

ContractOut = model_schema(
    "ContractOut", AdvisorContract,
    ("id", "number", "advisor", "org_unit", "starts_on", "ends_on", "terminated_on", *_ARCHIVE_FIELDS),
    types={"advisor": AdvisorRef}, optional=_ARCHIVE_FIELDS[1:],
)

ContractIn = model_schema("ContractIn", AdvisorContract, ("advisor", "org_unit", "number", "starts_on", "ends_on"),
                          base=InputSchema)

ContractPatch = patch_schema(ContractIn, fields=("number",),
                             doc="Changes the contract's number, as its edit page (null: unchanged).")

WorkOut = model_schema("WorkOut", AdvisorWork, ("id", "kind", "done_on", "title", "description"))

WorkIn = model_schema("WorkIn", AdvisorWork, ("kind", "done_on", "title", "description"), base=ActionIn,
                      options={"done_on": {"description": "须在聘期内，且不晚于今天"}})

TerminateIn = model_schema(
    "TerminateIn", AdvisorContract, ("terminated_on", "reason"), base=ActionIn, required=("terminated_on",),
    extra={"reason": (str, Field(..., min_length=1, max_length=100, title="原因"))},
)


class UnitCoverageOut(Schema):
    org_unit: OrgUnitRef
    kind: str
    covered: bool
    advisors: list[AdvisorRef]
    last_contract_number: str | None = Field(None, description="未覆盖单位最近一份已结束合同的编号")
    last_contract_ended_on: dt.date | None = None


class CoverageOut(Schema):
    on: dt.date
    complete: bool = Field(..., description="每个区直部门、街道、国有企业当日均有法律顾问")
    covered: int
    total: int
    units: list[UnitCoverageOut]
    gaps: list[UnitCoverageOut]


class CoverageQuery(QueryParams):
    on: dt.date | None = Field(None, title="日期", description="默认今天")


KeywordFilters = model_schema("KeywordFilters", LegalAdvisor, ("q",), base=QueryParams, extra=filter_fields())


def _advisors(user):
    return LegalAdvisor.objects.visible_to(user)


def _contracts(user):
    return AdvisorContract.objects.visible_to(user).select_related("advisor", "org_unit")


def _advisor_offered(user, pk: int) -> LegalAdvisor:
    return pick_linked(LegalAdvisor, user, pk, AdvisorContract, "advisor")


def _unit_out(row) -> dict:
    last = row.last_contract
    return {"org_unit": row.org_unit, "kind": row.org_unit.kind, "covered": row.covered, "advisors": row.advisors,
            "last_contract_number": last.number if last else None,
            "last_contract_ended_on": last.last_day if last else None}


@router.get("/coverage", response=responses(401, 403, 422, s200=CoverageOut), operation_id="legal_advisors_coverage",
            summary="法律顾问覆盖情况：各区直部门、街道、国有企业在某日是否有法律顾问，列出缺口")
def coverage(request: HttpRequest, query: Query[CoverageQuery]):
    if not permissions.may_view_coverage(request.user):
        raise PermissionDeniedError()
    result = selectors.coverage(on=query.on or clock.today())
    units = [_unit_out(row) for row in result.units]
    return {"on": result.on, "complete": result.complete, "covered": result.covered_count, "total": len(units),
            "units": units, "gaps": [u for u in units if not u["covered"]]}


advisors = Router()
record_routes(advisors, model=LegalAdvisor, prefix="legal_advisors", title="法律顾问", out=AdvisorOut,
              rows=_advisors, filters_schema=KeywordFilters,
              apply=lambda rows, filters: search_rows(rows, filters, "full_name", "firm"),
              create=AdvisorIn, service=services.advisor_create, create_summary="登记法律顾问（法制机构）",
              patch=AdvisorPatch, patch_summary="修改法律顾问信息（法制机构；需提供 version）", null_unchanged=True,
              archivable=True, archive_summary="归档法律顾问（不删除，法制机构；需提供 version）", history=False)
router.add_router("/advisors", advisors)

contracts = Router()
record_routes(contracts, model=AdvisorContract, prefix="legal_advisors_contract", title="法律顾问聘用合同",
              out=ContractOut, rows=_contracts,
              list_summary="聘用合同列表（本单位或全区）", detail_summary="聘用合同详情",
              create=ContractIn, service=services.contract_create, create_summary="登记聘用合同",
              convert={"advisor": _advisor_offered, "org_unit": unit_to_write(AdvisorContract)},
              patch=ContractPatch, patch_summary="修改合同编号（同编辑页；需提供 version）", null_unchanged=True,
              archivable=True, archive_summary="归档聘用合同（不删除，需提供 version）", history=False,
              operation_ids={"list": "legal_advisors_contracts"})
# A contract's history has been published at /api/legal-advisors/{id}/history (not under /contracts): kept there.
add_history_route(router, AdvisorContract, "legal_advisors_contracts", "法律顾问聘用合同")


@contracts.get("/{id}/work", response=responses(401, 404, 422, s200=list[WorkOut]),
               operation_id="legal_advisors_contracts_work", summary="法律顾问在本合同下的工作记录")
def contracts_work(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(AdvisorContract, request.user, id)
    return AdvisorWork.objects.visible_to(request.user).active().filter(contract=record).order_by("-done_on", "-pk")


# A contract has no lifecycle table: its acts are routed as actions outside one.
lifecycle_routes(
    contracts, None, model=AdvisorContract, rows=_contracts, out=ContractOut, record_param="contract",
    operation_prefix="legal_advisors_contracts",
    other_routes={
        "record_work": ActionRoute("work", WorkIn, services.work_record, permissions.may_record_work, out=WorkOut,
                                   status=201, result=AdvisorWork,
                                   summary="记录法律顾问工作：出具法律意见、审查合同、代理诉讼等（须在聘期内）"),
        "terminate": ActionRoute("terminate", TerminateIn, services.contract_terminate, permissions.may_terminate,
                                 summary="提前解除合同（该单位没有其他法律顾问的，自解除日起列为覆盖缺口）"),
    },
)


router.add_router("/contracts", contracts)

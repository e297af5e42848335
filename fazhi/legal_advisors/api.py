"""REST API of legal advisors: /api/legal-advisors/... advisors, contracts, coverage on a date."""

import datetime as dt
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from fazhi.core import clock
from fazhi.core.api_support import (
    ARCHIVED,
    MAX_ID,
    ActionIn,
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
    patch_schema,
    record_id_param,
    record_invalid,
    responses,
    run_service,
)
from fazhi.core.exceptions import PermissionDeniedError, StaleRecordError
from fazhi.core.services import record_archive, record_update
from fazhi.legal_advisors import selectors, services, views
from fazhi.legal_advisors.constants import WorkKind
from fazhi.legal_advisors.models import AdvisorContract, AdvisorWork, LegalAdvisor
from fazhi.organisation.models import OrgUnit

router = Router(tags=["法律顾问"])
A, C, W = LegalAdvisor, AdvisorContract, AdvisorWork
UNAVAILABLE = "所选记录不存在、已归档或您无权选用。"
VERSION_HELP = "读取记录时的 version；已被他人修改则答 409"


class AdvisorOut(Schema):
    id: int
    full_name: str = Field(..., title=label(A, "full_name"))
    firm: str = Field(..., title=label(A, "firm"))
    licence_number: str = Field(..., title=label(A, "licence_number"))
    specialties: str
    version: int
    archived_on: datetime | None = None
    archived_reason: str = ""


class AdvisorIn(InputSchema):
    full_name: str = Field(..., min_length=1, max_length=50, title=label(A, "full_name"))
    firm: str = Field(..., min_length=1, max_length=200, title=label(A, "firm"))
    licence_number: str = Field(..., min_length=1, max_length=30, title=label(A, "licence_number"))
    specialties: str = Field("", max_length=200, title=label(A, "specialties"))


# The edit pages offer every field of an advisor, and only the number of a contract (form_fields).
AdvisorPatch = patch_schema(AdvisorIn,
                            doc="Changes the fields the edit page offers; only those sent (null: unchanged).")


class AdvisorRef(Schema):
    id: int
    full_name: str
    firm: str


class ContractOut(Schema):
    id: int
    number: str = Field(..., title=label(C, "number"))
    advisor: AdvisorRef
    org_unit: OrgUnitRef = Field(..., title=label(C, "org_unit"))
    starts_on: dt.date
    ends_on: dt.date
    terminated_on: dt.date | None
    version: int
    archived_on: datetime | None = None
    archived_reason: str = ""


class ContractIn(InputSchema):
    advisor: int = Field(..., ge=1, le=MAX_ID, title=label(C, "advisor"))
    org_unit: int = Field(..., ge=1, le=MAX_ID, title=label(C, "org_unit"))
    number: str = Field(..., min_length=1, max_length=50, title=label(C, "number"))
    starts_on: dt.date = Field(..., title=label(C, "starts_on"))
    ends_on: dt.date = Field(..., title=label(C, "ends_on"))


ContractPatch = patch_schema(ContractIn, fields=("number",),
                             doc="Changes the contract's number, as its edit page (null: unchanged).")


class WorkOut(Schema):
    id: int
    kind: str = Field(..., title=label(W, "kind"), description=choices_text(WorkKind))
    done_on: dt.date = Field(..., title=label(W, "done_on"))
    title: str = Field(..., title=label(W, "title"))
    description: str = Field(..., title=label(W, "description"))


class WorkIn(ActionIn):
    kind: WorkKind = Field(..., title=label(W, "kind"), description=choices_text(WorkKind))
    done_on: dt.date = Field(..., title=label(W, "done_on"), description="须在聘期内，且不晚于今天")
    title: str = Field(..., min_length=1, max_length=200, title=label(W, "title"))
    description: str = Field("", title=label(W, "description"))


class TerminateIn(ActionIn):
    terminated_on: dt.date = Field(..., title="解除日期")
    reason: str = Field(..., min_length=1, max_length=100, title="原因")


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


class KeywordFilters(QueryParams):
    q: str | None = Field(None, max_length=100, title="关键词")



def _contracts(user):
    return C.objects.visible_to(user).select_related("advisor", "org_unit")


def _update(request, model, id: int, payload, queryset):
    """The generic edit page's save: the sent fields through record_update (403 out of scope, 409 stale)."""
    user = request.user
    record = get_visible_or_404(model, user, id, queryset=queryset)
    ensure_can_change(user, record)
    changes = {name: value for name, value in payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
               .items() if value is not None}
    run_service(model, record_update, record=record, user=user, expected_version=payload.version, reason=payload.reason,
                **changes)
    return queryset.get(pk=record.pk)


def _archive(request, model, id: int, payload: ArchiveIn, queryset):
    """The generic archive action: record_archive under the page's permission (403), 409 when stale."""
    user = request.user
    with transaction.atomic():
        # Lock the row so the version check and the archive see the same record (PostgreSQL).
        record = get_visible_or_404(model, user, id, queryset=queryset.select_for_update(of=("self",)))
        ensure_can_archive(user, record)
        if record.version != payload.version:
            raise StaleRecordError(record)
        record_archive(record=record, user=user, reason=payload.reason, expected_version=payload.version)
    return queryset.get(pk=record.pk)


def _unit_out(row) -> dict:
    last = row.last_contract
    return {"org_unit": row.org_unit, "kind": row.org_unit.kind, "covered": row.covered, "advisors": row.advisors,
            "last_contract_number": last.number if last else None,
            "last_contract_ended_on": last.last_day if last else None}


@router.get("/coverage", response=responses(401, 403, 422, s200=CoverageOut), operation_id="legal_advisors_coverage",
            summary="法律顾问覆盖情况：各区直部门、街道、国有企业在某日是否有法律顾问，列出缺口")
def coverage(request: HttpRequest, query: Query[CoverageQuery]):
    if not request.user.has_perm("legal_advisors.view_all_advisorcontract"):
        raise PermissionDeniedError()
    result = selectors.coverage(on=query.on or clock.today())
    units = [_unit_out(row) for row in result.units]
    return {"on": result.on, "complete": result.complete, "covered": result.covered_count, "total": len(units),
            "units": units, "gaps": [u for u in units if not u["covered"]]}


@router.get("/advisors", response=responses(401, 422, s200=list[AdvisorOut]), operation_id="legal_advisors_list",
            summary="法律顾问列表")
@paginate(Pagination)
def advisors_list(request: HttpRequest, filters: Query[KeywordFilters]):
    rows = A.objects.visible_to(request.user).active()
    if filters.q:
        rows = rows.filter(full_name__icontains=filters.q) | rows.filter(firm__icontains=filters.q)
    return rows


@router.post("/advisors", response=responses(400, 401, 403, 422, s201=AdvisorOut),
             operation_id="legal_advisors_create", summary="登记法律顾问（法制机构）")
def advisors_create(request: HttpRequest, payload: AdvisorIn):
    ensure_can_add(request.user, A)
    return Status(201, run_service(A, services.advisor_create, user=request.user, **payload.model_dump()))


@router.get("/advisors/{id}", response=responses(401, 404, 422, s200=AdvisorOut),
            operation_id="legal_advisors_detail", summary="法律顾问详情")
def advisors_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(A, request.user, id)


@router.patch("/advisors/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=AdvisorOut),
              operation_id="legal_advisors_update", summary="修改法律顾问信息（法制机构；需提供 version）")
def advisors_update(request: HttpRequest, payload: AdvisorPatch, id: int = record_id_param()):
    return _update(request, A, id, payload, A.objects.visible_to(request.user))


@router.post("/advisors/{id}/archive", response=responses(400, 401, 403, 404, 409, 422, s200=AdvisorOut),
             operation_id="legal_advisors_archive", summary="归档法律顾问（不删除，法制机构；需提供 version）")
def advisors_archive(request: HttpRequest, payload: ArchiveIn, id: int = record_id_param()):
    return _archive(request, A, id, payload, A.objects.visible_to(request.user))


@router.get("/contracts", response=responses(401, 422, s200=list[ContractOut]),
            operation_id="legal_advisors_contracts", summary="聘用合同列表（本单位或全区）")
@paginate(Pagination)
def contracts_list(request: HttpRequest):
    return C.objects.visible_to(request.user).active().select_related("advisor", "org_unit")


@router.post("/contracts", response=responses(400, 401, 403, 422, s201=ContractOut),
             operation_id="legal_advisors_contract_create", summary="登记聘用合同")
def contracts_create(request: HttpRequest, payload: ContractIn):
    user = request.user
    ensure_can_add(user, C)
    advisor = A.objects.visible_to(user).active().filter(pk=payload.advisor).first()
    unit = OrgUnit.objects.visible_to(user).active().filter(pk=payload.org_unit).first()
    if advisor is None or unit is None:
        raise record_invalid(C, ValidationError({"advisor" if advisor is None else "org_unit": UNAVAILABLE}))
    ensure_unit_in_scope(user, C, unit.pk)
    record = run_service(C, services.contract_create, user=user, advisor=advisor, org_unit=unit, number=payload.number,
                         starts_on=payload.starts_on, ends_on=payload.ends_on)
    return Status(201, record)


@router.get("/contracts/{id}", response=responses(401, 404, 422, s200=ContractOut),
            operation_id="legal_advisors_contract_detail", summary="聘用合同详情")
def contracts_detail(request: HttpRequest, id: int = record_id_param()):
    return get_visible_or_404(C, request.user, id, queryset=C.objects.visible_to(request.user)
                              .select_related("advisor", "org_unit"))


@router.patch("/contracts/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=ContractOut),
              operation_id="legal_advisors_contract_update", summary="修改合同编号（同编辑页；需提供 version）")
def contracts_update(request: HttpRequest, payload: ContractPatch, id: int = record_id_param()):
    return _update(request, C, id, payload, _contracts(request.user))


@router.post("/contracts/{id}/archive", response=responses(400, 401, 403, 404, 409, 422, s200=ContractOut),
             operation_id="legal_advisors_contract_archive", summary="归档聘用合同（不删除，需提供 version）")
def contracts_archive(request: HttpRequest, payload: ArchiveIn, id: int = record_id_param()):
    return _archive(request, C, id, payload, _contracts(request.user))


add_history_route(router, C, "legal_advisors_contracts", "法律顾问聘用合同")


def _contract_acting(request, id: int, action: str, version: int | None) -> AdvisorContract:
    """The contract, if the page would offer `action` to this user: 404 unseen, 403 not allowed, 409 stale."""
    record = get_visible_or_404(C, request.user, id, queryset=C.objects.visible_to(request.user)
                                .select_related("advisor", "org_unit"))
    if record.is_archived:
        raise HttpError(400, str(ARCHIVED))
    act = next(a for a in views.contracts.workflow if a.name == action)
    if not act.allows(views.contracts, request.user, record):
        raise PermissionDeniedError()
    if version is not None and version != record.version:
        raise StaleRecordError(record)
    return record


@router.get("/contracts/{id}/work", response=responses(401, 404, 422, s200=list[WorkOut]),
            operation_id="legal_advisors_contracts_work", summary="法律顾问在本合同下的工作记录")
def contracts_work(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(C, request.user, id)
    return W.objects.visible_to(request.user).active().filter(contract=record).order_by("-done_on", "-pk")


@router.post("/contracts/{id}/work", response=responses(400, 401, 403, 404, 409, 422, s201=WorkOut),
             operation_id="legal_advisors_contracts_record_work",
             summary="记录法律顾问工作：出具法律意见、审查合同、代理诉讼等（须在聘期内）")
def contracts_record_work(request: HttpRequest, payload: WorkIn, id: int = record_id_param()):
    record = _contract_acting(request, id, "work", payload.version)
    return Status(201, run_service(W, services.work_record, user=request.user, contract=record, kind=payload.kind,
                                   done_on=payload.done_on, title=payload.title, description=payload.description))


@router.post("/contracts/{id}/terminate", response=responses(400, 401, 403, 404, 409, 422, s200=ContractOut),
             operation_id="legal_advisors_contracts_terminate",
             summary="提前解除合同（该单位没有其他法律顾问的，自解除日起列为覆盖缺口）")
def contracts_terminate(request: HttpRequest, payload: TerminateIn, id: int = record_id_param()):
    record = _contract_acting(request, id, "terminate", payload.version)
    run_service(C, services.contract_terminate, user=request.user, contract=record, terminated_on=payload.terminated_on,
                reason=payload.reason)
    return C.objects.select_related("advisor", "org_unit").get(pk=record.pk)

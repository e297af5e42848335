"""REST API of the permit module: /api/permits/... the catalogue (read by every user, kept by the legal-affairs
office), the cases of one window with their workflow actions (the same rules as the pages)."""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    OrgUnitRef,
    QueryParams,
    ensure_unit_in_scope,
    filter_fields,
    lifecycle_routes,
    model_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
    search_rows,
)
from fazhi.core.validators import mask_id_number
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit
from fazhi.permits import permissions, selectors, services
from fazhi.permits.constants import ReformMode
from fazhi.permits.lifecycle import LIFECYCLE
from fazhi.permits.models import CaseMatter, CaseStatus, CatalogueEdition, CatalogueEntry, PermitCase, PermitMatter

router = Router(tags=["涉企经营许可"])

_ARCHIVE = ("version", "archived_on")

EditionOut = model_schema("PermitEditionOut", CatalogueEdition,
                          ("id", "name", "document_number", "effective_on", *_ARCHIVE), optional=("archived_on",))
EditionIn = model_schema("PermitEditionIn", CatalogueEdition, ("name", "document_number", "effective_on"),
                         base=InputSchema)
EditionRef = model_schema("PermitEditionRef", CatalogueEdition, ("id", "name", "document_number", "effective_on"))
MatterOut = model_schema("PermitMatterOut", PermitMatter, ("id", "code", "name", *_ARCHIVE), optional=("archived_on",))
MatterIn = model_schema("PermitMatterIn", PermitMatter, ("code", "name"), base=InputSchema)
MatterRef = model_schema("PermitMatterRef", PermitMatter, ("id", "code", "name"))
EntryOut = model_schema(
    "PermitEntryOut", CatalogueEntry,
    ("id", "edition", "matter", "basis", "approval_level", "approval_level_label", "approving_department", "org_unit",
     "mode", "mode_label", "measures", "supervision", "statutory_days", "promised_days", *_ARCHIVE),
    types={"edition": EditionRef, "matter": MatterRef, "org_unit": OrgUnitRef | None}, optional=("archived_on",))
EntryIn = model_schema(
    "PermitEntryIn", CatalogueEntry,
    ("edition", "matter", "basis", "approval_level", "approving_department", "org_unit", "mode", "measures",
     "supervision", "statutory_days", "promised_days"), base=InputSchema,
    options={"statutory_days": {"ge": 1, "le": 365}, "promised_days": {"ge": 1, "le": 365}})
EntryFilters = model_schema("PermitEntryFilters", CatalogueEntry, ("edition", "mode", "q", "include_archived"),
                            base=QueryParams, types={"mode": ReformMode}, extra=filter_fields("事项名称或编码中的文字"))
EntityRef = model_schema("PermitEntityRef", MarketEntity, ("id", "uscc", "name"))
LineOut = model_schema("PermitCaseMatterOut", CaseMatter, ("id", "entry", "mode", "mode_label"),
                       types={"entry": EntryOut})

CaseOut = model_schema(
    "PermitCaseOut", PermitCase,
    ("id", "number", "org_unit", "edition", "applicant_kind", "applicant_entity", "applicant_name",
     "applicant_id_number", "matters_text", "lines", "received_on", "status", "status_label", "statutory_days",
     "promised_days", "extended_days", "excluded_days", "statutory_due_on", "promised_due_on", "provisional",
     "decided_on", "decision_form", "working_days_used", "on_time", "within_promise", "withdrawn_on",
     "disguised_approval", "disguised_reasons", *_ARCHIVE),
    types={"edition": EditionRef, "applicant_entity": EntityRef | None}, optional=("archived_on",),
    extra={"lines": list[LineOut]},
    resolve={"applicant_id_number": lambda case: mask_id_number(case.applicant_id_number)
             if case.applicant_id_number else "",
             "lines": lambda case: list(case.lines.active().select_related("entry__edition", "entry__matter"))},
    doc="身份证号码一律遮蔽显示（完整号码只在办件页面显示，查看会被记录）。")
CaseIn = model_schema(
    "PermitCaseIn", PermitCase,
    ("org_unit", "applicant_kind", "applicant_entity", "applicant_name", "applicant_id_number", "received_on",
     "matters"), base=InputSchema,
    extra={"matters": (list[int], Field(..., min_length=1, title="申请事项", description="事项 id（一件事可多个）"))})
CaseFilters = model_schema("PermitCaseFilters", PermitCase, ("status", "q", "include_archived"), base=QueryParams,
                           types={"status": CaseStatus}, extra=filter_fields("办件编号、申请人或事项中的文字"))
DemandIn = model_schema("PermitDemandIn", PermitCase, ("name", "kind", "line"), base=ActionIn, extra={
    "name": (str, Field(..., min_length=1, max_length=200, title="材料名称")),
    "kind": (str, Field(..., max_length=20, title="材料类别",
                        description="application/identity/informative/commitment/approval/other")),
    "line": (int | None, Field(None, ge=1, title="针对事项", description="办件事项 id（lines[].id）")),
})
ExtendIn = model_schema("PermitExtendIn", PermitCase, ("reason", "days"), base=ActionIn, extra={
    "reason": (str, Field(..., min_length=1, max_length=200, title="延长理由")),
    "days": (int, Field(10, ge=1, le=10, title="延长工作日")),
})
ExcludeIn = model_schema("PermitExcludeIn", PermitCase, ("days", "reason"), base=ActionIn, extra={
    "days": (int, Field(..., ge=1, le=365, title="不计入期限的工作日")),
    "reason": (str, Field(..., min_length=1, max_length=90, title="事由")),
})
DecideIn = model_schema("PermitDecideIn", PermitCase, ("decision_form", "decided_on", "note"), base=ActionIn,
                        required=("decision_form",), options={"decided_on": {"default": None}},
                        extra={"note": (str, Field("", max_length=500, title="决定说明"))})
WithdrawIn = model_schema("PermitWithdrawIn", PermitCase, ("reason", "withdrawn_on"), base=ActionIn,
                          options={"withdrawn_on": {"default": None}},
                          extra={"reason": (str, Field(..., min_length=1, max_length=90, title="撤回原因"))})


class ModeRowOut(Schema):
    mode: str
    label: str
    matters: int
    cases: int
    decided: int
    on_time: int
    on_time_rate: float | None
    average_days: float | None


class StatisticsOut(Schema):
    year: int
    matters: int
    cases: int
    lines: int
    decided: int
    on_time: int
    on_time_rate: float | None
    average_days: float | None
    disguised: int
    rows: list[ModeRowOut]


def _unit_offered(user, pk: int) -> OrgUnit:
    unit = pick_linked(OrgUnit, user, pk, PermitCase, "org_unit")
    ensure_unit_in_scope(user, PermitCase, unit.pk)
    return unit


def _entity(user, pk: int | None):
    return pick_linked(MarketEntity, user, pk, PermitCase, "applicant_entity")


def _matters(user, ids: list[int]):
    return [pick_linked(PermitMatter, user, pk, PermitCase, "matters") for pk in ids]


editions = Router()
record_routes(editions, model=CatalogueEdition, prefix="permits_editions", title="涉企经营许可事项清单",
              out=EditionOut, rows=selectors.editions_visible, create=EditionIn, service=services.edition_create,
              create_summary="登记一版清单")
matters = Router()
record_routes(matters, model=PermitMatter, prefix="permits_matters", title="涉企经营许可事项", out=MatterOut,
              rows=selectors.matters_visible, create=MatterIn, service=services.matter_create,
              create_summary="登记事项")
entries = Router()
record_routes(entries, model=CatalogueEntry, prefix="permits_entries", title="清单事项", out=EntryOut,
              rows=selectors.entries_visible, filters_schema=EntryFilters,
              apply=lambda rows, f: search_rows(rows.filter(**{k: v for k, v in (("edition", f.edition),
                                                                                  ("mode", f.mode)) if v}),
                                                f, "matter__name", "matter__code"),
              create=EntryIn, service=services.entry_create, create_summary="在清单中列入事项",
              convert={"edition": lambda user, pk: pick_linked(CatalogueEdition, user, pk, CatalogueEntry, "edition"),
                       "matter": lambda user, pk: pick_linked(PermitMatter, user, pk, CatalogueEntry, "matter"),
                       "org_unit": lambda user, pk: pick_linked(OrgUnit, user, pk, CatalogueEntry, "org_unit")})

cases = Router()


@cases.get("/statistics", response=responses(401, 403, 422, s200=StatisticsOut), operation_id="permits_statistics",
           summary="按年度、单位统计：各改革方式的事项、办件、按时办结率、平均用时")
def statistics(request: HttpRequest, year: int = Field(..., ge=1990, le=9999), org_unit: int | None = None):
    from fazhi.core.exceptions import PermissionDeniedError

    user = request.user
    if not user.has_perm("permits.view_all_permitcase"):
        if not user.has_perm("permits.view_own_unit_permitcase") or not user.org_unit_id:
            raise PermissionDeniedError()
        unit = user.org_unit
    else:
        unit = None if org_unit is None else pick_linked(OrgUnit, user, org_unit, PermitCase, "org_unit")
    figures = selectors.statistics(year, unit)
    return {"year": year, "matters": figures.matters, "cases": figures.cases, "lines": figures.lines,
            "decided": figures.decided, "on_time": figures.on_time, "on_time_rate": figures.on_time_rate,
            "average_days": figures.average_days, "disguised": figures.disguised,
            "rows": [{**row.__dict__, "on_time_rate": row.on_time_rate} for row in figures.rows]}


def _filtered(rows, filters):
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    return search_rows(rows, filters, "number", "applicant_name", "applicant_entity__name", "matters_text")


record_routes(cases, model=PermitCase, prefix="permits_cases", title="办件", out=CaseOut,
              rows=selectors.cases_visible, filters_schema=CaseFilters, apply=_filtered, create=CaseIn,
              service=services.case_create, create_summary="受理办件（一件事可同时申请多个事项）",
              convert={"org_unit": _unit_offered, "applicant_entity": _entity, "matters": _matters},
              archivable=True)


@cases.post("/{id}/demand", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
            operation_id="permits_cases_demand", summary=LIFECYCLE.label("demand"))
def demand(request: HttpRequest, payload: DemandIn, id: int = record_id_param()):
    user = request.user
    case = record_for_action(PermitCase, user, id, permissions.may_demand, payload.version,
                             queryset=selectors.cases_visible(user))
    line = None if payload.line is None else pick_linked(CaseMatter, user, payload.line, PermitCase, "lines",
                                                         queryset=case.lines.active())
    run_service(PermitCase, services.case_demand, user=user, case=case, name=payload.name, kind=payload.kind,
                line=line)
    return selectors.cases_visible(user).get(pk=case.pk)


lifecycle_routes(
    cases, LIFECYCLE, model=PermitCase, rows=selectors.cases_visible, out=CaseOut, record_param="case",
    operation_prefix="permits_cases",
    routes={
        "start": ActionRoute("start", None, services.case_start, permissions.may_start),
        "extend": ActionRoute("extend", ExtendIn, services.case_extend, permissions.may_extend),
        "exclude": ActionRoute("exclude", ExcludeIn, services.case_exclude, permissions.may_exclude),
        "decide": ActionRoute("decide", DecideIn, services.case_decide, permissions.may_decide),
        "withdraw": ActionRoute("withdraw", WithdrawIn, services.case_withdraw, permissions.may_withdraw),
    },
    not_routed={"demand": "its own route above: the body names a line of the case by id"},
)

router.add_router("/editions", editions)
router.add_router("/matters", matters)
router.add_router("/entries", entries)
router.add_router("/cases", cases)

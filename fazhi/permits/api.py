"""REST API of the permit module: /api/permits/... the catalogue (read by every user, kept by the legal-affairs
office), the cases of one window with their workflow actions (the same rules as the pages), the 告知承诺 check draws,
checks and credit records, and the business environment (commendations, pairings, visits, the legal service team)."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    OrgUnitRef,
    QueryParams,
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
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.core.validators import mask_id_number
from fazhi.enforcement.models import EnforcementBody, EnforcementCase
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.models import OrgUnit
from fazhi.permits import permissions, selectors, services
from fazhi.permits.constants import CommitmentKind, ReformMode
from fazhi.permits.lifecycle import LIFECYCLE
from fazhi.permits.models import (
    CaseMatter,
    CaseStatus,
    CatalogueEdition,
    CatalogueEntry,
    CheckDraw,
    Commendation,
    CommitmentCheck,
    CreditRecord,
    Pairing,
    PermitCase,
    PermitMatter,
    ServiceTeamMember,
    Visit,
)

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
     "disguised_approval", "disguised_reasons", "commitment_kind", "commitment_text", "conditions_due_on", *_ARCHIVE),
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
CommitmentIn = model_schema(
    "PermitCommitmentIn", PermitCase, ("commitment_kind", "commitment_text", "conditions_due_on"), base=ActionIn,
    required=("commitment_kind", "commitment_text"), types={"commitment_kind": CommitmentKind},
    options={"conditions_due_on": {"description": "承诺在约定期限内达到许可条件的必填，不早于受理日期"}})
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
    checked: int = Field(..., description="年度内记录结果的告知承诺核查")
    found_false: int = Field(..., description="其中承诺不属实或未按期达到条件的")
    rows: list[ModeRowOut]


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
           summary="按年度、单位统计：各改革方式的事项、办件、按时办结率、平均用时，告知承诺核查及发现不实")
def statistics(request: HttpRequest, year: int = Query(..., ge=1990, le=9999), org_unit: int | None = None):
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
            "average_days": figures.average_days, "disguised": figures.disguised, "checked": figures.checked,
            "found_false": figures.found_false,
            "rows": [{**row.__dict__, "on_time_rate": row.on_time_rate} for row in figures.rows]}


def _filtered(rows, filters):
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    return search_rows(rows, filters, "number", "applicant_name", "applicant_entity__name", "matters_text")


record_routes(cases, model=PermitCase, prefix="permits_cases", title="办件", out=CaseOut,
              rows=selectors.cases_visible, filters_schema=CaseFilters, apply=_filtered, create=CaseIn,
              service=services.case_create, create_summary="受理办件（一件事可同时申请多个事项）",
              convert={"org_unit": unit_to_write(PermitCase), "applicant_entity": _entity, "matters": _matters},
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
    other_routes={"commitment": ActionRoute("commitment", CommitmentIn, services.case_record_commitment,
                                            permissions.may_record_commitment,
                                            summary="记录告知承诺（告知承诺事项的办件，核查之前）")},
)


# ----- 告知承诺: check draws, checks, credit records ----------------------------------------------------------

DrawOut = model_schema(
    "PermitCheckDrawOut", CheckDraw,
    ("id", "number", "org_unit", "period_from", "period_to", "source_labels", "committed_on", "commit_sha256",
     "pool_counts", "drawn_on", "sources", "quotas", "record_sha256", *_ARCHIVE),
    types={"source_labels": list[str], "pool_counts": dict[str, int], "sources": list[str],
           "quotas": dict[str, int]}, optional=("archived_on",),
    doc="完整的抽取记录在页面 /permits/draws/{id}/record.json，可用 fazhi draw verify 复核。")
DrawIn = model_schema(
    "PermitCheckDrawIn", CheckDraw, ("org_unit", "period_from", "period_to", "source_labels"), base=InputSchema,
    extra={"source_labels": (list[str], Field(..., min_length=1, max_length=5, title="随机源",
                                               description="抽取前公布的随机源说明，抽取时公开其数值"))})
RevealIn = model_schema(
    "PermitCheckDrawRevealIn", CheckDraw, ("sources", "drawn_on"), base=ActionIn,
    options={"drawn_on": {"description": "默认今天"}},
    extra={"sources": (list[list[int]], Field(..., min_length=1, max_length=5, title="随机源数值",
                                               description="按公布的随机源顺序，每个随机源的数值"))})
CheckOut = model_schema(
    "PermitCheckOut", CommitmentCheck,
    ("id", "number", "case", "draw", "risk_class", "due_on", "method", "method_label", "checked_on", "result",
     "result_label", "finding", "enforcement_case", *_ARCHIVE),
    types={"case": int, "draw": int | None, "enforcement_case": int | None}, optional=("archived_on",),
    resolve={"case": lambda check: check.case_id, "draw": lambda check: check.draw_id,
             "enforcement_case": lambda check: check.enforcement_case_id})
ResultIn = model_schema("PermitCheckResultIn", CommitmentCheck, ("method", "result", "checked_on", "finding"),
                        base=ActionIn, required=("method", "result"),
                        options={"checked_on": {"description": "默认今天"},
                                 "finding": {"description": "承诺不属实或未按期达到条件的必填"}})
HandOverIn = model_schema(
    "PermitHandOverIn", CommitmentCheck, ("enforcement_case", "body", "summary"), base=ActionIn,
    options={"enforcement_case": {"description": "已立案的执法案件 id；与 body 二者选一"}},
    extra={"body": (int | None, Field(None, ge=1, title="执法主体",
                                      description="由该执法主体立案；与 enforcement_case 二者选一")),
           "summary": (str, Field("", max_length=200, title="案由"))})
CreditOut = model_schema(
    "PermitCreditRecordOut", CreditRecord,
    ("id", "number", "commitment_check", "case", "entity", "subject_name", "uscc", "behaviour", "basis",
     "recorded_on", "repaired_on", "repair_basis", *_ARCHIVE),
    types={"commitment_check": int, "case": int, "entity": EntityRef | None}, optional=("archived_on",),
    resolve={"commitment_check": lambda record: record.commitment_check_id, "case": lambda record: record.case_id})


draws = Router()
record_routes(draws, model=CheckDraw, prefix="permits_draws", title="告知承诺核查抽取", out=DrawOut,
              rows=selectors.draws_visible, create=DrawIn, service=services.check_draw_commit,
              create_summary="冻结告知承诺办件名录并公布承诺值（抽取前）",
              convert={"org_unit": unit_to_write(CheckDraw)})
lifecycle_routes(
    draws, None, model=CheckDraw, rows=selectors.draws_visible, out=DrawOut, record_param="draw",
    operation_prefix="permits_draws",
    other_routes={"reveal": ActionRoute("reveal", RevealIn, services.check_draw_reveal, permissions.may_reveal,
                                        summary="公开随机源数值并抽取（按风险分层），生成核查任务")},
)

checks = Router()
record_routes(checks, model=CommitmentCheck, prefix="permits_checks", title="告知承诺核查", out=CheckOut,
              rows=selectors.checks_visible)
lifecycle_routes(
    checks, None, model=CommitmentCheck, rows=selectors.checks_visible, out=CheckOut, record_param="check",
    operation_prefix="permits_checks",
    other_routes={"result": ActionRoute("result", ResultIn, services.check_record_result,
                                        permissions.may_record_result,
                                        summary="记录核查结果（不属实或未按期达到条件的，同时记入失信记录）")},
)


@checks.post("/{id}/hand-over", response=responses(400, 401, 403, 404, 409, 422, s200=CheckOut),
             operation_id="permits_checks_hand_over", summary="移交执法：关联已立案的执法案件，或由执法主体立案")
def hand_over(request: HttpRequest, payload: HandOverIn, id: int = record_id_param()):
    user = request.user
    check = record_for_action(CommitmentCheck, user, id, permissions.may_hand_over, payload.version,
                              queryset=selectors.checks_visible(user))
    enforcement_case = pick_linked(EnforcementCase, user, payload.enforcement_case, CommitmentCheck,
                                   "enforcement_case")
    body = pick_linked(EnforcementBody, user, payload.body, CommitmentCheck, "enforcement_case")
    run_service(CommitmentCheck, services.check_hand_over, user=user, check=check, enforcement_case=enforcement_case,
                body=body, summary=payload.summary)
    return selectors.checks_visible(user).get(pk=check.pk)


RepairIn = model_schema("PermitCreditRepairIn", CreditRecord, ("repaired_on", "repair_basis"), base=ActionIn,
                        required=("repaired_on", "repair_basis"))

credit = Router()
record_routes(credit, model=CreditRecord, prefix="permits_credit", title="失信记录", out=CreditOut,
              rows=selectors.credit_records_visible)
lifecycle_routes(
    credit, None, model=CreditRecord, rows=selectors.credit_records_visible, out=CreditOut, record_param="record",
    operation_prefix="permits_credit",
    other_routes={"repair": ActionRoute("repair", RepairIn, services.credit_record_repair,
                                        permissions.may_repair_credit,
                                        summary="记录信用修复（修复后申请人可再适用告知承诺制）")},
)


# ----- 营商环境: commendations, pairings, visits, the legal service team --------------------------------------

def _firm_of(model, field: str):
    return lambda user, pk: pick_linked(MarketEntity, user, pk, model, field)


CommendationOut = model_schema(
    "PermitCommendationOut", Commendation, ("id", "org_unit", "name", "held_on", "firms", *_ARCHIVE),
    types={"firms": list[EntityRef]}, optional=("archived_on",),
    resolve={"firms": lambda commendation: list(commendation.firms.order_by("uscc"))})
CommendationIn = model_schema(
    "PermitCommendationIn", Commendation, ("org_unit", "name", "held_on", "firms"), base=InputSchema,
    extra={"firms": (list[int], Field(default_factory=list, max_length=1000, title="受表彰企业",
                                      description="市场主体 id"))})
PairingOut = model_schema(
    "PermitPairingOut", Pairing, ("id", "org_unit", "year", "leader_name", "leader_title", "entity", *_ARCHIVE),
    types={"entity": EntityRef}, optional=("archived_on",))
PairingIn = model_schema("PermitPairingIn", Pairing, ("org_unit", "year", "leader_name", "leader_title", "entity"),
                         base=InputSchema, options={"year": {"ge": 1990, "le": 2100}})
VisitOut = model_schema(
    "PermitVisitOut", Visit,
    ("id", "org_unit", "kind", "kind_label", "visited_on", "visitor", "entity", "pairing", "issues", *_ARCHIVE),
    types={"entity": EntityRef, "pairing": int | None}, optional=("archived_on",),
    resolve={"pairing": lambda visit: visit.pairing_id})
VisitIn = model_schema(
    "PermitVisitIn", Visit, ("org_unit", "kind", "visited_on", "visitor", "entity", "pairing", "issues"),
    base=InputSchema, types={"entity": int | None},
    options={"entity": {"default": None, "description": "部门、街道走访必填；领导包联走访为包联企业，可不填"},
                               "pairing": {"description": "领导包联走访必填"}})
MemberOut = model_schema(
    "PermitServiceTeamMemberOut", ServiceTeamMember,
    ("id", "org_unit", "name", "affiliation", "specialty", "phone", "joined_on", *_ARCHIVE),
    optional=("archived_on",))
MemberIn = model_schema("PermitServiceTeamMemberIn", ServiceTeamMember,
                        ("org_unit", "name", "affiliation", "specialty", "phone", "joined_on"), base=InputSchema)


def _visible(model, *related: str):
    # Archived records too: the archive route answers with the archived record; lists take only active ones.
    return lambda user: model.objects.visible_to(user).select_related("org_unit", *related)


def _firms(user, ids: list[int]):
    return [pick_linked(MarketEntity, user, pk, Commendation, "firms") for pk in ids]


commendations = Router()
record_routes(commendations, model=Commendation, prefix="permits_commendations", title="表彰大会",
              out=CommendationOut, rows=_visible(Commendation), create=CommendationIn,
              service=services.commendation_create, create_summary="登记表彰大会及受表彰企业",
              convert={"org_unit": unit_to_write(Commendation), "firms": _firms}, archivable=True)
pairings = Router()
record_routes(pairings, model=Pairing, prefix="permits_pairings", title="领导包联企业", out=PairingOut,
              rows=_visible(Pairing, "entity"), create=PairingIn, service=services.pairing_create,
              create_summary="登记领导包联企业", convert={"org_unit": unit_to_write(Pairing),
                                                           "entity": _firm_of(Pairing, "entity")},
              archivable=True)


def _pairing(user, pk: int | None):
    return pick_linked(Pairing, user, pk, Visit, "pairing")


visits = Router()
record_routes(visits, model=Visit, prefix="permits_visits", title="走访记录", out=VisitOut,
              rows=_visible(Visit, "entity"), create=VisitIn, service=services.visit_create,
              create_summary="登记走访（领导包联走访须选择包联关系）",
              convert={"org_unit": unit_to_write(Visit), "entity": _firm_of(Visit, "entity"), "pairing": _pairing},
              archivable=True)
members = Router()
record_routes(members, model=ServiceTeamMember, prefix="permits_members", title="法律服务团成员", out=MemberOut,
              rows=_visible(ServiceTeamMember), create=MemberIn, service=services.member_create,
              create_summary="登记法律服务团成员", convert={"org_unit": unit_to_write(ServiceTeamMember)},
              archivable=True)

router.add_router("/editions", editions)
router.add_router("/matters", matters)
router.add_router("/entries", entries)
router.add_router("/cases", cases)
router.add_router("/draws", draws)
router.add_router("/checks", checks)
router.add_router("/credit", credit)
router.add_router("/commendations", commendations)
router.add_router("/pairings", pairings)
router.add_router("/visits", visits)
router.add_router("/members", members)

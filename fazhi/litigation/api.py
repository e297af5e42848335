"""REST API of 行政诉讼: /api/litigation/cases/... the lawsuits with their defend / hearing / close actions (the same
rules as the pages: permissions.may_<action>)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    InputSchema,
    OrgUnitRef,
    QueryParams,
    filter_fields,
    filters_by,
    lifecycle_routes,
    model_schema,
    pick_linked,
    record_routes,
    responses,
    unit_to_write,
)
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.enforcement.models import EnforcementCase
from fazhi.litigation import permissions, selectors, services, statistics
from fazhi.litigation.constants import AbsenceReason, Level, Outcome
from fazhi.litigation.lifecycle import LIFECYCLE
from fazhi.litigation.models import AdministrativeLitigation, CourtAppearance, LitigationStatus
from fazhi.reconsideration.constants import ManagementCategory, PartyType
from fazhi.reconsideration.models import Reconsideration
from fazhi.records.statistics import statistics_unit

router = Router(tags=["行政诉讼"])

AppearanceOut = model_schema(
    "LitigationAppearanceOut", CourtAppearance,
    ("id", "hearing_on", "head_appeared", "head_name", "head_title", "absence_reason", "staff_name", "note"))
LitigationOut = model_schema(
    "LitigationOut", AdministrativeLitigation,
    ("id", "case_number", "court", "level", "appealed_from", "plaintiff_type", "plaintiff", "defendant_unit", "cause",
     "category", "compensation_claimed", "enforcement_case", "reconsideration", "complaint_received_on",
     "defence_due_on",
     "defence_filed_on", "defence_on_time", "status", "status_label", "outcome", "lost", "closed_on",
     "judgment_document", "appearances", "version", "archived_on"),
    types={"defendant_unit": OrgUnitRef, "appealed_from": int | None, "enforcement_case": int | None,
           "reconsideration": int | None},
    optional=("archived_on",),
    extra={"defence_on_time": (bool | None, Field(..., title="按期答辩（未答辩为空）")),
           "lost": (bool | None, Field(..., title="败诉（未结案为空）")),
           "appearances": (list[AppearanceOut], Field(..., title="开庭及出庭应诉情况"))},
    resolve={"appealed_from": lambda row: row.appealed_from_id, "enforcement_case": lambda row: row.enforcement_case_id,
             "reconsideration": lambda row: row.reconsideration_id,
             "appearances": lambda row: [a for a in row.appearances.all() if not a.is_archived]})
LitigationIn = model_schema(
    "LitigationIn", AdministrativeLitigation,
    ("case_number", "court", "level", "appealed_from", "plaintiff_type", "plaintiff", "defendant_unit", "cause",
     "category", "compensation_claimed", "enforcement_case", "reconsideration", "complaint_received_on"),
    base=InputSchema,
    types={"level": Level, "plaintiff_type": PartyType, "category": ManagementCategory})
LitigationFilters = model_schema(
    "LitigationFilters", AdministrativeLitigation, ("status", "level", "q", "include_archived"), base=QueryParams,
    types={"status": LitigationStatus, "level": Level}, extra=filter_fields("案号、案由或法院中的文字"))
DefendIn = model_schema("LitigationDefendIn", AdministrativeLitigation, ("filed_on",), base=ActionIn,
                        source={"filed_on": "defence_filed_on"}, options={"filed_on": {"description": "默认今天"}})
HearingIn = model_schema(
    "LitigationHearingIn", CourtAppearance,
    ("hearing_on", "head_appeared", "head_name", "head_title", "absence_reason", "staff_name", "note"), base=ActionIn,
    required=("hearing_on", "head_appeared"), types={"absence_reason": AbsenceReason | None},
    options={"absence_reason": {"default": None, "description": "负责人未出庭的必填"}})
CloseIn = model_schema(
    "LitigationCloseIn", AdministrativeLitigation, ("outcome", "document", "closed_on"), base=ActionIn,
    required=("outcome", "document"), types={"outcome": Outcome}, source={"document": "judgment_document"},
    options={"closed_on": {"description": "默认今天"}})


def _hearing(*, user, litigation, absence_reason=None, **fields):
    return services.litigation_hearing(user=user, litigation=litigation, absence_reason=absence_reason or "",
                                       **fields)


cases = Router()
record_routes(
    cases, model=AdministrativeLitigation, prefix="litigation_cases", title="行政诉讼案件", out=LitigationOut,
    rows=lambda user: selectors.litigations_visible(user).prefetch_related("appearances"),
    filters_schema=LitigationFilters, apply=filters_by({"status": "status", "level": "level"}, "case_number", "cause",
                                                       "court"),
    create=LitigationIn, service=services.litigation_create, create_summary="登记行政诉讼案件（收到起诉状副本）",
    convert={"defendant_unit": unit_to_write(AdministrativeLitigation, "defendant_unit"),
             "appealed_from": lambda user, pk: pick_linked(AdministrativeLitigation, user, pk,
                                                           AdministrativeLitigation, "appealed_from"),
             "enforcement_case": lambda user, pk: pick_linked(EnforcementCase, user, pk, AdministrativeLitigation,
                                                              "enforcement_case"),
             "reconsideration": lambda user, pk: pick_linked(Reconsideration, user, pk, AdministrativeLitigation,
                                                             "reconsideration")},
    archivable=True)
lifecycle_routes(
    cases, LIFECYCLE, model=AdministrativeLitigation, rows=selectors.litigations_visible, out=LitigationOut,
    record_param="litigation", operation_prefix="litigation_cases",
    routes={"defend": ActionRoute("defend", DefendIn, services.litigation_defend, permissions.may_defend,
                                  summary="提交答辩状和证据（收到起诉状副本之日起十五日内）"),
            "hearing": ActionRoute("hearings", HearingIn, _hearing, permissions.may_hear, status=201,
                                   out=AppearanceOut, result=CourtAppearance,
                                   summary="登记开庭及出庭应诉情况（负责人出庭或未出庭事由及委托的工作人员）"),
            "close": ActionRoute("close", CloseIn, services.litigation_close, permissions.may_close,
                                 summary="登记结案（判决撤销、变更、确认违法或无效的，记入被诉执法案件）")})
router.add_router("/cases", cases)


class CaseFiguresOut(Schema):
    label: str = Field(..., description="行政管理类别、单位名称或“合计”")
    reconsidered: int = Field(..., description="被申请行政复议（本年度收到申请书副本）")
    reconsideration_decided: int
    corrected: int = Field(..., description="复议纠错：变更、撤销、确认违法、确认无效、责令履行、行政协议责任")
    correction_rate: float | None = Field(..., description="复议纠错 ÷ 复议已决定 × 100")
    sued: int = Field(..., description="被诉（本年度收到起诉状副本）")
    lawsuits_closed: int
    lost: int = Field(..., description="败诉：判决撤销、履行、确认违法、确认无效、变更、赔偿或补偿")
    loss_rate: float | None = Field(..., description="败诉 ÷ 已结案 × 100")
    heard: int = Field(..., description="有开庭记录的案件")
    head_appeared: int = Field(..., description="负责人出庭应诉的案件")
    appearance_rate: float | None = Field(..., description="负责人出庭应诉 ÷ 开庭案件 × 100")


class LitigationStatisticsOut(Schema):
    year: int
    as_of: dt.date
    by_category: list[CaseFiguresOut]
    by_unit: list[CaseFiguresOut]
    total: CaseFiguresOut


def _figures_row(label, figures) -> dict:
    from dataclasses import asdict

    return {"label": str(label), **asdict(figures), "correction_rate": figures.correction_rate,
            "loss_rate": figures.loss_rate, "appearance_rate": figures.appearance_rate}


@router.get("/statistics", response=responses(401, 403, 422, s200=LitigationStatisticsOut),
            operation_id="litigation_statistics",
            summary="行政复议和行政应诉统计：按年度、单位，分行政管理类别和单位列出被申请复议、复议纠错、被诉、败诉、负责人出庭应诉")
def statistics_of_year(request: HttpRequest, year: int = Query(..., ge=1990, le=9999), org_unit: int | None = None):
    try:
        unit = statistics_unit(request.user, AdministrativeLitigation, org_unit)
    except PermissionDenied:
        raise PermissionDeniedError() from None
    tables = statistics.statistics_tables(year, unit)
    return {"year": year, "as_of": clock.today(),
            "by_category": [_figures_row(label, f) for label, f, _links in tables["categories"]],
            "by_unit": [_figures_row(label, f) for label, f, _links in tables["units"]],
            "total": _figures_row(*tables["total"][:2])}

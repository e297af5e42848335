"""API of the 三项制度 special inspections, the inspected units and their rectifications."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    Filters,
    InputSchema,
    OrgUnitRef,
    RecordId,
    RecordOut,
    filters_by,
    get_visible_or_404,
    lifecycle_routes,
    model_schema,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
)
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.api.common import Ref
from fazhi.enforcement.models import Rectification, SpecialInspection, UnitInspection
from fazhi.officers.api import RateOut, rate_out
from fazhi.organisation.models import OrgUnit

# ===== special inspections, unit inspections, rectifications =====

inspections = Router()

InspectionOut = model_schema(
    "InspectionOut", SpecialInspection,
    ("id", "name", "year", "checklist", "starts_on", "ends_on", "status", "status_label"), base=RecordOut,
    types={"checklist": list[str]}, options={"checklist": {"description": None}},
    resolve={"checklist": lambda obj: [line.strip() for line in obj.checklist.splitlines() if line.strip()]})
InspectionFilters = model_schema("InspectionFilters", SpecialInspection, ("year", "status"), base=Filters,
                                 options={"year": {"ge": 1990, "le": 2100}})
InspectionIn = model_schema(
    "InspectionIn", SpecialInspection, ("name", "year", "checklist", "starts_on", "ends_on", "org_units"),
    base=InputSchema, options={"year": {"ge": 1990, "le": 2100}},
    extra={"org_units": (list[RecordId], Field([], max_length=1000, title="被检查单位", description="机构 id 列表"))})
InspectionPatch = patch_schema(InspectionIn, fields=("name", "checklist", "starts_on", "ends_on"))
AddUnitIn = model_schema("AddUnitIn", UnitInspection, ("org_unit",), base=ActionIn)
StatusIn = model_schema("StatusIn", SpecialInspection, ("status",), base=ActionIn, required=("status",))


# Figures worked out by selectors.unit_indicators, not fields of a model: declared by hand.
class IndicatorsOut(Schema):
    unit_inspection: int
    org_unit: OrgUnitRef
    start: dt.date
    end: dt.date
    publication_on_time: RateOut = Field(..., title="执法决定按时公示率")
    records_complete: RateOut = Field(..., title="全过程记录完整率")
    major_reviewed: RateOut = Field(..., title="重大执法决定法制审核率")
    overturned: RateOut = Field(..., title="执法决定被纠错率",
                                description="期间内作出的决定中被依法变更、撤销、确认违法或无效的（含行政复议、行政诉讼）")


def _inspections(user):
    return SpecialInspection.objects.visible_to(user)


_filter_inspections = filters_by({"year": "year", "status": "status"}, "name")


record_routes(inspections, model=SpecialInspection, prefix="enforcement_inspections", title="三项制度专项检查",
              out=InspectionOut,
              rows=_inspections, filters_schema=InspectionFilters, apply=_filter_inspections,
              create=InspectionIn, service=services.special_inspection_create, create_summary="新建专项检查",
              patch=InspectionPatch, patch_summary="修改专项检查（需提供 version）",
              convert={"org_units": lambda user, pks: [pick_linked(OrgUnit, user, pk, UnitInspection, "org_unit")
                                                 for pk in dict.fromkeys(pks)]})


@inspections.post("/{id}/units", response=responses(400, 401, 403, 404, 409, 422, s201=Ref),
                  operation_id="enforcement_inspections_add_unit", summary="添加被检查单位")
def inspections_add_unit(request: HttpRequest, payload: AddUnitIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(SpecialInspection, user, id, permissions.may_add_unit, payload.version)
    unit = pick_linked(OrgUnit, user, payload.org_unit, UnitInspection, "org_unit")
    added = run_service(UnitInspection, services.unit_inspection_add, user=user, inspection=record, org_unit=unit)
    return Status(201, {"id": added.pk, "name": str(added)})


lifecycle_routes(
    inspections, None, model=SpecialInspection, rows=_inspections, out=InspectionOut, record_param="inspection",
    operation_prefix="enforcement_inspections",
    other_routes={"status": ActionRoute("status", StatusIn, services.special_inspection_status_set,
                                        permissions.may_set_status, summary="推进检查阶段")},
)


@inspections.get("/{id}/indicators", response=responses(401, 404, 422, s200=list[IndicatorsOut]),
                 operation_id="enforcement_inspections_indicators",
                 summary="各被检查单位的三项制度指标（根据记录计算）")
def inspections_indicators(request: HttpRequest, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(SpecialInspection, user, id)
    start, end = selectors.inspection_period(record, clock.today())
    rows = []
    for ui in (UnitInspection.objects.visible_to(user).active().filter(inspection=record)
               .select_related("org_unit").order_by("org_unit__sort_order", "org_unit__code")):
        found = selectors.unit_indicators(ui.org_unit, start, end)
        rows.append({"unit_inspection": ui.pk, "org_unit": ui.org_unit, "start": start, "end": end,
                     "publication_on_time": rate_out(found.publication_on_time),
                     "records_complete": rate_out(found.records_complete),
                     "major_reviewed": rate_out(found.major_reviewed),
                     "overturned": rate_out(found.overturned)})
    return rows


unit_inspections = Router()

UnitInspectionOut = model_schema(
    "UnitInspectionOut", UnitInspection,
    ("id", "inspection", "org_unit", "self_check_on", "self_check_report", "on_site_on", "findings"), base=RecordOut,
    types={"inspection": Ref}, optional=("self_check_on", "on_site_on"))
UnitInspectionFilters = model_schema("UnitInspectionFilters", UnitInspection, ("inspection", "org_unit"), base=Filters)
# The actions' bodies name the dates and texts as the services take them.
SelfCheckIn = model_schema("SelfCheckIn", UnitInspection, ("checked_on", "report"), base=ActionIn,
                           source={"checked_on": "self_check_on", "report": "self_check_report"},
                           required=("checked_on", "report"))
OnSiteIn = model_schema("OnSiteIn", UnitInspection, ("checked_on", "findings"), base=ActionIn,
                        source={"checked_on": "on_site_on"}, required=("checked_on", "findings"))
RectificationIn = model_schema("RectificationIn", Rectification, ("problem", "measure", "due_on"), base=ActionIn)


def _unit_inspections(user):
    return (UnitInspection.objects.visible_to(user).select_related("inspection", "org_unit")
            .order_by("-inspection__starts_on", "org_unit__sort_order", "org_unit__code", "pk"))


_filter_unit_inspections = filters_by({"inspection": "inspection_id", "org_unit": "org_unit_id"}, "findings",
                                      "self_check_report")


record_routes(unit_inspections, model=UnitInspection, prefix="enforcement_unit_inspections", title="单位检查",
              out=UnitInspectionOut,
              rows=_unit_inspections, filters_schema=UnitInspectionFilters, apply=_filter_unit_inspections)


rectifications = Router()

RectificationOut = model_schema(
    "RectificationOut", Rectification,
    ("id", "unit_inspection", "org_unit", "problem", "measure", "due_on", "completed_on", "state"), base=RecordOut,
    types={"unit_inspection": int}, optional=("completed_on",),
    options={"unit_inspection": {"description": "单位检查的 id"}},
    extra={"org_unit": OrgUnitRef, "state": (str, Field(..., title="整改状态"))},
    resolve={"unit_inspection": lambda obj: obj.unit_inspection_id,
             "org_unit": lambda obj: obj.unit_inspection.org_unit,
             "state": lambda obj: selectors.rectification_state(obj, clock.today())})
RectificationFilters = model_schema("RectificationFilters", Rectification, ("unit_inspection", "open"), base=Filters,
                                    extra={"open": (bool | None, Field(None, title="未完成"))})
CompleteIn = model_schema("CompleteIn", Rectification, ("completed_on", "measure"), base=ActionIn,
                          required=("completed_on",), options={"measure": {"description": "留空则保留原有内容"}})


def _rectifications(user):
    return Rectification.objects.visible_to(user).select_related("unit_inspection__org_unit")


_filter_rectifications = filters_by({"unit_inspection": "unit_inspection_id", "open": "completed_on__isnull"},
                                    "problem", "measure")


lifecycle_routes(
    unit_inspections, None, model=UnitInspection, rows=_unit_inspections, out=UnitInspectionOut,
    record_param="unit_inspection", operation_prefix="enforcement_unit_inspections",
    other_routes={
        "self_check": ActionRoute("self-check", SelfCheckIn, services.unit_self_check_record,
                                  permissions.may_self_check, summary="记录单位自查"),
        "on_site": ActionRoute("on-site", OnSiteIn, services.unit_on_site_check_record,
                               permissions.may_record_on_site, summary="记录实地督查（法制机构）"),
        "rectification": ActionRoute("rectifications", RectificationIn, services.rectification_add,
                                     permissions.may_add_rectification, out=RectificationOut, status=201,
                                     result=Rectification, summary="添加整改事项"),
    },
)


record_routes(rectifications, model=Rectification, prefix="enforcement_rectifications", title="整改事项",
              out=RectificationOut,
              rows=_rectifications, filters_schema=RectificationFilters, apply=_filter_rectifications)


lifecycle_routes(
    rectifications, None, model=Rectification, rows=_rectifications, out=RectificationOut,
    record_param="rectification", operation_prefix="enforcement_rectifications",
    other_routes={"complete": ActionRoute("complete", CompleteIn, services.rectification_complete,
                                          permissions.may_complete_rectification, summary="整改完成")},
)



"""API of the 三项制度 special inspections, the inspected units and their rectifications."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    Filters,
    InputSchema,
    OrgUnitRef,
    RecordId,
    choices_text,
    get_visible_or_404,
    label,
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
from fazhi.enforcement.constants import InspectionStatus
from fazhi.enforcement.models import Rectification, SpecialInspection, UnitInspection
from fazhi.officers.api import RateOut, RecordOut, filters_by, id_field, labelled, rate_out
from fazhi.organisation.models import OrgUnit

# ===== special inspections, unit inspections, rectifications =====

inspections = Router()


class InspectionOut(RecordOut):
    id: int
    name: str = Field(..., title=label(SpecialInspection, "name"))
    year: int = Field(..., title=label(SpecialInspection, "year"))
    checklist: list[str] = Field(..., title=label(SpecialInspection, "checklist"))
    starts_on: dt.date = Field(..., title=label(SpecialInspection, "starts_on"))
    ends_on: dt.date = Field(..., title=label(SpecialInspection, "ends_on"))
    status: str = Field(..., title=label(SpecialInspection, "status"), description=choices_text(InspectionStatus))
    status_label: str

    @staticmethod
    def resolve_checklist(obj) -> list[str]:
        return [line.strip() for line in obj.checklist.splitlines() if line.strip()]

    @staticmethod
    def resolve_status_label(obj) -> str:
        return labelled(obj, "status")


class InspectionFilters(Filters):
    year: int | None = Field(None, ge=1990, le=2100, title=label(SpecialInspection, "year"))
    status: InspectionStatus | None = Field(None, title=label(SpecialInspection, "status"),
                                            description=choices_text(InspectionStatus))


class InspectionIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200, title=label(SpecialInspection, "name"))
    year: int = Field(..., ge=1990, le=2100, title=label(SpecialInspection, "year"))
    checklist: str = Field(..., min_length=1, title=label(SpecialInspection, "checklist"), description="每行一项")
    starts_on: dt.date = Field(..., title=label(SpecialInspection, "starts_on"))
    ends_on: dt.date = Field(..., title=label(SpecialInspection, "ends_on"))
    org_units: list[RecordId] = Field([], max_length=1000, title="被检查单位", description="机构 id 列表")


# The PATCH has always documented checklist without the input's description (one item a line).
InspectionPatch = patch_schema(InspectionIn, fields=("name", "checklist", "starts_on", "ends_on"),
                               replace={"checklist": Field(None, min_length=1, title=label(SpecialInspection,
                                                           "checklist"))})


class AddUnitIn(ActionIn):
    org_unit: int = id_field("被检查单位")


class StatusIn(ActionIn):
    status: InspectionStatus = Field(..., title="阶段", description=choices_text(InspectionStatus))


class IndicatorsOut(Schema):
    unit_inspection: int
    org_unit: OrgUnitRef
    start: dt.date
    end: dt.date
    publication_on_time: RateOut = Field(..., title="执法决定按时公示率")
    records_complete: RateOut = Field(..., title="全过程记录完整率")
    major_reviewed: RateOut = Field(..., title="重大执法决定法制审核率")


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


@inspections.post("/{id}/status", response=responses(400, 401, 403, 404, 409, 422, s200=InspectionOut),
                  operation_id="enforcement_inspections_status", summary="推进检查阶段")
def inspections_status(request: HttpRequest, payload: StatusIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(SpecialInspection, user, id, permissions.may_set_status, payload.version)
    run_service(SpecialInspection, services.special_inspection_status_set, user=user, inspection=record,
                status=payload.status)
    return _inspections(user).get(pk=record.pk)


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
                     "major_reviewed": rate_out(found.major_reviewed)})
    return rows


unit_inspections = Router()


class UnitInspectionOut(RecordOut):
    id: int
    inspection: Ref = Field(..., title=label(UnitInspection, "inspection"))
    org_unit: OrgUnitRef = Field(..., title=label(UnitInspection, "org_unit"))
    self_check_on: dt.date | None = Field(None, title=label(UnitInspection, "self_check_on"))
    self_check_report: str = Field(..., title=label(UnitInspection, "self_check_report"))
    on_site_on: dt.date | None = Field(None, title=label(UnitInspection, "on_site_on"))
    findings: str = Field(..., title=label(UnitInspection, "findings"))


class UnitInspectionFilters(Filters):
    inspection: int | None = id_field(label(UnitInspection, "inspection"), required=False)
    org_unit: int | None = id_field(label(UnitInspection, "org_unit"), required=False)


class SelfCheckIn(ActionIn):
    checked_on: dt.date = Field(..., title="自查日期")
    report: str = Field(..., min_length=1, title="自查情况")


class OnSiteIn(ActionIn):
    checked_on: dt.date = Field(..., title="实地督查日期")
    findings: str = Field(..., min_length=1, title="发现的问题")


class RectificationIn(ActionIn):
    problem: str = Field(..., min_length=1, title="问题")
    measure: str = Field("", title="整改措施")
    due_on: dt.date = Field(..., title="整改期限")


def _unit_inspections(user):
    return (UnitInspection.objects.visible_to(user).select_related("inspection", "org_unit")
            .order_by("-inspection__starts_on", "org_unit__sort_order", "org_unit__code", "pk"))


_filter_unit_inspections = filters_by({"inspection": "inspection_id", "org_unit": "org_unit_id"}, "findings",
                                      "self_check_report")


record_routes(unit_inspections, model=UnitInspection, prefix="enforcement_unit_inspections", title="单位检查",
              out=UnitInspectionOut,
              rows=_unit_inspections, filters_schema=UnitInspectionFilters, apply=_filter_unit_inspections)


def _unit_action(name: str, route: str, body, service, may, summary: str) -> None:
    @unit_inspections.post(f"/{{id}}/{route}",
                           response=responses(400, 401, 403, 404, 409, 422, s200=UnitInspectionOut),
                           operation_id=f"enforcement_unit_inspections_{name}", summary=summary)
    def act(request: HttpRequest, payload: body, id: int = record_id_param()):
        user = request.user
        record = record_for_action(UnitInspection, user, id, may, payload.version)
        run_service(UnitInspection, service, user=user, unit_inspection=record,
                    **payload.model_dump(exclude={"version"}))
        return _unit_inspections(user).get(pk=record.pk)


_unit_action("self_check", "self-check", SelfCheckIn, services.unit_self_check_record, permissions.may_self_check,
             "记录单位自查")
_unit_action("on_site", "on-site", OnSiteIn, services.unit_on_site_check_record, permissions.may_record_on_site,
             "记录实地督查（法制机构）")


rectifications = Router()


class RectificationOut(RecordOut):
    id: int
    unit_inspection: int = Field(..., title=label(Rectification, "unit_inspection"), description="单位检查的 id")
    org_unit: OrgUnitRef
    problem: str = Field(..., title=label(Rectification, "problem"))
    measure: str = Field(..., title=label(Rectification, "measure"))
    due_on: dt.date = Field(..., title=label(Rectification, "due_on"))
    completed_on: dt.date | None = Field(None, title=label(Rectification, "completed_on"))
    state: str = Field(..., title="整改状态")

    @staticmethod
    def resolve_unit_inspection(obj) -> int:
        return obj.unit_inspection_id

    @staticmethod
    def resolve_org_unit(obj):
        return obj.unit_inspection.org_unit

    @staticmethod
    def resolve_state(obj) -> str:
        return selectors.rectification_state(obj, clock.today())


class RectificationFilters(Filters):
    unit_inspection: int | None = id_field(label(Rectification, "unit_inspection"), required=False)
    open: bool | None = Field(None, title="未完成")


class CompleteIn(ActionIn):
    completed_on: dt.date = Field(..., title="完成日期")
    measure: str = Field("", title="整改措施", description="留空则保留原有内容")


def _rectifications(user):
    return Rectification.objects.visible_to(user).select_related("unit_inspection__org_unit")


_filter_rectifications = filters_by({"unit_inspection": "unit_inspection_id", "open": "completed_on__isnull"},
                                    "problem", "measure")


@unit_inspections.post("/{id}/rectifications",
                       response=responses(400, 401, 403, 404, 409, 422, s201=RectificationOut),
                       operation_id="enforcement_unit_inspections_rectification", summary="添加整改事项")
def unit_inspections_rectification(request: HttpRequest, payload: RectificationIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(UnitInspection, user, id, permissions.may_add_rectification, payload.version)
    added = run_service(Rectification, services.rectification_add, user=user, unit_inspection=record,
                        **payload.model_dump(exclude={"version"}))
    return Status(201, Rectification.objects.select_related("unit_inspection__org_unit").get(pk=added.pk))


record_routes(rectifications, model=Rectification, prefix="enforcement_rectifications", title="整改事项",
              out=RectificationOut,
              rows=_rectifications, filters_schema=RectificationFilters, apply=_filter_rectifications)


@rectifications.post("/{id}/complete", response=responses(400, 401, 403, 404, 409, 422, s200=RectificationOut),
                     operation_id="enforcement_rectifications_complete", summary="整改完成")
def rectifications_complete(request: HttpRequest, payload: CompleteIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(Rectification, user, id, permissions.may_complete_rectification, payload.version)
    run_service(Rectification, services.rectification_complete, user=user, rectification=record,
                completed_on=payload.completed_on,
                measure=payload.measure)
    return _rectifications(user).get(pk=record.pk)



"""Writes of the 三项制度 special inspections, the inspected units and their rectifications."""

import datetime as dt

from django.db import transaction

from fazhi.core.exceptions import cn_date, refuse
from fazhi.core.services import record_create, record_update
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.enforcement import lifecycle, permissions
from fazhi.enforcement.constants import InspectionStatus
from fazhi.enforcement.deadline_rules import RECTIFICATION
from fazhi.enforcement.models import Rectification, SpecialInspection, UnitInspection
from fazhi.enforcement.services.common import require_permission
from fazhi.enforcement.services.messages import (
    INSPECTION_CLOSED,
    INSPECTION_DATES,
    INSPECTION_INSPECTOR_ONLY,
    INSPECTION_STATUS_ORDER,
    RECTIFICATION_BEFORE_FINDING,
    RECTIFICATION_DONE,
    UNIT_INSPECTION_DUPLICATE,
)

# --- special inspections --------------------------------------------------------------------


def _require_campaign_open(inspection: SpecialInspection) -> None:
    if inspection.status == InspectionStatus.CLOSED:
        raise refuse(INSPECTION_CLOSED, name=inspection.name)


@transaction.atomic
def special_inspection_create(*, user, name: str, year: int, checklist: str, starts_on: dt.date,
                              ends_on: dt.date, org_units=()) -> SpecialInspection:
    """Create a 三项制度 campaign and, optionally, the units it covers."""
    if ends_on < starts_on:
        raise refuse(INSPECTION_DATES)
    inspection = record_create(model=SpecialInspection, user=user, name=name.strip(), year=year,
                               checklist=checklist.strip(), starts_on=starts_on, ends_on=ends_on,
                               status=InspectionStatus.PLANNED)
    for org_unit in org_units:
        unit_inspection_add(user=user, inspection=inspection, org_unit=org_unit)
    return inspection


@transaction.atomic
def special_inspection_status_set(*, user, inspection: SpecialInspection, status: str) -> SpecialInspection:
    """Move a campaign to its next stage (planned → self-check → on-site → rectifying → closed)."""
    require_permission(permissions.may_set_status, user, inspection)
    action = lifecycle.inspection_action_to(status)
    if action is None or not lifecycle.INSPECTION.allows(inspection.status, action, {lifecycle.KEEPER}):
        raise refuse(INSPECTION_STATUS_ORDER, current=inspection.get_status_display(),
                      wanted=InspectionStatus(status).label)
    status = lifecycle.INSPECTION.transition(inspection.status, action, lifecycle.KEEPER)
    return record_update(record=inspection, user=user, expected_version=inspection.version, status=status)


@transaction.atomic
def unit_inspection_add(*, user, inspection: SpecialInspection, org_unit) -> UnitInspection:
    """Add a unit to a campaign."""
    require_permission(permissions.may_add_unit, user, inspection)
    _require_campaign_open(inspection)
    if UnitInspection.objects.filter(inspection=inspection, org_unit=org_unit).exists():
        raise refuse(UNIT_INSPECTION_DUPLICATE, unit=org_unit.name)
    return record_create(model=UnitInspection, user=user, inspection=inspection, org_unit=org_unit)


@transaction.atomic
def unit_self_check_record(*, user, unit_inspection: UnitInspection, checked_on: dt.date,
                           report: str) -> UnitInspection:
    """Record a unit's self-check (自查)."""
    require_permission(permissions.may_self_check, user, unit_inspection)
    _require_campaign_open(unit_inspection.inspection)
    return record_update(record=unit_inspection, user=user, expected_version=unit_inspection.version,
                         self_check_on=checked_on, self_check_report=report.strip())


@transaction.atomic
def unit_on_site_check_record(*, user, unit_inspection: UnitInspection, checked_on: dt.date,
                              findings: str) -> UnitInspection:
    """Record the on-site check (实地督查) of a unit and its findings."""
    if not permissions.may_record_on_site(user, unit_inspection):
        raise refuse(INSPECTION_INSPECTOR_ONLY)
    _require_campaign_open(unit_inspection.inspection)
    return record_update(record=unit_inspection, user=user, expected_version=unit_inspection.version,
                         on_site_on=checked_on, findings=findings.strip())


@transaction.atomic
def rectification_add(*, user, unit_inspection: UnitInspection, problem: str, due_on: dt.date,
                      measure: str = "") -> Rectification:
    """Add a finding to rectify by a due date (tracked under enforcement_rectification)."""
    require_permission(permissions.may_add_rectification, user, unit_inspection)
    inspection = unit_inspection.inspection
    _require_campaign_open(inspection)
    if due_on < inspection.starts_on:
        raise refuse(RECTIFICATION_BEFORE_FINDING, date=cn_date(inspection.starts_on))
    rectification = record_create(model=Rectification, user=user, unit_inspection=unit_inspection,
                                  problem=problem.strip(), measure=measure.strip(), due_on=due_on)
    deadline_start(rule_code=RECTIFICATION.code, record=rectification, org_unit=unit_inspection.org_unit,
                   starts_on=due_on, title=f"{unit_inspection.org_unit.name}整改：{problem.strip()[:60]}")
    return rectification


@transaction.atomic
def rectification_complete(*, user, rectification: Rectification, completed_on: dt.date,
                           measure: str = "") -> Rectification:
    """Mark a rectification done; completes its deadline."""
    require_permission(permissions.may_complete_rectification, user, rectification)
    if rectification.completed_on is not None:
        raise refuse(RECTIFICATION_DONE, date=cn_date(rectification.completed_on))
    changes = {"completed_on": completed_on}
    if measure.strip():
        changes["measure"] = measure.strip()
    rectification = record_update(record=rectification, user=user, expected_version=rectification.version, **changes)
    deadlines_complete_for(record=rectification, rule_code=RECTIFICATION.code, completed_on=completed_on)
    return rectification


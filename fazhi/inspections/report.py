"""The random inspections' part of the annual report (seed report 二(三)): the year's plans, the joint ones
(部门联合抽查), the departments with inspection duties covered by a plan (监管全覆盖), the entities
inspected and the problems found.

Zone-wide the figures are the statistics page's (selectors.year_statistics); for one unit, those of the
plans it leads or takes part in, counted from the same records.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from fazhi.core.modules import CASES, COUNT, PERCENT, Figure, ReportSection, list_url, percent
from fazhi.inspections import selectors
from fazhi.inspections.constants import PROBLEM_RESULTS, TaskStatus
from fazhi.inspections.models import InspectionItem, InspectionPlan, InspectionTask
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit

_TAKING_PART = InspectionPlan.departments.through


def plans(year: int, unit=None):
    """The year's plans past approval (a draft is not yet a plan of the zone)."""
    counted = InspectionPlan.objects.active().filter(starts_on__year=year, status__in=selectors.COUNTED_STATUSES)
    if unit is None:
        return counted
    return counted.filter(Q(lead_unit=unit) | Q(Exists(_TAKING_PART.objects.filter(
        inspectionplan=OuterRef("pk"), orgunit=unit))))


def joint_plans(year: int, unit=None):
    """Plans with a department other than the lead one (部门联合抽查)."""
    other = _TAKING_PART.objects.filter(inspectionplan=OuterRef("pk")).exclude(orgunit=F("inspectionplan__lead_unit"))
    return plans(year, unit).filter(Exists(other))


def departments_with_duties(unit=None):
    """Departments with an item on the random-inspection list (随机抽查事项清单)."""
    units = (OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, archived_on__isnull=True)
             .filter(Exists(InspectionItem.objects.active().filter(org_unit=OuterRef("pk")))))
    return units if unit is None else units.filter(pk=unit.pk)


def departments_covered(year: int, unit=None):
    """Of those, the ones leading or taking part in a plan of the year."""
    year_plans = plans(year)
    return departments_with_duties(unit).filter(
        Q(pk__in=year_plans.values("lead_unit"))
        | Q(pk__in=_TAKING_PART.objects.filter(inspectionplan__in=year_plans).values("orgunit")))


def tasks_done(year: int, unit=None):
    """The tasks of the plans that have been inspected."""
    return InspectionTask.objects.active().filter(plan__in=plans(year, unit)).exclude(status=TaskStatus.PENDING)


def entities_inspected(year: int, unit=None):
    return MarketEntity.objects.filter(pk__in=tasks_done(year, unit).values("entity"))


def problems_found(year: int, unit=None):
    return tasks_done(year, unit).filter(result__in=PROBLEM_RESULTS)


def report_section(year: int, unit=None) -> ReportSection:
    if unit is None:
        stats = selectors.year_statistics(year)
        counts = (stats.plans, stats.joint_plans, len(stats.coverage.with_duties), len(stats.coverage.covered),
                  stats.entities_inspected, stats.problems_found)
    else:
        counts = (plans(year, unit).count(), joint_plans(year, unit).count(), departments_with_duties(unit).count(),
                  departments_covered(year, unit).count(), entities_inspected(year, unit).count(),
                  problems_found(year, unit).count())
    planned, joint, with_duties, covered, entities, problems = counts
    statistics = list_url("inspections:statistics", year=year)
    plan_list = list_url("inspections:plans:list", lead_unit=unit)
    return ReportSection(_("“双随机、一公开”监管"), (
        Figure(_("抽查计划"), planned, COUNT, url=plan_list, records=lambda: plans(year, unit)),
        Figure(_("部门联合抽查计划"), joint, COUNT, url=plan_list, records=lambda: joint_plans(year, unit)),
        Figure(_("有抽查职责的部门"), with_duties, COUNT, url=statistics,
               records=lambda: departments_with_duties(unit)),
        Figure(_("抽查覆盖的部门"), covered, COUNT, url=statistics, records=lambda: departments_covered(year, unit)),
        Figure(_("部门抽查覆盖率"), percent(covered, with_duties), PERCENT, url=statistics,
               records=lambda: departments_covered(year, unit), of=lambda: departments_with_duties(unit)),
        Figure(_("抽查的市场主体"), entities, COUNT, url=list_url("inspections:tasks:list"),
               records=lambda: entities_inspected(year, unit)),
        Figure(_("发现问题"), problems, CASES, url=statistics, records=lambda: problems_found(year, unit)),
    ), year=year, unit=unit)

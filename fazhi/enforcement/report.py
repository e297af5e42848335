"""Administrative enforcement's part of the annual report (seed report 四): the units checked in the year's
special inspections of the three systems (三项制度专项检查) and the problems they were to rectify.

The officers' training and qualification exams are the officers module's section (fazhi.officers.report).
"""

from django.utils.translation import gettext as _

from fazhi.core.modules import CASES, COUNT, Figure, ReportSection, list_url
from fazhi.enforcement.models import Rectification, UnitInspection


def units_inspected(year: int, unit=None):
    """The units checked in the year's special inspections of the three systems."""
    checked = UnitInspection.objects.active().filter(inspection__year=year, inspection__archived_on__isnull=True)
    return checked if unit is None else checked.filter(org_unit=unit)


def rectifications(year: int, unit=None):
    """The problems those checks found, to be rectified (整改事项)."""
    return Rectification.objects.active().filter(unit_inspection__in=units_inspected(year, unit))


def rectified(year: int, unit=None):
    return rectifications(year, unit).filter(completed_on__isnull=False)


def report_section(year: int, unit=None) -> ReportSection:
    return ReportSection(_("行政执法"), (
        Figure(_("三项制度专项检查的单位"), units_inspected(year, unit).count(), COUNT,
               url=list_url("enforcement:unit_inspections:list", org_unit=unit),
               records=lambda: units_inspected(year, unit)),
        Figure(_("检查发现的整改事项"), rectifications(year, unit).count(), CASES,
               url=list_url("enforcement:rectifications:list"), records=lambda: rectifications(year, unit)),
        Figure(_("已完成整改"), rectified(year, unit).count(), CASES,
               url=list_url("enforcement:rectifications:list"), records=lambda: rectified(year, unit)),
    ), year=year, unit=unit)

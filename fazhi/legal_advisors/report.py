"""The legal advisors' part of the annual report (seed report 三(二)): the departments, streets and state
enterprises with a legal advisor under contract (法律顾问服务“全覆盖”), and the advisors' work in the year.

Coverage is the coverage page's (selectors.coverage) on the last day of the year, or today while the year
runs; the work, the advisors' work records (selectors.work_statistics).
"""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from fazhi.core import clock
from fazhi.core.modules import CASES, COUNT, PERCENT, Figure, ReportSection, list_url, percent
from fazhi.legal_advisors import selectors
from fazhi.legal_advisors.constants import COVERED_KINDS
from fazhi.legal_advisors.models import AdvisorWork
from fazhi.organisation.models import OrgUnit


def coverage_day(year: int) -> dt.date:
    """The day coverage is reported on: the year's last, or today while the year runs."""
    return min(dt.date(year, 12, 31), clock.today())


def units_to_cover(unit=None):
    """The departments, streets and state enterprises that should each have an advisor."""
    units = OrgUnit.objects.active().filter(kind__in=COVERED_KINDS)
    return units if unit is None else units.filter(pk=unit.pk)


def units_covered(on: dt.date, unit=None):
    """Those with an advisor under contract on the day."""
    serving = selectors.contracts_in_force(on).filter(org_unit=OuterRef("pk"))
    return units_to_cover(unit).filter(Exists(serving))


def work_done(year: int, unit=None):
    """The advisors' work recorded in the year (for the unit: under its contracts)."""
    work = AdvisorWork.objects.active().filter(done_on__year=year)
    return work if unit is None else work.filter(contract__org_unit=unit)


def report_section(year: int, unit=None) -> ReportSection:
    on = coverage_day(year)
    rows = [row for row in selectors.coverage(on=on).units if unit is None or row.org_unit.pk == unit.pk]
    covered = sum(1 for row in rows if row.covered)
    work = sum(selectors.work_statistics(year).values()) if unit is None else work_done(year, unit).count()
    coverage_url = list_url("legal_advisors:coverage", on=on.isoformat())
    return ReportSection(_("法律顾问"), (
        Figure(_("应聘请法律顾问的单位"), len(rows), COUNT, url=coverage_url, records=lambda: units_to_cover(unit)),
        Figure(_("已聘请法律顾问的单位"), covered, COUNT, url=coverage_url, records=lambda: units_covered(on, unit)),
        Figure(_("法律顾问覆盖率"), percent(covered, len(rows)), PERCENT, url=coverage_url,
               records=lambda: units_covered(on, unit), of=lambda: units_to_cover(unit)),
        Figure(_("法律顾问提供法律服务"), work, CASES, url=list_url("legal_advisors:contracts:list", org_unit=unit),
               records=lambda: work_done(year, unit)),
    ), year=year, unit=unit)

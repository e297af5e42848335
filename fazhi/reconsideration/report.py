"""行政复议's section of the annual report: the cases of the year where a unit was the respondent, the decisions, and
how many corrected the unit's act (复议纠错) with the rate, computed from the records."""

from django.utils.translation import gettext as _

from fazhi.core.modules import CASES, PERCENT, Figure, ReportSection, list_url, percent
from fazhi.reconsideration import selectors
from fazhi.reconsideration.lifecycle import Status

LIST = "reconsideration:cases:list"


def report_section(year: int, unit=None) -> ReportSection:
    received = selectors.reconsiderations_of_year(year, unit)
    decided, corrected = selectors.decided(year, unit), selectors.corrected(year, unit)
    return ReportSection(_("行政复议"), (
        Figure(_("被申请行政复议案件"), received.count(), CASES, url=list_url(LIST, year=year, respondent_unit=unit),
               records=lambda: received),
        Figure(_("行政复议纠错"), corrected.count(), CASES,
               url=list_url(LIST, year=year, respondent_unit=unit, corrected=1), records=lambda: corrected),
        Figure(_("行政复议纠错率"), percent(corrected.count(), decided.count()), PERCENT,
               url=list_url(LIST, year=year, respondent_unit=unit, status=Status.DECIDED.value),
               records=lambda: corrected, of=lambda: decided),
    ), year=year, unit=unit)

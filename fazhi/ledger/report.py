"""The ledger's section of the annual report (seed report 五(二) 自觉接受司法监督): the judicial and procuratorial
recommendations received in the year (收到司法建议2份、检察建议4份) and how many of those due were answered on time
(全部按时按要求进行办理), computed from the items (selectors.figures)."""

from django.utils.translation import gettext as _

from fazhi.core import clock
from fazhi.core.modules import CASES, PERCENT, Figure, ReportSection, list_url
from fazhi.ledger import selectors
from fazhi.ledger.constants import ItemKind

# 检察建议 in the report: those of 检察建议工作规定 and the pre-suit ones of administrative public-interest litigation.
PROCURATORIAL_KINDS = (ItemKind.PROCURATORIAL.value, ItemKind.PUBLIC_INTEREST.value)
JUDICIAL_OVERSIGHT = (ItemKind.JUDICIAL.value, *PROCURATORIAL_KINDS)


def report_section(year: int, unit=None) -> ReportSection:
    today = clock.today()
    statistics_url = list_url("ledger:statistics", year=year, org_unit=unit)
    rate = selectors.figures(year, JUDICIAL_OVERSIGHT, unit, today).on_time_rate
    return ReportSection(_("自觉接受司法监督"), (
        Figure(_("收到司法建议"), selectors.items_of_year(year, ItemKind.JUDICIAL, unit).count(), CASES,
               url=list_url("ledger:items:list", kind=ItemKind.JUDICIAL, year=year, owner_unit=unit),
               records=lambda: selectors.items_of_year(year, ItemKind.JUDICIAL, unit)),
        Figure(_("收到检察建议"), selectors.items_of_year(year, PROCURATORIAL_KINDS, unit).count(), CASES,
               url=statistics_url, records=lambda: selectors.items_of_year(year, PROCURATORIAL_KINDS, unit)),
        Figure(_("司法建议、检察建议按时办理率"), rate, PERCENT, url=statistics_url,
               records=lambda: selectors.answered_on_time(year, JUDICIAL_OVERSIGHT, unit),
               of=lambda: selectors.due_for_answer(year, today, JUDICIAL_OVERSIGHT, unit)),
    ), year=year, unit=unit)

"""行政诉讼's section of the annual report (seed report 五(四) 提高行政应诉能力: 2022年全区共发生行政诉讼案件14件):
the lawsuits of the year, the head's appearance rate and the loss rate, computed from the records."""

from django.utils.translation import gettext as _

from fazhi.core.modules import CASES, PERCENT, Figure, ReportSection, list_url, percent
from fazhi.litigation import selectors
from fazhi.litigation.lifecycle import Status

LIST = "litigation:cases:list"


def report_section(year: int, unit=None) -> ReportSection:
    received = selectors.litigations_of_year(year, unit)
    heard, appeared = selectors.heard(year, unit), selectors.head_appeared(year, unit)
    closed, lost = selectors.closed(year, unit), selectors.lost(year, unit)
    return ReportSection(_("提高行政应诉能力"), (
        Figure(_("行政诉讼案件"), received.count(), CASES, url=list_url(LIST, year=year, defendant_unit=unit),
               records=lambda: received),
        Figure(_("行政机关负责人出庭应诉率"), percent(appeared.count(), heard.count()), PERCENT,
               url=list_url(LIST, year=year, defendant_unit=unit, head_appeared=1),
               records=lambda: appeared, of=lambda: heard),
        Figure(_("行政诉讼败诉率"), percent(lost.count(), closed.count()), PERCENT,
               url=list_url(LIST, year=year, defendant_unit=unit, status=Status.CLOSED.value, lost=1),
               records=lambda: lost, of=lambda: closed),
    ), year=year, unit=unit)

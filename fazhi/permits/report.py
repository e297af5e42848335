"""The permit module's section of the annual report (seed report 二(二)): the matters per reform mode in the
catalogue in force at the year's end (直接取消审批6项、审批改备案3项、实行告知承诺11项、优化审批服务40项), the 办件
per mode (办理审批改为备案事项92件、实行告知承诺许可事项238件、优化准入服务许可事项370件，合计700件) and the on-time
rate, all computed from the records (selectors.statistics)."""

from django.utils.translation import gettext as _

from fazhi.core import clock
from fazhi.core.modules import CASES, COUNT, PERCENT, Figure, ReportSection, list_url
from fazhi.permits import selectors
from fazhi.permits.constants import ReformMode

MATTER_LABELS = {ReformMode.ABOLISHED: "直接取消审批", ReformMode.FILING: "审批改备案",
                 ReformMode.COMMITMENT: "实行告知承诺", ReformMode.OPTIMIZED: "优化审批服务"}
CASE_LABELS = {ReformMode.FILING: "办理审批改为备案事项", ReformMode.COMMITMENT: "实行告知承诺许可事项",
               ReformMode.OPTIMIZED: "优化准入服务许可事项"}


def report_section(year: int, unit=None) -> ReportSection:
    figures = selectors.statistics(year, unit)
    end = selectors.year_end(year)
    statistics_url = list_url("permits:statistics", year=year, org_unit=unit)
    edition = figures.edition
    matter_figures = tuple(
        Figure(_(label), figures.row(mode).matters, COUNT,
               url=list_url("permits:entries:list", edition=edition, mode=mode, org_unit=unit),
               records=lambda mode=mode: selectors.catalogue_in_force(end, unit).filter(mode=mode))
        for mode, label in MATTER_LABELS.items())
    case_figures = tuple(
        Figure(_(label), figures.row(mode).cases, CASES, url=statistics_url,
               records=lambda mode=mode: selectors.lines_of_year(year, unit, mode))
        for mode, label in CASE_LABELS.items())
    return ReportSection(_("涉企经营许可"), (
        *matter_figures, *case_figures,
        Figure(_("合计办件"), figures.lines, CASES, url=statistics_url,
               records=lambda: selectors.lines_of_year(year, unit)),
        Figure(_("按时办结率"), figures.on_time_rate, PERCENT, url=statistics_url,
               records=lambda: selectors.on_time_cases(year, unit), of=lambda: selectors.decided_cases(year, unit)),
        *_commitment_figures(year, unit), *_environment_figures(year, unit),
    ), year=year, unit=unit)


def _commitment_figures(year: int, unit) -> tuple[Figure, ...]:
    """告知承诺核查 in the year and those found false or unmet (国办发〔2020〕42号)."""
    checks_url = list_url("permits:checks:list", org_unit=unit)
    return (
        Figure(_("告知承诺核查"), selectors.checks_of_year(year, unit).count(), COUNT, url=checks_url,
               records=lambda: selectors.checks_of_year(year, unit)),
        Figure(_("核查发现承诺不实"), selectors.false_checks(year, unit).count(), COUNT,
               url=list_url("permits:credit:list", org_unit=unit), records=lambda: selectors.false_checks(year, unit)),
    )


def _environment_figures(year: int, unit) -> tuple[Figure, ...]:
    """Seed 二(二): 表彰企业68家; pairings all visited; 部门、街道走访企业100余次; requests answered on time."""
    from fazhi.ledger import selectors as ledger
    from fazhi.ledger.constants import ItemKind
    from fazhi.permits.constants import VisitKind

    requests = ledger.figures(year, ItemKind.ENTERPRISE_REQUEST, unit)
    unit_visits = (VisitKind.DEPARTMENT, VisitKind.STREET)
    figures = (
        Figure(_("受表彰企业"), selectors.commended_firms(year).count(), COUNT,
               url=list_url("permits:commendations:list"), records=lambda: selectors.commended_firms(year)),
        Figure(_("领导包联走访覆盖率"), selectors.pairing_coverage(year, unit), PERCENT,
               url=list_url("permits:pairings:list", year=year), records=lambda: selectors.pairings_visited(year, unit),
               of=lambda: selectors.pairings_of_year(year, unit)),
        Figure(_("部门、街道走访企业"), selectors.visits_of_year(year, unit, unit_visits).count(), COUNT,
               url=list_url("permits:visits:list", org_unit=unit),
               records=lambda: selectors.visits_of_year(year, unit, unit_visits)),
        Figure(_("企业法律服务诉求按期答复率"), requests.on_time_rate, PERCENT,
               url=list_url("ledger:items:list", kind=ItemKind.ENTERPRISE_REQUEST, year=year, owner_unit=unit),
               records=lambda: ledger.answered_on_time(year, ItemKind.ENTERPRISE_REQUEST, unit),
               of=lambda: ledger.due_for_answer(year, clock.today(), ItemKind.ENTERPRISE_REQUEST, unit)),
    )
    return figures

"""The major decisions' part of the annual report (seed report 三(二)): the year's catalogued and decided
decisions and the share of them reviewed for legality before the discussion (合法性审查全覆盖).

Zone-wide the figures are the statistics' (selectors.catalogue_statistics); for one unit, those of the
decisions it undertakes, counted from the same records.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from fazhi.core.modules import CASES, PERCENT, Figure, ReportSection, list_url, percent
from fazhi.major_decisions import selectors
from fazhi.major_decisions.constants import DecisionStatus, ReviewOpinion, StepKind
from fazhi.major_decisions.models import DecisionStep, MajorDecision


def catalogued(year: int, unit=None):
    """The decisions in the year's catalogues (纳入目录)."""
    decisions = MajorDecision.objects.active().filter(catalogue__year=year)
    return decisions if unit is None else decisions.filter(undertaking_unit=unit)


def decided(year: int, unit=None):
    """The catalogued decisions that were taken (作出决策)."""
    return catalogued(year, unit).filter(status__in=(DecisionStatus.DECIDED, DecisionStatus.EVALUATED))


def reviewed(year: int, unit=None):
    """The decided ones whose legality review (not unlawful) was completed by the day of the decision."""
    review = DecisionStep.objects.active().filter(decision=OuterRef("pk"), kind=StepKind.LEGALITY_REVIEW,
                                                  completed_on__lte=OuterRef("decided_on"))
    return decided(year, unit).filter(Exists(review.exclude(opinion=ReviewOpinion.UNLAWFUL)))


def report_section(year: int, unit=None) -> ReportSection:
    if unit is None:
        stats = selectors.catalogue_statistics(year)
        counts = stats.catalogued, stats.decided, stats.reviewed_before_discussion
    else:
        counts = catalogued(year, unit).count(), decided(year, unit).count(), reviewed(year, unit).count()
    listed, taken, lawful = counts
    url = list_url("major_decisions:decisions:list", undertaking_unit=unit)
    return ReportSection(_("重大行政决策"), (
        Figure(_("纳入年度目录的重大行政决策"), listed, CASES, url=url, records=lambda: catalogued(year, unit)),
        Figure(_("作出的重大行政决策"), taken, CASES, url=url, records=lambda: decided(year, unit)),
        Figure(_("决策前经合法性审查的比例"), percent(lawful, taken), PERCENT, url=url,
               records=lambda: reviewed(year, unit), of=lambda: decided(year, unit)),
    ), year=year, unit=unit)

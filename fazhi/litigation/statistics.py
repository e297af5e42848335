"""行政复议和行政应诉统计 (issue 19 item 5): the year's reconsiderations and lawsuits by 行政管理类别 and by unit, with
a total, each count with the URL of the cases it counts. Read by the statistics page (xlsx too) and the API."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.modules import list_url
from fazhi.litigation import selectors
from fazhi.organisation.models import OrgUnit
from fazhi.reconsideration.constants import ManagementCategory

RECONSIDERATIONS, LAWSUITS = "reconsideration:cases:list", "litigation:cases:list"


def statistics_tables(year: int, unit) -> dict:
    """The year's figures by 行政管理类别 and by unit, with a total: (label, figures, links) rows."""
    by_category = selectors.case_figures_by(year, "category", unit)
    by_unit = selectors.case_figures_by(year, "unit", unit)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=list(by_unit))}

    def links(**narrower) -> dict:
        asked = {"year": year, **narrower}
        respondent = {"respondent_unit": asked.pop("unit", None) or unit}
        defendant = {"defendant_unit": respondent["respondent_unit"]}
        return {"reconsidered": list_url(RECONSIDERATIONS, **asked, **respondent),
                "corrected": list_url(RECONSIDERATIONS, **asked, **respondent, corrected=1),
                "sued": list_url(LAWSUITS, **asked, **defendant),
                "lost": list_url(LAWSUITS, **asked, **defendant, lost=1),
                "head_appeared": list_url(LAWSUITS, **asked, **defendant, head_appeared=1)}

    total = sum(by_category.values(), selectors.CaseFigures())
    return {
        "categories": [(category.label, by_category[category.value], links(category=category.value))
                       for category in ManagementCategory if category.value in by_category],
        "units": [(str(units[pk]), figures, links(unit=units[pk]))
                  for pk, figures in sorted(by_unit.items(), key=lambda row: units[row[0]].code)],
        "total": (_("合计"), total, links()),
    }


# The columns after the row's label, in the order of cells().
HEADER = (gettext_lazy("被申请行政复议"), gettext_lazy("复议已决定"), gettext_lazy("复议纠错"),
          gettext_lazy("复议纠错率（%）"), gettext_lazy("被诉"), gettext_lazy("诉讼已结案"), gettext_lazy("败诉"),
          gettext_lazy("败诉率（%）"), gettext_lazy("开庭案件"), gettext_lazy("负责人出庭应诉"),
          gettext_lazy("负责人出庭应诉率（%）"))


def cells(figures) -> list:
    return [figures.reconsidered, figures.reconsideration_decided, figures.corrected, figures.correction_rate,
            figures.sued, figures.lawsuits_closed, figures.lost, figures.loss_rate, figures.heard,
            figures.head_appeared, figures.appearance_rate]

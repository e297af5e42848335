"""Pages of enforcement statistics computed by the selectors: training and exams, unit indicators."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from fazhi.core import clock
from fazhi.core.audit import personal_data_exported
from fazhi.enforcement import selectors
from fazhi.enforcement.models import Officer, SpecialInspection, Training, UnitInspection
from fazhi.enforcement.selectors import inspection_period
from fazhi.records.pages import can_view
from fazhi.records.statistics import chosen_year, wants_workbook, workbook_response

# ----- statistics from the selectors -----


@dataclass(frozen=True)
class YearChoice:
    year: int
    selected: bool


def _years_around(selected: int, first: int, last: int) -> list[YearChoice]:
    return [YearChoice(y, y == selected) for y in range(max(last, selected), min(first, selected) - 1, -1)]


class TrainingStatisticsView(LoginRequiredMixin, View):
    """Sessions, attendances, pass rate and lapsed/renewed officers of a year (培训考试统计)."""

    def get(self, request):
        user = request.user
        if not can_view(user, Training):
            raise PermissionDenied
        today = clock.today()
        held = [day.year for day in Training.objects.active().dates("held_on", "year")]
        year = chosen_year(request, held, today.year)
        stats = selectors.training_statistics(year)
        # The figures are zone-wide; names only of officers the user may see.
        visible = set(Officer.objects.visible_to(user).values_list("pk", flat=True))
        first = min(held, default=today.year)
        lapsed = [o for o in stats.lapsed_officers if getattr(o, "pk", None) in visible]
        renewed = [o for o in stats.renewed_officers if getattr(o, "pk", None) in visible]
        if wants_workbook(request):
            personal_data_exported(user=user, model=Officer, count=len(lapsed) + len(renewed),
                                   path=request.get_full_path())
            return workbook_response(_("%(year)d年执法培训考试统计") % {"year": year}, [
                (_("指标"), [_("项目"), _("数值")], [
                    [_("培训期数"), stats.sessions], [_("参训人次"), stats.attendances],
                    [_("参训人数"), stats.trainees], [_("考试场次"), stats.exams],
                    [_("参考人次"), stats.exam_sittings], [_("合格人次"), stats.passed],
                    [_("考试合格率"), stats.pass_rate.percent_text],
                    [_("证件过期人数"), len(stats.lapsed_officers)],
                    [_("过期后已换证人数"), len(stats.renewed_officers)]]),
                (_("证件过期人员"), [_("姓名"), _("单位")], [[str(o), str(o.org_unit)] for o in lapsed]),
                (_("过期后已换证人员"), [_("姓名"), _("单位")], [[str(o), str(o.org_unit)] for o in renewed]),
            ])
        return render(request, "enforcement/training_statistics.html", {
            "stats": stats, "year": year,
            "years": _years_around(year, first, today.year),
            "lapsed": lapsed, "renewed": renewed,
        })


class IndicatorsView(LoginRequiredMixin, View):
    """Each inspected unit's indicators for a campaign, computed from records (单位指标)."""

    def get(self, request):
        user = request.user
        if not can_view(user, UnitInspection):
            raise PermissionDenied
        campaigns = SpecialInspection.objects.visible_to(user).active()
        chosen = None
        wanted = request.GET.get("inspection")
        if wanted and wanted.isdigit():
            chosen = campaigns.filter(pk=int(wanted)).first()
        chosen = chosen or campaigns.first()
        rows = []
        period = None
        if chosen is not None:
            period = inspection_period(chosen, clock.today())
            unit_rows = (chosen.unit_inspections.visible_to(user).active().select_related("org_unit")
                         .order_by("org_unit__sort_order", "org_unit__code"))
            rows = [(ui, selectors.unit_indicators(ui.org_unit, *period)) for ui in unit_rows]
        if wants_workbook(request) and chosen is not None:
            def rate(value):
                return f"{value.percent_text}（{value.numerator}/{value.denominator}）"

            return workbook_response(_("%(name)s单位指标") % {"name": chosen}, [(_("单位指标"), [
                _("单位"), _("执法决定按时公示率"), _("全过程记录完整率"), _("重大执法决定法制审核率")], [
                [str(ui.org_unit), rate(i.publication_on_time), rate(i.records_complete), rate(i.major_reviewed)]
                for ui, i in rows])])
        return render(request, "enforcement/indicators.html", {
            "campaigns": campaigns, "chosen": chosen, "rows": rows, "period": period,
        })

"""Pages of enforcement statistics computed by the selectors: the units' indicators (the training statistics
are fazhi.officers')."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from fazhi.core import clock
from fazhi.enforcement import selectors
from fazhi.enforcement.models import SpecialInspection, UnitInspection
from fazhi.enforcement.selectors import inspection_period
from fazhi.records.pages import can_view
from fazhi.records.statistics import wants_workbook, workbook_response

# ----- statistics from the selectors -----


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
                _("单位"), _("执法决定按时公示率"), _("全过程记录完整率"), _("重大执法决定法制审核率"),
                _("执法决定被纠错率")], [
                [str(ui.org_unit), rate(i.publication_on_time), rate(i.records_complete), rate(i.major_reviewed),
                 rate(i.overturned)] for ui, i in rows])])
        return render(request, "enforcement/indicators.html", {
            "campaigns": campaigns, "chosen": chosen, "rows": rows, "period": period,
        })

"""Pages of 行政诉讼: the lawsuits with their defend / hearing / close actions, on the records framework."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.enforcement.documents import challenge_draft_download
from fazhi.enforcement.selectors import challenged_case
from fazhi.litigation import documents, permissions, selectors, services, statistics
from fazhi.litigation import forms as litigation_forms
from fazhi.litigation.constants import LOST_OUTCOMES
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.organisation.models import OrgUnit
from fazhi.records.pages import ComputedFilter, year_filter
from fazhi.records.statistics import chosen_year, statistics_unit, wants_workbook, workbook_response
from fazhi.records.workflow import Action, WorkflowPages


def _act(service, done):
    """A page action that calls the service with the form's data and says what was done."""

    def run(request, litigation, data) -> str:
        service(user=request.user, litigation=litigation, **data)
        return str(done)

    return run


def _yes_no(label) -> forms.Field:
    return forms.TypedChoiceField(label=label, required=False, coerce=lambda v: v == "1", empty_value=None,
                                  choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))])


class LitigationPages(WorkflowPages):
    model = AdministrativeLitigation
    namespace = "litigation:cases"
    list_fields = ("case_number", "court", "level", "cause", "defendant_unit", "complaint_received_on",
                   "defence_due_on", "status", "outcome")
    secondary_fields = ("court", "defendant_unit")
    search_fields = ("case_number", "cause", "court")
    filter_fields = ("status", "level", "category", "defendant_unit", "year", "head_appeared", "lost")
    create_fields = ("case_number", "court", "level", "appealed_from", "plaintiff_type", "plaintiff",
                     "defendant_unit", "cause", "category", "compensation_claimed", "enforcement_case",
                     "reconsideration", "complaint_received_on")
    form_fields = ("court", "cause")
    detail_fields = ("case_number", "court", "level", "appealed_from", "plaintiff_type", "plaintiff",
                     "defendant_unit", "cause", "category", "compensation_claimed", "enforcement_case",
                     "reconsideration", "complaint_received_on", "defence_due_on", "defence_filed_on", "status",
                     "outcome", "closed_on", "judgment_document")
    detail_template = "litigation/litigation_detail.html"
    workflow = (
        Action("defend", gettext_lazy("提交答辩状和证据"), litigation_forms.DefendForm,
               _act(services.litigation_defend, gettext_lazy("已登记提交答辩状和证据。")),
               allowed=permissions.may_defend),
        Action("hearing", gettext_lazy("登记开庭"), litigation_forms.HearingForm,
               _act(services.litigation_hearing, gettext_lazy("已登记开庭。")), allowed=permissions.may_hear),
        Action("close", gettext_lazy("登记结案"), litigation_forms.CloseForm,
               _act(services.litigation_close, gettext_lazy("已登记结案。")), allowed=permissions.may_close),
    )

    def computed_filters(self):
        return {
            "year": year_filter("complaint_received_on", _("收案年度")),
            "head_appeared": ComputedFilter(
                _yes_no(_("负责人出庭应诉")),
                lambda rows, yes: rows.filter(appearances__head_appeared=True).distinct() if yes
                else rows.exclude(appearances__head_appeared=True)),
            "lost": ComputedFilter(
                _yes_no(_("败诉")),
                lambda rows, yes: rows.filter(outcome__in=LOST_OUTCOMES) if yes
                else rows.exclude(outcome__in=LOST_OUTCOMES)),
        }

    def extra_detail_fields(self, record, request):
        on_time = record.defence_on_time
        return [(_("按期答辩"), "—" if on_time is None else _("是") if on_time else _("否"))]

    def detail_context(self, record, request) -> dict:
        # Judicial recommendations the court made in this case (ledger items that name it), those the reader may see.
        return {**challenged_case(request.user, record.enforcement_case_id),
                "appearances": record.appearances.active(),
                "recommendations": record.judicial_recommendations.visible_to(request.user).active(),
                "defence_url": reverse("litigation:defence", args=[record.pk])}

    def create(self, request, data):
        return services.litigation_create(user=request.user, **self.fields_of(data))

    def editable(self, litigation) -> bool:
        return litigation.closed_on is None


cases = LitigationPages()


class StatisticsView(LoginRequiredMixin, View):
    """行政复议和行政应诉统计 per year (and unit): by 行政管理类别 and by unit, each count linking to its cases."""

    def get(self, request):
        unit = statistics_unit(request.user, AdministrativeLitigation, request.GET.get("org_unit"))
        zone_wide = request.user.has_perm("litigation.view_all_administrativelitigation")
        year = chosen_year(request, selectors.years_with_cases(), clock.today().year)
        tables = statistics.statistics_tables(year, unit)
        sections = [(_("按行政管理类别"), _("行政管理类别"), tables["categories"], "by-category"),
                    (_("按单位"), _("单位"), tables["units"], "by-unit")]
        if wants_workbook(request):
            header, total = [str(label) for label in statistics.HEADER], tables["total"]
            return workbook_response(_("行政复议和行政应诉统计%(year)s") % {"year": year}, [
                (title, [first, *header], [[label, *statistics.cells(f)] for label, f, _links in [*rows, total]])
                for title, first, rows, _id in sections])
        return render(request, "litigation/statistics.html", {
            "tables": sections, "total": tables["total"], "header": statistics.HEADER, "year": year, "unit": unit,
            "zone_wide": zone_wide, "units": OrgUnit.objects.active() if zone_wide else []})


class DefenceView(LoginRequiredMixin, View):
    """The defence drafted from the lawsuit (DOCX), for whoever may see the lawsuit."""

    def get(self, request, pk: int):
        litigation = get_object_or_404(selectors.litigations_visible(request.user), pk=pk)
        return challenge_draft_download(request, litigation, litigation.enforcement_case_id, documents.defence_draft,
                                        _("行政答辩状-%(number)s.docx") % {"number": litigation.case_number})

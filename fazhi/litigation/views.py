"""Pages of 行政诉讼: the lawsuits with their defend / hearing / close actions, on the records framework."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.litigation import forms as litigation_forms
from fazhi.litigation import permissions, services
from fazhi.litigation.constants import LOST_OUTCOMES
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.records.pages import ComputedFilter, year_filter
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
                     "complaint_received_on")
    form_fields = ("court", "cause")
    detail_fields = ("case_number", "court", "level", "appealed_from", "plaintiff_type", "plaintiff",
                     "defendant_unit", "cause", "category", "compensation_claimed", "enforcement_case",
                     "complaint_received_on", "defence_due_on", "defence_filed_on", "status", "outcome", "closed_on",
                     "judgment_document")
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
        return {"appearances": record.appearances.active()}

    def create(self, request, data):
        return services.litigation_create(user=request.user, **self.fields_of(data))

    def editable(self, litigation) -> bool:
        return litigation.closed_on is None


cases = LitigationPages()

"""Pages of the 三项制度 special inspections, the inspected units and their rectifications."""


from django import forms
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.enforcement import forms as action_forms
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.models import Rectification, SpecialInspection, UnitInspection
from fazhi.enforcement.selectors import inspection_period, rectification_state
from fazhi.records.workflow import Action, WorkflowPages

# ----- special inspections -----


def _add_unit(request, inspection, data) -> str:
    services.unit_inspection_add(user=request.user, inspection=inspection, org_unit=data["org_unit"])
    return _("已将“%(unit)s”列入本次检查。") % {"unit": data["org_unit"]}


def _set_status(request, inspection, data) -> str:
    services.special_inspection_status_set(user=request.user, inspection=inspection, status=data["status"])
    return _("已调整检查阶段。")


class InspectionPages(WorkflowPages):
    model = SpecialInspection
    namespace = "enforcement:inspections"
    list_fields = ("name", "year", "starts_on", "ends_on", "status")
    search_fields = ("name",)
    filter_fields = ("year", "status")
    form_fields = ("name", "year", "checklist", "starts_on", "ends_on")
    form_base = action_forms.SpecialInspectionForm
    edit_form_base = action_forms.RecordForm
    actions = ("list", "detail", "create", "edit")
    workflow = (
        Action("add_unit", gettext_lazy("添加被检查单位"), action_forms.AddUnitForm, _add_unit,
               allowed=permissions.may_add_unit),
        Action("status", gettext_lazy("调整阶段"), action_forms.InspectionStatusForm, _set_status,
               allowed=permissions.may_set_status),
    )
    detail_template = "enforcement/inspection_detail.html"

    def _filter_field(self, name, user):
        if name == "year":
            years = SpecialInspection.objects.values_list("year", flat=True).distinct().order_by("-year")
            return forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None,
                                          choices=[("", _("全部")), *((y, y) for y in years)])
        return super()._filter_field(name, user)

    def create(self, request, data):
        return services.special_inspection_create(user=request.user, org_units=list(data["org_units"]),
                                                  **self.fields_of(data))

    def detail_context(self, record, request):
        return {
            "checklist": [line.strip() for line in record.checklist.splitlines() if line.strip()],
            "unit_inspections": record.unit_inspections.visible_to(request.user).active()
            .select_related("org_unit").annotate(
                open_rectifications=Count("rectifications", filter=Q(rectifications__completed_on__isnull=True,
                                                                     rectifications__archived_on__isnull=True))),
            "indicators_url": reverse("enforcement:indicators") + f"?inspection={record.pk}",
        }


def _self_check(request, unit_inspection, data) -> str:
    services.unit_self_check_record(user=request.user, unit_inspection=unit_inspection, **data)
    return _("已记录自查情况。")


def _on_site(request, unit_inspection, data) -> str:
    services.unit_on_site_check_record(user=request.user, unit_inspection=unit_inspection, **data)
    return _("已记录实地督查情况。")


def _add_rectification(request, unit_inspection, data) -> str:
    services.rectification_add(user=request.user, unit_inspection=unit_inspection, **data)
    return _("已添加整改事项，整改期限%(due)s。") % {"due": data["due_on"]}


class UnitInspectionPages(WorkflowPages):
    model = UnitInspection
    namespace = "enforcement:unit_inspections"
    list_fields = ("org_unit", "inspection", "self_check_on", "on_site_on")
    filter_fields = ("inspection", "org_unit")
    actions = ("list", "detail")
    workflow = (
        Action("self_check", gettext_lazy("记录自查"), action_forms.SelfCheckForm, _self_check,
               allowed=permissions.may_self_check),
        Action("on_site", gettext_lazy("记录实地督查"), action_forms.OnSiteCheckForm, _on_site,
               allowed=permissions.may_record_on_site),
        Action("rectification", gettext_lazy("添加整改事项"), action_forms.RectificationForm, _add_rectification,
               allowed=permissions.may_add_rectification),
    )
    detail_fields = ("inspection", "org_unit", "self_check_on", "self_check_report", "on_site_on", "findings")
    detail_template = "enforcement/unit_inspection_detail.html"

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.order_by("-inspection__starts_on", "org_unit__sort_order", "org_unit__code", "pk")

    def detail_context(self, record, request):
        start, end = inspection_period(record.inspection, clock.today())
        return {
            "indicators": selectors.unit_indicators(record.org_unit, start, end),
            "rectifications": record.rectifications.visible_to(request.user).active(),
            "today": clock.today(),
        }


def _complete(request, rectification, data) -> str:
    services.rectification_complete(user=request.user, rectification=rectification, **data)
    return _("已记录整改完成。")


class RectificationPages(WorkflowPages):
    model = Rectification
    namespace = "enforcement:rectifications"
    list_fields = ("problem", "unit_inspection", "due_on", "completed_on", "state")
    labels = {"state": gettext_lazy("整改状态")}
    filter_fields = ("unit_inspection",)
    search_fields = ("problem", "measure")
    detail_fields = ("unit_inspection", "problem", "measure", "due_on", "completed_on")
    actions = ("list", "detail")
    workflow = (Action("complete", gettext_lazy("整改完成"), action_forms.CompleteRectificationForm, _complete,
                       allowed=permissions.may_complete_rectification),)

    def decorate(self, rows):
        today = clock.today()
        for row in rows:
            row.state = rectification_state(row, today)

    def extra_detail_fields(self, record, request):
        return [(_("整改状态"), rectification_state(record, clock.today()))]


inspections = InspectionPages()
unit_inspections = UnitInspectionPages()
rectifications = RectificationPages()

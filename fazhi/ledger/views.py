"""Pages of the tracking ledger: the items with their extend / answer / rate actions."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.ledger import forms as ledger_forms
from fazhi.ledger import permissions, services
from fazhi.ledger.models import TrackedItem
from fazhi.records.workflow import Action, WorkflowPages


def _extend(request, item, data) -> str:
    services.item_extend(user=request.user, item=item, **data)
    return _("已延期。")


def _answer(request, item, data) -> str:
    services.item_answer(user=request.user, item=item, **data)
    return _("已答复。")


def _rate(request, item, data) -> str:
    services.item_rate(user=request.user, item=item, **data)
    return _("已记录满意度。")


class ItemPages(WorkflowPages):
    model = TrackedItem
    namespace = "ledger:items"
    register_name = "ledger_items"
    list_fields = ("number", "kind", "source", "subject", "owner_unit", "received_on", "due_on", "answered_on",
                   "on_time")
    secondary_fields = ("source", "owner_unit", "due_on")
    search_fields = ("number", "source", "subject", "source_reference")
    filter_fields = ("kind", "owner_unit", "on_time", "satisfaction")
    create_fields = ("kind", "source", "source_entity", "source_reference", "owner_unit", "handler", "subject",
                     "content", "received_on")
    form_fields = ("handler", "subject", "content")
    detail_fields = ("number", "kind", "source", "source_entity", "source_reference", "owner_unit", "handler",
                     "subject", "content", "received_on", "due_on", "due_basis", "extended_to", "extension_reason",
                     "answered_on", "answer", "days_taken", "on_time", "satisfaction")
    workflow = (
        Action("extend", gettext_lazy("延期"), ledger_forms.ExtendForm, _extend, allowed=permissions.may_extend),
        Action("answer", gettext_lazy("答复"), ledger_forms.AnswerForm, _answer, allowed=permissions.may_answer),
        Action("rate", gettext_lazy("记录满意度"), ledger_forms.RateForm, _rate, allowed=permissions.may_rate),
    )

    def create(self, request, data):
        return services.item_create(user=request.user, **self.fields_of(data))

    def editable(self, item) -> bool:
        return item.answered_on is None


items = ItemPages()

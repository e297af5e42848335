"""Pages of the tracking ledger: the items with their state today and their extend / escalate / answer / rate
actions, and the statistics per kind."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.core.modules import list_url
from fazhi.ledger import documents, permissions, selectors, services
from fazhi.ledger import forms as ledger_forms
from fazhi.ledger.constants import ItemState
from fazhi.ledger.models import CoHandling, HandlingRule, TrackedItem
from fazhi.organisation.models import OrgUnit
from fazhi.records.documents import docx_response
from fazhi.records.pages import ComputedFilter, RecordPages, year_filter
from fazhi.records.statistics import chosen_year, statistics_unit, wants_workbook, workbook_response
from fazhi.records.workflow import Action, WorkflowPages


def _act_on_co_handling(service, done):
    def run(request, co_handling, data) -> str:
        service(user=request.user, co_handling=co_handling, **data)
        return str(done)

    return run


def _act(service, done):
    """A page action that calls the service with the form's data and says what was done."""

    def run(request, item, data) -> str:
        service(user=request.user, item=item, **data)
        return str(done)

    return run


def _yes_no(label) -> forms.Field:
    return forms.TypedChoiceField(label=label, required=False, coerce=lambda v: v == "1", empty_value=None,
                                  choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))])


class ItemPages(WorkflowPages):
    model = TrackedItem
    namespace = "ledger:items"
    register_name = "ledger_items"
    list_fields = ("number", "kind", "source", "subject", "owner_unit", "received_on", "due_on", "answered_on",
                   "state_today")
    labels = {"state_today": gettext_lazy("办理状态")}
    secondary_fields = ("source", "owner_unit", "due_on")
    search_fields = ("number", "source", "subject", "source_reference")
    filter_fields = ("kind", "owner_unit", "state", "year", "escalated", "on_time", "satisfaction")
    create_fields = ("kind", "rectification", "source", "source_entity", "source_reference", "lawsuit", "owner_unit",
                     "handler", "subject", "content", "received_on")
    form_fields = ("handler", "subject", "content")
    detail_fields = (
        "number", "kind", "rectification", "source", "source_entity", "source_reference", "lawsuit", "owner_unit",
        "handler",
        "subject", "content", "received_on", "due_on", "due_basis", "extended_to", "extension_reason", "escalated_on",
        "escalation_note", "returned_on", "return_reason", "answered_on", "answer", "grade", "days_taken", "on_time",
        "satisfaction", "rated_on", "second_due_on", "second_answered_on", "second_answer", "second_satisfaction",
        "closed_on", "closing_note", "closing_file_name", "closing_file_sha256")
    detail_template = "ledger/item_detail.html"
    workflow = (
        Action("extend", gettext_lazy("延期"), ledger_forms.ExtendForm,
               _act(services.item_extend, gettext_lazy("已延期。")), allowed=permissions.may_extend),
        Action("escalate", gettext_lazy("督办"), ledger_forms.EscalateForm,
               _act(services.item_escalate, gettext_lazy("已督办。")), allowed=permissions.may_escalate),
        Action("return", gettext_lazy("退回"), ledger_forms.ReturnForm,
               _act(services.item_return, gettext_lazy("已退回，待法制机构改派。")), allowed=permissions.may_return),
        Action("reassign", gettext_lazy("改派"), ledger_forms.ReassignForm,
               _act(services.item_reassign, gettext_lazy("已改派。")), allowed=permissions.may_reassign),
        Action("co_handler", gettext_lazy("交办会办单位"), ledger_forms.CoHandlerForm,
               _act(services.co_handler_add, gettext_lazy("已交办会办单位。")), allowed=permissions.may_add_co_handler),
        Action("answer", gettext_lazy("答复"), ledger_forms.AnswerForm,
               _act(services.item_answer, gettext_lazy("已答复。")), allowed=permissions.may_answer),
        Action("rate", gettext_lazy("记录满意度"), ledger_forms.RateForm,
               _act(services.item_rate, gettext_lazy("已记录满意度。")), allowed=permissions.may_rate),
        Action("close", gettext_lazy("对账销号"), ledger_forms.CloseForm,
               _act(services.item_close, gettext_lazy("已对账销号。")), allowed=permissions.may_close),
        Action("answer_again", gettext_lazy("再次答复"), ledger_forms.AnswerForm,
               _act(services.item_answer_again, gettext_lazy("已再次答复。")), allowed=permissions.may_answer_again),
        Action("rate_again", gettext_lazy("记录再次答复满意度"), ledger_forms.RateAgainForm,
               _act(services.item_rate_again, gettext_lazy("已记录满意度。")), allowed=permissions.may_rate_again),
    )

    def computed_filters(self):
        return {
            "state": ComputedFilter(
                forms.ChoiceField(label=_("办理状态"), required=False, choices=[("", _("全部")), *ItemState.choices]),
                lambda rows, state: selectors.in_state(rows, state, clock.today())),
            "year": year_filter("received_on", _("收到年度")),
            "escalated": ComputedFilter(_yes_no(_("已督办")),
                                        lambda rows, yes: rows.filter(escalated_on__isnull=not yes)),
        }

    def decorate(self, rows):
        today = clock.today()
        for item in rows:
            item.state_today = item.state_on(today).label

    def extra_detail_fields(self, record, request):
        return [(_("办理状态"), record.state_on(clock.today()).label)]

    def detail_context(self, record, request) -> dict:
        # The 主办 unit reads its item's co-handling records and their views (they belong to the item).
        return {"closing_file_url": reverse("ledger:closing_file", args=[record.pk]) if record.closing_file else "",
                "reply_letter_url": reverse("ledger:reply_letter", args=[record.pk]),
                "co_handlings": record.co_handlings.active().select_related("unit")}

    def create(self, request, data):
        return services.item_create(user=request.user, **self.fields_of(data))

    def editable(self, item) -> bool:
        return item.answered_on is None


class CoHandlingPages(WorkflowPages):
    """A co-handling unit's 会办 records: the proposal it helps answer, and its views."""

    model = CoHandling
    namespace = "ledger:co_handlings"
    actions = ("list", "detail", "export")
    list_fields = ("item", "unit", "assigned_on", "views_due_on", "views_on")
    search_fields = ("item__number", "item__subject")
    filter_fields = ("unit",)
    detail_fields = ("item", "unit", "assigned_on", "views_due_on", "views_on", "views")
    workflow = (
        Action("views", gettext_lazy("提出会办意见"), ledger_forms.ViewsForm,
               _act_on_co_handling(services.co_handling_views, gettext_lazy("已提出会办意见。")),
               allowed=permissions.may_give_views),
    )

    def extra_detail_fields(self, record, request):
        """What the co-handling unit needs of the proposal it helps answer (it does not see the item itself)."""
        item = record.item
        return [(_("主办单位"), str(item.owner_unit)), (_("来源"), item.source), (_("内容"), item.content or "—"),
                (_("答复期限"), item.effective_due_on.isoformat())]


class RulePages(RecordPages):
    """The bodies' handling rules, recorded by the legal-affairs office (every unit reads them)."""

    model = HandlingRule
    namespace = "ledger:rules"
    list_fields = ("name", "kind", "effective_from", "reply_months", "return_days", "co_handler_months",
                   "second_round_months")
    filter_fields = ("kind",)
    search_fields = ("name",)
    form_fields = ("kind", "name", "effective_from", "reply_months", "return_days", "return_in_working_days",
                   "co_handler_months", "second_round_months", "grade_a", "grade_b", "grade_c", "grade_d")
    detail_fields = form_fields


items = ItemPages()
co_handlings = CoHandlingPages()
rules = RulePages()


LIST = "ledger:items:list"


class ClosingFileView(LoginRequiredMixin, View):
    """Download an audit finding's 销号 evidence, for users who may see the item."""

    def get(self, request, pk: int):
        item = get_object_or_404(selectors.items_visible(request.user), pk=pk)
        if not item.closing_file:
            raise Http404
        try:
            handle = item.closing_file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        response = FileResponse(handle, content_type="application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(True, item.closing_file_name)
        return response


class StatisticsView(LoginRequiredMixin, View):
    """Per year (and unit): a row per kind — received, answered, on time, late, overdue, extended, escalated, the
    on-time rate over the items due, satisfaction — each count linking to its items."""

    def get(self, request):
        unit = statistics_unit(request.user, TrackedItem, request.GET.get("org_unit"))
        zone_wide = request.user.has_perm("ledger.view_all_trackeditem")
        today = clock.today()
        year = chosen_year(request, selectors.years_with_items(), today.year)
        rows = selectors.figures_by_kind(year, unit, today)
        total = selectors.figures(year, None, unit, today)
        if wants_workbook(request):
            header = [_("类别"), _("收到"), _("已答复"), _("按期答复"), _("逾期答复"), _("逾期未答复"), _("延期"),
                      _("督办"), _("按期答复率（%）"), _("满意率（%）"), _("平均用时（日）")]
            table = [[kind.label if kind else _("合计"), f.received, f.answered, f.on_time, f.late, f.overdue,
                      f.extended, f.escalated, f.on_time_rate, f.satisfaction_rate, f.average_days]
                     for kind, f in [*rows, (None, total)]]
            return workbook_response(_("跟踪事项统计%(year)s") % {"year": year}, [(_("按类别"), header, table)])

        def links(kind) -> dict:
            base = {"year": year, "kind": kind, "owner_unit": unit}
            # 按期/逾期答复 count every answered item (an audit finding before its closing, a proposal in its
            # second round too): their links filter on the answer, not on today's state.
            return {"received": list_url(LIST, **base),
                    "overdue": list_url(LIST, **base, state=ItemState.OVERDUE.value),
                    "on_time": list_url(LIST, **base, on_time=1), "late": list_url(LIST, **base, on_time=0),
                    "escalated": list_url(LIST, **base, escalated=1)}

        return render(request, "ledger/statistics.html", {
            "rows": [(kind, figures, links(kind)) for kind, figures in rows],
            "total": total, "total_links": links(None),
            "year": year, "unit": unit, "zone_wide": zone_wide, "today": today,
            "units": OrgUnit.objects.active() if zone_wide else [],
        })


class ReplyLetterView(LoginRequiredMixin, View):
    """The reply letter drafted from the item (DOCX), for whoever may see the item."""

    def get(self, request, pk: int):
        item = get_object_or_404(selectors.items_visible(request.user), pk=pk)
        return docx_response(documents.reply_letter(item), _("答复函-%(number)s.docx") % {"number": item.number})

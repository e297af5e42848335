"""Pages of 行政复议: the cases with their answer / extend / decide / 意见书 actions, on the records framework."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.enforcement.documents import challenge_draft_download
from fazhi.enforcement.selectors import challenged_case
from fazhi.reconsideration import documents, permissions, selectors, services
from fazhi.reconsideration import forms as reconsideration_forms
from fazhi.reconsideration.constants import CORRECTED_OUTCOMES
from fazhi.reconsideration.models import Reconsideration
from fazhi.records.pages import ComputedFilter, year_filter
from fazhi.records.workflow import Action, WorkflowPages


def _act(service, done):
    def run(request, case, data) -> str:
        service(user=request.user, reconsideration=case, **data)
        return str(done)

    return run


def _yes(label, condition) -> ComputedFilter:
    """A yes/no filter: yes keeps the rows `condition` holds for, no the others."""
    field = forms.TypedChoiceField(label=label, required=False, coerce=lambda v: v == "1", empty_value=None,
                                   choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))])
    return ComputedFilter(field, lambda rows, yes: rows.filter(condition) if yes else rows.exclude(condition))


class ReconsiderationPages(WorkflowPages):
    model = Reconsideration
    namespace = "reconsideration:cases"
    list_fields = ("number", "organ", "matter", "respondent_unit", "copy_received_on", "answer_due_on",
                   "effective_decision_due_on", "status", "outcome")
    labels = {"effective_decision_due_on": gettext_lazy("复议决定期限")}
    secondary_fields = ("organ", "respondent_unit")
    search_fields = ("number", "matter", "organ")
    filter_fields = ("status", "category", "respondent_unit", "year", "corrected", "opinion_due")
    create_fields = ("number", "organ", "applicant_type", "applicant", "respondent_unit", "matter", "category",
                     "simple_procedure", "enforcement_case", "accepted_on", "copy_received_on")
    form_fields = ("organ", "matter")
    detail_fields = ("number", "organ", "applicant_type", "applicant", "respondent_unit", "matter", "category",
                     "simple_procedure", "enforcement_case", "accepted_on", "copy_received_on", "answer_due_on",
                     "answered_on", "decision_due_on", "extended_to", "status", "outcome", "decided_on",
                     "decision_document", "opinion_document", "opinion_received_on", "opinion_report_due_on",
                     "opinion_reported_on", "opinion_report", "reviewed_document", "document_notice_on",
                     "document_answer_due_on", "document_answered_on")
    detail_template = "reconsideration/reconsideration_detail.html"
    workflow = (
        Action("answer", gettext_lazy("提出书面答复"), reconsideration_forms.AnswerForm,
               _act(services.reconsideration_answer, gettext_lazy("已登记书面答复。")), allowed=permissions.may_answer),
        Action("extend", gettext_lazy("登记延期审理"), reconsideration_forms.ExtendForm,
               _act(services.reconsideration_extend, gettext_lazy("已登记延期。")), allowed=permissions.may_extend),
        Action("decide", gettext_lazy("登记复议决定"), reconsideration_forms.DecideForm,
               _act(services.reconsideration_decide, gettext_lazy("已登记复议决定。")), allowed=permissions.may_decide),
        Action("opinion", gettext_lazy("登记行政复议意见书"), reconsideration_forms.OpinionForm,
               _act(services.reconsideration_opinion, gettext_lazy("已登记行政复议意见书。")),
               allowed=permissions.may_receive_opinion),
        Action("opinion_report", gettext_lazy("报送纠正情况"), reconsideration_forms.OpinionReportForm,
               _act(services.reconsideration_opinion_report, gettext_lazy("已登记报送纠正情况。")),
               allowed=permissions.may_report_opinion),
        Action("document_review", gettext_lazy("登记规范性文件附带审查"), reconsideration_forms.DocumentReviewForm,
               _act(services.reconsideration_document_review, gettext_lazy("已登记附带审查通知。")),
               allowed=permissions.may_record_document_review),
        Action("document_answer", gettext_lazy("提交附带审查书面答复"), reconsideration_forms.DocumentAnswerForm,
               _act(services.reconsideration_document_answer, gettext_lazy("已登记附带审查书面答复。")),
               allowed=permissions.may_answer_document_review),
    )

    def computed_filters(self):
        return {
            "year": year_filter("copy_received_on", _("收案年度")),
            "corrected": _yes(_("复议纠错"), Q(outcome__in=CORRECTED_OUTCOMES)),
            "opinion_due": _yes(_("待报送意见书纠正情况"),
                                Q(opinion_received_on__isnull=False, opinion_reported_on__isnull=True)),
        }

    def extra_detail_fields(self, record, request):
        on_time = record.answer_on_time
        return [(_("按期答复"), "—" if on_time is None else _("是") if on_time else _("否"))]

    def detail_context(self, record, request) -> dict:
        return {**challenged_case(request.user, record.enforcement_case_id),
                "answer_draft_url": reverse("reconsideration:answer_draft", args=[record.pk])}

    def create(self, request, data):
        return services.reconsideration_create(user=request.user, **self.fields_of(data))

    def editable(self, case) -> bool:
        return case.decided_on is None


cases = ReconsiderationPages()


class AnswerDraftView(LoginRequiredMixin, View):
    """The written answer drafted from the case (DOCX), for whoever may see the case."""

    def get(self, request, pk: int):
        case = get_object_or_404(selectors.reconsiderations_visible(request.user), pk=pk)
        return challenge_draft_download(request, case, case.enforcement_case_id, documents.answer_draft,
                                        _("行政复议答复书-%(number)s.docx") % {"number": case.number})

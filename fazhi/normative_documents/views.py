"""Pages of normative documents on the generic record pages, with each lifecycle act as a POST action.

The pages call the services only: a refused act shows the service's message with the user's input
and changes nothing (fazhi.records.workflow's ActionView). The review page (`<pk>/check/`) runs
the legality checker on the draft and shows each finding beside the clause it is about.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.normative_documents import checking, lifecycle, permissions, selectors, services
from fazhi.normative_documents import forms as action_forms
from fazhi.normative_documents.constants import (
    DeliberationOutcome,
    DocumentStatus,
    FairCompetitionConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.models import Cleanup, CleanupItem, NormativeDocument
from fazhi.records.pages import can_view
from fazhi.records.statistics import chosen_year, wants_workbook, workbook_response
from fazhi.records.workflow import Action, WorkflowDetailView, WorkflowPages

PUBLISHED = gettext_lazy("已公布，文号%(number)s。请在期限内报送备案。")


def _run(service, done, **names):
    """An action's run: call the service with the form's data (renamed by `names`), return the message."""

    def run(request, record, data) -> str:
        values = {names.get(key, key): value for key, value in data.items()}
        service(user=request.user, document=record, **values)
        return str(done)

    return run


def _respond(request, document, data) -> str:
    services.comment_respond(user=request.user, comment=data["comment"], response=data["response"],
                             reason=data["reason"])
    return _("已记录采纳情况。")


def _comment(request, document, data) -> str:
    services.comment_add(user=request.user, document=document, **data)
    return _("已登记意见。")


def _review(request, document, data) -> str:
    review = services.document_review(user=request.user, document=document, **data)
    if review.opinion == ReviewOpinion.UNLAWFUL:
        return _("已出具审核意见：不合法。文件已退回起草单位修改。")
    return _("已出具审核意见：%(opinion)s。文件可以提交集体审议。") % {"opinion": review.get_opinion_display()}


def _fair_competition_review(request, document, data) -> str:
    review = services.document_fair_competition_review(user=request.user, document=document, **data)
    if review.conclusion == FairCompetitionConclusion.VIOLATES:
        return _("已记录公平竞争审查结论：不得出台。请修改文件后重新审查（《公平竞争审查条例》第十八条）。")
    return _("已记录公平竞争审查结论：%(conclusion)s。") % {"conclusion": review.get_conclusion_display()}


def _mark_market(request, document, data) -> str:
    services.document_mark_market(user=request.user, document=document, **data)
    if data["affects"]:
        return _("已认定该文件涉及经营者经济活动：须经公平竞争审查方可出台。")
    return _("已认定该文件不涉及经营者经济活动。")


def _publish(request, document, data) -> str:
    document = services.document_publish(user=request.user, document=document, **data)
    return str(PUBLISHED) % {"number": document.number}


def _repeal(request, document, data) -> str:
    services.document_repeal(user=request.user, document=document, repealed_on=data["on"], reason=data["reason"])
    return _("已废止。")


def _abandon(request, document, data) -> str:
    services.document_abandon(user=request.user, document=document, on=data["on"], reason=data["reason"])
    return _("已终止起草。")


# Which actions the page offers in which status, besides the lifecycle's own (lifecycle.LIFECYCLE.actions_from);
# the services check again.
SHOWN_OUTSIDE_LIFECYCLE = {
    "comment": {DocumentStatus.COMMENT, DocumentStatus.DRAFTING},
    "respond": {DocumentStatus.COMMENT, DocumentStatus.DRAFTING},
    # Before the deliberation adopts it (公平竞争审查条例 第十三条: while drafting; later when decided late).
    "fair_competition_review": set(lifecycle.BEFORE_ADOPTION), "mark_market": set(lifecycle.BEFORE_ADOPTION),
}


def shown_actions(status: str) -> set[str]:
    """The page's actions offered in `status`: the lifecycle's moves from it, and the records kept beside them."""
    return (set(lifecycle.LIFECYCLE.actions_from(status))
            | {name for name, statuses in SHOWN_OUTSIDE_LIFECYCLE.items() if status in statuses})


# The steps towards issue that wait for a fair competition review allowing it (公平竞争审查条例 第十八条); a
# deliberation may still send the draft back or reject it, so only its "adopted" waits.
ISSUE_STEPS = (("submit_review", None), ("deliberate", DeliberationOutcome.ADOPTED), ("publish", None))


class DocumentPages(WorkflowPages):
    model = NormativeDocument
    namespace = "normative_documents:documents"
    register_name = "normative_documents"
    list_fields = ("title", "number", "drafting_unit", "status", "published_on", "valid_until")
    secondary_fields = ("published_on",)
    search_fields = ("title", "number", "text")
    search_placeholder = gettext_lazy("文件名称、文号或正文")
    filter_fields = ("status", "drafting_unit", "provisional", "affects_market_entities")
    create_fields = ("title", "drafting_unit", "issuer", "drafter", "affects_market_entities", "text", "amends")
    form_fields = ("title", "issuer", "drafter", "provisional", "affects_market_entities", "text")
    detail_fields = ("title", "number", "status", "drafting_unit", "issuer", "drafter", "provisional", "amends",
                     "affects_market_entities", "no_comment_reason", "comment_starts_on", "comment_ends_on",
                     "comment_channel", "comment_shortened_reason", "signed_by",
                     "signed_on", "published_on", "publication_channel", "effective_on", "valid_until", "filed_on",
                     "filing_authority", "filing_reference", "evaluated_on", "evaluation_conclusion",
                     "evaluation_opinion", "ended_on", "end_reason")
    form_base = action_forms.DocumentForm
    actions = ("list", "detail", "create", "edit", "archive", "export")
    detail_template = "normative_documents/document_detail.html"
    workflow = (
        Action("open_comment", gettext_lazy("公开征求意见"), action_forms.OpenCommentForm,
               _run(services.document_open_comment, gettext_lazy("已开始公开征求意见。")),
               allowed=permissions.may_open_comment),
        Action("comment", gettext_lazy("登记公开征求的意见"), action_forms.CommentForm, _comment,
               allowed=permissions.may_comment),
        Action("respond", gettext_lazy("说明采纳情况"), action_forms.RespondForm, _respond,
               allowed=permissions.may_respond),
        Action("submit_review", gettext_lazy("报送合法性审核"), action_forms.SubmitReviewForm,
               _run(services.document_submit_review, gettext_lazy("已报送法制机构进行合法性审核。")),
               allowed=permissions.may_submit_review),
        Action("review", gettext_lazy("出具合法性审核意见"), action_forms.ReviewForm, _review,
               allowed=permissions.may_review),
        Action("fair_competition_review", gettext_lazy("记录公平竞争审查"), action_forms.FairCompetitionReviewForm,
               _fair_competition_review, allowed=permissions.may_fair_competition_review),
        Action("mark_market", gettext_lazy("认定是否涉及经营者经济活动"), action_forms.MarkMarketForm, _mark_market,
               allowed=permissions.may_mark_market),
        Action("deliberate", gettext_lazy("记录集体审议"), action_forms.DeliberateForm,
               _run(services.document_deliberate, gettext_lazy("已记录集体审议。")),
               allowed=permissions.may_deliberate),
        Action("publish", gettext_lazy("签发公布（统一编号）"), action_forms.PublishForm, _publish,
               allowed=permissions.may_publish),
        Action("file", gettext_lazy("记录报送备案"), action_forms.FileForm,
               _run(services.document_file, gettext_lazy("已记录备案。")), allowed=permissions.may_file),
        Action("evaluate", gettext_lazy("有效期届满前评估"), action_forms.EvaluateForm,
               _run(services.document_evaluate, gettext_lazy("已记录评估结论。")),
               allowed=permissions.may_evaluate),
        Action("repeal", gettext_lazy("废止"), action_forms.EndForm, _repeal, allowed=permissions.may_repeal),
        Action("abandon", gettext_lazy("终止起草"), action_forms.EndForm, _abandon,
               allowed=permissions.may_abandon),
    )

    def urls(self) -> list:
        return [*super().urls(),
                path("<int:pk>/check/", ReviewPageView.as_view(pages=self), name="check")]

    def create(self, request, data):
        fields = self.fields_of(data)
        return services.document_create(user=request.user, draft_file=data.get("draft_upload"), **fields)

    def update(self, request, document, changes, reason=""):
        upload = changes.pop("draft_upload", None)
        current = {name: getattr(document, name) for name in changes}
        changed = {name: value for name, value in changes.items() if value != current[name]}
        return services.document_update(user=request.user, document=document, expected_version=document.version,
                                        reason=reason, draft_file=upload, **changed)

    def fields_of(self, data: dict) -> dict:
        names = self.create_fields if "drafting_unit" in data else self.form_fields
        fields = {name: data[name] for name in names if name in data}
        if "text" in fields and fields["text"] is None:
            fields["text"] = ""
        if "draft_upload" in data and "drafting_unit" not in data:
            fields["draft_upload"] = data["draft_upload"]
        return fields

    def decorate(self, rows):
        today = clock.today()
        for row in rows:
            row.status_today = selectors.status_label_on(row, today)

    def detail_context(self, document, request):
        user, today = request.user, clock.today()
        shown = shown_actions(document.status)
        if document.filed_on is not None:
            shown.discard("file")  # filed once (services.document_file refuses a second filing)
        before_adoption = document.status in lifecycle.BEFORE_ADOPTION
        waiting = {action: refusal for action, result in ISSUE_STEPS if action in shown
                   and (refusal := services.fair_competition_refusal(document, action, result)) is not None}
        shown -= {"submit_review", "publish"} & waiting.keys()
        next_steps = [lifecycle.LIFECYCLE.label(a) for a in lifecycle.LIFECYCLE.actions_from(document.status)
                      if a not in waiting or a == "deliberate"]
        return {
            "shown": shown,
            "fair_competition_reviews": list(document.fair_competition_reviews.visible_to(user).active()),
            # What the next step towards issue waits for, said where the review is recorded.
            "fair_competition_waiting": next(iter(waiting.values()), None),
            # The checker's prompt, while it can still change something: a draft plainly about enterprises
            # that nobody has marked as such.
            "market_cues": (checking.market_cues(document.title, document.text)
                            if before_adoption and not document.affects_market_entities else ()),
            "status_today": selectors.status_label_on(document, today),
            "filing": selectors.filing_status(document, today=today),
            "evaluation_opens_on": services.evaluation_opens_on(document),
            "comments": document.comments.visible_to(user).active(),
            "reviews": document.reviews.visible_to(user).active().select_related("reviewer"),
            "deliberations": document.deliberations.visible_to(user).active(),
            "cleanup_items": document.cleanup_items.visible_to(user).active().select_related("cleanup"),
            "next_steps": [_("公平竞争审查"), *next_steps] if waiting else next_steps,
            "check_url": reverse(f"{self.namespace}:check", args=[document.pk]),
        }


class ReviewPageView(WorkflowDetailView):
    """合法性审核: the draft's text with the checker's findings beside it, and the reviewer's opinion form."""

    detail_template = "normative_documents/review.html"

    def get(self, request, pk: int):
        pages = self.pages
        document = get_object_or_404(pages.visible(request.user), pk=pk)
        findings = checking.run_checker(document.text)
        reviews = list(document.reviews.visible_to(request.user).active().select_related("reviewer"))
        fair = document.fair_competition_reviews.visible_to(request.user).active().first()
        return render(request, self.detail_template, self.context(
            record=document, fields=[], history=[],
            findings=findings, segments=checking.highlight(document.text, findings),
            reviews=reviews,
            rule_labels=checking.RULE_LABELS, can_review="review" in lifecycle.LIFECYCLE.actions_from(document.status),
            fair_competition=fair,
            market_cues=() if document.affects_market_entities else checking.market_cues(document.title,
                                                                                        document.text),
        ))


# ----- cleanups -----


def _cleanup_add(request, cleanup, data) -> str:
    services.cleanup_add_document(user=request.user, cleanup=cleanup, document=data["document"])
    return _("已列入清理。")


def _cleanup_decide(request, cleanup, data) -> str:
    services.cleanup_decide(user=request.user, item=data["item"], decision=data["decision"], reason=data["reason"],
                            decided_on=data["decided_on"])
    return _("已记录清理结论。")


def _cleanup_publish(request, cleanup, data) -> str:
    services.cleanup_publish(user=request.user, cleanup=cleanup, **data)
    return _("已公布清理结果；结论为废止的文件已废止。")


class CleanupPages(WorkflowPages):
    model = Cleanup
    namespace = "normative_documents:cleanups"
    list_fields = ("name", "trigger", "started_on", "status", "published_on")
    search_fields = ("name", "basis")
    filter_fields = ("trigger", "status")
    create_fields = ("name", "trigger", "basis", "started_on")
    form_fields = ("name", "basis")
    form_base = action_forms.CleanupForm
    actions = ("list", "detail", "create")
    detail_template = "normative_documents/cleanup_detail.html"
    workflow = (
        Action("add_document", gettext_lazy("列入文件"), action_forms.CleanupAddForm, _cleanup_add,
               allowed=permissions.may_add_to_cleanup),
        Action("decide", gettext_lazy("作出清理结论"), action_forms.CleanupDecideForm, _cleanup_decide,
               allowed=permissions.may_decide_cleanup),
        Action("publish", gettext_lazy("公布清理结果"), action_forms.CleanupPublishForm, _cleanup_publish,
               allowed=permissions.may_publish_cleanup),
    )

    def create(self, request, data):
        return services.cleanup_create(user=request.user, documents=list(data.get("documents") or []),
                                       **self.fields_of(data))

    def detail_context(self, cleanup, request):
        return {"items": CleanupItem.objects.visible_to(request.user).active().filter(cleanup=cleanup)
                .select_related("document")}


documents = DocumentPages()
cleanups = CleanupPages()


# ----- statistics -----


class StatisticsView(LoginRequiredMixin, View):
    """The year's figures: reviewed, lawful at first review, published, filed on time, repealed."""

    def get(self, request):
        if not can_view(request.user, NormativeDocument):
            raise PermissionDenied
        today = clock.today()
        years = selectors.statistics_years()
        year = min(chosen_year(request, selectors.years_with_records(), today.year), today.year)
        # Zone-wide figures for those who see the whole zone; a unit's own otherwise.
        zone_wide = request.user.has_perm("normative_documents.view_all_normativedocument")
        unit = None if zone_wide else request.user.org_unit
        rows = [selectors.yearly_statistics(y, org_unit=unit) for y in years]
        if wants_workbook(request):
            headers = [_("年度"), _("审核文件"), _("首次审核即合法"), _("公布"), _("已备案"), _("按时备案"),
                       _("废止"), _("失效"), _("年末现行有效")]
            return workbook_response(_("行政规范性文件统计"), [(_("各年度"), headers, [
                [r.year, r.reviewed, r.lawful_first_time, r.published, r.filed, r.filed_on_time, r.repealed,
                 r.expired, r.in_force_at_year_end] for r in rows])])
        return render(request, "normative_documents/statistics.html", {
            "stats": selectors.yearly_statistics(year, org_unit=unit), "year": year, "rows": rows,
            "unit": unit, "years": years, "today": today,
        })

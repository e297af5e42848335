"""Pages of major decisions: the yearly catalogue and each decision's statutory steps, as POST actions."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.major_decisions import forms as action_forms
from fazhi.major_decisions import lifecycle, permissions, selectors, services
from fazhi.major_decisions.constants import SKIPPABLE, StepKind
from fazhi.major_decisions.models import DecisionCatalogue, MajorDecision
from fazhi.records.workflow import Action, WorkflowPages

EVALUATED = gettext_lazy("已记录决策后评估。")
CATALOGUE_PUBLISHED = gettext_lazy("目录已公布。")


def _files(data) -> list:
    return [data["file"]] if data.get("file") else []


def _step(request, decision, data) -> str:
    services.step_record(user=request.user, decision=decision, kind=data["kind"], started_on=data["started_on"],
                         completed_on=data["completed_on"], people=data["people"], summary=data["summary"],
                         shortened_reason=data["shortened_reason"], files=_files(data))
    return _("已记录“%(step)s”。") % {"step": StepKind(data["kind"]).label}


def _skip(request, decision, data) -> str:
    services.step_skip(user=request.user, decision=decision, kind=data["kind"], reason=data["reason"], on=data["on"])
    return _("已记录依法未履行“%(step)s”的理由。") % {"step": StepKind(data["kind"]).label}


def _review(request, decision, data) -> str:
    services.step_record(user=request.user, decision=decision, kind=StepKind.LEGALITY_REVIEW,
                         started_on=data["started_on"], completed_on=data["completed_on"], opinion=data["opinion"],
                         summary=data["summary"], people=data["people"], files=_files(data))
    return _("已出具合法性审查意见。")


def _discuss(request, decision, data) -> str:
    services.step_record(user=request.user, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                         completed_on=data["completed_on"], outcome=data["outcome"], people=data["people"],
                         summary=data["summary"], files=_files(data))
    return _("已记录集体讨论决定。")


def _party_report(request, decision, data) -> str:
    services.step_record(user=request.user, decision=decision, kind=StepKind.PARTY_REPORT,
                         completed_on=data["completed_on"], people=data["people"], summary=data["summary"],
                         files=_files(data))
    return _("已记录向同级党委请示报告。")


def _run(service, done, record_name: str = "decision"):
    """An action's run: call the service with the form's data, return the message."""

    def run(request, record, data) -> str:
        service(user=request.user, **{record_name: record}, **data)
        return str(done)

    return run


class DecisionPages(WorkflowPages):
    model = MajorDecision
    namespace = "major_decisions:decisions"
    register_name = "major_decisions"
    list_fields = ("title", "catalogue", "undertaking_unit", "status", "decided_on")
    search_fields = ("title", "summary")
    filter_fields = ("catalogue", "undertaking_unit", "status")
    create_fields = ("catalogue", "title", "undertaking_unit", "summary")
    form_fields = ("title", "summary")
    form_base = action_forms.DecisionForm
    detail_fields = ("title", "catalogue", "undertaking_unit", "summary", "status", "decided_on", "decision_text",
                     "published_on", "evaluated_on", "evaluation_report", "file_archived_on", "file_reference")
    actions = ("list", "detail", "create", "edit", "archive", "export")
    detail_template = "major_decisions/decision_detail.html"
    workflow = (
        Action("step", gettext_lazy("记录决策程序"), action_forms.StepForm, _step, allowed=permissions.may_step),
        Action("skip", gettext_lazy("依法不履行某项程序"), action_forms.SkipForm, _skip, allowed=permissions.may_skip),
        Action("review", gettext_lazy("出具合法性审查意见"), action_forms.ReviewForm, _review,
               allowed=permissions.may_review),
        Action("discuss", gettext_lazy("记录集体讨论决定"), action_forms.DiscussForm, _discuss,
               allowed=permissions.may_discuss),
        Action("party_report", gettext_lazy("记录向党委请示报告"), action_forms.PartyReportForm, _party_report,
               allowed=permissions.may_report_to_party),
        Action("publish", gettext_lazy("记录公布"), action_forms.PublishForm,
               _run(services.decision_publish, gettext_lazy("已记录公布。")),
               allowed=permissions.may_publish),
        Action("evaluate", gettext_lazy("决策后评估"), action_forms.EvaluateForm,
               _run(services.decision_evaluate, EVALUATED),
               allowed=permissions.may_evaluate),
        Action("archive_file", gettext_lazy("材料归档"), action_forms.ArchiveFileForm,
               _run(services.decision_file_archive, gettext_lazy("决策材料已归档。")),
               allowed=permissions.may_archive_file),
    )

    def create(self, request, data):
        return services.decision_add(user=request.user, **self.fields_of(data))

    def detail_context(self, decision, request):
        shown = set(lifecycle.LIFECYCLE.actions_from(decision.status))
        if decision.file_archived_on:
            shown.discard("archive_file")
        if decision.published_on:
            shown.discard("publish")
            shown.discard("party_report")
        return {"shown": shown, "progress": selectors.progress(decision),
                "skippable": [(StepKind(k).label, why) for k, why in SKIPPABLE.items()]}


class CataloguePages(WorkflowPages):
    model = DecisionCatalogue
    namespace = "major_decisions:catalogues"
    list_fields = ("year", "decision_organ", "status", "published_on")
    filter_fields = ("status",)
    create_fields = ("year", "decision_organ", "note")
    form_fields = ("note",)
    actions = ("list", "detail", "create", "edit")
    detail_template = "major_decisions/catalogue_detail.html"
    workflow = (Action("publish", gettext_lazy("公布目录"), action_forms.CataloguePublishForm,
                       _run(services.catalogue_publish, CATALOGUE_PUBLISHED, "catalogue"),
                       allowed=permissions.may_publish_catalogue),)

    def create(self, request, data):
        return services.catalogue_create(user=request.user, **self.fields_of(data))

    def detail_context(self, catalogue, request):
        return {"decisions": MajorDecision.objects.visible_to(request.user).active().filter(catalogue=catalogue)
                .select_related("undertaking_unit"),
                "stats": selectors.catalogue_statistics(catalogue.year)}


catalogues = CataloguePages()
decisions = DecisionPages()

"""Pages of enforcement cases and their workflow (officers, steps, records, review, decision, publication)."""


from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core.exceptions import cn_date
from fazhi.enforcement import forms as action_forms
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.models import DecisionOverturn, EnforcementCase, ProcessRecord
from fazhi.records.pages import ComputedFilter
from fazhi.records.workflow import Action, WorkflowPages

# What the case page says once an overturn is recorded (the tests assert on them).
OVERTURN_RECORDED = gettext_lazy("已记录决定被%(kind)s。")
OVERTURN_WITHDRAWAL_DUE = gettext_lazy("已公示的决定须于%(date)s前撤回并公开说明理由（行政处罚法 第四十八条第二款）。")

# ----- cases -----


def _assign(request, case, data) -> str:
    services.case_assign_officer(user=request.user, case=case, officer=data["officer"], on=data["on"])
    return _("已指派“%(officer)s”承办本案。") % {"officer": data["officer"]}


def _add_step(request, case, data) -> str:
    step = services.case_add_step(user=request.user, case=case, **data)
    return _("已记录办案环节“%(step)s”。") % {"step": step.get_kind_display()}


def _upload(request, case, data) -> str:
    upload = data["file"]
    record = services.process_record_attach(user=request.user, step=data["step"], kind=data["kind"], file=upload,
                                            original_name=upload.name)
    return _("已保存“%(name)s”，SHA-256：%(digest)s") % {"name": record.original_name, "digest": record.sha256}


def _review(request, case, data) -> str:
    services.major_review_record(user=request.user, case=case, **data)
    return _("已记录法制审核意见。")


def _declare_major(request, case, data) -> str:
    services.case_declare_major(user=request.user, case=case, declared=data["declared"], reason=data["reason"])
    return _("已认定为重大执法决定，作出决定前须经法制审核。") if data["declared"] else _("已取消重大执法决定认定。")


def _decide(request, case, data) -> str:
    services.case_decide(user=request.user, case=case, decision_kind=data["decision_kind"],
                         decided_on=data["decided_on"], text=data["text"], fine_amount=data["fine_amount"])
    return _("已作出执法决定。请在法定期限内公示。")


def _publish(request, case, data) -> str:
    publication = services.decision_publish(user=request.user, case=case, title=data["title"])
    return _("已公示“%(title)s”。") % {"title": publication.title}


def _overturn(request, case, data) -> str:
    overturn = services.decision_overturn_record(user=request.user, case=case, **data)
    done = OVERTURN_RECORDED % {"kind": overturn.get_kind_display()}
    due = selectors.case_withdrawal_due(case)
    if due is None:
        return done
    return done + OVERTURN_WITHDRAWAL_DUE % {"date": cn_date(due.due_on)}


def _withdraw(request, case, data) -> str:
    services.decision_withdraw(user=request.user, case=case, reason=data["reason"])
    return _("已撤回决定公示，撤回理由已在公示平台公开。")


def _close(request, case, data) -> str:
    services.case_close(user=request.user, case=case, closed_on=data["closed_on"])
    return _("已结案。")


class CasePages(WorkflowPages):
    model = EnforcementCase
    namespace = "enforcement:cases"
    list_fields = ("number", "body", "kind", "summary", "opened_on", "decision_kind", "decided_on", "closed_on")
    secondary_fields = ("summary", "closed_on")
    search_fields = ("number", "summary")
    search_placeholder = gettext_lazy("案件编号或案由")
    filter_fields = ("body", "kind", "decision_kind", "overturned", "officer")
    create_fields = ("body", "number", "kind", "matter", "party_entity", "party_name", "party_id_number", "summary",
                     "opened_on")
    # The body, kind, matter and dates carry the case's rules (checked when it is opened) and its
    # steps: an edit corrects the party and the summary only.
    form_fields = ("party_entity", "party_name", "party_id_number", "summary")
    # Whether the case is a major decision is said once, in the 三项制度 section (the criteria and any
    # declaration together), not also as the bare declaration flag ("否" beside the section's "是").
    detail_fields = ("number", "body", "kind", "matter", "party_entity", "party_name", "party_id_number",
                     "summary", "opened_on", "had_hearing", "decision_kind", "fine_amount", "decision_text",
                     "decided_on", "closed_on")
    form_base = action_forms.CaseForm
    # Export only: the register refuses imports (cases are opened and run through the services).
    register_name = "cases"
    actions = ("list", "detail", "create", "edit", "export")
    workflow = (
        Action("assign", gettext_lazy("指派执法人员"), action_forms.AssignOfficerForm, _assign,
               allowed=permissions.may_assign_officer),
        Action("step", gettext_lazy("记录办案环节"), action_forms.AddStepForm, _add_step,
               allowed=permissions.may_add_step),
        Action("upload", gettext_lazy("上传全过程记录"), action_forms.UploadRecordForm, _upload,
               allowed=permissions.may_upload_record),
        # 重大执法决定法制审核 by the body's designated reviewer (国办发〔2018〕118号 四(十一)): the legal-affairs
        # office, or the body's own unit; the service also checks the reviewer's qualification.
        Action("review", gettext_lazy("法制审核"), action_forms.ReviewForm, _review,
               allowed=permissions.may_review),
        Action("declare_major", gettext_lazy("认定重大执法决定"), action_forms.DeclareMajorForm, _declare_major,
               allowed=permissions.may_declare_major),
        Action("decide", gettext_lazy("作出决定"), action_forms.DecideForm, _decide, allowed=permissions.may_decide),
        Action("publish", gettext_lazy("公示决定"), action_forms.PublishForm, _publish,
               allowed=permissions.may_publish),
        Action("close", gettext_lazy("结案"), action_forms.CloseForm, _close, allowed=permissions.may_close),
        # After the decision, even on a closed case: 行政复议 and litigation come later.
        Action("overturn", gettext_lazy("记录决定变更或撤销"), action_forms.OverturnForm, _overturn,
               allowed=permissions.may_record_overturn),
        # Whoever publishes a decision withdraws it (the service checks the change in the unit's scope).
        Action("withdraw", gettext_lazy("撤回决定公示"), action_forms.WithdrawForm, _withdraw,
               allowed=permissions.may_withdraw),
    )
    detail_template = "enforcement/case_detail.html"

    def create(self, request, data):
        fields = self.fields_of(data)
        fields["number"] = fields["number"] or ""
        fields["party_name"] = fields["party_name"] or ""
        fields["party_id_number"] = fields["party_id_number"] or ""
        return services.case_open(user=request.user, **fields)

    def editable(self, record) -> bool:
        return record.closed_on is None  # a closed case is frozen (services.case_update refuses too)

    def fixed_reason(self, record) -> str:
        return str(services.CASE_CLOSED) % {"case": record.number, "date": cn_date(record.closed_on)}

    def update(self, request, case, changes, reason=""):
        # Through the service: a closed case is frozen, and the party is locked once decided.
        return services.case_update(user=request.user, case=case, expected_version=case.version, reason=reason,
                                    **changes)

    def computed_filters(self):
        # 被纠错: a decision changed, revoked or declared unlawful or void (by the body, on 行政复议 or by a court);
        # officer: the cases an officer was assigned to (an id, from the officer's links: no list of names here).
        overturned = Exists(DecisionOverturn.objects.filter(case=OuterRef("pk"), archived_on__isnull=True))
        return {
            "overturned": ComputedFilter(
                forms.TypedChoiceField(label=_("决定被纠错"), required=False, coerce=lambda v: v == "1",
                                       empty_value=None, choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))]),
                lambda rows, yes: rows.filter(overturned if yes else ~overturned)),
            "officer": ComputedFilter(forms.IntegerField(required=False, widget=forms.HiddenInput),
                                      lambda rows, officer: rows.filter(assignments__officer_id=officer,
                                                                        assignments__archived_on__isnull=True)),
        }

    def detail_context(self, case, request):
        user = request.user
        steps = list(case.steps.visible_to(user).active().prefetch_related("records"))
        verification = None
        if request.GET.get("verify"):
            verification = selectors.case_records_verify(case)
        major_reasons = selectors.case_major_reasons(case)
        return {
            "assignments": case.assignments.visible_to(user).active().select_related("officer", "certificate"),
            "steps": steps,
            "completeness": selectors.case_completeness(case),
            "verification": verification,
            "verified_by_id": {c.record_id: c for c in verification.checks} if verification else {},
            "major_reasons": major_reasons,
            "approved_review": selectors.case_approved_review(case),
            "reviews": case.reviews.visible_to(user).active().select_related("reviewer"),
            "publication_status": selectors.case_publication_status(case),
            "publication": getattr(case, "publication", None),
            "overturns": list(case.overturns.visible_to(user).active()),
            "withdrawal_due": selectors.case_withdrawal_due(case),
        }


class ProcessRecordFileView(LoginRequiredMixin, View):
    """Download a stored full-process record file, for users who may see its case (or task: `model`)."""

    model = ProcessRecord

    def get(self, request, pk: int):
        record = get_object_or_404(self.model.objects.visible_to(request.user), pk=pk)
        try:
            handle = record.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        response = FileResponse(handle, content_type="application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(True, record.original_name)
        return response


cases = CasePages()

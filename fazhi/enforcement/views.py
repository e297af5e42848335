"""Pages of administrative enforcement, on the generic record pages (fazhi.records.pages).

What this module adds to the generic pages, once for every enforcement register:
- new records are created by the module's services (fazhi.enforcement.services), which start
  deadlines, number cases and apply the rules, instead of a plain `record_create`;
- a record's page may carry workflow actions (assign an officer, decide, publish...): each is a
  POST to `<pk>/<action>/` handled by one service. The record must be visible (else 404) and the
  action allowed to the user (else 403) before the form is read. A refused or invalid action
  re-renders the page with the user's input and the service's message, and changes nothing.
- list columns computed for the day (a certificate's status today, days to expiry).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.core.audit import personal_data_exported
from fazhi.core.exceptions import cn_date
from fazhi.core.roles import Role
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.enforcement import forms as action_forms
from fazhi.enforcement import selectors, services
from fazhi.enforcement.constants import CertificateStatus
from fazhi.enforcement.models import (
    CertificateApplication,
    EnforcementBody,
    EnforcementCase,
    EnforcementCertificate,
    EnforcementMatter,
    Exam,
    MajorCriterion,
    Officer,
    ProcessRecord,
    Rectification,
    SpecialInspection,
    Training,
    UnitInspection,
)
from fazhi.enforcement.permissions import designated_reviewer, may_see_officer_personal_data
from fazhi.records.pages import (
    EMPTY,
    can_view,
)
from fazhi.records.statistics import chosen_year, wants_workbook, workbook_response
from fazhi.records.workflow import (
    Action,
    ReasonForm,
    WorkflowPages,
    zone_wide_action,
)

# ----- shared pieces -----


def certificate_status_text(certificate: EnforcementCertificate, today: dt.date) -> str:
    """The certificate's status on `today` as a person reads it."""
    return str(CertificateStatus(certificate.status_on(today)).label)


def days_to_expiry_text(certificate: EnforcementCertificate, today: dt.date) -> str:
    """Days left while the certificate is in force; how long ago it lapsed once expired."""
    status = certificate.status_on(today)
    if status == CertificateStatus.VALID:
        return _("%(n)d天") % {"n": (certificate.valid_until - today).days}
    if status == CertificateStatus.EXPIRED and today > certificate.valid_until:
        return _("已过期%(n)d天") % {"n": (today - certificate.valid_until).days}
    return EMPTY


# ----- bodies and matters -----


class BodyPages(WorkflowPages):
    model = EnforcementBody
    namespace = "enforcement:bodies"
    register_name = "enforcement_bodies"
    list_fields = ("name", "org_unit", "kind", "fields")
    secondary_fields = ("fields",)
    search_fields = ("name", "fields")
    filter_fields = ("kind", "org_unit")
    form_fields = ("org_unit", "name", "kind", "legal_basis", "fields", "legal_reviewer")
    detail_template = "enforcement/body_detail.html"

    def create(self, request, data):
        return services.body_create(user=request.user, **self.fields_of(data))

    def detail_context(self, record, request):
        return {
            "matters": record.matters.visible_to(request.user).active(),
            "matters_url": reverse("enforcement:matters:list") + f"?body={record.pk}",
        }


class MatterPages(WorkflowPages):
    model = EnforcementMatter
    namespace = "enforcement:matters"
    register_name = "enforcement_matters"
    list_fields = ("code", "name", "kind", "body")
    search_fields = ("code", "name", "legal_basis")
    filter_fields = ("body", "kind")
    form_fields = ("body", "code", "name", "kind", "legal_basis")

    def create(self, request, data):
        return services.matter_create(user=request.user, **self.fields_of(data))


# ----- officers and certificates -----


class OfficerPages(WorkflowPages):
    model = Officer
    namespace = "enforcement:officers"
    register_name = "officers"
    list_fields = ("full_name", "org_unit", "position", "id_number", "phone", "certificate_today")
    secondary_fields = ("position", "phone")
    # Personal data: masked in lists; shown in full on the officer's page (whose view is logged) only to
    # those who keep the register, and to the officer (permissions.may_see_officer_personal_data).
    masked_fields = {"id_number": mask_id_number, "phone": mask_phone}
    labels = {"certificate_today": gettext_lazy("今日可否执法")}
    search_fields = ("full_name",)
    filter_fields = ("org_unit",)
    form_fields = ("org_unit", "full_name", "id_number", "phone", "position")
    detail_template = "enforcement/officer_detail.html"

    def create(self, request, data):
        return services.officer_create(user=request.user, **self.fields_of(data))

    def shows_personal_data(self, user, record) -> bool:
        return may_see_officer_personal_data(user, record)

    def decorate(self, rows):
        today = clock.today()
        for officer in rows:
            problem = selectors.officer_certificate_problem(officer, today)
            officer.certificate_today = problem or _("可以（持有效证件）")

    def detail_context(self, record, request):
        today = clock.today()
        user = request.user
        certificates = list(record.certificates.visible_to(user).order_by("-valid_until"))
        for certificate in certificates:
            certificate.status_today = certificate_status_text(certificate, today)
            certificate.days_left = days_to_expiry_text(certificate, today)
        return {
            "today": today,
            "certificate_problem": selectors.officer_certificate_problem(record, today),
            "certificates": certificates,
            "attendances": record.attendances.visible_to(user).active().select_related("training"),
            "exam_results": record.exam_results.visible_to(user).active().select_related("exam"),
            "assignments": record.assignments.visible_to(user).active().select_related("case"),
        }


def _certificate_change(service, done: str) -> Callable:
    def run(request, record, data) -> str:
        service(user=request.user, certificate=record, reason=data["reason"])
        return done % {"record": record}

    return run


class CertificatePages(WorkflowPages):
    model = EnforcementCertificate
    namespace = "enforcement:certificates"
    register_name = "certificates"
    list_fields = ("number", "officer", "issuer", "field", "valid_from", "valid_until", "status_today",
                   "days_left")
    secondary_fields = ("issuer", "field", "valid_from")
    labels = {"status_today": gettext_lazy("今日状态"), "days_left": gettext_lazy("距到期")}
    search_fields = ("number", "officer__full_name")
    search_placeholder = gettext_lazy("证件编号或持证人姓名")
    form_fields = ("officer", "number", "issuer", "area", "field", "valid_from", "valid_until")
    # The dates start an expiry reminder and the status has its own actions: no free edit.
    actions = ("list", "detail", "create", "export")
    workflow = (
        Action("suspend", gettext_lazy("暂扣"), ReasonForm,
               _certificate_change(services.certificate_suspend, gettext_lazy("已暂扣证件“%(record)s”。"))),
        Action("reinstate", gettext_lazy("恢复"), ReasonForm,
               _certificate_change(services.certificate_reinstate, gettext_lazy("已恢复证件“%(record)s”。"))),
        Action("revoke", gettext_lazy("注销"), ReasonForm,
               _certificate_change(services.certificate_revoke, gettext_lazy("已注销证件“%(record)s”。"))),
    )

    def create(self, request, data):
        return services.certificate_issue(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.select_related("officer")

    def decorate(self, rows):
        today = clock.today()
        for certificate in rows:
            certificate.status_today = certificate_status_text(certificate, today)
            certificate.days_left = days_to_expiry_text(certificate, today)

    def extra_detail_fields(self, record, request):
        today = clock.today()
        return [
            (_("今日状态"), certificate_status_text(record, today)),
            (_("距到期"), days_to_expiry_text(record, today)),
        ]


# ----- training, exams, applications -----


def _add_attendance(request, record, data) -> str:
    services.attendance_add(user=request.user, training=record, officer=data["officer"])
    return _("已登记“%(officer)s”参加本次培训。") % {"officer": data["officer"]}


class TrainingPages(WorkflowPages):
    model = Training
    namespace = "enforcement:trainings"
    # The trainings' 导出Excel lists their attendances (one row per attendee); 导入 adds attendances.
    register_name = "training_attendances"
    list_fields = ("topic", "held_on", "organiser", "hours", "trainer", "attendance_count")
    secondary_fields = ("trainer",)
    labels = {"attendance_count": gettext_lazy("参训人次")}
    search_fields = ("topic", "trainer")
    filter_fields = ("organiser",)
    form_fields = ("organiser", "topic", "held_on", "hours", "trainer")
    workflow = (Action("attend", gettext_lazy("登记参训"), action_forms.AttendanceForm, _add_attendance,
                       permission="enforcement.add_trainingattendance"),)
    detail_template = "enforcement/training_detail.html"

    def create(self, request, data):
        return services.training_record(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        # An aggregate drops the model's default ordering: state it again.
        return form, queryset.annotate(
            attendance_count=Count("attendances", filter=Q(attendances__archived_on__isnull=True)),
        ).order_by("-held_on", "-pk")

    def detail_context(self, record, request):
        return {"attendances": record.attendances.visible_to(request.user).active()
                .select_related("officer", "officer__org_unit")}


def _record_result(request, record, data) -> str:
    result = services.exam_result_record(user=request.user, exam=record, officer=data["officer"],
                                         score=data["score"])
    verdict = _("合格") if result.passed else _("不合格")
    return _("已登记“%(officer)s”的成绩：%(score)s分，%(verdict)s。") % {
        "officer": data["officer"], "score": result.score, "verdict": verdict}


class ExamPages(WorkflowPages):
    model = Exam
    namespace = "enforcement:exams"
    # The exams' 导出Excel lists their results (one row per candidate); 导入 adds results.
    register_name = "exam_results"
    list_fields = ("held_on", "kind", "organiser", "pass_mark", "sittings", "passed_count")
    labels = {"sittings": gettext_lazy("参考人数"), "passed_count": gettext_lazy("合格人数")}
    filter_fields = ("kind", "organiser")
    form_fields = ("organiser", "held_on", "kind", "pass_mark", "training")
    workflow = (Action("result", gettext_lazy("登记成绩"), action_forms.ExamResultForm, _record_result,
                       permission="enforcement.add_examresult"),)
    detail_template = "enforcement/exam_detail.html"

    def create(self, request, data):
        return services.exam_record(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.prefetch_related("results")

    def decorate(self, rows):
        for exam in rows:
            results = [r for r in exam.results.all() if not r.is_archived]
            exam.sittings = len(results)
            exam.passed_count = sum(1 for r in results if r.score >= exam.pass_mark)

    def detail_context(self, record, request):
        results = list(record.results.visible_to(request.user).active()
                       .select_related("officer", "officer__org_unit").order_by("-score"))
        passed = sum(1 for r in results if r.passed)
        return {"results": results, "passed": passed,
                "pass_rate": selectors.Rate(passed, len(results)).percent_text}


def _approve(request, record, data) -> str:
    services.certificate_application_approve(user=request.user, application=record, **data)
    return _("已核发证件“%(number)s”。") % {"number": data["number"]}


def _reject(request, record, data) -> str:
    services.certificate_application_reject(user=request.user, application=record, reason=data["reason"])
    return _("已作出不予核发的决定。")


class ApplicationPages(WorkflowPages):
    model = CertificateApplication
    namespace = "enforcement:applications"
    list_fields = ("officer", "kind", "applied_on", "status", "certificate")
    filter_fields = ("status", "kind")
    search_fields = ("officer__full_name",)
    form_fields = ("exam_result", "applied_on")
    form_base = action_forms.CertificateApplicationForm
    actions = ("list", "detail", "create")
    workflow = (
        Action("approve", gettext_lazy("核发证件"), action_forms.ApproveApplicationForm, _approve),
        Action("reject", gettext_lazy("不予核发"), ReasonForm, _reject),
    )

    def create(self, request, data):
        return services.certificate_application_submit(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.select_related("officer", "certificate")


# ----- major-decision criteria -----


class CriterionPages(WorkflowPages):
    """The catalogue of what counts as a major decision; only the legal-affairs office changes it."""

    model = MajorCriterion
    namespace = "enforcement:criteria"
    list_fields = ("kind", "fine_threshold", "legal_source", "enabled")
    filter_fields = ("enabled",)
    form_fields = ("kind", "fine_threshold", "legal_source", "enabled")
    # A short catalogue without a register: no export.
    actions = ("list", "detail", "create", "edit", "archive")

    form_base = action_forms.CriterionForm

    def create(self, request, data):
        return services.major_criterion_set(user=request.user, **self.fields_of(data))

    def update(self, request, record, changes, reason=""):
        # Through the service, so the catalogue's rules (a threshold for fines only) hold on every change.
        changes.pop("kind")
        return services.major_criterion_set(user=request.user, kind=record.kind, **changes)


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


def _may_declare_major(user, case) -> bool:
    """Unit staff of the case's unit, or the legal-affairs office (zone-wide), judge an "other" major decision."""
    if user.role in (Role.LEGAL_OFFICE, Role.ADMIN):
        return True
    return user.role == Role.UNIT_STAFF and EnforcementCase.objects.changeable_by(user).filter(pk=case.pk).exists()


def _decide(request, case, data) -> str:
    services.case_decide(user=request.user, case=case, decision_kind=data["decision_kind"],
                         decided_on=data["decided_on"], text=data["text"], fine_amount=data["fine_amount"])
    return _("已作出执法决定。请在法定期限内公示。")


def _publish(request, case, data) -> str:
    publication = services.decision_publish(user=request.user, case=case, title=data["title"])
    return _("已公示“%(title)s”。") % {"title": publication.title}


def _overturn(request, case, data) -> str:
    overturn = services.decision_overturn_record(user=request.user, case=case, **data)
    done = _("已记录决定被%(kind)s。") % {"kind": overturn.get_kind_display()}
    due = selectors.case_withdrawal_due(case)
    if due is None:
        return done
    return done + _("已公示的决定须于%(date)s前撤回并公开说明理由（行政处罚法 第四十八条第二款）。") % {
        "date": cn_date(due.due_on)}


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
    filter_fields = ("body", "kind", "decision_kind")
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
               permission="enforcement.add_caseofficer"),
        Action("step", gettext_lazy("记录办案环节"), action_forms.AddStepForm, _add_step,
               permission="enforcement.add_casestep"),
        Action("upload", gettext_lazy("上传全过程记录"), action_forms.UploadRecordForm, _upload,
               permission="enforcement.add_processrecord"),
        # 重大执法决定法制审核 by the body's designated reviewer (国办发〔2018〕118号 四(十一)): the legal-affairs
        # office, or the body's own unit; the service also checks the reviewer's qualification.
        Action("review", gettext_lazy("法制审核"), action_forms.ReviewForm, _review,
               permission="enforcement.add_majordecisionreview", allowed=designated_reviewer),
        Action("declare_major", gettext_lazy("认定重大执法决定"), action_forms.DeclareMajorForm, _declare_major,
               allowed=_may_declare_major),
        Action("decide", gettext_lazy("作出决定"), action_forms.DecideForm, _decide),
        Action("publish", gettext_lazy("公示决定"), action_forms.PublishForm, _publish,
               permission="enforcement.add_decisionpublication"),
        Action("close", gettext_lazy("结案"), action_forms.CloseForm, _close),
        # After the decision, even on a closed case: 行政复议 and litigation come later.
        Action("overturn", gettext_lazy("记录决定变更或撤销"), action_forms.OverturnForm, _overturn,
               permission="enforcement.add_decisionoverturn"),
        # Whoever publishes a decision withdraws it (the service checks the change in the unit's scope).
        Action("withdraw", gettext_lazy("撤回决定公示"), action_forms.WithdrawForm, _withdraw,
               permission="enforcement.add_decisionpublication"),
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
               permission="enforcement.add_unitinspection"),
        Action("status", gettext_lazy("调整阶段"), action_forms.InspectionStatusForm, _set_status),
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


def inspection_period(inspection: SpecialInspection, today: dt.date) -> tuple[dt.date, dt.date]:
    """The records a campaign looks at: its year, up to today."""
    return dt.date(inspection.year, 1, 1), min(dt.date(inspection.year, 12, 31), today)


class UnitInspectionPages(WorkflowPages):
    model = UnitInspection
    namespace = "enforcement:unit_inspections"
    list_fields = ("org_unit", "inspection", "self_check_on", "on_site_on")
    filter_fields = ("inspection", "org_unit")
    actions = ("list", "detail")
    workflow = (
        Action("self_check", gettext_lazy("记录自查"), action_forms.SelfCheckForm, _self_check),
        Action("on_site", gettext_lazy("记录实地督查"), action_forms.OnSiteCheckForm, _on_site,
               allowed=zone_wide_action(UnitInspection)),
        Action("rectification", gettext_lazy("添加整改事项"), action_forms.RectificationForm, _add_rectification,
               permission="enforcement.add_rectification"),
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
    workflow = (Action("complete", gettext_lazy("整改完成"), action_forms.CompleteRectificationForm, _complete),)

    def decorate(self, rows):
        today = clock.today()
        for row in rows:
            row.state = rectification_state(row, today)

    def extra_detail_fields(self, record, request):
        return [(_("整改状态"), rectification_state(record, clock.today()))]


def rectification_state(rectification: Rectification, today: dt.date) -> str:
    if rectification.completed_on:
        late = rectification.completed_on > rectification.due_on
        return _("逾期完成") if late else _("按期完成")
    return _("已逾期") if today > rectification.due_on else _("整改中")


bodies = BodyPages()
matters = MatterPages()
officers = OfficerPages()
certificates = CertificatePages()
trainings = TrainingPages()
exams = ExamPages()
applications = ApplicationPages()
criteria = CriterionPages()
cases = CasePages()
inspections = InspectionPages()
unit_inspections = UnitInspectionPages()
rectifications = RectificationPages()

ALL_PAGES = (bodies, matters, officers, certificates, trainings, exams, applications, criteria, cases,
             inspections, unit_inspections, rectifications)


# ----- statistics from the selectors -----


@dataclass(frozen=True)
class YearChoice:
    year: int
    selected: bool


def _years_around(selected: int, first: int, last: int) -> list[YearChoice]:
    return [YearChoice(y, y == selected) for y in range(max(last, selected), min(first, selected) - 1, -1)]


class TrainingStatisticsView(LoginRequiredMixin, View):
    """Sessions, attendances, pass rate and lapsed/renewed officers of a year (培训考试统计)."""

    def get(self, request):
        user = request.user
        if not can_view(user, Training):
            raise PermissionDenied
        today = clock.today()
        held = [day.year for day in Training.objects.active().dates("held_on", "year")]
        year = chosen_year(request, held, today.year)
        stats = selectors.training_statistics(year)
        # The figures are zone-wide; names only of officers the user may see.
        visible = set(Officer.objects.visible_to(user).values_list("pk", flat=True))
        first = min(held, default=today.year)
        lapsed = [o for o in stats.lapsed_officers if getattr(o, "pk", None) in visible]
        renewed = [o for o in stats.renewed_officers if getattr(o, "pk", None) in visible]
        if wants_workbook(request):
            personal_data_exported(user=user, model=Officer, count=len(lapsed) + len(renewed),
                                   path=request.get_full_path())
            return workbook_response(_("%(year)d年执法培训考试统计") % {"year": year}, [
                (_("指标"), [_("项目"), _("数值")], [
                    [_("培训期数"), stats.sessions], [_("参训人次"), stats.attendances],
                    [_("参训人数"), stats.trainees], [_("考试场次"), stats.exams],
                    [_("参考人次"), stats.exam_sittings], [_("合格人次"), stats.passed],
                    [_("考试合格率"), stats.pass_rate.percent_text],
                    [_("证件过期人数"), len(stats.lapsed_officers)],
                    [_("过期后已换证人数"), len(stats.renewed_officers)]]),
                (_("证件过期人员"), [_("姓名"), _("单位")], [[str(o), str(o.org_unit)] for o in lapsed]),
                (_("过期后已换证人员"), [_("姓名"), _("单位")], [[str(o), str(o.org_unit)] for o in renewed]),
            ])
        return render(request, "enforcement/training_statistics.html", {
            "stats": stats, "year": year,
            "years": _years_around(year, first, today.year),
            "lapsed": lapsed, "renewed": renewed,
        })


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
                _("单位"), _("执法决定按时公示率"), _("全过程记录完整率"), _("重大执法决定法制审核率")], [
                [str(ui.org_unit), rate(i.publication_on_time), rate(i.records_complete), rate(i.major_reviewed)]
                for ui, i in rows])])
        return render(request, "enforcement/indicators.html", {
            "campaigns": campaigns, "chosen": chosen, "rows": rows, "period": period,
        })

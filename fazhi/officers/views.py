"""Pages of officers, their certificates and applications, trainings and exams, on the generic record pages
(fazhi.records); and the training statistics.

What these pages add to the generic ones: new records are created by the module's services (which start the
certificate's expiry reminder and apply the rules); a record's page may carry workflow actions (suspend a
certificate, record an attendance or a score, decide an application); lists show columns computed for the day
(a certificate's status today, days to expiry).

The URLs are those the pages had as part of enforcement (/enforcement/officers/ ...: urls.py).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from fazhi.core import clock
from fazhi.core.audit import personal_data_exported
from fazhi.officers import forms as action_forms
from fazhi.officers import permissions, selectors, services
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.models import CertificateApplication, EnforcementCertificate, Exam, Officer, Training
from fazhi.records.pages import EMPTY, can_view
from fazhi.records.statistics import chosen_year, wants_workbook, workbook_response
from fazhi.records.workflow import Action, ReasonForm, WorkflowPages

# ----- a certificate as a person reads it -----


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


# ----- officers, certificates, applications -----


class OfficerPages(WorkflowPages):
    model = Officer
    namespace = "officers:officers"
    register_name = "officers"
    list_fields = ("full_name", "org_unit", "position", "id_number", "phone", "certificate_today")
    secondary_fields = ("position", "phone")
    # Personal data: masked in lists; shown in full on the officer's page (whose view is logged) only to
    # those who keep the register, and to the officer (permissions.may_see_officer_personal_data).
    masked_fields = permissions.OFFICER_MASKS
    labels = {"certificate_today": gettext_lazy("今日可否执法")}
    search_fields = ("full_name",)
    filter_fields = ("org_unit",)
    form_fields = ("org_unit", "full_name", "id_number", "phone", "position")
    detail_template = "officers/officer_detail.html"

    def create(self, request, data):
        return services.officer_create(user=request.user, **self.fields_of(data))

    def shows_personal_data(self, user, record) -> bool:
        return permissions.may_see_officer_personal_data(user, record)

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
            # The cases the officer is assigned to: enforcement's CaseOfficer rows, read through their relation
            # (no import of the enforcement app, which builds on this one).
            "assignments": record.assignments.visible_to(user).active().select_related("case"),
        }


def _certificate_change(service, done: str) -> Callable:
    def run(request, record, data) -> str:
        service(user=request.user, certificate=record, reason=data["reason"])
        return done % {"record": record}

    return run


class CertificatePages(WorkflowPages):
    model = EnforcementCertificate
    namespace = "officers:certificates"
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
               _certificate_change(services.certificate_suspend, gettext_lazy("已暂扣证件“%(record)s”。")),
               allowed=permissions.may_suspend_certificate),
        Action("reinstate", gettext_lazy("恢复"), ReasonForm,
               _certificate_change(services.certificate_reinstate, gettext_lazy("已恢复证件“%(record)s”。")),
               allowed=permissions.may_reinstate_certificate),
        Action("revoke", gettext_lazy("注销"), ReasonForm,
               _certificate_change(services.certificate_revoke, gettext_lazy("已注销证件“%(record)s”。")),
               allowed=permissions.may_revoke_certificate),
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


def _approve(request, record, data) -> str:
    services.certificate_application_approve(user=request.user, application=record, **data)
    return _("已核发证件“%(number)s”。") % {"number": data["number"]}


def _reject(request, record, data) -> str:
    services.certificate_application_reject(user=request.user, application=record, reason=data["reason"])
    return _("已作出不予核发的决定。")


class ApplicationPages(WorkflowPages):
    model = CertificateApplication
    namespace = "officers:applications"
    list_fields = ("officer", "kind", "applied_on", "status", "certificate")
    filter_fields = ("status", "kind")
    search_fields = ("officer__full_name",)
    form_fields = ("exam_result", "applied_on")
    form_base = action_forms.CertificateApplicationForm
    actions = ("list", "detail", "create")
    workflow = (
        Action("approve", gettext_lazy("核发证件"), action_forms.ApproveApplicationForm, _approve,
               allowed=permissions.may_approve_application),
        Action("reject", gettext_lazy("不予核发"), ReasonForm, _reject, allowed=permissions.may_reject_application),
    )

    def create(self, request, data):
        return services.certificate_application_submit(user=request.user, **self.fields_of(data))

    def filtered(self, request):
        form, queryset = super().filtered(request)
        return form, queryset.select_related("officer", "certificate")


officers = OfficerPages()
certificates = CertificatePages()
applications = ApplicationPages()


# ----- trainings and exams -----


def _add_attendance(request, record, data) -> str:
    services.attendance_add(user=request.user, training=record, officer=data["officer"])
    return _("已登记“%(officer)s”参加本次培训。") % {"officer": data["officer"]}


class TrainingPages(WorkflowPages):
    model = Training
    namespace = "officers:trainings"
    # The trainings' 导出Excel lists their attendances (one row per attendee); 导入 adds attendances.
    register_name = "training_attendances"
    list_fields = ("topic", "held_on", "organiser", "hours", "trainer", "attendance_count")
    secondary_fields = ("trainer",)
    labels = {"attendance_count": gettext_lazy("参训人次")}
    search_fields = ("topic", "trainer")
    filter_fields = ("organiser",)
    form_fields = ("organiser", "topic", "held_on", "hours", "trainer")
    workflow = (Action("attend", gettext_lazy("登记参训"), action_forms.AttendanceForm, _add_attendance,
                       allowed=permissions.may_add_attendance),)
    detail_template = "officers/training_detail.html"

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
    namespace = "officers:exams"
    # The exams' 导出Excel lists their results (one row per candidate); 导入 adds results.
    register_name = "exam_results"
    list_fields = ("held_on", "kind", "organiser", "pass_mark", "sittings", "passed_count")
    labels = {"sittings": gettext_lazy("参考人数"), "passed_count": gettext_lazy("合格人数")}
    filter_fields = ("kind", "organiser")
    form_fields = ("organiser", "held_on", "kind", "pass_mark", "training")
    workflow = (Action("result", gettext_lazy("登记成绩"), action_forms.ExamResultForm, _record_result,
                       allowed=permissions.may_record_result),)
    detail_template = "officers/exam_detail.html"

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


trainings = TrainingPages()
exams = ExamPages()


# ----- statistics -----


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
        return render(request, "officers/training_statistics.html", {
            "stats": stats, "year": year,
            "years": _years_around(year, first, today.year),
            "lapsed": lapsed, "renewed": renewed,
        })

"""Pages of enforcement trainings and qualification exams."""


from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.enforcement import forms as action_forms
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.models import Exam, Training
from fazhi.records.workflow import Action, WorkflowPages

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
                       allowed=permissions.may_add_attendance),)
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
                       allowed=permissions.may_record_result),)
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


trainings = TrainingPages()
exams = ExamPages()

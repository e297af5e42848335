"""Forms of the officers' pages: the application's create form, and the forms of the workflow actions on a
record's page (each handed to one service)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.officers.models import ExamResult, Officer
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm


def _today():
    return clock.today()


# ----- create forms -----


class ExamResultChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ExamResult) -> str:
        verdict = _("合格") if obj.passed else _("不合格")
        return f"{obj.exam} · {obj.officer} · {obj.score}（{verdict}）"


class CertificateApplicationForm(RecordForm):
    """An application starts from an exam result; the platform takes its kind from the exam."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("exam_result")
        if field is not None:
            self.fields["exam_result"] = ExamResultChoiceField(
                queryset=field.queryset.select_related("exam", "officer"), label=field.label,
                help_text=_("选择已合格的考试成绩"),
            )
            self.fields["exam_result"].widget.attrs["class"] = "form-select"


# ----- workflow action forms -----


class ApproveApplicationForm(ActionForm):
    number = forms.CharField(label=_("证件编号"), max_length=50)
    issuer = forms.CharField(label=_("发证机关"), max_length=100)
    area = forms.CharField(label=_("执法区域"), max_length=100)
    field = forms.CharField(label=_("执法类别"), max_length=100)
    valid_from = forms.DateField(label=_("有效期起"), initial=_today)
    valid_until = forms.DateField(label=_("有效期至"))


class AttendanceForm(ActionForm):
    officer = forms.ModelChoiceField(label=_("参训人员"), queryset=Officer.objects.none())

    def setup(self) -> None:
        attended = self.record.attendances.values("officer")
        self.fields["officer"].queryset = (
            Officer.objects.visible_to(self.user).active().exclude(pk__in=attended).select_related("org_unit")
        )


class ExamResultForm(ActionForm):
    officer = forms.ModelChoiceField(label=_("考生"), queryset=Officer.objects.none())
    score = forms.DecimalField(label=_("成绩"), min_value=0, max_value=1000, max_digits=5, decimal_places=1)

    def setup(self) -> None:
        sat = self.record.results.values("officer")
        self.fields["officer"].queryset = (
            Officer.objects.visible_to(self.user).active().exclude(pk__in=sat).select_related("org_unit")
        )

"""Forms of the lawsuit pages' actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.litigation.constants import AbsenceReason, Outcome
from fazhi.records.workflow import ActionForm

DATE = {"type": "date"}


def _today():
    return clock.today()


class DefendForm(ActionForm):
    filed_on = forms.DateField(label=_("提交答辩状日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


class HearingForm(ActionForm):
    hearing_on = forms.DateField(label=_("开庭日期"), initial=_today, widget=forms.DateInput(attrs=DATE))
    head_appeared = forms.TypedChoiceField(label=_("负责人出庭应诉"), coerce=lambda v: v == "1",
                                           choices=[("1", _("是")), ("0", _("否"))])
    head_name = forms.CharField(label=_("出庭负责人"), max_length=50, required=False)
    head_title = forms.CharField(label=_("出庭负责人职务"), max_length=50, required=False)
    absence_reason = forms.ChoiceField(label=_("负责人未出庭事由"), required=False,
                                       choices=[("", "—"), *AbsenceReason.choices])
    staff_name = forms.CharField(label=_("委托出庭的工作人员"), max_length=50, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class CloseForm(ActionForm):
    outcome = forms.ChoiceField(label=_("结案方式"), choices=Outcome.choices)
    document = forms.CharField(label=_("裁判文书"), max_length=200,
                               help_text=_("判决书、裁定书或调解书的名称和文号"))
    closed_on = forms.DateField(label=_("结案日期"), initial=_today, widget=forms.DateInput(attrs=DATE))

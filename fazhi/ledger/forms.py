"""Forms of the ledger pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.ledger.constants import Satisfaction
from fazhi.records.workflow import ActionForm

DATE = {"type": "date"}


def _today():
    return clock.today()


class ExtendForm(ActionForm):
    extended_to = forms.DateField(label=_("延期至"), widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(label=_("延期理由"), max_length=200)


class AnswerForm(ActionForm):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))
    answered_on = forms.DateField(label=_("答复日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


class RateForm(ActionForm):
    satisfaction = forms.ChoiceField(label=_("满意度"), choices=Satisfaction.choices)


class EscalateForm(ActionForm):
    note = forms.CharField(label=_("督办意见"), max_length=200)
    escalated_on = forms.DateField(label=_("督办日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


"""Forms of the 行政复议 pages' actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.reconsideration import selectors
from fazhi.reconsideration.constants import Outcome
from fazhi.records.workflow import ActionForm

DATE = {"type": "date"}


def _today():
    return clock.today()


def _date(label, required=True) -> forms.DateField:
    return forms.DateField(label=label, initial=_today, required=required, widget=forms.DateInput(attrs=DATE))


class AnswerForm(ActionForm):
    answered_on = _date(_("书面答复日期"))


class ExtendForm(ActionForm):
    extended_to = forms.DateField(label=_("延期后的决定期限"), widget=forms.DateInput(attrs=DATE),
                                  help_text=_("以行政复议机关的延期通知为准，最多延长三十日"))


class DecideForm(ActionForm):
    outcome = forms.ChoiceField(label=_("复议结果"), choices=Outcome.choices)
    document = forms.CharField(label=_("复议决定书"), max_length=200,
                               help_text=_("决定书、调解书或终止通知的名称和文号"))
    decided_on = _date(_("复议决定日期"))


class OpinionForm(ActionForm):
    document = forms.CharField(label=_("行政复议意见书"), max_length=200, help_text=_("意见书的名称和文号"))
    received_on = _date(_("收到意见书日期"))


class OpinionReportForm(ActionForm):
    report = forms.CharField(label=_("纠正情况"), widget=forms.Textarea(attrs={"rows": 4}))
    reported_on = _date(_("报送纠正情况日期"))


class DocumentReviewForm(ActionForm):
    document = forms.ModelChoiceField(label=_("附带审查的规范性文件"), queryset=None)
    notice_on = _date(_("收到附带审查通知日期"))

    def setup(self) -> None:
        self.fields["document"].queryset = selectors.published_documents()


class DocumentAnswerForm(ActionForm):
    answered_on = _date(_("附带审查答复日期"))

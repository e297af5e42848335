"""Forms of the ledger pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.ledger.constants import PROPOSAL_KINDS, AnswerGrade, Satisfaction
from fazhi.ledger.services import rule_for
from fazhi.organisation.models import OrgUnit
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
    grade = forms.ChoiceField(label=_("答复类别"), choices=AnswerGrade.choices)

    def setup(self) -> None:
        """A proposal's answer is graded, with what each letter means under its body's rule; no other's is."""
        if self.record.kind not in PROPOSAL_KINDS:
            del self.fields["grade"]
            return
        rule = rule_for(self.record.kind, self.record.received_on)
        if rule is not None:
            self.fields["grade"].choices = [(g, f"{g}：{rule.grade_meaning(g)}") for g in AnswerGrade.values]


class RateForm(ActionForm):
    satisfaction = forms.ChoiceField(label=_("满意度"), choices=Satisfaction.choices)
    rated_on = forms.DateField(label=_("反馈日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


class RateAgainForm(ActionForm):
    satisfaction = forms.ChoiceField(label=_("满意度"), choices=Satisfaction.choices)


class ReturnForm(ActionForm):
    reason = forms.CharField(label=_("退回理由"), max_length=200, help_text=_("说明不属于本单位职责的情况"))
    returned_on = forms.DateField(label=_("退回日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


class ReassignForm(ActionForm):
    owner_unit = forms.ModelChoiceField(label=_("改派至"), queryset=None)
    reason = forms.CharField(label=_("改派说明"), max_length=90)

    def setup(self) -> None:
        self.fields["owner_unit"].queryset = OrgUnit.objects.active().exclude(pk=self.record.owner_unit_id)


class EscalateForm(ActionForm):
    note = forms.CharField(label=_("督办意见"), max_length=200)
    escalated_on = forms.DateField(label=_("督办日期"), initial=_today, widget=forms.DateInput(attrs=DATE))



class CloseForm(ActionForm):
    note = forms.CharField(label=_("销号意见"), max_length=200, help_text=_("核对整改情况与证明材料的结论"))
    upload = forms.FileField(label=_("证明材料"), help_text=_("整改完成的证明材料（PDF、OFD、图片、办公文档）"))
    closed_on = forms.DateField(label=_("销号日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


class CoHandlerForm(ActionForm):
    unit = forms.ModelChoiceField(label=_("会办单位"), queryset=None)
    assigned_on = forms.DateField(label=_("交办日期"), initial=_today, widget=forms.DateInput(attrs=DATE))

    def setup(self) -> None:
        self.fields["unit"].queryset = OrgUnit.objects.active().exclude(pk=self.record.owner_unit_id)


class ViewsForm(ActionForm):
    views = forms.CharField(label=_("会办意见"), widget=forms.Textarea(attrs={"rows": 4}))
    views_on = forms.DateField(label=_("提出意见日期"), initial=_today, widget=forms.DateInput(attrs=DATE))

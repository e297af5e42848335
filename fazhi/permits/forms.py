"""Forms of the permit pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.permits.constants import CheckMethod, CheckResult, CommitmentKind, DecisionForm, DocumentKind
from fazhi.permits.models import PermitMatter
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm

DATE = {"type": "date"}


def _today():
    return clock.today()


class CaseForm(RecordForm):
    """受理: the applicant (a market entity by its USCC, or a person) and the matters applied for together."""

    matters = forms.ModelMultipleChoiceField(
        label=_("申请事项"), queryset=PermitMatter.objects.none(),
        help_text=_("一件事：可同时申请多个事项；按受理之日施行的清单办理"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matters"].queryset = PermitMatter.objects.visible_to(self.user).active()
        self.fields["matters"].widget.attrs["size"] = 8
        if "received_on" in self.fields:
            self.fields["received_on"].initial = _today
            self.fields["received_on"].widget = forms.DateInput(attrs={**DATE, "class": "form-control"})
        self.style_fields()


class DemandForm(ActionForm):
    name = forms.CharField(label=_("材料名称"), max_length=200)
    kind = forms.ChoiceField(label=_("材料类别"), choices=DocumentKind.choices)
    line = forms.ModelChoiceField(label=_("针对事项"), queryset=None, required=False,
                                  help_text=_("一件事办件中，该材料针对的事项"))

    def setup(self) -> None:
        self.fields["line"].queryset = self.record.lines.active().select_related("entry__matter", "case")


class ExtendForm(ActionForm):
    reason = forms.CharField(label=_("延长理由（经本机关负责人批准，告知申请人）"), max_length=200)
    days = forms.IntegerField(label=_("延长工作日"), initial=10, min_value=1, max_value=10)


class ExcludeForm(ActionForm):
    days = forms.IntegerField(label=_("不计入期限的工作日"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("事由（听证、检验、检测、检疫、鉴定、专家评审等）"), max_length=90)


class DecideForm(ActionForm):
    decision_form = forms.ChoiceField(label=_("办结文书"), choices=DecisionForm.choices)
    decided_on = forms.DateField(label=_("办结日期"), initial=_today, widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(label=_("决定说明"), max_length=500, required=False)


class WithdrawForm(ActionForm):
    reason = forms.CharField(label=_("撤回原因"), max_length=90)
    withdrawn_on = forms.DateField(label=_("撤回日期"), initial=_today, widget=forms.DateInput(attrs=DATE))


class StatisticsForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=9999, required=False)


class CommitmentForm(ActionForm):
    commitment_kind = forms.ChoiceField(label=_("告知承诺类型"), choices=CommitmentKind.choices)
    commitment_text = forms.CharField(label=_("承诺内容"), widget=forms.Textarea(attrs={"rows": 3}))
    conditions_due_on = forms.DateField(label=_("承诺达到条件的期限"), required=False,
                                        widget=forms.DateInput(attrs=DATE))


class DrawRevealForm(ActionForm):
    sources = forms.CharField(label=_("随机源数值（每行一个随机源，数字以空格分隔）"),
                              widget=forms.Textarea(attrs={"rows": 3}))


class CheckResultForm(ActionForm):
    """Phone-sized: method, result, date, what was found."""

    method = forms.ChoiceField(label=_("核查方式"), choices=CheckMethod.choices)
    result = forms.ChoiceField(label=_("核查结果"), choices=CheckResult.choices)
    checked_on = forms.DateField(label=_("核查日期"), initial=_today, widget=forms.DateInput(attrs=DATE))
    finding = forms.CharField(label=_("核查情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CreditRepairForm(ActionForm):
    repaired_on = forms.DateField(label=_("信用修复日期"), initial=_today, widget=forms.DateInput(attrs=DATE))
    repair_basis = forms.CharField(label=_("信用修复依据"), max_length=300, help_text=_("信用主管部门的修复决定文号等"))

"""Forms of the legal-advisor pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.legal_advisors.constants import COVERED_KINDS, WorkKind
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm

TEXTAREA = {"rows": 3}


def _today():
    return clock.today()


class ContractForm(RecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "org_unit" in self.fields:
            self.fields["org_unit"].queryset = self.fields["org_unit"].queryset.filter(kind__in=COVERED_KINDS)


class WorkForm(ActionForm):
    kind = forms.ChoiceField(label=_("工作类型"), choices=WorkKind.choices)
    done_on = forms.DateField(label=_("日期"), initial=_today)
    title = forms.CharField(label=_("事项"), max_length=200)
    description = forms.CharField(label=_("情况说明"), required=False, widget=forms.Textarea(attrs=TEXTAREA))


class TerminateForm(ActionForm):
    terminated_on = forms.DateField(label=_("解除日期"), initial=_today)
    reason = forms.CharField(label=_("原因"), max_length=100)


class CoverageForm(forms.Form):
    on = forms.DateField(label=_("日期"), required=False,
                         widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))

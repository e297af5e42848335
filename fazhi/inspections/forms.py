"""Forms of the 双随机、一公开 pages: plan create/edit, recusal by USCC, and the workflow actions."""

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.files import RECORD_HELP
from fazhi.enforcement.constants import RecordKind
from fazhi.inspections.constants import DrawMethod, TaskResult
from fazhi.inspections.engine import DrawError, parse_sources
from fazhi.inspections.services import PLAN_UNIT_KINDS, plan_item_choices, plan_unit_choices
from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus
from fazhi.market_entities.models import MarketEntity
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm

TEXTAREA = {"rows": 3}


def _today():
    return clock.today()


class EntityByUsccField(forms.ModelChoiceField):
    """An entity typed as its 统一社会信用代码: the register is too large for a drop-down."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(queryset=MarketEntity.objects.active(), to_field_name="uscc", **kwargs)
        self.error_messages["invalid_choice"] = _("名录库中没有该统一社会信用代码的主体。")
        self.help_text = _("输入18位统一社会信用代码")

    def to_python(self, value):
        return super().to_python(value.strip().upper() if isinstance(value, str) else value)

    def prepare_value(self, value):
        if isinstance(value, int):
            return MarketEntity.objects.filter(pk=value).values_list("uscc", flat=True).first()
        return super().prepare_value(value)


class RecusalForm(RecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "entity" in self.fields:
            field = self.fields["entity"]
            self.fields["entity"] = EntityByUsccField(label=field.label)
            self.style_fields()


def _multiple(choices, label):
    return forms.MultipleChoiceField(label=label, choices=choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class PlanForm(RecordForm):
    """The plan's pool filters as check boxes; units and items limited to those the plan may take
    (services.plan_unit_choices, which refuses any other)."""

    registration_statuses = _multiple(RegistrationStatus.choices, _("登记状态（不选则为存续）"))
    industries = _multiple(Industry.choices, _("行业（不选则不限）"))
    entity_types = _multiple(EntityType.choices, _("主体类型（不选则不限）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PLAN_UNIT_KINDS:
            if name in self.fields:
                self.fields[name].queryset = plan_unit_choices(name)
        if "streets" in self.fields:
            self.fields["streets"].help_text = _("不选则不限街道")
        if "items" in self.fields:
            self.fields["items"].queryset = plan_item_choices()
        for name in ("ratio_a", "ratio_b", "ratio_c", "ratio_d", "team_size", "max_tasks_per_inspector",
                     "exempt_days"):
            if name in self.fields and not self.instance.pk:
                self.fields[name].required = False
                self.fields[name].help_text = _("留空则按牵头部门的抽查工作细则")
        self.style_fields()


# A line's last word of 32 or more hex digits is taken for a seal (a 64-digit one is; a shorter or longer one
# is refused as a typo), after a blank or a colon; a pasted `sha256sum` line ends in " -".
SEAL_AT_END = re.compile(r"(?:(?P<label>.*?)[\s:：]+)?(?P<seal>[0-9A-Fa-f]{32,})(?:\s+-)?")
SEAL_HELP = _("见证人的秘密数须先封存：在该行末尾空一格写上见证人自行算出的封存值（64位SHA-256）。"
              "封存值是秘密数写成的文本的SHA-256：各数从小到大，每个数后加“.”，最后加“/”，"
              "如秘密数271828写成 271828./ ，封存值即 printf '271828./' | sha256sum 给出的64位；"
              "也可用 fazhi draw seal 计算。抽取时录入的数值与封存值不符的，不予抽取。")


class CommitForm(ActionForm):
    method = forms.ChoiceField(label=_("抽取方法"), choices=DrawMethod.choices, initial=DrawMethod.HASHRANK)
    source_labels = forms.CharField(
        label=_("随机源"), widget=forms.Textarea(attrs=TEXTAREA),
        help_text=format_lazy("{}{}", _("每行一个将在抽取时才公开的随机源。至少要有一个由第三方在冻结名录之后公开的数，"
                                        "写明来源和开奖日期，如“福利彩票双色球2026-12-01开奖号码”（日期须在冻结之后、"
                                        "检查日期当天或之前）；见证人的秘密数须封存。"),
                              SEAL_HELP))

    def clean_source_labels(self):
        """(label, seal or "") per line: a trailing word of hex digits is the seal of a witness's secret."""
        sources = []
        for n, line in enumerate(self.cleaned_data["source_labels"].splitlines(), start=1):
            line = line.strip()
            sealed = SEAL_AT_END.fullmatch(line)
            if sealed is None:
                if line:
                    sources.append((line, ""))
                continue
            if len(sealed["seal"]) != 64:
                raise forms.ValidationError(_("第%(n)d行末尾的封存值有%(digits)d位，应为64位十六进制数（SHA-256）。")
                                            % {"n": n, "digits": len(sealed["seal"])})
            if not (sealed["label"] or "").strip():
                raise forms.ValidationError(_("第%(n)d行只有封存值：请把它写在所封存的随机源说明的同一行末尾。")
                                            % {"n": n})
            sources.append((sealed["label"].strip(), sealed["seal"].lower()))
        if not sources:
            raise forms.ValidationError(_("请至少列出一个随机源。"))
        return sources


class RevealForm(ActionForm):
    sources = forms.CharField(
        label=_("随机源数值"), widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("按公布的顺序，每行一个随机源的数字，以空格分隔"))

    def clean_sources(self):
        try:
            return parse_sources(self.cleaned_data["sources"])
        except DrawError as error:
            raise forms.ValidationError(str(error)) from error


class VoidForm(ActionForm):
    reason = forms.CharField(label=_("作废原因"), max_length=200)


class ApproveForm(ActionForm):
    pass


class PublishForm(ActionForm):
    pass


class ResultForm(ActionForm):
    result = forms.ChoiceField(label=_("检查结果"), choices=TaskResult.choices)
    inspected_on = forms.DateField(label=_("检查日期"), initial=_today,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    findings = forms.CharField(label=_("检查情况"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def setup(self) -> None:
        if self.record.result:
            self.initial.update(result=self.record.result, findings=self.record.findings,
                                inspected_on=self.record.inspected_on)


class TaskRecordForm(ActionForm):
    kind = forms.ChoiceField(label=_("记录类型"), choices=RecordKind.choices)
    file = forms.FileField(label=_("文件"), help_text=RECORD_HELP)

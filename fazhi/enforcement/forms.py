"""Forms of the enforcement pages: the create forms that differ from a plain model form, and the
forms of the workflow actions on a record's page (each handed to one service)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.files import RECORD_HELP
from fazhi.enforcement import lifecycle
from fazhi.enforcement.constants import DecisionKind, InspectionStatus, OverturnKind, RecordKind, StepKind
from fazhi.enforcement.models import CaseStep
from fazhi.officers.models import Officer
from fazhi.organisation.models import OrgUnit
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm

TEXTAREA = {"rows": 3}


def _today():
    return clock.today()


# ----- create forms -----


class CaseForm(RecordForm):
    """A case number may be left blank: the platform then numbers the case."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields.get("number")
        if number is not None and not self.instance.pk:
            number.required = False
            number.help_text = _("留空则自动编号")


class CriterionForm(RecordForm):
    """A criterion's kind is what it is: changing it would be another criterion."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "kind" in self.fields:
            self.fields["kind"].disabled = True


class SpecialInspectionForm(RecordForm):
    """A new campaign may name the units it covers."""

    org_units = forms.ModelMultipleChoiceField(
        label=_("被检查单位"), queryset=OrgUnit.objects.none(), required=False,
        help_text=_("可多选；也可以稍后在检查页面上添加"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_units"].queryset = OrgUnit.objects.visible_to(self.user).active()
        self.fields["org_units"].widget.attrs.update({"class": "form-select", "size": 8})


# ----- workflow action forms -----


class AssignOfficerForm(ActionForm):
    officer = forms.ModelChoiceField(label=_("执法人员"), queryset=Officer.objects.none())
    on = forms.DateField(label=_("指派日期"), initial=_today)

    def setup(self) -> None:
        assigned = self.record.assignments.values("officer")
        self.fields["officer"].queryset = (
            Officer.objects.visible_to(self.user).active().exclude(pk__in=assigned).select_related("org_unit")
        )


# Recorded by their own actions (立案 on opening, 法制审核, 决定, 结案), which apply their rules;
# the service refuses them here, so the form does not offer them.
STEPS_OF_OTHER_ACTIONS = {StepKind.FILING, StepKind.LEGAL_REVIEW, StepKind.DECISION, StepKind.CLOSURE}


class AddStepForm(ActionForm):
    kind = forms.ChoiceField(label=_("环节"),
                             choices=[(k, label) for k, label in StepKind.choices if k not in STEPS_OF_OTHER_ACTIONS])
    happened_on = forms.DateField(label=_("日期"), initial=_today)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs=TEXTAREA))


class UploadRecordForm(ActionForm):
    step = forms.ModelChoiceField(label=_("办案环节"), queryset=CaseStep.objects.none())
    kind = forms.ChoiceField(label=_("记录类型"), choices=RecordKind.choices)
    file = forms.FileField(label=_("文件"), help_text=format_lazy(
        "{}。{}", _("保存时计算SHA-256摘要，日后可校验文件是否被改动"), RECORD_HELP))

    def setup(self) -> None:
        self.fields["step"].queryset = self.record.steps.active()


class ReviewForm(ActionForm):
    reviewed_on = forms.DateField(label=_("审核日期"), initial=_today)
    approved = forms.TypedChoiceField(
        label=_("审核结论"), coerce=lambda value: value == "1", widget=forms.RadioSelect,
        choices=[("1", _("同意作出决定")), ("0", _("不同意，须修改后重新报审"))],
    )
    # What is reviewed: the decision as proposed; the decision issued must match it.
    decision_kind = forms.ChoiceField(label=_("拟作出的决定类型"), choices=DecisionKind.choices)
    fine_amount = forms.DecimalField(label=_("拟罚款金额（元）"), required=False, min_value=0, max_digits=14,
                                     decimal_places=2, help_text=_("罚款决定必填；作出的罚款不能超过此金额"))
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs=TEXTAREA))

    def style_fields(self) -> None:
        super().style_fields()
        self.fields["approved"].widget.attrs["class"] = "form-check-input"


class DeclareMajorForm(ActionForm):
    declared = forms.TypedChoiceField(
        label=_("认定"), coerce=lambda value: value == "1", widget=forms.RadioSelect,
        choices=[("1", _("认定为重大执法决定（须经法制审核）")), ("0", _("取消认定"))],
    )
    reason = forms.CharField(label=_("理由"), max_length=200,
                             help_text=_("如案情复杂、涉及多个法律关系、可能造成重大社会影响等"))

    def style_fields(self) -> None:
        super().style_fields()
        self.fields["declared"].widget.attrs["class"] = "form-check-input"


class DecideForm(ActionForm):
    decision_kind = forms.ChoiceField(label=_("决定类型"), choices=DecisionKind.choices)
    decided_on = forms.DateField(label=_("决定日期"), initial=_today)
    fine_amount = forms.DecimalField(label=_("罚款金额（元）"), required=False, min_value=0, max_digits=14,
                                     decimal_places=2, help_text=_("罚款决定必填"))
    text = forms.CharField(label=_("决定内容"), widget=forms.Textarea(attrs={"rows": 5}))


class PublishForm(ActionForm):
    # No date: a decision is published on the day it is made public (today, set by the service).
    title = forms.CharField(label=_("标题"), max_length=200, required=False, help_text=_("留空则自动生成"))


class CloseForm(ActionForm):
    closed_on = forms.DateField(label=_("结案日期"), initial=_today)


class OverturnForm(ActionForm):
    kind = forms.ChoiceField(label=_("类型"), choices=OverturnKind.choices)
    overturned_on = forms.DateField(label=_("变更或撤销日期"), initial=_today,
                                    help_text=_("复议决定、判决或本机关决定作出之日"))
    document = forms.CharField(label=_("依据文书"), max_length=200,
                               help_text=_("如行政复议决定书、判决书的名称和文号"))
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs=TEXTAREA))


class WithdrawForm(ActionForm):
    # No date: withdrawn on the day it is taken down (today, set by the service), like a publication.
    reason = forms.CharField(label=_("撤回理由"), widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("在公示平台上向社会公开说明（行政处罚法 第四十八条第二款）"))


class AddUnitForm(ActionForm):
    org_unit = forms.ModelChoiceField(label=_("被检查单位"), queryset=OrgUnit.objects.none())

    def setup(self) -> None:
        covered = self.record.unit_inspections.values("org_unit")
        self.fields["org_unit"].queryset = OrgUnit.objects.visible_to(self.user).active().exclude(pk__in=covered)


class InspectionStatusForm(ActionForm):
    status = forms.ChoiceField(label=_("阶段"), choices=InspectionStatus.choices)

    def setup(self) -> None:
        # Only the stages the campaign's lifecycle leads to from where it stands (lifecycle.INSPECTION).
        table = lifecycle.INSPECTION
        targets = {table.rule(action).target for action in table.actions_from(self.record.status)}
        self.fields["status"].choices = [(value, label) for value, label in InspectionStatus.choices
                                         if value in targets]


class SelfCheckForm(ActionForm):
    checked_on = forms.DateField(label=_("自查日期"), initial=_today)
    report = forms.CharField(label=_("自查情况"), widget=forms.Textarea(attrs={"rows": 4}))


class OnSiteCheckForm(ActionForm):
    checked_on = forms.DateField(label=_("实地督查日期"), initial=_today)
    findings = forms.CharField(label=_("发现的问题"), widget=forms.Textarea(attrs={"rows": 4}))


class RectificationForm(ActionForm):
    problem = forms.CharField(label=_("问题"), widget=forms.Textarea(attrs=TEXTAREA))
    measure = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    due_on = forms.DateField(label=_("整改期限"))


class CompleteRectificationForm(ActionForm):
    completed_on = forms.DateField(label=_("完成日期"), initial=_today)
    measure = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
                              help_text=_("留空则保留原有内容"))

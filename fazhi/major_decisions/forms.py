"""Forms of the major-decision pages: one per act on a decision."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.files import EVIDENCE_HELP
from fazhi.major_decisions.constants import DiscussionOutcome, ReviewOpinion, StepKind
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm

TEXTAREA = {"rows": 3}
_ORDINARY = [(k, label) for k, label in StepKind.choices
             if k in (StepKind.PUBLIC_PARTICIPATION, StepKind.EXPERT_ARGUMENTATION, StepKind.RISK_ASSESSMENT)]


def _today():
    return clock.today()


class DecisionForm(RecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "catalogue" in self.fields:
            self.fields["catalogue"].empty_label = None


class StepForm(ActionForm):
    kind = forms.ChoiceField(label=_("程序"), choices=_ORDINARY)
    started_on = forms.DateField(label=_("开始日期"), required=False)
    completed_on = forms.DateField(label=_("完成日期"), initial=_today)
    people = forms.CharField(label=_("参与人员"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("公众参与的方式和范围、论证专家、评估机构等"))
    summary = forms.CharField(label=_("情况及证据说明"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    shortened_reason = forms.CharField(label=_("缩短征求意见期限的理由"), max_length=200, required=False,
                                       help_text=_("公开征求意见一般不少于30日；缩短的须说明理由（第十四条）"))
    file = forms.FileField(label=_("证明材料"), required=False,
                           help_text=format_lazy("{}。{}", _("保存时计算SHA-256摘要"), EVIDENCE_HELP))


class SkipForm(ActionForm):
    kind = forms.ChoiceField(label=_("程序"), choices=_ORDINARY)
    reason = forms.CharField(label=_("未履行的理由"), widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("须是法律允许不履行的情形，如不属于专业性、技术性较强的事项"))
    on = forms.DateField(label=_("日期"), initial=_today)


class ReviewForm(ActionForm):
    opinion = forms.ChoiceField(label=_("审查意见"), choices=ReviewOpinion.choices,
                                help_text=_("国家尚无明确规定的探索性改革事项，可以在审查意见中明示法律风险后提交讨论"
                                            "（第二十五条第二款）"))
    started_on = forms.DateField(label=_("收到送审材料日期"), required=False,
                                 help_text=_("送请合法性审查应保证必要的审查时间，一般不少于7个工作日（第二十六条）"))
    completed_on = forms.DateField(label=_("审查日期"), initial=_today)
    summary = forms.CharField(label=_("审查意见及理由"), widget=forms.Textarea(attrs=TEXTAREA))
    people = forms.CharField(label=_("审查人员、法律顾问"), required=False)
    file = forms.FileField(label=_("审查意见书"), required=False, help_text=EVIDENCE_HELP)


class DiscussForm(ActionForm):
    completed_on = forms.DateField(label=_("会议日期"), initial=_today)
    people = forms.CharField(label=_("会议及参会人员"), widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("如：管委会第8次常务会议，出席人员……"))
    outcome = forms.ChoiceField(label=_("讨论结果"), choices=DiscussionOutcome.choices)
    summary = forms.CharField(label=_("决定内容及讨论情况"), widget=forms.Textarea(attrs=TEXTAREA),
                              help_text=_("不同意见应当如实载明"))
    file = forms.FileField(label=_("会议纪要"), required=False, help_text=EVIDENCE_HELP)


class PartyReportForm(ActionForm):
    completed_on = forms.DateField(label=_("请示报告日期"), initial=_today)
    people = forms.CharField(label=_("报告对象"), help_text=_("如：区党工委会议"))
    summary = forms.CharField(label=_("党委意见"), widget=forms.Textarea(attrs=TEXTAREA))
    file = forms.FileField(label=_("请示报告及批复"), required=False)


class PublishForm(ActionForm):
    published_on = forms.DateField(label=_("公布日期"), initial=_today)


class EvaluateForm(ActionForm):
    evaluated_on = forms.DateField(label=_("评估日期"), initial=_today)
    report = forms.CharField(label=_("决策后评估报告"), widget=forms.Textarea(attrs={"rows": 5}))


class ArchiveFileForm(ActionForm):
    archived_on = forms.DateField(label=_("归档日期"), initial=_today)
    reference = forms.CharField(label=_("档案号"), max_length=100)


class CataloguePublishForm(ActionForm):
    published_on = forms.DateField(label=_("公布日期"), initial=_today)

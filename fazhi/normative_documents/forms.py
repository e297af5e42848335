"""Forms of the normative-document pages: the draft's create form, and one form per lifecycle action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.normative_documents import services
from fazhi.normative_documents.constants import (
    CleanupDecision,
    CleanupTrigger,
    CommentResponse,
    DeliberationOutcome,
    DocumentStatus,
    EvaluationConclusion,
    FairCompetitionConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.models import NormativeDocument
from fazhi.organisation.models import OrgUnit
from fazhi.records.pages import RecordForm
from fazhi.records.workflow import ActionForm

TEXTAREA = {"rows": 3}
DRAFT_HELP = _("可上传.docx、.txt或.md文件，平台读取其正文（上传后以文件内容为准）；也可直接在“文件正文”中输入")


def _today():
    return clock.today()


class DocumentForm(RecordForm):
    """A draft: the text typed, or read from an uploaded .docx/.txt/.md file."""

    draft_upload = forms.FileField(label=_("上传草案文件"), required=False, help_text=DRAFT_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].widget.attrs["rows"] = 12
            self.fields["text"].required = False
        if "issuer" in self.fields:
            self.fields["issuer"].queryset = OrgUnit.objects.visible_to(self.user).active().filter(
                kind__in=("leadership", "department", "street"))
        if "amends" in self.fields:
            self.fields["amends"].queryset = NormativeDocument.objects.visible_to(self.user).active().filter(
                status=DocumentStatus.IN_FORCE)
            self.fields["amends"].required = False


SHORTENED_HELP = _("涉及经营者经济活动的文件，征求意见期限一般不少于30日（《优化营商环境条例》第六十二条）；"
                   "少于30日的须说明理由")


class OpenCommentForm(ActionForm):
    starts_on = forms.DateField(label=_("征求意见开始日期"), initial=_today)
    ends_on = forms.DateField(label=_("征求意见截止日期"), required=False,
                              help_text=_("涉及经营者经济活动的文件留空则为30日（首尾两日均计算在内）"))
    channel = forms.CharField(label=_("征求意见途径"), max_length=200, initial=_("区政府网站"))
    shortened_reason = forms.CharField(label=_("征求意见期限少于30日的理由"), max_length=200, required=False,
                                       help_text=SHORTENED_HELP)

    def setup(self) -> None:
        if self.record.affects_market_entities:
            self.fields["ends_on"].initial = services.default_comment_end(clock.today())
        else:
            del self.fields["shortened_reason"]


class CommentForm(ActionForm):
    received_on = forms.DateField(label=_("收到日期"), initial=_today)
    source = forms.CharField(label=_("意见来源"), max_length=100, help_text=_("单位名称，或“公众”；不填写个人身份信息"))
    content = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs=TEXTAREA))


class RespondForm(ActionForm):
    comment = forms.ModelChoiceField(label=_("意见"), queryset=None)
    response = forms.ChoiceField(label=_("采纳情况"), choices=[c for c in CommentResponse.choices
                                                               if c[0] != CommentResponse.PENDING])
    reason = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("不采纳或部分采纳的须说明理由"))

    def setup(self) -> None:
        self.fields["comment"].queryset = self.record.comments.active()


class SubmitReviewForm(ActionForm):
    submitted_on = forms.DateField(label=_("报送日期"), initial=_today)
    no_comment_reason = forms.CharField(label=_("未公开征求意见的理由"), max_length=200, required=False,
                                        help_text=_("未公开征求意见的必填"))
    shortened_reason = forms.CharField(label=_("征求意见期限少于30日的理由"), max_length=200, required=False,
                                       help_text=SHORTENED_HELP)

    def setup(self) -> None:
        if self.record.affects_market_entities:
            self.fields["no_comment_reason"].help_text = _(
                "涉及经营者经济活动的文件，除依法需要保密外应当公开征求意见；未公开征求意见的，写明依法需要保密的依据")
        else:
            del self.fields["shortened_reason"]


class FairCompetitionReviewForm(ActionForm):
    """公平竞争审查条例 第十三条 (who), 第十六条 (hearing the operators), 第十七条 (the written conclusion)."""

    reviewing_body = forms.CharField(label=_("审查机构"), max_length=200,
                                     help_text=_("起草单位；拟由政府出台的，写明会同审查的市场监督管理部门"
                                                 "（第十三条、第十四条）"))
    reviewer_name = forms.CharField(label=_("审查人"), max_length=100)
    reviewed_on = forms.DateField(label=_("审查日期"), initial=_today)
    conclusion = forms.ChoiceField(label=_("审查结论"), choices=[("", "——"), *FairCompetitionConclusion.choices])
    conclusion_text = forms.CharField(label=_("书面审查结论"), widget=forms.Textarea(attrs={"rows": 5}),
                                      help_text=_("对照第八条至第十一条的审查标准评估对公平竞争的影响；"
                                                  "适用第十二条的，详细说明理由（第十七条）"))
    stakeholder_views = forms.CharField(label=_("听取利害关系人意见情况"), widget=forms.Textarea(attrs=TEXTAREA),
                                        help_text=_("听取有关经营者、行业协会商会等的意见的情况（第十六条）"))
    exception_term = forms.CharField(label=_("实施期限或者终止条件"), max_length=200, required=False,
                                     help_text=_("适用第十二条的必填"))

    def setup(self) -> None:
        self.fields["reviewing_body"].initial = self.record.drafting_unit.name
        self.fields["reviewer_name"].initial = getattr(self.user, "display_name", "")


class MarkMarketForm(ActionForm):
    affects = forms.TypedChoiceField(label=_("认定"), coerce=lambda value: value == "yes", choices=[
        ("yes", _("涉及经营者经济活动（须经公平竞争审查，征求意见不少于30日）")),
        ("no", _("不涉及经营者经济活动"))])
    reason = forms.CharField(label=_("认定理由"), max_length=90)


class ReviewForm(ActionForm):
    opinion = forms.ChoiceField(label=_("审核结论"), choices=[("", "——"), *ReviewOpinion.choices])
    reasons = forms.CharField(label=_("审核意见及理由"), widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("自动预审的提示仅供参考，结论由审核人作出"))
    reviewed_on = forms.DateField(label=_("审核日期"), initial=_today)


class DeliberateForm(ActionForm):
    meeting = forms.CharField(label=_("会议名称"), max_length=200, help_text=_("如：管委会第5次主任办公会议"))
    held_on = forms.DateField(label=_("会议日期"), initial=_today)
    outcome = forms.ChoiceField(label=_("审议结果"), choices=DeliberationOutcome.choices)
    notes = forms.CharField(label=_("审议情况"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def setup(self) -> None:
        refusal = services.fair_competition_refusal(self.record, "deliberate", DeliberationOutcome.ADOPTED)
        if refusal is not None:  # 公平竞争审查条例 第十八条: it may be sent back or rejected, not adopted
            outcome = self.fields["outcome"]
            outcome.choices = [c for c in outcome.choices if c[0] != DeliberationOutcome.ADOPTED]
            outcome.help_text = refusal


class PublishForm(ActionForm):
    signed_by = forms.CharField(label=_("签发人"), max_length=50)
    signed_on = forms.DateField(label=_("签发日期"), initial=_today)
    published_on = forms.DateField(label=_("公布日期"), initial=_today)
    effective_on = forms.DateField(label=_("施行日期"), initial=_today)
    channel = forms.CharField(label=_("公布载体"), max_length=200, initial=_("区政府网站"))
    valid_until = forms.DateField(label=_("有效期至"), required=False,
                                  help_text=_("留空则按最长有效期（一般5年，暂行、试行2年）自施行日期起计算"))


class FileForm(ActionForm):
    filed_on = forms.DateField(label=_("报送备案日期"), initial=_today)
    authority = forms.CharField(label=_("备案机关"), max_length=100,
                                help_text=_("政府制定的报上级人民政府备案，部门制定的报本级人民政府备案"
                                            "（《辽宁省规章规范性文件备案办法》第三条）"))
    reference = forms.CharField(label=_("备案登记号"), max_length=100, required=False)

    def setup(self) -> None:
        from fazhi.normative_documents.selectors import filing_authority_for

        self.fields["authority"].initial = filing_authority_for(self.record)


class EvaluateForm(ActionForm):
    evaluated_on = forms.DateField(label=_("评估日期"), initial=_today)
    conclusion = forms.ChoiceField(label=_("评估结论"), choices=EvaluationConclusion.choices)
    opinion = forms.CharField(label=_("评估意见"), widget=forms.Textarea(attrs=TEXTAREA))


class EndForm(ActionForm):
    on = forms.DateField(label=_("日期"), initial=_today)
    reason = forms.CharField(label=_("原因"), max_length=300)


class CleanupForm(RecordForm):
    documents = forms.ModelMultipleChoiceField(label=_("列入清理的文件"), queryset=None, required=False,
                                               help_text=_("现行有效的文件；可多选，也可稍后添加"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = NormativeDocument.objects.visible_to(self.user).active().filter(
            status=DocumentStatus.IN_FORCE)
        self.fields["documents"].widget.attrs.update({"class": "form-select", "size": 8})
        if "trigger" in self.fields:
            self.fields["trigger"].choices = CleanupTrigger.choices


class CleanupAddForm(ActionForm):
    document = forms.ModelChoiceField(label=_("文件"), queryset=None)

    def setup(self) -> None:
        listed = self.record.items.values("document")
        self.fields["document"].queryset = NormativeDocument.objects.visible_to(self.user).active().filter(
            status=DocumentStatus.IN_FORCE).exclude(pk__in=listed)


class CleanupDecideForm(ActionForm):
    item = forms.ModelChoiceField(label=_("文件"), queryset=None)
    decision = forms.ChoiceField(label=_("清理结论"), choices=[c for c in CleanupDecision.choices
                                                             if c[0] != CleanupDecision.PENDING])
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("修改或废止的须说明理由"))
    decided_on = forms.DateField(label=_("决定日期"), initial=_today)

    def setup(self) -> None:
        self.fields["item"].queryset = self.record.items.active().select_related("document")
        self.fields["item"].label_from_instance = lambda item: item.document.title


class CleanupPublishForm(ActionForm):
    published_on = forms.DateField(label=_("公布日期"), initial=_today)
    summary = forms.CharField(label=_("清理结果说明"), widget=forms.Textarea(attrs=TEXTAREA))

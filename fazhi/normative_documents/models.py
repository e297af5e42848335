"""Normative documents (行政规范性文件): drafts, public comments, legality reviews, collective
deliberations, publication with a platform-assigned number, filing, validity, cleanups."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.normative_documents.constants import (
    CleanupDecision,
    CleanupStatus,
    CleanupTrigger,
    CommentResponse,
    DeliberationOutcome,
    DocumentStatus,
    EvaluationConclusion,
    FairCompetitionConclusion,
    ReviewOpinion,
)

# Records of a document's procedure: the drafting unit reads its own; the legal office writes them.
_OFFICE_WRITES = {Role.UNIT_STAFF: ("view_own_unit",), Role.OFFICER: ("view_own_unit",)}


class NormativeDocument(BaseModel):
    """行政规范性文件: from the first draft to repeal or expiry; `status` follows lifecycle.py."""

    UNIT_FIELD = "drafting_unit"
    # Unit staff draft for their own unit; officers read their unit's documents (they apply them).
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    title = models.CharField(_("文件名称"), max_length=200)
    drafting_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("起草单位"), on_delete=models.PROTECT,
                                      related_name="normative_documents")
    issuer = models.ForeignKey("organisation.OrgUnit", verbose_name=_("制定机关"), on_delete=models.PROTECT,
                               related_name="issued_documents",
                               help_text=_("以其名义公布文件的机关，如管委会或起草部门"))
    drafter = models.CharField(_("起草人"), max_length=50)
    provisional = models.BooleanField(_("暂行或试行"), default=False,
                                      help_text=_("名称含“暂行”“试行”的文件，有效期较短"))
    # 公平竞争审查条例 第二条 (涉及经营者经济活动的……规范性文件 are reviewed) and 优化营商环境条例
    # 第六十二条、第六十三条 (与市场主体生产经营活动密切相关的 documents: 30 days of comment, the review): the
    # drafter says so; the legal office may decide it (market_determined_by_office): the drafter cannot undo that.
    affects_market_entities = models.BooleanField(
        _("涉及经营者经济活动"), default=False,
        help_text=_("涉及市场准入和退出、产业发展、招商引资、政府采购、招标投标、资质标准、监管执法等经营者经济活动的，"
                    "须经公平竞争审查方可出台（《公平竞争审查条例》第二条、第十八条），公开征求意见一般不少于30日"
                    "（《优化营商环境条例》第六十二条）"))
    market_determined_by_office = models.BooleanField(_("由法制机构认定"), default=False, editable=False)
    text = models.TextField(_("文件正文"), blank=True)
    draft_file = models.FileField(_("草案文件"), upload_to="normative_documents/%Y/", blank=True)
    draft_file_name = models.CharField(_("草案文件名"), max_length=200, blank=True)
    amends = models.ForeignKey("self", verbose_name=_("修改的文件"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="amended_by",
                               help_text=_("本文件公布后，被修改的文件即为“已修改”"))
    status = models.CharField(_("状态"), max_length=16, choices=DocumentStatus.choices,
                              default=DocumentStatus.DRAFTING)
    no_comment_reason = models.CharField(_("未公开征求意见的理由"), max_length=200, blank=True)
    comment_starts_on = models.DateField(_("征求意见开始日期"), null=True, blank=True)
    comment_ends_on = models.DateField(_("征求意见截止日期"), null=True, blank=True)
    comment_channel = models.CharField(_("征求意见途径"), max_length=200, blank=True)
    comment_shortened_reason = models.CharField(_("征求意见期限少于30日的理由"), max_length=200, blank=True)
    # 统一登记、统一编号、统一印发: the number is given by the platform on publication, unique.
    number_year = models.PositiveIntegerField(_("编号年度"), null=True, blank=True, editable=False)
    number_seq = models.PositiveIntegerField(_("编号序号"), null=True, blank=True, editable=False)
    number = models.CharField(_("文号"), max_length=50, null=True, blank=True, unique=True, editable=False)
    signed_by = models.CharField(_("签发人"), max_length=50, blank=True)
    signed_on = models.DateField(_("签发日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    publication_channel = models.CharField(_("公布载体"), max_length=200, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filing_authority = models.CharField(_("备案机关"), max_length=100, blank=True)
    filing_reference = models.CharField(_("备案登记号"), max_length=100, blank=True)
    evaluated_on = models.DateField(_("评估日期"), null=True, blank=True)
    evaluation_conclusion = models.CharField(_("评估结论"), max_length=16, choices=EvaluationConclusion.choices,
                                             blank=True)
    evaluation_opinion = models.TextField(_("评估意见"), blank=True)
    ended_on = models.DateField(_("废止、修改或失效日期"), null=True, blank=True)
    end_reason = models.CharField(_("废止、修改或失效原因"), max_length=300, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("行政规范性文件")
        verbose_name_plural = _("行政规范性文件")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number_seq"], name="normative_number_unique"),
            models.CheckConstraint(condition=models.Q(comment_ends_on__gte=models.F("comment_starts_on"))
                                   | models.Q(comment_ends_on__isnull=True) | models.Q(comment_starts_on__isnull=True),
                                   name="normative_comment_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def clean(self) -> None:
        if self.comment_starts_on and self.comment_ends_on and self.comment_ends_on < self.comment_starts_on:
            raise ValidationError({"comment_ends_on": _("征求意见截止日期不能早于开始日期。")})
        if self.effective_on and self.valid_until and self.valid_until < self.effective_on:
            raise ValidationError({"valid_until": _("有效期至不能早于施行日期。")})

    def in_force_on(self, day: dt.date) -> bool:
        """In force on `day`: published, effective, not past its validity, not ended before."""
        if self.effective_on is None or self.effective_on > day:
            return False
        if self.valid_until is not None and day > self.valid_until:
            return False
        return self.ended_on is None or day < self.ended_on


class PublicComment(BaseModel):
    """An opinion received in the public comment period, and how the drafters answered it."""

    UNIT_FIELD = "document__drafting_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    document = models.ForeignKey(NormativeDocument, verbose_name=_("文件"), on_delete=models.PROTECT,
                                 related_name="comments")
    received_on = models.DateField(_("收到日期"))
    source = models.CharField(_("意见来源"), max_length=100, help_text=_("单位名称，或“公众”等；不填写个人身份信息"))
    content = models.TextField(_("意见内容"))
    response = models.CharField(_("采纳情况"), max_length=16, choices=CommentResponse.choices,
                                default=CommentResponse.PENDING)
    response_reason = models.TextField(_("采纳情况说明"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("公开征求意见")
        verbose_name_plural = _("公开征求意见")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document.title} · {self.source} {self.received_on}"


class LegalityReview(BaseModel):
    """合法性审核: the legal-affairs office's opinion on a draft, with the checker's findings kept as advice."""

    UNIT_FIELD = "document__drafting_unit"
    ROLE_ACTIONS = _OFFICE_WRITES

    document = models.ForeignKey(NormativeDocument, verbose_name=_("文件"), on_delete=models.PROTECT,
                                 related_name="reviews")
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("审核人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reviewer_name = models.CharField(_("审核人姓名"), max_length=50)
    submitted_on = models.DateField(_("报送审核日期"))
    reviewed_on = models.DateField(_("审核日期"))
    opinion = models.CharField(_("审核结论"), max_length=24, choices=ReviewOpinion.choices)
    reasons = models.TextField(_("审核意见及理由"))
    # The text as reviewed, so the record shows what the opinion was about even after revisions.
    reviewed_text = models.TextField(_("审核的文本"))
    findings = models.JSONField(_("自动预审提示"), default=list, blank=True,
                                help_text=_("合法性预审程序对文本提出的提示，仅供参考"))
    checker_ran = models.BooleanField(_("已运行自动预审"), default=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("合法性审核")
        verbose_name_plural = _("合法性审核")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document.title} {self.reviewed_on} {self.get_opinion_display()}"


class FairCompetitionReview(BaseModel):
    """公平竞争审查: the review of a draft that concerns operators' economic activity, and its written conclusion.

    公平竞争审查条例 第十三条: the drafting unit reviews while drafting (第十四条: with the market regulator when the
    government issues it); 第十六条: having heard the operators and trade associations concerned; 第十七条: a written
    conclusion, detailed when 第十二条 applies; 第十八条: without a review, or against one, the document is not issued.
    """

    UNIT_FIELD = "document__drafting_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    document = models.ForeignKey(NormativeDocument, verbose_name=_("文件"), on_delete=models.PROTECT,
                                 related_name="fair_competition_reviews")
    reviewing_body = models.CharField(_("审查机构"), max_length=200,
                                      help_text=_("起草单位；拟由政府出台的，写明会同审查的市场监督管理部门"
                                                  "（《公平竞争审查条例》第十三条、第十四条）"))
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("记录人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reviewer_name = models.CharField(_("审查人"), max_length=100)
    reviewed_on = models.DateField(_("审查日期"))
    conclusion = models.CharField(_("审查结论"), max_length=16, choices=FairCompetitionConclusion.choices)
    conclusion_text = models.TextField(_("书面审查结论"),
                                       help_text=_("对照第八条至第十一条的审查标准评估对公平竞争的影响；适用第十二条的，"
                                                   "详细说明理由（第十七条）"))
    stakeholder_views = models.TextField(_("听取利害关系人意见情况"),
                                         help_text=_("听取有关经营者、行业协会商会等利害关系人关于公平竞争影响的意见的情况"
                                                     "（第十六条）"))
    exception_term = models.CharField(_("实施期限或者终止条件"), max_length=200, blank=True,
                                      help_text=_("适用第十二条的必填"))
    # The text as reviewed, so the record shows what the conclusion was about even after revisions.
    reviewed_text = models.TextField(_("审查的文本"))

    class Meta(BaseModel.Meta):
        verbose_name = _("公平竞争审查")
        verbose_name_plural = _("公平竞争审查")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document.title} {self.reviewed_on} {self.get_conclusion_display()}"


class CollectiveDeliberation(BaseModel):
    """集体审议: the meeting that adopted (or did not adopt) the draft."""

    UNIT_FIELD = "document__drafting_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    document = models.ForeignKey(NormativeDocument, verbose_name=_("文件"), on_delete=models.PROTECT,
                                 related_name="deliberations")
    meeting = models.CharField(_("会议名称"), max_length=200, help_text=_("如：管委会第5次主任办公会议"))
    held_on = models.DateField(_("会议日期"))
    outcome = models.CharField(_("审议结果"), max_length=16, choices=DeliberationOutcome.choices)
    notes = models.TextField(_("审议情况"), blank=True, help_text=_("主要意见；不同意见应如实记录"))

    class Meta(BaseModel.Meta):
        verbose_name = _("集体审议")
        verbose_name_plural = _("集体审议")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.meeting} {self.held_on}"


class Cleanup(BaseModel):
    """清理: a campaign reviewing documents on schedule or after a law changed; its result is published."""

    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ()}

    name = models.CharField(_("清理名称"), max_length=200)
    trigger = models.CharField(_("清理类型"), max_length=16, choices=CleanupTrigger.choices)
    basis = models.TextField(_("清理依据"), help_text=_("定期清理的规定，或发生变化的法律、法规、规章及政策"))
    started_on = models.DateField(_("开始日期"))
    status = models.CharField(_("状态"), max_length=12, choices=CleanupStatus.choices, default=CleanupStatus.OPEN)
    published_on = models.DateField(_("结果公布日期"), null=True, blank=True)
    result_summary = models.TextField(_("清理结果说明"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("规范性文件清理")
        verbose_name_plural = _("规范性文件清理")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.name


class CleanupItem(BaseModel):
    """One document in a cleanup and what was decided about it."""

    UNIT_FIELD = "document__drafting_unit"
    ROLE_ACTIONS = {Role.OFFICER: ()}

    cleanup = models.ForeignKey(Cleanup, verbose_name=_("清理"), on_delete=models.PROTECT, related_name="items")
    document = models.ForeignKey(NormativeDocument, verbose_name=_("文件"), on_delete=models.PROTECT,
                                 related_name="cleanup_items")
    decision = models.CharField(_("清理结论"), max_length=12, choices=CleanupDecision.choices,
                                default=CleanupDecision.PENDING)
    decision_reason = models.TextField(_("理由"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("清理事项")
        verbose_name_plural = _("清理事项")
        ordering = ["cleanup", "pk"]
        constraints = [models.UniqueConstraint(fields=["cleanup", "document"], name="cleanup_document_once")]

    def __str__(self) -> str:
        return f"{self.cleanup} · {self.document.title}"

"""行政复议: cases where a unit of the zone is the respondent (被申请人), from the application copy to the decision,
and the 行政复议意见书 the 复议机关 may send with the correction it asks for (行政复议法 第七十六条)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.reconsideration.constants import CORRECTED_OUTCOMES, ManagementCategory, Outcome, PartyType
from fazhi.reconsideration.lifecycle import STATUS_LABELS, Status

ReconsiderationStatus = models.TextChoices("ReconsiderationStatus",
                                           [(s.name, (s.value, _(STATUS_LABELS[s]))) for s in Status])


class Reconsideration(BaseModel):
    """One 行政复议 case against a unit of the zone."""

    UNIT_FIELD = "respondent_unit"
    HOLDS_PERSONAL_DATA = True  # the applicant may be a natural person

    number = models.CharField(_("复议案号"), max_length=60, unique=True,
                              help_text=_("行政复议机关的受理案号，如大政复字〔2022〕12号"))
    organ = models.CharField(_("行政复议机关"), max_length=100)
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=PartyType.choices)
    applicant = models.CharField(_("申请人"), max_length=100)
    respondent_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("被申请人"), on_delete=models.PROTECT,
                                        related_name="+")
    matter = models.CharField(_("被申请复议的行政行为"), max_length=200)
    category = models.CharField(_("行政管理类别"), max_length=30, choices=ManagementCategory.choices)
    simple_procedure = models.BooleanField(_("适用简易程序"), default=False,
                                           help_text=_("行政复议法第五十三条；答复期限五个工作日，决定期限三十日"))
    enforcement_case = models.ForeignKey("enforcement.EnforcementCase", verbose_name=_("被申请复议的执法案件"),
                                         null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="reconsiderations")
    accepted_on = models.DateField(_("受理日期"), help_text=_("行政复议机关受理申请之日（决定期限自此计算）"))
    copy_received_on = models.DateField(_("收到申请书副本日期"))
    answer_due_on = models.DateField(_("答复期限"), editable=False)
    answered_on = models.DateField(_("书面答复日期"), null=True, blank=True, editable=False)
    decision_due_on = models.DateField(_("复议决定期限"), editable=False)
    extended_to = models.DateField(_("延期后的决定期限"), null=True, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=20, choices=ReconsiderationStatus.choices,
                              default=Status.RECEIVED, editable=False)
    outcome = models.CharField(_("复议结果"), max_length=20, choices=Outcome.choices, blank=True, editable=False)
    decided_on = models.DateField(_("复议决定日期"), null=True, blank=True, editable=False)
    decision_document = models.CharField(_("复议决定书"), max_length=200, blank=True, editable=False)
    opinion_document = models.CharField(_("行政复议意见书"), max_length=200, blank=True, editable=False)
    opinion_received_on = models.DateField(_("收到意见书日期"), null=True, blank=True, editable=False)
    opinion_report_due_on = models.DateField(_("纠正情况报送期限"), null=True, blank=True, editable=False)
    opinion_reported_on = models.DateField(_("报送纠正情况日期"), null=True, blank=True, editable=False)
    opinion_report = models.TextField(_("纠正情况"), blank=True, editable=False)
    # 附带审查 (第五十六条至第五十八条): the 复议机构 asks the organ that issued a normative document to answer on its
    # legality; the document is one of the zone's register.
    reviewed_document = models.ForeignKey("normative_documents.NormativeDocument",
                                          verbose_name=_("附带审查的规范性文件"), null=True, blank=True,
                                          on_delete=models.PROTECT, editable=False,
                                          related_name="reconsideration_reviews")
    document_notice_on = models.DateField(_("收到附带审查通知日期"), null=True, blank=True, editable=False)
    document_answer_due_on = models.DateField(_("附带审查答复期限"), null=True, blank=True, editable=False)
    document_answered_on = models.DateField(_("附带审查答复日期"), null=True, blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-copy_received_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def corrected(self) -> bool | None:
        """复议纠错; None before the decision."""
        return self.outcome in CORRECTED_OUTCOMES if self.outcome else None

    @property
    def answer_on_time(self) -> bool | None:
        return None if self.answered_on is None else self.answered_on <= self.answer_due_on

    @property
    def effective_decision_due_on(self):
        return self.extended_to or self.decision_due_on

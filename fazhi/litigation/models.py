"""行政诉讼: lawsuits against the zone's organs (AdministrativeLitigation) and who appeared for the defendant at
each hearing (CourtAppearance)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.litigation.constants import LOST_OUTCOMES, AbsenceReason, Level, Outcome
from fazhi.litigation.lifecycle import STATUS_LABELS, Status
from fazhi.reconsideration.constants import ManagementCategory, PartyType

# The lifecycle's statuses as Django choices, so forms, filters and the API schema offer them.
LitigationStatus = models.TextChoices("LitigationStatus", [(s.name, (s.value, _(STATUS_LABELS[s]))) for s in Status])


class AdministrativeLitigation(BaseModel):
    """One administrative lawsuit (one 案号, one instance) against a unit of the zone, its defendant."""

    UNIT_FIELD = "defendant_unit"
    HOLDS_PERSONAL_DATA = True  # the plaintiff may be a natural person

    case_number = models.CharField(_("案号"), max_length=60, unique=True,
                                   help_text=_("人民法院的案号，如（2022）辽0291行初12号"))
    court = models.CharField(_("审理法院"), max_length=100)
    level = models.CharField(_("审级"), max_length=10, choices=Level.choices, default=Level.FIRST)
    appealed_from = models.ForeignKey("self", verbose_name=_("原审案件"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="later_instances",
                                      help_text=_("二审、再审案件填写本平台登记的原审案件"))
    plaintiff_type = models.CharField(_("原告类型"), max_length=20, choices=PartyType.choices)
    plaintiff = models.CharField(_("原告"), max_length=100)
    defendant_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("被告单位"), on_delete=models.PROTECT,
                                       related_name="+")
    cause = models.CharField(_("案由"), max_length=200)
    category = models.CharField(_("行政管理类别"), max_length=30, choices=ManagementCategory.choices)
    compensation_claimed = models.BooleanField(_("一并请求行政赔偿"), default=False)
    enforcement_case = models.ForeignKey("enforcement.EnforcementCase", verbose_name=_("被诉执法案件"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="lawsuits",
                                         help_text=_("被诉行政行为是本平台登记的执法案件的，填写该案件"))
    # 行政诉讼法 第二十六条第二款: 经复议的案件 (the 复议机关 may be a co-defendant; the zone's unit is the
    # original organ).
    reconsideration = models.ForeignKey("reconsideration.Reconsideration", verbose_name=_("经行政复议的案件"),
                                        null=True, blank=True, on_delete=models.PROTECT, related_name="lawsuits",
                                        help_text=_("起诉前经过行政复议的，填写本平台登记的行政复议案件"))
    complaint_received_on = models.DateField(_("收到起诉状副本日期"))
    defence_due_on = models.DateField(_("答辩期限"), editable=False)
    defence_filed_on = models.DateField(_("提交答辩状日期"), null=True, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=20, choices=LitigationStatus.choices, default=Status.RECEIVED,
                              editable=False)
    outcome = models.CharField(_("结案方式"), max_length=30, choices=Outcome.choices, blank=True, editable=False)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True, editable=False)
    judgment_document = models.CharField(_("裁判文书"), max_length=200, blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("行政诉讼案件")
        verbose_name_plural = _("行政诉讼案件")
        ordering = ["-complaint_received_on", "-pk"]

    def __str__(self) -> str:
        return self.case_number

    @property
    def lost(self) -> bool | None:
        """败诉; None while the case is open."""
        return self.outcome in LOST_OUTCOMES if self.outcome else None

    @property
    def defence_on_time(self) -> bool | None:
        return None if self.defence_filed_on is None else self.defence_filed_on <= self.defence_due_on


class CourtAppearance(BaseModel):
    """A hearing of a lawsuit and who appeared for the defendant (行政诉讼法 第三条第三款)."""

    UNIT_FIELD = "litigation__defendant_unit"

    litigation = models.ForeignKey(AdministrativeLitigation, verbose_name=_("行政诉讼案件"), on_delete=models.PROTECT,
                                   related_name="appearances")
    hearing_on = models.DateField(_("开庭日期"))
    head_appeared = models.BooleanField(_("负责人出庭应诉"))
    head_name = models.CharField(_("出庭负责人"), max_length=50, blank=True)
    head_title = models.CharField(_("出庭负责人职务"), max_length=50, blank=True)
    absence_reason = models.CharField(_("负责人未出庭事由"), max_length=20, choices=AbsenceReason.choices, blank=True)
    staff_name = models.CharField(_("委托出庭的工作人员"), max_length=50, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("出庭应诉")
        verbose_name_plural = _("出庭应诉")
        ordering = ["hearing_on", "pk"]

    def __str__(self) -> str:
        return f"{self.litigation} {self.hearing_on:%Y-%m-%d}"

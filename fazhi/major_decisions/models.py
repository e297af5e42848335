"""Major administrative decisions (重大行政决策): the yearly catalogue, each decision's five statutory
steps with their evidence, the decision, its post-decision evaluation and the archiving of its file.

Source: 《重大行政决策程序暂行条例》(国务院令第713号).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.major_decisions.constants import (
    CatalogueStatus,
    DecisionStatus,
    DiscussionOutcome,
    ReviewOpinion,
    StepKind,
    StepState,
)


class DecisionCatalogue(BaseModel):
    """年度重大行政决策事项目录 (第三条第三款: 决策机关确定决策事项目录、标准 … 向社会公布)."""

    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}

    year = models.PositiveIntegerField(_("年度"), unique=True)
    decision_organ = models.ForeignKey("organisation.OrgUnit", verbose_name=_("决策机关"), on_delete=models.PROTECT,
                                       related_name="decision_catalogues")
    status = models.CharField(_("状态"), max_length=12, choices=CatalogueStatus.choices,
                              default=CatalogueStatus.DRAFT)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("重大行政决策目录")
        verbose_name_plural = _("重大行政决策目录")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(year)d年度重大行政决策事项目录") % {"year": self.year}


class MajorDecision(BaseModel):
    """A major decision: catalogued, taken through the statutory steps, decided, evaluated, filed."""

    UNIT_FIELD = "undertaking_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    catalogue = models.ForeignKey(DecisionCatalogue, verbose_name=_("所属目录"), on_delete=models.PROTECT,
                                  related_name="decisions")
    title = models.CharField(_("决策事项"), max_length=200)
    undertaking_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("决策承办单位"),
                                         on_delete=models.PROTECT, related_name="major_decisions")
    summary = models.TextField(_("决策事项说明"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=DecisionStatus.choices,
                              default=DecisionStatus.CATALOGUED)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_text = models.TextField(_("决定内容"), blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    evaluated_on = models.DateField(_("决策后评估日期"), null=True, blank=True)
    evaluation_report = models.TextField(_("决策后评估报告"), blank=True)
    file_archived_on = models.DateField(_("材料归档日期"), null=True, blank=True,
                                        help_text=_("第三十四条：履行决策程序形成的记录、材料及时完整归档"))
    file_reference = models.CharField(_("档案号"), max_length=100, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-catalogue__year", "pk"]

    def __str__(self) -> str:
        return self.title


class DecisionStep(BaseModel):
    """One statutory step of a decision: done (dates, people, evidence) or lawfully left out (reason)."""

    UNIT_FIELD = "decision__undertaking_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    decision = models.ForeignKey(MajorDecision, verbose_name=_("决策"), on_delete=models.PROTECT,
                                 related_name="steps")
    kind = models.CharField(_("程序"), max_length=24, choices=StepKind.choices)
    state = models.CharField(_("履行情况"), max_length=12, choices=StepState.choices)
    started_on = models.DateField(_("开始日期"), null=True, blank=True)
    completed_on = models.DateField(_("完成日期"))
    people = models.TextField(_("参与人员"), blank=True, help_text=_("专家、评估机构、审查人员、参会人员等"))
    summary = models.TextField(_("情况及证据说明"), blank=True)
    skip_reason = models.TextField(_("未履行的理由"), blank=True)
    opinion = models.CharField(_("审查意见"), max_length=24, choices=ReviewOpinion.choices, blank=True)
    outcome = models.CharField(_("讨论结果"), max_length=16, choices=DiscussionOutcome.choices, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("决策程序")
        verbose_name_plural = _("决策程序")
        ordering = ["completed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_kind_display()} {self.completed_on}"

    def clean(self) -> None:
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            raise ValidationError({"completed_on": _("完成日期不能早于开始日期。")})


class StepEvidence(BaseModel):
    """A file proving a step (notice, expert opinions, assessment report, minutes), kept with its SHA-256."""

    UNIT_FIELD = "step__decision__undertaking_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    step = models.ForeignKey(DecisionStep, verbose_name=_("决策程序"), on_delete=models.PROTECT,
                             related_name="evidence")
    file = models.FileField(_("文件"), upload_to="major_decisions/%Y/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256摘要"), max_length=64)

    class Meta(BaseModel.Meta):
        verbose_name = _("决策程序材料")
        verbose_name_plural = _("决策程序材料")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

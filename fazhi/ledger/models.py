"""The tracking ledger (台账): one record per item someone must answer by a date — an enterprise's legal request,
and later a judicial or procuratorial recommendation, an audit finding, a deputy's proposal (docs/decisions/0014)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.numbering import GivesNumbers
from fazhi.core.roles import Role
from fazhi.ledger.constants import (
    GRADE_MEANINGS,
    RULE_CO_HANDLER_MONTHS,
    RULE_RETURN_DAYS,
    RULE_SECOND_ROUND_MONTHS,
    AnswerGrade,
    ItemKind,
    ItemState,
    ProposalKind,
    Rectification,
    Satisfaction,
)

AT_LEAST_ONE = [MinValueValidator(1)]


class HandlingRule(BaseModel):
    """办理规则: how a deputies' or members' body has its items handled — the reply period, how soon a misassigned item
    may be returned, the co-handlers' period, the second round when the asker is not satisfied, what the answer
    grades mean. Local rules differ (docs/law-research/oversight-and-litigation.md 5): the legal-affairs office
    records the body's rule in force; an item follows the rule in force on the day it is received."""

    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}

    kind = models.CharField(_("类别"), max_length=24, choices=ProposalKind.choices)
    name = models.CharField(_("规则名称"), max_length=200,
                            help_text=_("如《××市人民代表大会代表建议、批评和意见处理办法》"))
    effective_from = models.DateField(_("施行日期"))
    reply_months = models.PositiveSmallIntegerField(_("答复期限（月）"), default=3, validators=AT_LEAST_ONE,
                                                    help_text=_("自交办之日起；代表法 第五十一条第二款为三个月"))
    return_days = models.PositiveSmallIntegerField(_("退回期限（日）"), default=RULE_RETURN_DAYS,
                                                   validators=AT_LEAST_ONE,
                                                   help_text=_("不属于本单位职责的，自收到之日起在此期限内退回"))
    return_in_working_days = models.BooleanField(_("退回期限按工作日计"), default=False)
    co_handler_months = models.PositiveSmallIntegerField(_("会办意见期限（月）"), default=RULE_CO_HANDLER_MONTHS,
                                                         validators=AT_LEAST_ONE,
                                                         help_text=_("会办单位自交办之日起在此期限内向主办单位提出会办意见"))
    second_round_months = models.PositiveSmallIntegerField(_("不满意再次答复期限（月）"),
                                                           default=RULE_SECOND_ROUND_MONTHS, validators=AT_LEAST_ONE)
    grade_a = models.CharField(_("A类含义"), max_length=100, default=GRADE_MEANINGS[AnswerGrade.A])
    grade_b = models.CharField(_("B类含义"), max_length=100, default=GRADE_MEANINGS[AnswerGrade.B])
    grade_c = models.CharField(_("C类含义"), max_length=100, default=GRADE_MEANINGS[AnswerGrade.C])
    grade_d = models.CharField(_("D类含义"), max_length=100, default=GRADE_MEANINGS[AnswerGrade.D])

    class Meta(BaseModel.Meta):
        verbose_name = _("办理规则")
        verbose_name_plural = _("办理规则")
        ordering = ["kind", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "effective_from"], name="ledger_one_rule_a_day")]

    def __str__(self) -> str:
        return self.name

    def grade_meaning(self, grade: str) -> str:
        return getattr(self, f"grade_{grade.lower()}")


class TrackedItem(GivesNumbers, BaseModel):
    """跟踪事项: received, due, maybe extended, answered, rated; on time is judged against the (extended) due date."""

    UNIT_FIELD = "owner_unit"
    # A unit receives and handles its items but does not archive them: an archived item leaves the figures, so an
    # overdue one could be made to disappear. A mistaken entry is archived by the legal-affairs office.
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("add", "view_own_unit", "change_own_unit")}

    number = models.CharField(_("编号"), max_length=30, unique=True, blank=True, editable=False)
    kind = models.CharField(_("类别"), max_length=24, choices=ItemKind.choices, db_index=True)
    source = models.CharField(_("来源"), max_length=200, help_text=_("提出诉求的企业、发出建议的机关等"))
    source_entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("提出诉求的市场主体"),
                                      on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_reference = models.CharField(_("来源文号"), max_length=100, blank=True)
    # A court's recommendation arising from a lawsuit (行政诉讼法 第六十六条第二款; 负责人出庭应诉规定 第十二条).
    lawsuit = models.ForeignKey("litigation.AdministrativeLitigation", verbose_name=_("来源行政诉讼案件"),
                                on_delete=models.PROTECT, null=True, blank=True,
                                related_name="judicial_recommendations",
                                help_text=_("审理行政诉讼案件中提出的司法建议，填写该案件"))
    owner_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                                   related_name="+")
    handler = models.CharField(_("承办人"), max_length=100, blank=True)
    subject = models.CharField(_("事项"), max_length=300)
    content = models.TextField(_("内容"), blank=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    # blank: an import may leave them to the kind's default period (ledger.registers)
    due_on = models.DateField(_("办理期限"), blank=True, editable=False)
    due_basis = models.CharField(_("期限依据"), max_length=200, blank=True, editable=False)
    extended_to = models.DateField(_("延期至"), null=True, blank=True, editable=False)
    extension_reason = models.CharField(_("延期理由"), max_length=200, blank=True, editable=False)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True, editable=False)
    answer = models.TextField(_("答复内容"), blank=True, editable=False)
    days_taken = models.PositiveSmallIntegerField(_("办理用时（日）"), null=True, blank=True, editable=False)
    on_time = models.BooleanField(_("按期答复"), null=True, editable=False)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices, blank=True,
                                    editable=False)
    # 督办: the legal-affairs office's notice to the owner unit on an item past its due date (services.item_escalate)
    escalated_on = models.DateField(_("督办日期"), null=True, blank=True, editable=False)
    escalation_note = models.CharField(_("督办意见"), max_length=200, blank=True, editable=False)
    # 审计发现问题: how it is put right, and 对账销号 — the finding struck off the ledger once the rectification is
    # checked against evidence (审计法 第五十二条第二款: the audit body follows the rectification up).
    rectification = models.CharField(_("整改类型"), max_length=12, choices=Rectification.choices, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True, editable=False)
    closing_note = models.CharField(_("销号意见"), max_length=200, blank=True, editable=False)
    closing_file = models.FileField(_("销号证明材料"), upload_to="ledger/%Y/", blank=True, editable=False)
    closing_file_name = models.CharField(_("证明材料文件名"), max_length=200, blank=True, editable=False)
    closing_file_sha256 = models.CharField(_("证明材料SHA-256摘要"), max_length=64, blank=True, editable=False)
    # 代表建议、政协提案 (PROPOSAL_KINDS) under their body's HandlingRule: a misassigned item returned and reassigned,
    # the answer's grade, a second round when the asker is not satisfied.
    returned_on = models.DateField(_("退回日期"), null=True, blank=True, editable=False)
    return_reason = models.CharField(_("退回理由"), max_length=200, blank=True, editable=False)
    grade = models.CharField(_("答复类别"), max_length=1, choices=AnswerGrade.choices, blank=True, editable=False)
    rated_on = models.DateField(_("反馈日期"), null=True, blank=True, editable=False)
    second_due_on = models.DateField(_("再次答复期限"), null=True, blank=True, editable=False)
    second_answered_on = models.DateField(_("再次答复日期"), null=True, blank=True, editable=False)
    second_answer = models.TextField(_("再次答复内容"), blank=True, editable=False)
    second_satisfaction = models.CharField(_("再次答复满意度"), max_length=12, choices=Satisfaction.choices,
                                           blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("跟踪事项")
        verbose_name_plural = _("跟踪事项")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["kind", "received_on"])]

    def number_prefix(self) -> str:
        return f"TZ{self.received_on.year}-{self.kind[:3].upper()}-"

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def effective_due_on(self):
        """The due date that counts: an extended item is not overdue until its new date."""
        return self.extended_to or self.due_on

    def state_on(self, today) -> ItemState:
        """The item's state on `today` (the same rule as `selectors.in_state`)."""
        if self.second_due_on is not None and self.second_answered_on is None:
            return ItemState.SECOND_ROUND
        if self.answered_on is None and self.returned_on is not None:
            return ItemState.RETURNED
        if self.answered_on is not None and self.kind == ItemKind.AUDIT and self.closed_on is None:
            return ItemState.AWAITING_CLOSE
        if self.answered_on is not None:
            return ItemState.ON_TIME if self.on_time else ItemState.LATE
        if self.effective_due_on < today:
            return ItemState.OVERDUE
        return ItemState.EXTENDED if self.extended_to else ItemState.OPEN

    def clean(self) -> None:
        if self.answered_on and self.answered_on < self.received_on:
            raise ValidationError({"answered_on": _("答复日期不能早于收到日期。")})


class CoHandling(BaseModel):
    """会办: a unit that helps the 主办 unit (the item's owner) answer a proposal, by sending its views within the
    body's rule's period. The co-handling unit sees and writes this record; the 主办 unit reads it on the item."""

    UNIT_FIELD = "unit"

    item = models.ForeignKey(TrackedItem, verbose_name=_("跟踪事项"), on_delete=models.PROTECT,
                             related_name="co_handlings")
    unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("会办单位"), on_delete=models.PROTECT,
                             related_name="+")
    assigned_on = models.DateField(_("交办日期"))
    views_due_on = models.DateField(_("会办意见期限"), editable=False)
    views_on = models.DateField(_("提出意见日期"), null=True, blank=True, editable=False)
    views = models.TextField(_("会办意见"), blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("会办")
        verbose_name_plural = _("会办")
        ordering = ["views_due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="ledger_one_co_handling_per_unit")]

    def __str__(self) -> str:
        return f"{self.item.number} · {self.unit}"

"""Administrative enforcement: bodies, matters, cases with their full-process records, major-decision review,
publication, special inspections (officers and their certificates are fazhi.officers')."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.core.validators import validate_id_number
from fazhi.enforcement.constants import (
    BodyKind,
    DecisionKind,
    InspectionStatus,
    LegalReviewer,
    MajorCriterionKind,
    MatterKind,
    OverturnKind,
    RecordKind,
    StepKind,
)

# Zone-wide reference data any staff may read (published on the portal anyway).
_PUBLIC_REFERENCE = {Role.UNIT_STAFF: ("add", "view_all", "change_own_unit", "archive"), Role.OFFICER: ("view_all",)}


class EnforcementBody(BaseModel):
    """执法主体: an org unit with legal power to enforce."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "org_unit"
    ROLE_ACTIONS = _PUBLIC_REFERENCE

    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("所属机构"), on_delete=models.PROTECT,
                                 related_name="enforcement_bodies")
    name = models.CharField(_("执法主体名称"), max_length=200, unique=True)
    kind = models.CharField(_("主体类别"), max_length=20, choices=BodyKind.choices, default=BodyKind.STATUTORY)
    legal_basis = models.TextField(_("执法依据"), help_text=_("设定执法职权的法律、法规、规章"))
    fields = models.CharField(_("执法领域"), max_length=200, blank=True)
    # 国办发〔2018〕118号 四(十一) 明确审核机构: each body says who reviews its major decisions — its own
    # unit's legal-review staff or the zone's legal-affairs office (fazhi.enforcement.permissions).
    legal_reviewer = models.CharField(_("法制审核机构"), max_length=16, choices=LegalReviewer.choices,
                                      default=LegalReviewer.LEGAL_OFFICE)

    class Meta(BaseModel.Meta):
        verbose_name = _("执法主体")
        verbose_name_plural = _("执法主体")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EnforcementMatter(BaseModel):
    """执法事项清单: one matter a body enforces, of a kind, on a legal basis."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "body__org_unit"
    ROLE_ACTIONS = _PUBLIC_REFERENCE

    body = models.ForeignKey(EnforcementBody, verbose_name=_("执法主体"), on_delete=models.PROTECT,
                             related_name="matters")
    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类别"), max_length=24, choices=MatterKind.choices)
    legal_basis = models.TextField(_("法律依据"))

    class Meta(BaseModel.Meta):
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项清单")
        ordering = ["body", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class MajorCriterion(BaseModel):
    """What counts as a major enforcement decision here (configurable by the legal-affairs office)."""

    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}

    kind = models.CharField(_("情形"), max_length=24, choices=MajorCriterionKind.choices, unique=True)
    fine_threshold = models.DecimalField(_("罚款金额下限（元）"), max_digits=14, decimal_places=2, null=True,
                                         blank=True, help_text=_("仅罚款情形填写：达到该金额即为重大"))
    legal_source = models.CharField(_("依据"), max_length=200)
    enabled = models.BooleanField(_("启用"), default=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("重大执法决定情形")
        verbose_name_plural = _("重大执法决定目录")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class EnforcementCase(BaseModel):
    """执法案件: the record the three systems apply to."""

    UNIT_FIELD = "body__org_unit"
    HOLDS_PERSONAL_DATA = True
    ROLE_ACTIONS = {Role.OFFICER: ("add", "view_own_unit", "change_own_unit")}

    body = models.ForeignKey(EnforcementBody, verbose_name=_("执法主体"), on_delete=models.PROTECT,
                             related_name="cases")
    number = models.CharField(_("案件编号"), max_length=60, unique=True)
    kind = models.CharField(_("案件类别"), max_length=24, choices=MatterKind.choices)
    matter = models.ForeignKey(EnforcementMatter, verbose_name=_("执法事项"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="cases")
    party_entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("当事人（市场主体）"),
                                     null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    party_name = models.CharField(_("当事人（自然人）姓名"), max_length=50, blank=True)
    party_id_number = models.CharField(_("当事人身份证号码"), max_length=18, blank=True,
                                       validators=[validate_id_number])
    summary = models.CharField(_("案由"), max_length=300)
    opened_on = models.DateField(_("立案日期"))
    decision_kind = models.CharField(_("决定类型"), max_length=24, choices=DecisionKind.choices, blank=True)
    fine_amount = models.DecimalField(_("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    had_hearing = models.BooleanField(_("经过听证"), default=False)
    # 其他重大执法决定: a person's judgement (案情复杂、涉及多个法律关系、社会影响重大...), recorded with its reason.
    declared_major = models.BooleanField(_("认定为重大执法决定"), default=False,
                                         help_text=_("由执法单位或法制机构认定，须说明理由；作出决定前须经法制审核"))
    declared_major_reason = models.CharField(_("认定理由"), max_length=200, blank=True)
    decision_text = models.TextField(_("决定内容"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if bool(self.party_entity_id) == bool(self.party_name):
            raise ValidationError(_("当事人须填写市场主体或自然人姓名中的一项（且只填一项）。"))
        if self.decision_kind == DecisionKind.FINE and not self.fine_amount:
            raise ValidationError({"fine_amount": _("罚款决定须填写罚款金额。")})

    @property
    def party_display(self) -> str:
        return str(self.party_entity) if self.party_entity_id else self.party_name


class CaseOfficer(BaseModel):
    """An officer assigned to a case; only while holding a valid certificate on that date."""

    UNIT_FIELD = "case__body__org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("add", "view_own_unit")}

    case = models.ForeignKey(EnforcementCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="assignments")
    officer = models.ForeignKey("officers.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT,
                                related_name="assignments")
    certificate = models.ForeignKey("officers.EnforcementCertificate", verbose_name=_("所持证件"),
                                    on_delete=models.PROTECT, related_name="assignments")
    assigned_on = models.DateField(_("指派日期"))

    class Meta(BaseModel.Meta):
        verbose_name = _("承办人员")
        verbose_name_plural = _("承办人员")
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="case_officer_once")]

    def __str__(self) -> str:
        return f"{self.case} · {self.officer}"


class CaseStep(BaseModel):
    UNIT_FIELD = "case__body__org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("add", "view_own_unit", "change_own_unit")}

    case = models.ForeignKey(EnforcementCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="steps")
    kind = models.CharField(_("环节"), max_length=16, choices=StepKind.choices)
    happened_on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("办案环节")
        verbose_name_plural = _("办案环节")
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()} {self.happened_on}"


class RecordFile(BaseModel):
    """A full-process record file (文字记录 or 音像记录) with its size and SHA-256 digest, so later
    tampering is detectable (`selectors.records_verify`); cases' and inspections' records alike."""

    kind = models.CharField(_("记录类型"), max_length=16, choices=RecordKind.choices)
    file = models.FileField(_("文件"), upload_to="process_records/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256摘要"), max_length=64)

    class Meta(BaseModel.Meta):
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class ProcessRecord(RecordFile):
    """执法全过程记录: a file of one step of a case."""

    UNIT_FIELD = "step__case__body__org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("add", "view_own_unit")}

    step = models.ForeignKey(CaseStep, verbose_name=_("办案环节"), on_delete=models.PROTECT,
                             related_name="records")

    class Meta(RecordFile.Meta):
        verbose_name = _("执法全过程记录")
        verbose_name_plural = _("执法全过程记录")


class MajorDecisionReview(BaseModel):
    """重大执法决定法制审核: the designated reviewer's opinion before a major decision (the legal-affairs
    office's, or the body's own unit's: EnforcementBody.legal_reviewer; services.major_review_record)."""

    UNIT_FIELD = "case__body__org_unit"
    # Unit staff add reviews only where their body reviews its own decisions (permissions.review_refusal).
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_own_unit", "add"), Role.OFFICER: ("view_own_unit",)}

    case = models.ForeignKey(EnforcementCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="reviews")
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("审核人"), on_delete=models.PROTECT,
                                 related_name="+")
    reviewed_on = models.DateField(_("审核日期"))
    approved = models.BooleanField(_("审核通过"), help_text=_("不通过时须按审核意见修改后重新报审"))
    # What was reviewed: the decision as proposed. The decision issued may not differ in kind nor
    # exceed the fine (blank only on reviews recorded before the proposal was kept).
    decision_kind = models.CharField(_("拟作出的决定类型"), max_length=24, choices=DecisionKind.choices, blank=True)
    fine_amount = models.DecimalField(_("拟罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    opinion = models.TextField(_("审核意见"))
    # The reviewer's standing on the day (行政处罚法 第五十八条第二款), kept as it was then.
    reviewer_qualification = models.CharField(_("审核人员法律职业资格"), max_length=100, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("重大执法决定法制审核")
        verbose_name_plural = _("重大执法决定法制审核")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.reviewed_on}"


class DecisionPublication(BaseModel):
    """执法决定公示: the redacted decision as published on the portal."""

    UNIT_FIELD = "case__body__org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    case = models.OneToOneField(EnforcementCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                                related_name="publication")
    published_on = models.DateField(_("公示日期"))
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("公示内容"), help_text=_("已去除个人信息"))
    # 行政处罚法 第四十八条第二款: withdrawn (撤回) with the reason stated publicly, once the decision is
    # changed, revoked, declared unlawful or void (DecisionOverturn).
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True, help_text=_("向社会公开说明"))

    class Meta(BaseModel.Meta):
        verbose_name = _("执法决定公示")
        verbose_name_plural = _("执法决定公示")
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return self.title


class DecisionOverturn(BaseModel):
    """A decision changed, revoked, declared unlawful or void: by the body itself, on 行政复议 or by a court."""

    UNIT_FIELD = "case__body__org_unit"
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_own_unit", "add"), Role.OFFICER: ("view_own_unit",)}

    case = models.ForeignKey(EnforcementCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="overturns")
    kind = models.CharField(_("类型"), max_length=16, choices=OverturnKind.choices)
    overturned_on = models.DateField(_("变更或撤销日期"), help_text=_("复议决定、判决或本机关决定作出之日"))
    document = models.CharField(_("依据文书"), max_length=200, help_text=_("如行政复议决定书、判决书的名称和文号"))
    note = models.TextField(_("说明"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("执法决定变更撤销")
        verbose_name_plural = _("执法决定变更撤销")
        ordering = ["-overturned_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"


class SpecialInspection(BaseModel):
    """专项检查: a campaign checking how units apply the three systems."""

    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ()}

    name = models.CharField(_("名称"), max_length=200)
    year = models.PositiveIntegerField(_("年度"))
    checklist = models.TextField(_("检查清单"), help_text=_("每行一项"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    status = models.CharField(_("状态"), max_length=12, choices=InspectionStatus.choices,
                              default=InspectionStatus.PLANNED)

    class Meta(BaseModel.Meta):
        verbose_name = _("三项制度专项检查")
        verbose_name_plural = _("三项制度专项检查")
        ordering = ["-year", "-starts_on"]

    def __str__(self) -> str:
        return self.name


class UnitInspection(BaseModel):
    """One unit's part in a campaign: its self-check, the on-site check, and the findings."""

    UNIT_FIELD = "org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ()}

    inspection = models.ForeignKey(SpecialInspection, verbose_name=_("专项检查"), on_delete=models.PROTECT,
                                   related_name="unit_inspections")
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("被检查单位"), on_delete=models.PROTECT,
                                 related_name="unit_inspections")
    self_check_on = models.DateField(_("自查日期"), null=True, blank=True)
    self_check_report = models.TextField(_("自查情况"), blank=True)
    on_site_on = models.DateField(_("实地督查日期"), null=True, blank=True)
    findings = models.TextField(_("发现的问题"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("单位检查")
        verbose_name_plural = _("单位检查")
        constraints = [models.UniqueConstraint(fields=["inspection", "org_unit"], name="unit_inspected_once")]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.org_unit}"


class Rectification(BaseModel):
    UNIT_FIELD = "unit_inspection__org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ()}

    unit_inspection = models.ForeignKey(UnitInspection, verbose_name=_("单位检查"), on_delete=models.PROTECT,
                                        related_name="rectifications")
    problem = models.TextField(_("问题"))
    measure = models.TextField(_("整改措施"), blank=True)
    due_on = models.DateField(_("整改期限"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.problem[:40]

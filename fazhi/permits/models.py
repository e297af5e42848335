"""涉企经营许可: the catalogue (editions, matters, their entries per edition) and the cases (办件) of one window."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.numbering import GivesNumbers
from fazhi.core.roles import Role
from fazhi.core.validators import validate_id_number
from fazhi.permits.constants import (
    STATUTORY_DECISION_DAYS,
    ApplicantKind,
    ApprovalLevel,
    CheckMethod,
    CheckResult,
    CommitmentKind,
    DecisionForm,
    DocumentKind,
    ReformMode,
    RiskLevel,
    VisitKind,
)
from fazhi.permits.lifecycle import STATUS_LABELS, Status

# The lifecycle's statuses as Django choices, so forms, filters and the API schema offer them.
CaseStatus = models.TextChoices("CaseStatus", [(s.name, (s.value, _(STATUS_LABELS[s]))) for s in Status])

# The catalogue is zone-wide reference data the legal-affairs office (or the administrator) keeps; every unit
# reads it, since its cases are taken under it; the public reads it on the portal.
CATALOGUE_ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}


class CatalogueEdition(BaseModel):
    """One edition of the 涉企经营许可事项清单: in force from its effective date until the next edition's."""

    ROLE_ACTIONS = CATALOGUE_ROLE_ACTIONS

    name = models.CharField(_("清单名称"), max_length=200)
    document_number = models.CharField(_("发布文号"), max_length=100, unique=True)
    effective_on = models.DateField(_("施行日期"), unique=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("涉企经营许可事项清单")
        verbose_name_plural = _("涉企经营许可事项清单")
        ordering = ["-effective_on"]

    def __str__(self) -> str:
        return f"{self.name}（{self.document_number}）"


class PermitMatter(BaseModel):
    """涉企经营许可事项: a matter, the same across editions (its mode may change from one to the next)."""

    ROLE_ACTIONS = CATALOGUE_ROLE_ACTIONS

    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)

    class Meta(BaseModel.Meta):
        verbose_name = _("涉企经营许可事项")
        verbose_name_plural = _("涉企经营许可事项")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CatalogueEntry(BaseModel):
    """A matter as one edition lists it: its basis, who approves, the reform mode and measures, the oversight."""

    ROLE_ACTIONS = CATALOGUE_ROLE_ACTIONS

    edition = models.ForeignKey(CatalogueEdition, verbose_name=_("清单"), on_delete=models.PROTECT,
                                related_name="entries")
    matter = models.ForeignKey(PermitMatter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="entries")
    basis = models.TextField(_("设定依据"))
    approval_level = models.CharField(_("审批层级"), max_length=20, choices=ApprovalLevel.choices)
    approving_department = models.CharField(_("审批部门"), max_length=200)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("办理单位"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+",
                                 help_text=_("本区受理该事项的单位；本区不办理的留空"))
    mode = models.CharField(_("改革方式"), max_length=20, choices=ReformMode.choices, db_index=True)
    measures = models.TextField(_("具体改革举措"))
    supervision = models.TextField(_("事中事后监管措施"))
    statutory_days = models.PositiveSmallIntegerField(
        _("法定办结时限（工作日）"), default=STATUTORY_DECISION_DAYS,
        help_text=_("《行政许可法》第四十二条：一般为20个工作日；法律、法规另有规定的从其规定"))
    promised_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.MEDIUM,
                                  help_text=_("告知承诺事项按风险抽取核查：高风险事项抽取比例更高"))

    class Meta(BaseModel.Meta):
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        ordering = ["-edition__effective_on", "matter__code"]
        constraints = [models.UniqueConstraint(fields=["edition", "matter"], name="permit_entry_once_per_edition")]

    def __str__(self) -> str:
        return f"{self.matter.name}（{self.get_mode_display()}）"

    def clean(self) -> None:
        if self.promised_days is not None and self.promised_days > self.statutory_days:
            raise ValidationError({"promised_days": _("承诺办结时限不能长于法定办结时限。")})


class PermitCase(BaseModel):
    """办件: one application through the one window (一件事: several matters together), from intake to decision."""

    UNIT_FIELD = "org_unit"
    HOLDS_PERSONAL_DATA = True  # a natural person's name and ID number

    number = models.CharField(_("办件编号"), max_length=30, unique=True, editable=False)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                                 related_name="+")
    edition = models.ForeignKey(CatalogueEdition, verbose_name=_("适用清单"), on_delete=models.PROTECT,
                                related_name="+", editable=False)
    applicant_kind = models.CharField(_("申请人类型"), max_length=10, choices=ApplicantKind.choices)
    applicant_entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("申请人（市场主体）"),
                                         on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    applicant_name = models.CharField(_("申请人姓名"), max_length=50, blank=True)
    applicant_id_number = models.CharField(_("申请人身份证号码"), max_length=18, blank=True,
                                           validators=[validate_id_number])
    matters_text = models.CharField(_("申请事项"), max_length=1000, editable=False)
    received_on = models.DateField(_("受理日期"), db_index=True)
    status = models.CharField(_("状态"), max_length=20, choices=CaseStatus.choices, default=Status.ACCEPTED,
                              editable=False)
    statutory_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"), editable=False)
    promised_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"), editable=False)
    extended_days = models.PositiveSmallIntegerField(_("经批准延长（工作日）"), default=0, editable=False)
    extension_reason = models.CharField(_("延长理由"), max_length=200, blank=True, editable=False)
    excluded_days = models.PositiveSmallIntegerField(
        _("不计入期限的时间（工作日）"), default=0, editable=False,
        help_text=_("《行政许可法》第四十五条：听证、检验、检测、检疫、鉴定、专家评审等所需时间"))
    statutory_due_on = models.DateField(_("法定办结期限"), editable=False)
    promised_due_on = models.DateField(_("承诺办结期限"), editable=False)
    provisional = models.BooleanField(_("期限暂定"), default=False, editable=False)
    decided_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    decision_form = models.CharField(_("办结文书"), max_length=20, choices=DecisionForm.choices, blank=True,
                                     editable=False)
    decision_note = models.CharField(_("决定说明"), max_length=500, blank=True, editable=False)
    working_days_used = models.PositiveSmallIntegerField(_("办理用时（工作日）"), null=True, blank=True,
                                                         editable=False)
    on_time = models.BooleanField(_("在法定时限内办结"), null=True, editable=False)
    within_promise = models.BooleanField(_("在承诺时限内办结"), null=True, editable=False)
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True, editable=False)
    disguised_approval = models.BooleanField(_("以备案之名行审批之实"), default=False, editable=False)
    disguised_reasons = models.TextField(_("备案变相审批情形"), blank=True, editable=False)
    commitment_kind = models.CharField(_("告知承诺类型"), max_length=20, choices=CommitmentKind.choices, blank=True,
                                       editable=False)
    commitment_text = models.TextField(_("承诺内容"), blank=True, editable=False)
    conditions_due_on = models.DateField(_("承诺达到条件的期限"), null=True, blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["org_unit", "received_on"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(applicant_entity__isnull=False) | ~models.Q(applicant_name=""),
            name="permit_case_has_applicant")]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_display}"

    @property
    def applicant_display(self) -> str:
        return self.applicant_entity.name if self.applicant_entity_id else self.applicant_name

    def clean(self) -> None:
        if self.applicant_kind == ApplicantKind.ENTITY and not self.applicant_entity_id:
            raise ValidationError({"applicant_entity": _("申请人为市场主体的，请选择市场主体（统一社会信用代码）。")})
        if self.applicant_kind == ApplicantKind.PERSON:
            if not self.applicant_name.strip():
                raise ValidationError({"applicant_name": _("申请人为自然人的，请填写姓名。")})
            if self.applicant_entity_id:
                raise ValidationError({"applicant_entity": _("申请人为自然人的，不应选择市场主体。")})


class CaseMatter(BaseModel):
    """One matter a case applies for, with its mode in the edition the case was taken under (统计按事项计件)."""

    UNIT_FIELD = "case__org_unit"

    case = models.ForeignKey(PermitCase, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="lines")
    entry = models.ForeignKey(CatalogueEntry, verbose_name=_("清单事项"), on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(_("改革方式"), max_length=20, choices=ReformMode.choices, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("办件事项")
        verbose_name_plural = _("办件事项")
        ordering = ["case", "pk"]
        indexes = [models.Index(fields=["mode", "case"])]
        constraints = [models.UniqueConstraint(fields=["case", "entry"], name="permit_case_matter_once")]

    def __str__(self) -> str:
        return f"{self.case.number} · {self.entry.matter.name}"


class DemandedDocument(BaseModel):
    """A document the unit demanded of the applicant: kept so a filing case cannot ask for an approval unseen."""

    UNIT_FIELD = "case__org_unit"

    case = models.ForeignKey(PermitCase, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="documents")
    line = models.ForeignKey(CaseMatter, verbose_name=_("针对事项"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="documents")
    name = models.CharField(_("材料名称"), max_length=200)
    kind = models.CharField(_("材料类别"), max_length=20, choices=DocumentKind.choices)

    class Meta(BaseModel.Meta):
        verbose_name = _("要求提交的材料")
        verbose_name_plural = _("要求提交的材料")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.name


# ----- 告知承诺: the sampled checks, their draws and the credit records (issue 18 part 2) ------------------

class CheckDraw(BaseModel):
    """核查抽取: commitment cases of a unit and period sampled by risk with the verifiable draw engine.

    Commit freezes the pool (case numbers per risk class), the ratios and the labels of the future random sources,
    and publishes the commitment hash; reveal enters the sources, runs `fazhi.inspections.engine.run` and keeps the
    complete record, which `fazhi draw verify` (or `engine.verify`) re-runs like any inspection draw.
    """

    UNIT_FIELD = "org_unit"

    number = models.CharField(_("抽取编号"), max_length=30, unique=True, editable=False)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                                 related_name="+")
    period_from = models.DateField(_("办件受理起始日"))
    period_to = models.DateField(_("办件受理截止日"))
    source_labels = models.JSONField(_("随机源"), default=list, editable=False)
    commit_sha256 = models.CharField(_("承诺哈希"), max_length=64, editable=False)
    committed_on = models.DateField(_("冻结日期"), editable=False)
    pool_counts = models.JSONField(_("各风险层办件数"), default=dict, editable=False)
    input_json = models.TextField(_("抽取输入"), editable=False)
    drawn_on = models.DateField(_("抽取日期"), null=True, blank=True, editable=False)
    sources = models.JSONField(_("随机源数值"), default=list, blank=True, editable=False)
    record_json = models.TextField(_("抽取记录"), blank=True, editable=False)
    record_sha256 = models.CharField(_("抽取记录哈希"), max_length=64, blank=True, editable=False)
    quotas = models.JSONField(_("各风险层抽取数"), default=dict, blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("告知承诺核查抽取")
        verbose_name_plural = _("告知承诺核查抽取")
        ordering = ["-committed_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def drawn(self) -> bool:
        return bool(self.record_json)


class CommitmentCheck(BaseModel):
    """核查: the check of one commitment case (drawn, or ordered directly), its method, date and result."""

    UNIT_FIELD = "case__org_unit"

    number = models.CharField(_("核查编号"), max_length=30, unique=True, editable=False)
    case = models.ForeignKey(PermitCase, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="checks")
    draw = models.ForeignKey(CheckDraw, verbose_name=_("抽取"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="checks", editable=False)
    risk_class = models.CharField(_("风险层"), max_length=10, choices=RiskLevel.choices, editable=False)
    due_on = models.DateField(_("核查期限"), editable=False)
    method = models.CharField(_("核查方式"), max_length=10, choices=CheckMethod.choices, blank=True, editable=False)
    checked_on = models.DateField(_("核查日期"), null=True, blank=True, editable=False)
    result = models.CharField(_("核查结果"), max_length=10, choices=CheckResult.choices, blank=True, editable=False,
                              db_index=True)
    finding = models.TextField(_("核查情况"), blank=True, editable=False)
    enforcement_case = models.ForeignKey("enforcement.EnforcementCase", verbose_name=_("移交的执法案件"),
                                         on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                         editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("告知承诺核查")
        verbose_name_plural = _("告知承诺核查")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.number}（{self.case.number}）"


class CreditRecord(BaseModel):
    """失信记录: a false or unmet commitment, for the credit system (CSV), linked to its case, check and enforcement."""

    UNIT_FIELD = "case__org_unit"

    number = models.CharField(_("记录编号"), max_length=30, unique=True, editable=False)
    commitment_check = models.OneToOneField(CommitmentCheck, verbose_name=_("核查"), on_delete=models.PROTECT,
                                 related_name="credit_record", editable=False)
    case = models.ForeignKey(PermitCase, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="+",
                             editable=False)
    entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("市场主体"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+", editable=False)
    subject_name = models.CharField(_("失信主体名称"), max_length=200, editable=False)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, editable=False)
    behaviour = models.CharField(_("失信行为"), max_length=500, editable=False)
    basis = models.CharField(_("认定依据"), max_length=300, editable=False)
    recorded_on = models.DateField(_("认定日期"), editable=False)
    # 信用修复: until then the applicant may not use 告知承诺 (constants.CREDIT_BARS_COMMITMENT)
    repaired_on = models.DateField(_("信用修复日期"), null=True, blank=True, editable=False)
    repair_basis = models.CharField(_("信用修复依据"), max_length=300, blank=True, editable=False,
                                    help_text=_("信用主管部门的修复决定文号等"))

    class Meta(BaseModel.Meta):
        verbose_name = _("失信记录")
        verbose_name_plural = _("失信记录")
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.subject_name}"


# ----- 营商环境 (issue 18 part 2): commendations, 包联 pairings and visits, the legal service team -------------

class Commendation(GivesNumbers, BaseModel):
    """表彰大会: a conference commending firms."""

    UNIT_FIELD = "org_unit"
    MANY_TO_MANY_TEXT = {"firms": "firm_names"}

    number = models.CharField(_("编号"), max_length=30, unique=True, blank=True, editable=False)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("主办单位"), on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(_("会议名称"), max_length=200)
    held_on = models.DateField(_("召开日期"), db_index=True)
    firms = models.ManyToManyField("market_entities.MarketEntity", verbose_name=_("受表彰企业"), blank=True,
                                   related_name="+")
    firm_names = models.TextField(_("受表彰企业名单"), blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("表彰大会")
        verbose_name_plural = _("表彰大会")
        ordering = ["-held_on", "pk"]

    def number_prefix(self) -> str:
        return f"BZ{self.held_on.year}-"

    def __str__(self) -> str:
        return self.name


class Pairing(GivesNumbers, BaseModel):
    """包联: a leader paired with a firm for a year."""

    UNIT_FIELD = "org_unit"

    number = models.CharField(_("编号"), max_length=30, unique=True, blank=True, editable=False)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("领导所在单位"), on_delete=models.PROTECT,
                                 related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    leader_name = models.CharField(_("包联领导"), max_length=50)
    leader_title = models.CharField(_("职务"), max_length=100, blank=True)
    entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("包联企业"), on_delete=models.PROTECT,
                               related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = _("领导包联企业")
        verbose_name_plural = _("领导包联企业")
        ordering = ["-year", "leader_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "leader_name", "entity"], name="permit_pairing_once")]

    def number_prefix(self) -> str:
        return f"BL{self.year}-"

    def __str__(self) -> str:
        return f"{self.year} {self.leader_name} · {self.entity.name}"


class Visit(GivesNumbers, BaseModel):
    """走访: a leader's visit to a paired firm, or a department's or street's visit; the issues raised."""

    UNIT_FIELD = "org_unit"

    number = models.CharField(_("编号"), max_length=30, unique=True, blank=True, editable=False)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("走访单位"), on_delete=models.PROTECT,
                                 related_name="+")
    kind = models.CharField(_("走访类型"), max_length=12, choices=VisitKind.choices, db_index=True)
    visited_on = models.DateField(_("走访日期"), db_index=True)
    visitor = models.CharField(_("走访人"), max_length=100)
    entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("走访企业"), on_delete=models.PROTECT,
                               related_name="+")
    pairing = models.ForeignKey(Pairing, verbose_name=_("包联关系"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="visits")
    issues = models.TextField(_("企业反映的问题"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-pk"]

    def number_prefix(self) -> str:
        return f"ZF{self.visited_on.year}-"

    def __str__(self) -> str:
        return f"{self.visited_on} {self.visitor} · {self.entity.name}"


class ServiceTeamMember(GivesNumbers, BaseModel):
    """法律服务团成员: who answers enterprises' legal requests (the requests are tracked in fazhi.ledger)."""

    UNIT_FIELD = "org_unit"
    HOLDS_PERSONAL_DATA = True  # a phone number

    number = models.CharField(_("编号"), max_length=30, unique=True, blank=True, editable=False)
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("组建单位"), on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    affiliation = models.CharField(_("所在机构"), max_length=200, help_text=_("律师事务所、法律服务所等"))
    specialty = models.CharField(_("擅长领域"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    joined_on = models.DateField(_("加入日期"))

    class Meta(BaseModel.Meta):
        verbose_name = _("法律服务团成员")
        verbose_name_plural = _("法律服务团成员")
        ordering = ["name", "pk"]

    def number_prefix(self) -> str:
        return f"FWT{self.joined_on.year}-"

    def __str__(self) -> str:
        return f"{self.name}（{self.affiliation}）"

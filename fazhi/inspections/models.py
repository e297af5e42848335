"""双随机、一公开: the item lists, department rules, joint meeting, recusals, plans, draws and tasks.

The draw itself is the pure engine in `fazhi.inspections.engine`; these models keep what it is
given (frozen at commit) and what it returns (the published record, the tasks and teams).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.exceptions import AuditImmutableError
from fazhi.core.models import AppendOnlyModel, BaseModel, ScopedManager, ScopedQuerySet, perm_name
from fazhi.core.roles import Role
from fazhi.enforcement.models import RecordFile
from fazhi.inspections.constants import (
    DEFAULT_EXEMPT_DAYS,
    DEFAULT_MAX_TASKS,
    MIN_TEAM_SIZE,
    DrawMethod,
    DrawStatus,
    InspectionMethod,
    ItemCategory,
    ObjectType,
    PlanStatus,
    RecusalReason,
    TaskResult,
    TaskStatus,
)
from fazhi.inspections.engine import commitlog
from fazhi.market_entities.constants import RiskClass

# Item lists and rules are published reference (国发〔2019〕5号: 抽查事项清单向社会公开): any staff reads them.
_PUBLIC_REFERENCE = {Role.UNIT_STAFF: ("add", "view_all", "change_own_unit", "archive"), Role.OFFICER: ("view_all",)}
# The market regulator leads 双随机、一公开 for the zone (国发〔2019〕5号 三(一): 市场监管部门牵头) and
# keeps its joint-meeting records; the OrgUnit flag that marks it is the market register keeper's.
LEAD_FLAG = "keeps_market_register"

RATIO_FIELDS = {RiskClass.A: "ratio_a", RiskClass.B: "ratio_b", RiskClass.C: "ratio_c", RiskClass.D: "ratio_d"}


def _ratio_field(label):
    return models.DecimalField(label, max_digits=5, decimal_places=4, help_text=_("0 到 1 之间的小数，如 0.05 表示 5%"))


class InspectionItem(BaseModel):
    """随机抽查事项清单（一单）: what a department may check, on what legal basis, how."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "org_unit"
    ROLE_ACTIONS = _PUBLIC_REFERENCE

    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("检查部门"), on_delete=models.PROTECT,
                                 related_name="inspection_items")
    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("抽查事项"), max_length=200)
    legal_basis = models.TextField(_("检查依据"))
    object_type = models.CharField(_("检查对象"), max_length=16, choices=ObjectType.choices, default=ObjectType.ALL)
    category = models.CharField(_("事项类别"), max_length=10, choices=ItemCategory.choices,
                                default=ItemCategory.GENERAL)
    method = models.CharField(_("检查方式"), max_length=16, choices=InspectionMethod.choices,
                              default=InspectionMethod.ON_SITE)
    ratio_min = models.DecimalField(_("抽查比例下限"), max_digits=5, decimal_places=4, default=0)
    ratio_max = models.DecimalField(_("抽查比例上限"), max_digits=5, decimal_places=4, default=1)

    class Meta(BaseModel.Meta):
        verbose_name = _("随机抽查事项")
        verbose_name_plural = _("随机抽查事项清单")
        ordering = ["org_unit", "code"]
        constraints = [models.CheckConstraint(
            condition=Q(ratio_min__gte=0, ratio_max__lte=1, ratio_max__gte=models.F("ratio_min")),
            name="inspection_item_ratio_bounds")]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        if self.ratio_min is not None and self.ratio_max is not None and \
                not 0 <= self.ratio_min <= self.ratio_max <= 1:
            raise ValidationError({"ratio_max": _("抽查比例须满足 0 ≤ 下限 ≤ 上限 ≤ 1。")})


class InspectionRules(BaseModel):
    """抽查工作细则（一细则）: a department's ratios per risk class, team size, exemption, load cap."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "org_unit"
    ROLE_ACTIONS = _PUBLIC_REFERENCE

    org_unit = models.OneToOneField("organisation.OrgUnit", verbose_name=_("部门"), on_delete=models.PROTECT,
                                    related_name="inspection_rules")
    document = models.CharField(_("细则文号或名称"), max_length=200, blank=True)
    adopted_on = models.DateField(_("印发日期"), null=True, blank=True)
    ratio_a = _ratio_field(_("A类抽查比例"))
    ratio_b = _ratio_field(_("B类抽查比例"))
    ratio_c = _ratio_field(_("C类抽查比例"))
    ratio_d = _ratio_field(_("D类抽查比例"))
    min_team_size = models.PositiveSmallIntegerField(_("检查组最少人数"), default=MIN_TEAM_SIZE)
    exempt_days = models.PositiveIntegerField(
        _("同一事项免检天数"), default=DEFAULT_EXEMPT_DAYS,
        help_text=_("主体因同一事项被检查后，多少天内不再被抽取"))
    max_tasks_per_inspector = models.PositiveIntegerField(_("每名检查人员任务上限"), default=DEFAULT_MAX_TASKS)

    class Meta(BaseModel.Meta):
        verbose_name = _("抽查工作细则")
        verbose_name_plural = _("抽查工作细则")
        ordering = ["org_unit"]

    def __str__(self) -> str:
        return f"{self.org_unit}抽查工作细则"

    def clean(self) -> None:
        _check_ratios(self)
        if self.min_team_size is not None and self.min_team_size < MIN_TEAM_SIZE:
            raise ValidationError({"min_team_size": _("检查组不得少于%(n)d人（行政处罚法第四十二条）。")
                                   % {"n": MIN_TEAM_SIZE}})

    def ratios(self) -> dict[str, object]:
        return {risk: getattr(self, name) for risk, name in RATIO_FIELDS.items()}


def _check_ratios(record) -> None:
    errors = {name: _("抽查比例须在 0 到 1 之间。") for name in RATIO_FIELDS.values()
              if getattr(record, name) is not None and not 0 <= getattr(record, name) <= 1}
    if errors:
        raise ValidationError(errors)


class JointMeeting(BaseModel):
    """联席会议: the inter-department meeting that coordinates joint random inspections."""

    KEEPER_FLAG = LEAD_FLAG
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}
    MANY_TO_MANY_TEXT = {"members": "member_names"}

    name = models.CharField(_("名称"), max_length=200, unique=True)
    convenor = models.CharField(_("召集人"), max_length=50)
    convenor_title = models.CharField(_("召集人职务"), max_length=100)
    lead_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("牵头单位（办公室）"),
                                  on_delete=models.PROTECT, related_name="led_joint_meetings")
    members = models.ManyToManyField("organisation.OrgUnit", verbose_name=_("成员单位"),
                                     related_name="joint_meetings")
    member_names = models.TextField(_("成员单位名单"), blank=True, editable=False)
    established_on = models.DateField(_("建立日期"))
    document = models.CharField(_("建立文件"), max_length=200, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")
        ordering = ["-established_on"]

    def __str__(self) -> str:
        return self.name


class JointMeetingRecord(BaseModel):
    """A session of the joint meeting: date, topics, units present, what was decided."""

    KEEPER_FLAG = LEAD_FLAG
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}
    MANY_TO_MANY_TEXT = {"attendees": "attendee_names"}

    meeting = models.ForeignKey(JointMeeting, verbose_name=_("联席会议"), on_delete=models.PROTECT,
                                related_name="records")
    held_on = models.DateField(_("召开日期"))
    topic = models.CharField(_("议题"), max_length=200)
    attendees = models.ManyToManyField("organisation.OrgUnit", verbose_name=_("出席单位"), blank=True,
                                       related_name="+")
    attendee_names = models.TextField(_("出席单位名单"), blank=True, editable=False)
    decisions = models.TextField(_("会议议定事项"))

    class Meta(BaseModel.Meta):
        verbose_name = _("联席会议记录")
        verbose_name_plural = _("联席会议记录")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Recusal(BaseModel):
    """回避: an inspector declares a conflict with an entity; the draw never sends them there."""

    UNIT_FIELD = "officer__org_unit"
    HOLDS_PERSONAL_DATA = True
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    officer = models.ForeignKey("officers.Officer", verbose_name=_("检查人员"), on_delete=models.PROTECT,
                                related_name="recusals")
    entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("市场主体"),
                               on_delete=models.PROTECT, related_name="recusals")
    reason = models.CharField(_("回避事由"), max_length=20, choices=RecusalReason.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    declared_on = models.DateField(_("申报日期"))

    class Meta(BaseModel.Meta):
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        ordering = ["officer", "entity"]
        constraints = [models.UniqueConstraint(fields=["officer", "entity"], name="recusal_once_per_pair")]

    def __str__(self) -> str:
        return f"{self.officer} — {self.entity}"


class ParticipantScopedQuerySet(ScopedQuerySet):
    """"Own unit" for reading a plan means the lead department or any department taking part."""

    PLAN_PATH = ""

    def visible_to(self, user) -> "ScopedQuerySet":
        if (getattr(user, "is_authenticated", False) and user.is_active and user.org_unit_id
                and not user.has_perm(perm_name(self.model, "view_all"))
                and user.has_perm(perm_name(self.model, "view_own_unit"))):
            prefix = f"{self.PLAN_PATH}__" if self.PLAN_PATH else ""
            plan_ref = OuterRef(self.PLAN_PATH or "pk")
            taking_part = InspectionPlan.departments.through.objects.filter(
                inspectionplan=plan_ref, orgunit=user.org_unit_id)
            return self.filter(Q(**{f"{prefix}lead_unit": user.org_unit_id}) | Q(Exists(taking_part)))
        return super().visible_to(user)


class PlanQuerySet(ParticipantScopedQuerySet):
    PLAN_PATH = ""


class TaskQuerySet(ParticipantScopedQuerySet):
    PLAN_PATH = "plan"


class TaskRecordQuerySet(ParticipantScopedQuerySet):
    PLAN_PATH = "task__plan"


class DrawQuerySet(ParticipantScopedQuerySet):
    PLAN_PATH = "plan"


class InspectionPlan(BaseModel):
    """抽查计划: single-department or joint ("1+N"), for a period, with items, pool filters and ratios."""

    UNIT_FIELD = "lead_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    number = models.CharField(_("计划编号"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("计划名称"), max_length=200)
    lead_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("牵头部门"), on_delete=models.PROTECT,
                                  related_name="led_inspection_plans")
    departments = models.ManyToManyField("organisation.OrgUnit", verbose_name=_("参与部门"),
                                         related_name="inspection_plans",
                                         help_text=_("联合抽查（1+N）时，牵头部门以外的参与部门"), blank=True)
    items = models.ManyToManyField(InspectionItem, verbose_name=_("抽查事项"), related_name="plans")
    starts_on = models.DateField(_("计划开始日期"))
    ends_on = models.DateField(_("计划结束日期"))
    inspection_date = models.DateField(_("检查日期"), help_text=_("检查人员须在该日持有有效执法证"))
    # Pool filters: empty means no restriction. Registration status defaults to 存续 only.
    registration_statuses = models.JSONField(_("登记状态"), default=list, blank=True)
    industries = models.JSONField(_("行业"), default=list, blank=True)
    entity_types = models.JSONField(_("主体类型"), default=list, blank=True)
    streets = models.ManyToManyField("organisation.OrgUnit", verbose_name=_("街道"), blank=True,
                                     related_name="+")
    # The departments, items and streets as text, written with every change of them: many-to-many
    # links keep no history of their own, this field's history says who changed them, when, from what.
    composition = models.TextField(_("计划组成"), blank=True, editable=False)
    ratio_a = _ratio_field(_("A类抽查比例"))
    ratio_b = _ratio_field(_("B类抽查比例"))
    ratio_c = _ratio_field(_("C类抽查比例"))
    ratio_d = _ratio_field(_("D类抽查比例"))
    team_size = models.PositiveSmallIntegerField(_("检查组人数"), default=MIN_TEAM_SIZE)
    # A choice of the plan, not a rule: the draw then gives every team's first seat to the lead department
    # (docs/draw-algorithm.md 5, lead_department); joint plans only.
    lead_seat = models.BooleanField(_("每组须有牵头部门人员"), default=False,
                                    help_text=_("联合抽查时，每个检查组的第一名成员来自牵头部门"))
    max_tasks_per_inspector = models.PositiveIntegerField(_("每名检查人员任务上限"), default=DEFAULT_MAX_TASKS)
    exempt_days = models.PositiveIntegerField(_("同一事项免检天数"), default=DEFAULT_EXEMPT_DAYS)
    status = models.CharField(_("状态"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              editable=False)
    approved_by = models.ForeignKey("accounts.User", verbose_name=_("批准人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", editable=False)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("公布日期"), null=True, blank=True, editable=False)

    objects = ScopedManager.from_queryset(PlanQuerySet)()

    class Meta(BaseModel.Meta):
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-starts_on", "number"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        _check_ratios(self)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("计划结束日期不能早于开始日期。")})
        if self.starts_on and self.ends_on and self.inspection_date and \
                not self.starts_on <= self.inspection_date <= self.ends_on:
            raise ValidationError({"inspection_date": _("检查日期须在计划期间内。")})
        if self.team_size is not None and self.team_size < MIN_TEAM_SIZE:
            raise ValidationError({"team_size": _("检查组不得少于%(n)d人（行政处罚法第四十二条）。")
                                   % {"n": MIN_TEAM_SIZE}})

    @property
    def is_joint(self) -> bool:
        """部门联合抽查: another department takes part besides the lead."""
        return self.departments.exclude(pk=self.lead_unit_id).exists()

    def ratios(self) -> dict[str, object]:
        return {risk: getattr(self, name) for risk, name in RATIO_FIELDS.items()}


class Draw(BaseModel):
    """摇号: the frozen inputs and their commitment, then the revealed sources and the stored record."""

    UNIT_FIELD = "plan__lead_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}
    # Never shown in a history: they would undo the pseudonyms of the published record.
    PRIVATE_FIELDS = ("inspector_tokens", "inspector_salt")

    plan = models.ForeignKey(InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT,
                             related_name="draws")
    objects = ScopedManager.from_queryset(DrawQuerySet)()
    method = models.CharField(_("抽取方法"), max_length=12, choices=DrawMethod.choices,
                              default=DrawMethod.HASHRANK)
    # The record names it too; a verifier must use the same version (docs/draw-algorithm.md).
    method_version = models.CharField(_("方法版本"), max_length=8)
    status = models.CharField(_("状态"), max_length=12, choices=DrawStatus.choices,
                              default=DrawStatus.COMMITTED)
    source_labels = models.JSONField(_("随机源"), help_text=_("抽取前公布的公开随机源说明"))
    # A witness's secret is sealed: its SHA-256 published with the commitment (engine.commit.seal_of).
    source_seals = models.JSONField(_("随机源封存值"), default=list, blank=True,
                                    help_text=_("与随机源逐一对应；见证人秘密数的SHA-256封存值，未封存的为空"))
    pool_counts = models.JSONField(_("各层名录数"), default=dict)
    exempt_count = models.PositiveIntegerField(_("免检主体数"), default=0)
    inspector_count = models.PositiveIntegerField(_("检查人员数"), default=0)
    conflict_count = models.PositiveIntegerField(_("回避关系数"), default=0)
    commit_sha256 = models.CharField(_("承诺哈希"), max_length=64)
    committed_on = models.DateTimeField(_("冻结时间"))
    input_file = models.FileField(_("抽取输入"), upload_to="draw_records/")
    # Private: the published record names inspectors by these per-draw tokens (see services._pseudonyms).
    inspector_tokens = models.JSONField(_("检查人员编号对照表"), default=dict, editable=False)
    inspector_salt = models.CharField(_("对照表盐值"), max_length=64, blank=True, editable=False)
    sources = models.JSONField(_("随机源数值"), null=True, blank=True)
    drawn_on = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    record_file = models.FileField(_("抽取记录"), upload_to="draw_records/", blank=True)
    record_sha256 = models.CharField(_("抽取记录SHA-256"), max_length=64, blank=True)
    quotas = models.JSONField(_("各层抽取数"), default=dict, blank=True)
    task_count = models.PositiveIntegerField(_("任务数"), default=0)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("摇号")
        verbose_name_plural = _("摇号")
        ordering = ["plan", "-committed_on"]
        constraints = [models.UniqueConstraint(fields=["plan"], condition=~Q(status="voided"),
                                               name="one_live_draw_per_plan")]

    @property
    def committed_sources(self) -> list[tuple[str, str, str]]:
        """(label, seal or "", the revealed numbers as text or "") for each source, in order."""
        numbers = self.sources or []
        return [(label, seal, " ".join(map(str, numbers[n])) if n < len(numbers) else "")
                for n, (label, seal) in enumerate(zip(self.source_labels, self.seals_by_source, strict=True))]

    @property
    def seals_by_source(self) -> list[str]:
        """A seal or "" for each source (draws committed before seals existed have none)."""
        seals = list(self.source_seals or [])
        return seals + [""] * (len(self.source_labels) - len(seals))

    def __str__(self) -> str:
        return f"{self.plan} · {self.commit_sha256[:12]}"


class InspectionTask(BaseModel):
    """抽查任务: one drawn entity, visited once for all the plan's items (进一次门、查多项事)."""

    UNIT_FIELD = "plan__lead_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit", "change_own_unit")}

    number = models.CharField(_("任务编号"), max_length=60, unique=True, editable=False)
    plan = models.ForeignKey(InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT,
                             related_name="tasks", editable=False)
    draw = models.ForeignKey(Draw, verbose_name=_("摇号"), on_delete=models.PROTECT, related_name="tasks",
                             editable=False)
    # Indexed by the (entity, completed_on) index below, which leads with it.
    entity = models.ForeignKey("market_entities.MarketEntity", verbose_name=_("检查对象"),
                               on_delete=models.PROTECT, related_name="inspection_tasks", editable=False,
                               db_index=False)
    sequence = models.PositiveIntegerField(_("序号"), editable=False)
    stratum = models.CharField(_("信用风险分类"), max_length=16, editable=False)
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PENDING,
                              editable=False)
    result = models.CharField(_("检查结果"), max_length=20, choices=TaskResult.choices, blank=True)
    findings = models.TextField(_("检查情况"), blank=True)
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("公示日期"), null=True, blank=True, editable=False)

    objects = ScopedManager.from_queryset(TaskQuerySet)()

    class Meta(BaseModel.Meta):
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        ordering = ["plan", "sequence"]
        indexes = [models.Index(fields=["entity", "completed_on"]), models.Index(fields=["status", "published_on"])]

    def __str__(self) -> str:
        return f"{self.number} {self.entity}"


class TaskInspector(models.Model):
    """A seat in a task's team: an officer drawn for it, from a department of the plan.

    Not an audited record: seats are written once, by the draw, and never changed (no service
    or page writes them afterwards). They index the published draw record, whose file and
    SHA-256 (kept on the Draw, with its history) are their audit trail. A large joint plan
    writes hundreds of thousands of seats; history rows would double that for nothing.
    """

    NOT_A_RECORD = True

    # Indexed by the (task, position) constraint, which leads with it.
    task = models.ForeignKey(InspectionTask, verbose_name=_("抽查任务"), on_delete=models.PROTECT,
                             related_name="team", editable=False, db_index=False)
    position = models.PositiveSmallIntegerField(_("组内序号"), editable=False)
    officer = models.ForeignKey("officers.Officer", verbose_name=_("检查人员"), on_delete=models.PROTECT,
                                related_name="inspection_seats", editable=False)
    department = models.ForeignKey("organisation.OrgUnit", verbose_name=_("所属部门"), on_delete=models.PROTECT,
                                   related_name="+", editable=False)

    class Meta:
        verbose_name = _("检查组成员")
        verbose_name_plural = _("检查组成员")
        ordering = ["task", "position"]
        constraints = [models.UniqueConstraint(fields=["task", "position"], name="inspections_one_officer_per_seat")]

    def __str__(self) -> str:
        return f"{self.task.number}-{self.position}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditImmutableError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError()


class TaskRecord(RecordFile):
    """执法全过程记录 of an inspection, as in enforcement cases."""

    UNIT_FIELD = "task__plan__lead_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("add", "view_own_unit")}
    objects = ScopedManager.from_queryset(TaskRecordQuerySet)()

    task = models.ForeignKey(InspectionTask, verbose_name=_("抽查任务"), on_delete=models.PROTECT,
                             related_name="records")
    file = models.FileField(_("文件"), upload_to="inspection_records/%Y/%m/")

    class Meta(RecordFile.Meta):
        verbose_name = _("检查全过程记录")
        verbose_name_plural = _("检查全过程记录")


class CommitmentLogEntry(AppendOnlyModel):
    """承诺值登记簿: one entry per published commitment, each hashing the one before (engine.commitlog).

    Append-only, like the audit history: written once by draw_commit, never changed or deleted (by a
    page, a service, the admin or a bulk query). The chain anchors the commit hashes outside any one
    draw: the log is published on the portal, and whoever keeps a copy, or its last entry hash, can show
    that a draw recomputed afterwards with another pool or other parameters was not the one committed.
    """

    NOT_A_RECORD = True

    position = models.PositiveIntegerField(_("序号"), unique=True, editable=False)
    draw = models.OneToOneField(Draw, verbose_name=_("摇号"), on_delete=models.PROTECT, related_name="log_entry",
                                editable=False)
    # The texts exactly as hashed (docs/draw-algorithm.md 11), so the entry re-hashes without any formatting.
    committed_at = models.CharField(_("冻结时间"), max_length=40, editable=False)
    plan_number = models.CharField(_("计划编号"), max_length=40, editable=False)
    commit_sha256 = models.CharField(_("承诺哈希"), max_length=64, editable=False)
    previous_sha256 = models.CharField(_("前一条目哈希"), max_length=64, unique=True, editable=False)
    entry_sha256 = models.CharField(_("条目哈希"), max_length=64, unique=True, editable=False)
    logged_on = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("承诺值登记簿条目")
        verbose_name_plural = _("承诺值登记簿")
        ordering = ["position"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.position} {self.plan_number} {self.commit_sha256[:12]}"

    def as_entry(self) -> commitlog.Entry:
        return commitlog.Entry(self.position, self.committed_at, self.plan_number, self.commit_sha256,
                               self.previous_sha256, self.entry_sha256)

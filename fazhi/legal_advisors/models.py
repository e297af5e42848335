"""Legal advisors (法律顾问): the lawyers retained, the units each serves under a contract, their work."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.legal_advisors.constants import WorkKind

ENDS_BEFORE_START = _("聘期至不能早于聘期起。")
TERMINATED_BEFORE_START = _("解除日期不能早于聘期起。")


class LegalAdvisor(BaseModel):
    """A retained lawyer (律师) and the firm they practise in."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)

    # The register is zone-wide: the legal-affairs office keeps it; every unit may look up its advisor.
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}

    full_name = models.CharField(_("姓名"), max_length=50)
    firm = models.CharField(_("律师事务所"), max_length=200)
    licence_number = models.CharField(_("律师执业证号"), max_length=30, unique=True)
    specialties = models.CharField(_("擅长领域"), max_length=200, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("法律顾问")
        verbose_name_plural = _("法律顾问")
        ordering = ["firm", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name}（{self.firm}）"


class AdvisorContract(BaseModel):
    """聘请法律顾问合同: an advisor serves a unit from one date to another."""

    UNIT_FIELD = "org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    advisor = models.ForeignKey(LegalAdvisor, verbose_name=_("法律顾问"), on_delete=models.PROTECT,
                                related_name="contracts")
    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("服务单位"), on_delete=models.PROTECT,
                                 related_name="advisor_contracts")
    number = models.CharField(_("合同编号"), max_length=50, unique=True)
    starts_on = models.DateField(_("聘期起"))
    ends_on = models.DateField(_("聘期至"))
    terminated_on = models.DateField(_("提前解除日期"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("法律顾问聘用合同")
        verbose_name_plural = _("法律顾问聘用合同")
        ordering = ["org_unit__sort_order", "-ends_on"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="advisor_contract_period_order")]

    def __str__(self) -> str:
        return f"{self.number} {self.advisor.full_name} · {self.org_unit}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": ENDS_BEFORE_START})
        if self.terminated_on and self.starts_on and self.terminated_on < self.starts_on:
            raise ValidationError({"terminated_on": TERMINATED_BEFORE_START})

    @property
    def last_day(self):
        """The last day the advisor serves: the end of the term, or the day before an early termination."""
        import datetime as dt

        if self.terminated_on is not None:
            return min(self.ends_on, self.terminated_on - dt.timedelta(days=1))
        return self.ends_on


class AdvisorWork(BaseModel):
    """One piece of work done for a unit under a contract: an opinion, a contract reviewed, a lawsuit."""

    UNIT_FIELD = "contract__org_unit"
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",)}

    contract = models.ForeignKey(AdvisorContract, verbose_name=_("聘用合同"), on_delete=models.PROTECT,
                                 related_name="work")
    kind = models.CharField(_("工作类型"), max_length=20, choices=WorkKind.choices)
    done_on = models.DateField(_("日期"))
    title = models.CharField(_("事项"), max_length=200)
    description = models.TextField(_("情况说明"), blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("法律顾问工作记录")
        verbose_name_plural = _("法律顾问工作记录")
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.done_on} {self.title}"

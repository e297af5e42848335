from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.organisation.constants import EXTERNAL_KINDS, OrgUnitKind

MAX_DEPTH = 20  # deeper than any real org chart; stops a walk up a corrupted chain
PARENT_LOOP = _("上级机构不能是本机构或其下级机构。")


class Zone(BaseModel):
    """The jurisdiction this install serves."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    division_code = models.CharField(_("行政区划代码"), max_length=12, blank=True)

    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",), Role.LEGAL_OFFICE: ("view_all",)}

    class Meta(BaseModel.Meta):
        verbose_name = _("开发区")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name


class OrgUnit(BaseModel):
    """An org unit of the zone (department, street...) or an external body (court...)."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "pk"
    # The org chart is not secret inside the administration; only admins and the legal office change it.
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",)}

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="org_units")
    code = models.CharField(_("机构编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    keeps_market_register = models.BooleanField(
        _("维护市场主体名录"), default=False,
        help_text=_("登记机关（如市场监管局）：本单位工作人员可维护全区市场主体名录"),
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="org_unit_name_unique_in_zone")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_external(self) -> bool:
        return self.kind in EXTERNAL_KINDS

    def clean(self) -> None:
        # Walk up the chain: a unit may not become its own ancestor.
        node, depth = self.parent, 0
        while node is not None and depth < MAX_DEPTH:
            if node is self or (self.pk is not None and node.pk == self.pk):
                raise ValidationError({"parent": PARENT_LOOP})
            node, depth = node.parent, depth + 1

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.core.validators import validate_uscc
from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus, RiskClass
from fazhi.organisation.constants import OrgUnitKind


class MarketEntity(BaseModel):
    """An entry of the 检查对象名录库: the pool random inspections draw from."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "street"
    # The registration authority (市场主体登记管理条例 第五条: 市场监督管理部门) keeps the whole register.
    KEEPER_FLAG = "keeps_market_register"
    # Registration data is public (企业信息公示暂行条例, 国务院令第777号修订, 第六条: 注册登记、备案信息),
    # so every staff role may look it up;
    # a street's staff maintain their own street's entries.
    ROLE_ACTIONS = {
        Role.UNIT_STAFF: ("add", "view_all", "change_own_unit", "archive"),
        Role.OFFICER: ("view_all",),
    }

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    name = models.CharField(_("名称"), max_length=200, db_index=True)
    entity_type = models.CharField(_("类型"), max_length=24, choices=EntityType.choices)
    legal_representative = models.CharField(_("法定代表人"), max_length=50)
    address = models.CharField(_("住所"), max_length=200)
    street = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("所属街道"), on_delete=models.PROTECT,
        related_name="market_entities", limit_choices_to={"kind": OrgUnitKind.STREET},
    )
    industry = models.CharField(_("行业"), max_length=1, choices=Industry.choices)
    registration_status = models.CharField(
        _("登记状态"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.ACTIVE
    )
    risk_class = models.CharField(_("信用风险分类"), max_length=1, choices=RiskClass.choices)

    class Meta(BaseModel.Meta):
        verbose_name = _("市场主体")
        verbose_name_plural = _("市场主体")
        ordering = ["uscc"]
        indexes = [models.Index(fields=["street", "risk_class", "registration_status"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.street_id and self.street.kind != OrgUnitKind.STREET:
            raise ValidationError({"street": _("所属街道必须是“街道”类型的机构。")})

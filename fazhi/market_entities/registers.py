from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.constants import OrgUnitKind
from fazhi.registers.base import ChoiceColumn, CodeColumn, Column, ForeignKeyColumn, Register, register


@register
class MarketEntityRegister(Register):
    name = "market_entities"
    title = "市场主体名录"
    model = MarketEntity
    key = "uscc"
    columns = [
        CodeColumn("统一社会信用代码", "uscc", help_text="18位，GB 32100-2015，末位为校验码"),
        Column("名称", "name"),
        ChoiceColumn("类型", "entity_type"),
        Column("法定代表人", "legal_representative", help_text="个体工商户填经营者"),
        Column("住所", "address"),
        ForeignKeyColumn("所属街道", "street", lookup="name", queryset_filter={"kind": OrgUnitKind.STREET},
                         help_text="街道全称，须已在机构名册中"),
        ChoiceColumn("行业", "industry", help_text="国民经济行业分类（GB/T 4754-2017）门类"),
        ChoiceColumn("登记状态", "registration_status"),
        ChoiceColumn("信用风险分类", "risk_class"),
    ]

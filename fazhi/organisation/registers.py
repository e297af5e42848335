from fazhi.organisation.models import OrgUnit
from fazhi.organisation.selectors import current_zone
from fazhi.registers.base import BooleanColumn, ChoiceColumn, Column, ForeignKeyColumn, Register, register


class ParentColumn(ForeignKeyColumn):
    """A parent may be another row of the same file, so lookups include the rows read so far."""

    def row_accepted(self, record) -> None:
        self.targets[record.code] = record


@register
class OrgUnitRegister(Register):
    name = "org_units"
    title = "机构名册"
    model = OrgUnit
    key = "code"
    # Few rows, and a parent must be saved before its children: save one by one, in file order.
    save_each = True
    columns = [
        Column("机构编码", "code", help_text="本系统内唯一，如 DEPT-SJJ"),
        Column("名称", "name"),
        Column("简称", "short_name", required=False),
        ChoiceColumn("类型", "kind"),
        ParentColumn("上级机构编码", "parent", lookup="code", required=False,
                     help_text="可填写本文件中位置更靠前的机构"),
        Column("排序", "sort_order", required=False, help_text="数字，小的在前"),
        BooleanColumn("维护市场主体名录", "keeps_market_register", required=False,
                      help_text="登记机关（如市场监管局）填“是”"),
    ]

    def new_instance(self, user):
        return OrgUnit(zone=current_zone())

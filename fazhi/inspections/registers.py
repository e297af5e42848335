"""Import/export registers of 双随机、一公开: the item list (一单) and (export only) the tasks."""

from fazhi.inspections.models import InspectionItem, InspectionTask
from fazhi.registers.base import ChoiceColumn, CodeColumn, Column, ForeignKeyColumn, Register, register


@register
class InspectionItemRegister(Register):
    name = "inspection_items"
    title = "随机抽查事项清单"
    model = InspectionItem
    key = "code"
    columns = [
        CodeColumn("事项编码", "code", help_text="本系统内唯一"),
        Column("抽查事项", "name"),
        ForeignKeyColumn("检查部门编码", "org_unit", lookup="code", help_text="须已在机构名册中"),
        Column("检查依据", "legal_basis"),
        ChoiceColumn("检查对象", "object_type"),
        ChoiceColumn("事项类别", "category"),
        ChoiceColumn("检查方式", "method"),
        Column("抽查比例下限", "ratio_min", help_text="0 到 1 之间的小数"),
        Column("抽查比例上限", "ratio_max", help_text="0 到 1 之间的小数"),
    ]


@register
class InspectionTaskRegister(Register):
    """Tasks come from draws only: the list is exported, never imported."""

    name = "inspection_tasks"
    title = "抽查任务"
    importable = False
    export_only_reason = "抽查任务只能由摇号产生，检查结果须在任务页面录入，不能通过导入修改。"
    model = InspectionTask
    key = "number"
    columns = [
        Column("任务编号", "number"),
        ForeignKeyColumn("抽查计划编号", "plan", lookup="number"),
        ForeignKeyColumn("统一社会信用代码", "entity", lookup="uscc"),
        ForeignKeyColumn("主体名称", "entity", lookup="name"),
        Column("信用风险分类", "stratum"),
        ChoiceColumn("状态", "status"),
        ChoiceColumn("检查结果", "result", required=False),
        Column("检查情况", "findings", required=False),
        Column("检查日期", "inspected_on", required=False),
        Column("公示日期", "published_on", required=False),
    ]

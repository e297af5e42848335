"""Import/export registers of administrative enforcement: bodies, matters and (export only) cases (the officers'
registers are fazhi.officers')."""

from fazhi.core.validators import mask_id_number
from fazhi.enforcement.models import EnforcementBody, EnforcementCase, EnforcementMatter
from fazhi.registers.base import BooleanColumn, ChoiceColumn, CodeColumn, Column, ForeignKeyColumn, Register, register


@register
class EnforcementBodyRegister(Register):
    name = "enforcement_bodies"
    title = "执法主体名册"
    model = EnforcementBody
    key = "name"
    columns = [
        Column("执法主体名称", "name", help_text="全称，本系统内唯一"),
        ForeignKeyColumn("所属机构编码", "org_unit", lookup="code", help_text="须已在机构名册中，如 DEPT-SJJ"),
        ChoiceColumn("主体类别", "kind"),
        Column("执法依据", "legal_basis", help_text="设定执法职权的法律、法规、规章"),
        Column("执法领域", "fields", required=False),
    ]


@register
class EnforcementMatterRegister(Register):
    name = "enforcement_matters"
    title = "执法事项清单"
    model = EnforcementMatter
    key = "code"
    columns = [
        CodeColumn("事项编码", "code", help_text="本系统内唯一"),
        Column("事项名称", "name"),
        ChoiceColumn("事项类别", "kind"),
        ForeignKeyColumn("执法主体", "body", lookup="name", help_text="执法主体全称，须已在执法主体名册中"),
        Column("法律依据", "legal_basis"),
    ]


# ----- cases (export only) -----

CASES_EXPORT_ONLY = ("执法案件须在案件页面立案，并逐环节办理（指派执法人员、法制审核、作出决定、公示、结案），"
                     "不能通过导入新增或修改。本名册只供导出。")


class MaskedIdNumberColumn(Column):
    def to_cell(self, record) -> str:
        value = getattr(record, self.field_name)
        return mask_id_number(value) if value else ""


@register
class EnforcementCaseRegister(Register):
    """The case list as a spreadsheet; the party's ID number is masked. Import is refused."""

    name = "cases"
    title = "执法案件"
    importable = False
    export_only_reason = CASES_EXPORT_ONLY
    model = EnforcementCase
    key = "number"
    columns = [
        Column("案件编号", "number"),
        ForeignKeyColumn("执法主体", "body", lookup="name"),
        ChoiceColumn("案件类别", "kind"),
        ForeignKeyColumn("执法事项编码", "matter", lookup="code", required=False),
        ForeignKeyColumn("当事人（市场主体）", "party_entity", lookup="name", required=False),
        ForeignKeyColumn("统一社会信用代码", "party_entity", lookup="uscc", required=False),
        Column("当事人（自然人）姓名", "party_name", required=False),
        MaskedIdNumberColumn("当事人身份证号码（已遮蔽）", "party_id_number", required=False),
        Column("案由", "summary"),
        Column("立案日期", "opened_on"),
        BooleanColumn("经过听证", "had_hearing", required=False),
        ChoiceColumn("决定类型", "decision_kind", required=False),
        Column("罚款金额（元）", "fine_amount", required=False),
        Column("决定日期", "decided_on", required=False),
        Column("结案日期", "closed_on", required=False),
    ]


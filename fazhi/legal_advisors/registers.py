"""Import/export of the legal-advisor register: advisors, and their contracts with the units they serve."""

from django.core.exceptions import ValidationError

from fazhi.legal_advisors.constants import COVERED_KINDS
from fazhi.legal_advisors.models import AdvisorContract, LegalAdvisor
from fazhi.registers.base import CodeColumn, Column, ForeignKeyColumn, Register, register


@register
class LegalAdvisorRegister(Register):
    name = "legal_advisors"
    title = "法律顾问名册"
    model = LegalAdvisor
    key = "licence_number"
    columns = [
        CodeColumn("律师执业证号", "licence_number", help_text="17位执业证号，本系统内唯一"),
        Column("姓名", "full_name"),
        Column("律师事务所", "firm"),
        Column("擅长领域", "specialties", required=False),
    ]


class ServedUnitColumn(ForeignKeyColumn):
    """The unit served: a department, street or state enterprise, by its code."""

    def parse(self, text: str):
        unit = super().parse(text)
        if unit.kind not in COVERED_KINDS:
            raise ValidationError(
                f"“{unit.name}”是{unit.get_kind_display()}，法律顾问服务的是区直部门、街道和国有企业。")
        return unit


@register
class AdvisorContractRegister(Register):
    name = "advisor_contracts"
    title = "法律顾问聘用合同"
    model = AdvisorContract
    key = "number"
    columns = [
        CodeColumn("合同编号", "number", help_text="本系统内唯一"),
        ForeignKeyColumn("律师执业证号", "advisor", lookup="licence_number", help_text="须已在法律顾问名册中"),
        ServedUnitColumn("服务单位编码", "org_unit", lookup="code", help_text="区直部门、街道或国有企业的机构编码"),
        Column("聘期起", "starts_on", help_text="日期，如 2022-01-01"),
        Column("聘期至", "ends_on", help_text="日期，如 2022-12-31"),
        Column("提前解除日期", "terminated_on", required=False, help_text="未解除的留空"),
    ]

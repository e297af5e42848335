"""The major-decision register: export only (decisions go through their statutory steps on the platform)."""

from fazhi.major_decisions.models import MajorDecision
from fazhi.registers.base import ChoiceColumn, Column, ForeignKeyColumn, ImportResult, Register, register

DECISIONS_EXPORT_ONLY = "重大行政决策须在平台上逐项履行法定程序，不能通过导入新增或修改。本名册只供导出。"


class CatalogueYearColumn(Column):
    def to_cell(self, record) -> str:
        return str(record.catalogue.year)


@register
class MajorDecisionRegister(Register):
    name = "major_decisions"
    title = "重大行政决策"
    importable = False
    model = MajorDecision
    key = "title"
    columns = [
        CatalogueYearColumn("目录年度", "catalogue"),
        Column("决策事项", "title"),
        ForeignKeyColumn("决策承办单位", "undertaking_unit", lookup="name"),
        ChoiceColumn("状态", "status"),
        Column("决定日期", "decided_on", required=False),
        Column("公布日期", "published_on", required=False),
        Column("决策后评估日期", "evaluated_on", required=False),
        Column("材料归档日期", "file_archived_on", required=False),
        Column("档案号", "file_reference", required=False),
    ]

    def import_file(self, data: bytes, kind: str, *, user=None, dry_run: bool = False,
                    source: str = "") -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        result.add_error(0, "", DECISIONS_EXPORT_ONLY)
        return result

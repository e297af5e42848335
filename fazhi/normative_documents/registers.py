"""The normative-document register: export only (documents are made through the lifecycle's services)."""

from fazhi.normative_documents.models import NormativeDocument
from fazhi.registers.base import BooleanColumn, ChoiceColumn, Column, ForeignKeyColumn, ImportResult, Register, register

DOCUMENTS_EXPORT_ONLY = ("行政规范性文件须在平台上起草，并逐环节办理"
                         "（公开征求意见、合法性审核、集体审议、签发公布、备案），不能通过导入新增或修改。本名册只供导出。")


@register
class NormativeDocumentRegister(Register):
    name = "normative_documents"
    title = "行政规范性文件"
    importable = False
    model = NormativeDocument
    key = "title"
    columns = [
        Column("文号", "number", required=False),
        Column("文件名称", "title"),
        ChoiceColumn("状态", "status"),
        ForeignKeyColumn("起草单位", "drafting_unit", lookup="name"),
        ForeignKeyColumn("制定机关", "issuer", lookup="name"),
        BooleanColumn("暂行或试行", "provisional", required=False),
        Column("公布日期", "published_on", required=False),
        Column("施行日期", "effective_on", required=False),
        Column("有效期至", "valid_until", required=False),
        Column("备案日期", "filed_on", required=False),
        Column("备案机关", "filing_authority", required=False),
        Column("废止、修改或失效日期", "ended_on", required=False),
        Column("废止、修改或失效原因", "end_reason", required=False),
    ]

    def import_file(self, data: bytes, kind: str, *, user=None, dry_run: bool = False,
                    source: str = "") -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        result.add_error(0, "", DOCUMENTS_EXPORT_ONLY)
        return result

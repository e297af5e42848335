"""Files as a clerk's Excel or WPS would write them, built independently of fazhi's own writer."""

import csv
import io

import openpyxl

from fazhi.demo.entities import EntityRow, generate
from fazhi.market_entities.constants import EntityType, Industry, RegistrationStatus, RiskClass
from fazhi.market_entities.models import MarketEntity

MARKET_HEADERS = [
    "统一社会信用代码", "名称", "类型", "法定代表人", "住所", "所属街道", "行业", "登记状态", "信用风险分类",
]
STREETS = ["甲街道", "乙街道"]  # the street names of the conftest `units` fixture


def entity_cells(row: EntityRow, streets: list[str] = STREETS) -> list[str]:
    """One market-entity row as a clerk types it: labels, not codes."""
    return [
        row.uscc, row.name, str(EntityType(row.entity_type).label), row.legal_representative, row.address,
        streets[row.street_index % len(streets)], str(Industry(row.industry).label),
        str(RegistrationStatus(row.registration_status).label), str(RiskClass(row.risk_class).label),
    ]


def entity_rows(count: int, *, seed: int = 2022, streets: list[str] = STREETS) -> list[list[str]]:
    return [entity_cells(row, streets) for row in generate(count, len(streets), seed=seed)]


def csv_bytes(headers: list[str], rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    """CSV as Excel saves it: CRLF line ends; "CSV UTF-8" adds a BOM, plain "CSV" on Chinese Windows is GBK."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(headers: list[str], rows: list[list], *, blank_rows_before: dict[int, int] | None = None) -> bytes:
    """An xlsx written by openpyxl, a different writer from ours; numbers stay numeric cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(headers)
    for index, row in enumerate(rows):
        for _ in range((blank_rows_before or {}).get(index, 0)):
            sheet.append([])
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # typed text, even "=0": a formula would be a different cell
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bad_check_character(uscc: str) -> str:
    """The same code with a wrong 18th character (still an allowed character)."""
    return uscc[:17] + ("1" if uscc[17] != "1" else "2")


def entity_snapshot() -> list[tuple]:
    """Everything an import could change, to compare the database before and after."""
    fields = [f.attname for f in MarketEntity._meta.concrete_fields]
    return [
        *MarketEntity.objects.order_by("pk").values_list(*fields),
        ("history", MarketEntity.history.count()),
    ]

"""Read a downloaded .xlsx in tests: each sheet's rows as lists of cell values."""
import io

import openpyxl


def workbook_sheets(response) -> dict[str, list[list]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), response["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}

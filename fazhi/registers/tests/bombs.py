"""Hand-made xlsx files a spreadsheet program would never write: cells far away, repeated shared strings,
zip headers that lie. Built from the raw parts so the file is as small as an attacker's."""

import io
import re
import struct
import zipfile

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_DOC}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET = "xl/worksheets/sheet1.xml"


def xlsx_with_cells(cells: dict[str, str], *, shared: list[str] = (), shared_refs: dict[str, int] | None = None,
                    padding: int = 0) -> bytes:
    """An xlsx whose one sheet holds `cells` (reference → inline text) and `shared_refs` (reference → index
    into the shared strings `shared`); `padding` spaces inside the sheet part make it unzip bigger."""
    by_row: dict[int, list[str]] = {}
    for ref, text in cells.items():
        by_row.setdefault(_row(ref), []).append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    for ref, index in (shared_refs or {}).items():
        by_row.setdefault(_row(ref), []).append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
    rows = "".join(f'<row r="{number}">{"".join(by_row[number])}</row>' for number in sorted(by_row))
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
             f'{" " * padding}<sheetData>{rows}</sheetData></worksheet>')
    strings = "".join(f"<si><t>{text}</t></si>" for text in shared)
    shared_part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{_MAIN}" '
                   f'count="{len(shared)}" uniqueCount="{len(shared)}">{strings}</sst>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", shared_part)
        archive.writestr(SHEET, sheet)
    return buffer.getvalue()


def _row(ref: str) -> int:
    return int(re.fullmatch(r"[A-Z]+(\d+)", ref).group(1))


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size rewritten to `size` in its local and central headers: a lie."""
    out = bytearray(data)
    name = member.encode()
    for signature, name_length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, start + name_length_at)[0]
            if bytes(out[start + name_at:start + name_at + length]) == name:
                struct.pack_into("<I", out, start + size_at, size)
            start += 4
    return bytes(out)

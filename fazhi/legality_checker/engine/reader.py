"""Read a draft's text from the bytes of an uploaded .docx, .txt or .md file."""

import io
import zipfile
from pathlib import PurePath

from .errors import DraftError

TEXT_SUFFIXES = (".txt", ".md")
WORD_SUFFIX = ".docx"
# Tried in this order: UTF-8 first (with and without the BOM Windows editors write), then GB18030,
# the superset of GBK/GB2312 that older Chinese Windows tools save in.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def read_draft(data: bytes, filename: str) -> str:
    """The plain text of a draft; paragraphs (and table rows of a .docx) one per line."""
    suffix = PurePath(filename).suffix.lower()
    name = PurePath(filename).name
    if suffix == WORD_SUFFIX:
        text = _read_docx(data, name)
    elif suffix in TEXT_SUFFIXES:
        text = _read_text(data, name)
    elif suffix == ".doc":
        raise DraftError(f"无法读取“{name}”：旧版 Word（.doc）格式不受支持，请在 Word 中另存为 .docx 后再上传。")
    else:
        shown = suffix or "（无扩展名）"
        raise DraftError(f"无法读取“{name}”：不支持的文件类型 {shown}，请上传 .docx、.txt 或 .md 文件。")
    if not text.strip():
        raise DraftError(f"“{name}”中没有文字内容。")
    return text


def _read_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode" is UTF-16 with a BOM; the BOM alone tells the byte order.
        try:
            return _normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise DraftError(f"无法读取“{name}”：文件编码无法识别。") from exc
    if b"\x00" in data:
        raise DraftError(f"无法读取“{name}”：这不是文本文件（含有二进制内容）。")
    for encoding in TEXT_ENCODINGS:
        try:
            return _normalise_newlines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise DraftError(f"无法读取“{name}”：文件编码无法识别，请另存为 UTF-8 编码的文本。")


def _read_docx(data: bytes, name: str) -> str:
    import docx  # imported here: reading .txt drafts (and every CLI start) should not pay for lxml
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DraftError(f"无法读取“{name}”：文件已损坏或不是有效的 Word（.docx）文件。") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError for a damaged part
        raise DraftError(f"无法读取“{name}”：Word 文件内容无法解析。") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text.strip() for cell in row.cells))
        else:
            lines.append(block.text)
    return _normalise_newlines("\n".join(lines))


def _normalise_newlines(text: str) -> str:
    # A soft line break inside a Word paragraph arrives as "\n" already; "\r" would shift no offsets
    # the page sees because the page shows this returned text, so it is safe to normalise here.
    return text.replace("\r\n", "\n").replace("\r", "\n")

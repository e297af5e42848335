"""Read a draft's text from the bytes of an uploaded .docx, .txt or .md file.

A .docx is a zip of XML, and a small one can unzip into a great deal of work: 62 KB of repeated empty
paragraphs unzip to 21 MB that python-docx takes 14.5 s to walk, and the text it yields makes a 10 MB
page. So before python-docx sees a file the reader checks the zip entries' declared sizes (Python's
zip reader stops at them: a header that understates a size makes the file unreadable, not big) and
counts the tags of its XML parts; after parsing it counts the paragraphs, runs and table cells it
would walk; and it stops reading as soon as the text passes its cap. Callers pass the two caps a
deployment may change (the Django side: the settings FAZHI_DRAFT_*); the rest are constants here.
"""

import io
import zipfile
from pathlib import PurePath

from .errors import DraftError

TEXT_SUFFIXES = (".txt", ".md")
WORD_SUFFIX = ".docx"
# Tried in this order: UTF-8 first (with and without the BOM Windows editors write), then GB18030,
# the superset of GBK/GB2312 that older Chinese Windows tools save in.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")

# The file, and a .docx's entries unzipped, at most: room for a draft with a few photos of signed
# pages; the text of a 300-page document is under 3 MB.
MAX_UNZIPPED_BYTES = 20 << 20
# The draft's text at most: the Civil Code (民法典), the longest Chinese law, has about 106,000
# characters; a normative document is far shorter. Also keeps the review page under a few MB.
MAX_TEXT_CHARS = 200_000
# Tags ("<") in a .docx's XML parts at most, counted before parsing: a 100-page document written by
# Word has about 100,000; this bounds the tree lxml builds (about 100 bytes an element).
MAX_XML_TAGS = 1_000_000
# Paragraphs, runs and table cells in the document body at most: python-docx spends 5–30 µs on each
# (an empty paragraph or a table cell the most), so this keeps the slowest file near 1 s; a 100-page
# document has about 3,000 paragraphs of a few runs each, 10,000–20,000 in all.
MAX_CONTENT_ELEMENTS = 40_000

# What the reader says when it refuses a file (callers and tests use these, formatted with the values).
OLD_WORD = "无法读取“{name}”：旧版 Word（.doc）格式不受支持，请在 Word 中另存为 .docx 后再上传。"
UNSUPPORTED_TYPE = "无法读取“{name}”：不支持的文件类型 {suffix}，请上传 .docx、.txt 或 .md 文件。"
NO_SUFFIX = "（无扩展名）"
FILE_TOO_BIG = ("无法读取“{name}”：文件有{size}，超过了草案文件最多{limit}的上限。"
                "请删除文件中的图片等嵌入内容后再上传，或将正文粘贴到“文件正文”中。")
NO_TEXT = "“{name}”中没有文字内容。"
TEXT_TOO_LONG = ("无法读取“{name}”：正文超过了草案最多{limit:,}字的上限（规范性文件草案通常远短于此）。"
                 "请检查上传的是否为草案文件；附件、说明等材料请不要并入正文。")
UTF16_UNREADABLE = "无法读取“{name}”：文件编码无法识别。"
NOT_TEXT = "无法读取“{name}”：这不是文本文件（含有二进制内容）。"
ENCODING_UNKNOWN = "无法读取“{name}”：文件编码无法识别，请另存为 UTF-8 编码的文本。"
BROKEN = "无法读取“{name}”：文件已损坏或不是有效的 Word（.docx）文件。"
TOO_COMPLEX = ("无法读取“{name}”：Word 文件的{what}有{count:,}个，超过了{limit:,}个的上限，"
               "通常是大量空段落、空表格或重复内容所致。请在 Word 中删除这些内容后另存再上传，"
               "或将正文粘贴到“文件正文”中。")
XML_TAGS = "XML 标记"  # what TOO_COMPLEX counts
CONTENT_ELEMENTS = "段落、文字块和表格单元格"
UNZIPPED_TOO_BIG = ("无法读取“{name}”：Word 文件解压后有{size}，超过了草案文件解压后最多{limit}的上限。"
                    "请删除文件中的图片等嵌入内容后另存再上传，或将正文粘贴到“文件正文”中。")
UNPARSABLE = "无法读取“{name}”：Word 文件内容无法解析。"


def read_draft(data: bytes, filename: str, *, max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
               max_text_chars: int = MAX_TEXT_CHARS) -> str:
    """The plain text of a draft; paragraphs (and table rows of a .docx) one per line."""
    suffix = PurePath(filename).suffix.lower()
    name = PurePath(filename).name
    if suffix == ".doc":
        raise DraftError(OLD_WORD.format(name=name))
    if suffix != WORD_SUFFIX and suffix not in TEXT_SUFFIXES:
        raise DraftError(UNSUPPORTED_TYPE.format(name=name, suffix=suffix or NO_SUFFIX))
    if len(data) > max_unzipped_bytes:
        raise DraftError(FILE_TOO_BIG.format(name=name, size=_mb(len(data)), limit=_mb(max_unzipped_bytes)))
    if suffix == WORD_SUFFIX:
        text = _read_docx(data, name, max_unzipped_bytes, max_text_chars)
    else:
        text = _read_text(data, name)
    if len(text) > max_text_chars:
        raise _too_long(name, max_text_chars)
    if not text.strip():
        raise DraftError(NO_TEXT.format(name=name))
    return text


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.1f}MB"


def _too_long(name: str, max_text_chars: int) -> DraftError:
    return DraftError(TEXT_TOO_LONG.format(name=name, limit=max_text_chars))


def _read_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode" is UTF-16 with a BOM; the BOM alone tells the byte order.
        try:
            return _normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise DraftError(UTF16_UNREADABLE.format(name=name)) from exc
    if b"\x00" in data:
        raise DraftError(NOT_TEXT.format(name=name))
    for encoding in TEXT_ENCODINGS:
        try:
            return _normalise_newlines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise DraftError(ENCODING_UNKNOWN.format(name=name))


def _broken(name: str) -> DraftError:
    return DraftError(BROKEN.format(name=name))


def _too_complex(name: str, count: int, limit: int, what: str) -> DraftError:
    return DraftError(TOO_COMPLEX.format(name=name, what=what, count=count, limit=limit))


def _check_package(data: bytes, name: str, max_unzipped_bytes: int) -> None:
    """The zip's declared sizes within the cap, and its XML parts' tags within MAX_XML_TAGS."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            unzipped = sum(entry.file_size for entry in entries)
            if unzipped > max_unzipped_bytes:
                raise DraftError(UNZIPPED_TOO_BIG.format(name=name, size=_mb(unzipped), limit=_mb(max_unzipped_bytes)))
            tags = 0
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")):
                    # read() stops at the declared size (a lying header fails its CRC check), so this
                    # decompresses at most max_unzipped_bytes in all.
                    tags += archive.read(entry).count(b"<")
                    if tags > MAX_XML_TAGS:
                        raise _too_complex(name, tags, MAX_XML_TAGS, XML_TAGS)
    except DraftError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, ValueError, NotImplementedError) as exc:
        raise _broken(name) from exc


def _read_docx(data: bytes, name: str, max_unzipped_bytes: int, max_text_chars: int) -> str:
    _check_package(data, name, max_unzipped_bytes)
    import docx  # imported here: reading .txt drafts (and every CLI start) should not pay for lxml
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _broken(name) from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError for a damaged part
        raise DraftError(UNPARSABLE.format(name=name)) from exc
    body = document.element.body
    # Separate counts: an XPath union sorts its nodes, quadratic on a large body.
    elements = sum(int(body.xpath(f"count(.//w:{tag})")) for tag in ("p", "r", "tc"))
    if elements > MAX_CONTENT_ELEMENTS:
        raise _too_complex(name, elements, MAX_CONTENT_ELEMENTS, CONTENT_ELEMENTS)
    lines: list[str] = []
    length = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text.strip() for cell in row.cells))
                length += len(lines[-1]) + 1
        else:
            lines.append(block.text)
            length += len(lines[-1]) + 1
        if length > max_text_chars + 1:  # stop reading: the whole text would be refused anyway
            raise _too_long(name, max_text_chars)
    return _normalise_newlines("\n".join(lines))


def _normalise_newlines(text: str) -> str:
    # A soft line break inside a Word paragraph arrives as "\n" already; "\r" would shift no offsets
    # the page sees because the page shows this returned text, so it is safe to normalise here.
    return text.replace("\r\n", "\n").replace("\r", "\n")

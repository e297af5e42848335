"""Drafts built to exhaust the reader (audit, issue 16): each is refused at once, with a message naming the cap."""

import io
import re
import struct
import time
import zipfile

import docx
import pytest

from fazhi.core.tests.messages import message_pattern
from fazhi.legality_checker.engine import DraftError, read_draft
from fazhi.legality_checker.engine.reader import (
    BROKEN,
    CONTENT_ELEMENTS,
    FILE_TOO_BIG,
    MAX_CONTENT_ELEMENTS,
    MAX_TEXT_CHARS,
    MAX_UNZIPPED_BYTES,
    MAX_XML_TAGS,
    TEXT_TOO_LONG,
    TOO_COMPLEX,
    UNZIPPED_TOO_BIG,
    XML_TAGS,
)


def docx_with_body(body_xml: bytes, repeat: int) -> bytes:
    """A real .docx (python-docx's template) whose body begins with `body_xml` repeated."""
    document = docx.Document()
    document.add_paragraph("第一条 为了规范管理，制定本办法。")
    template = io.BytesIO()
    document.save(template)
    source = zipfile.ZipFile(template)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename == "word/document.xml":
                part = part.replace(b"<w:body>", b"<w:body>" + body_xml * repeat)
            archive.writestr(entry.filename, part)
    return out.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size rewritten to `size` in its local and central headers."""
    out = bytearray(data)
    for signature, name_length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, start + name_length_at)[0]
            if bytes(out[start + name_at:start + name_at + length]) == member.encode():
                struct.pack_into("<I", out, start + size_at, size)
            start += 4
    return bytes(out)


PARAGRAPH = "<w:p><w:r><w:t>第一条 为了规范行政执法行为，制定本办法。</w:t></w:r></w:p>".encode()


def test_the_audits_62_kb_docx_that_unzips_to_21_mb_is_refused_at_once():
    # Before: 14.5 s of python-docx, then 3.5 million lines of text.
    data = docx_with_body(b"<w:p/>", 3_500_000)
    assert len(data) < 70_000
    started = time.monotonic()
    refusal = message_pattern(UNZIPPED_TOO_BIG, name="草案.docx", size=re.compile(r"20\.\dMB"), limit="20.0MB")
    with pytest.raises(DraftError, match=refusal):
        read_draft(data, "草案.docx")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(("body", "repeat"), [
    (b"<w:p/>", 50_000),  # empty paragraphs, 300 kB: well within the size cap
    (b"<w:tbl><w:tr>" + b"<w:tc><w:p/></w:tc>" * 50 + b"</w:tr></w:tbl>", 500),  # empty table cells
])
def test_many_paragraphs_or_cells_within_the_size_cap_are_refused_before_they_are_walked(body, repeat):
    data = docx_with_body(body, repeat)
    started = time.monotonic()
    refusal = message_pattern(TOO_COMPLEX, name="草案.docx", what=CONTENT_ELEMENTS, limit=MAX_CONTENT_ELEMENTS)
    with pytest.raises(DraftError, match=refusal):
        read_draft(data, "草案.docx")
    assert time.monotonic() - started < 1


def test_a_docx_of_millions_of_tags_is_refused_before_it_is_parsed():
    run = b'<w:r><w:rPr><w:b/><w:sz w:val="24"/></w:rPr><w:t>\xe5\x9b\xbd</w:t></w:r>'
    data = docx_with_body(b"<w:p>" + run * 2000 + b"</w:p>", 150)  # 17 MB unzipped, 2.1 million tags
    assert MAX_XML_TAGS == 1_000_000
    refusal = message_pattern(TOO_COMPLEX, name="草案.docx", what=XML_TAGS, limit=MAX_XML_TAGS)
    with pytest.raises(DraftError, match=refusal):
        read_draft(data, "草案.docx")


def test_text_over_the_cap_is_refused_and_the_cap_itself_is_allowed():
    data = docx_with_body(PARAGRAPH, 9)  # 9 paragraphs of 21 characters and the template's of 17, with line ends
    with pytest.raises(DraftError, match=message_pattern(TEXT_TOO_LONG, name="草案.docx", limit=214)):
        read_draft(data, "草案.docx", max_text_chars=214)
    assert len(read_draft(data, "草案.docx", max_text_chars=215)) == 215
    text = "第一条 本办法自印发之日起施行。" * 10
    with pytest.raises(DraftError, match=message_pattern(TEXT_TOO_LONG, name="草案.txt", limit=159)):
        read_draft(text.encode(), "草案.txt", max_text_chars=len(text) - 1)
    assert read_draft(text.encode(), "草案.txt", max_text_chars=len(text)) == text


def test_the_default_caps_allow_a_long_regulation():
    assert MAX_TEXT_CHARS >= 150_000 and MAX_UNZIPPED_BYTES >= 10 << 20
    data = docx_with_body(PARAGRAPH, 3000)  # 3,000 articles: the length of a long code
    assert len(read_draft(data, "草案.docx").splitlines()) == 3001


def test_a_file_bigger_than_the_cap_is_refused_unread():
    with pytest.raises(DraftError, match=message_pattern(FILE_TOO_BIG, name="草案.txt", size="1.0MB", limit="0.5MB")):
        read_draft(b"a" * (1 << 20), "草案.txt", max_unzipped_bytes=1 << 19)


def test_the_unzipped_cap_is_an_argument():
    data = docx_with_body(PARAGRAPH, 2000)
    with pytest.raises(DraftError, match=message_pattern(UNZIPPED_TOO_BIG, name="草案.docx", limit="0.1MB")):
        read_draft(data, "草案.docx", max_unzipped_bytes=100_000)


def test_a_zip_header_that_understates_a_size_makes_the_docx_unreadable_not_big():
    # The size check trusts the declared sizes because Python's zip reader stops at them.
    data = declare_size(docx_with_body(b"<w:p/>", 3_500_000), "word/document.xml", 2000)
    with pytest.raises(DraftError, match=message_pattern(BROKEN, name="草案.docx")):
        read_draft(data, "草案.docx")

"""Word documents drafted from records (a defence, a reply letter): the layout of Party and government documents
(GB/T 9704-2012) as far as a draft needs it — A4, margins top 37 mm and left 28 mm (text block 156 × 225 mm), the title
in 2号 小标宋, the body in 3号 仿宋 with 28 pt line pitch, first-line indent of two characters, the signature and
date at the end. A person edits and signs the draft; nothing here is sent anywhere.

python-docx has no East Asian font setting: each run's rFonts gets w:eastAsia (docs: ../shared/STACK.md).
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# GB/T 9704-2012 5.2.1 / 5.2.2: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, LEFT, TEXT_WIDTH, TEXT_HEIGHT = Mm(37), Mm(28), Mm(156), Mm(225)
# 2号 = 22 pt (title), 3号 = 16 pt (body); 22 lines of 28 characters on the text block: a line pitch of about 28 pt.
TITLE_SIZE, BODY_SIZE, LINE_PITCH = Pt(22), Pt(16), Pt(28)
TITLE_FONT, BODY_FONT, HEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"


def _font(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for theme in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(theme), None)


class OfficialDocument:
    """A draft in the official layout: `title`, then `heading` / `paragraph` / `line` in order, `signature` last."""

    def __init__(self):
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.left_margin = TOP, LEFT
        section.right_margin = PAGE_WIDTH - LEFT - TEXT_WIDTH
        section.bottom_margin = PAGE_HEIGHT - TOP - TEXT_HEIGHT

    def _paragraph(self, text: str, font: str, size, align=None, indent: bool = False):
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = LINE_PITCH
        paragraph.paragraph_format.space_after = Pt(0)
        if indent:
            paragraph.paragraph_format.first_line_indent = size * 2
        if align is not None:
            paragraph.alignment = align
        _font(paragraph.add_run(text), font, size)
        return paragraph

    def title(self, text: str) -> None:
        self._paragraph(text, TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
        self._paragraph("", BODY_FONT, BODY_SIZE)

    def heading(self, text: str) -> None:
        """一、…: 黑体 (GB/T 9704 7.3.3: 第一层 黑体)."""
        self._paragraph(text, HEADING_FONT, BODY_SIZE, indent=True)

    def paragraph(self, text: str) -> None:
        self._paragraph(text, BODY_FONT, BODY_SIZE, indent=True)

    def line(self, text: str) -> None:
        """A line without indent (an addressee, a party)."""
        self._paragraph(text, BODY_FONT, BODY_SIZE)

    def signature(self, signer: str, date_text: str) -> None:
        self._paragraph("", BODY_FONT, BODY_SIZE)
        for text in (signer, date_text):
            self._paragraph(text, BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(document: OfficialDocument, filename: str):
    """The draft as a download."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    return HttpResponse(document.to_bytes(), content_type=DOCX_CONTENT_TYPE,
                        headers={"Content-Disposition": content_disposition_header(True, filename)})

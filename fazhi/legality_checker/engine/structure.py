"""Split a draft into 条 (articles), 款 (paragraphs), 项 (items) and the sentences the rules read."""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .numerals import parse_number

# 第X条 at the start of a line (Markdown may put #, * or a list dash before it), or right after a
# full stop when a plain-text draft runs several articles on one line; the label must be followed by
# a space or the text, never by 规定/的 (that is a reference such as "第五条规定的").
_ARTICLE = re.compile(
    r"(?:^|(?<=[。；]))[ \t\u3000#*>\-]*(?P<label>第(?P<num>[〇零一二两三四五六七八九十百千\d]+)条)(?![规的之中所款项])"
    r"[ \t\u3000*:：]*",
    re.MULTILINE,
)
# 第一章 总则 / 第二节 … headings end the article before them and belong to no article.
_HEADING = re.compile(r"^[ \t\u3000#*]*第[〇零一二两三四五六七八九十百千\d]+[章节编][^\n]*$", re.MULTILINE)
# Items: （一）/(一)/一、 and 1./1、/（1）/①, at the start of a line or right after "：" or "；".
ITEM_MARKER = re.compile(
    r"(?:^|(?<=[：:；;]))[ \t\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|"
    r"\d+[.．、](?!\d)|[（(]\d+[）)]|[①-⑳])",
    re.MULTILINE,
)
# A sentence ends at 。；！？ (full or half width) or at a line break; the checker reads one at a time.
_SENTENCE_END = re.compile(r"[。；;！!？?]|\n")


@dataclass(frozen=True)
class Span:
    """A stretch of the draft: its text and its character offsets [start, end) in the whole draft."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One 条 (label "第五条"), or the preamble before the first article (label None)."""

    label: str | None
    text: str
    start: int
    end: int

    @property
    def number(self) -> int | None:
        """5 for 第五条; None for the preamble."""
        return int(parse_number(self.label[1:-1])) if self.label else None

    @cached_property
    def paragraphs(self) -> list[Span]:
        """The 款: one per non-empty line of the article."""
        return [span for span in _lines(self.text, self.start)]

    @cached_property
    def items(self) -> list[Span]:
        """The 项: (一)(二)… or 1. 2. …, each up to the next item or the end of its paragraph."""
        found = []
        for paragraph in self.paragraphs:
            starts = [m.start() for m in ITEM_MARKER.finditer(paragraph.text)]
            for i, begin in enumerate(starts):
                stop = starts[i + 1] if i + 1 < len(starts) else len(paragraph.text)
                found.append(_strip(paragraph.text, begin, stop, paragraph.start))
        return found


def split_articles(text: str) -> list[Article]:
    """The draft's articles in order; text before the first 第X条 (title, preamble) is an article with label None."""
    cuts = [(m.start(), m.end(), m.group("label")) for m in _ARTICLE.finditer(text)]
    headings = [m.start() for m in _HEADING.finditer(text)]
    articles: list[Article] = []
    first = cuts[0][0] if cuts else len(text)
    if text[:first].strip():
        articles.append(_article(text, None, 0, first, headings))
    for i, (begin, _body, label) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        articles.append(_article(text, label, begin, stop, headings))
    return articles


def _article(text: str, label: str | None, begin: int, stop: int, headings: list[int]) -> Article:
    # A chapter heading between two articles ends the first one.
    for h in headings:
        if begin < h < stop and label is not None:
            stop = h
            break
    span = _strip(text[begin:stop], 0, stop - begin, begin)
    return Article(label=label, text=span.text, start=span.start, end=span.end)


def sentences(text: str) -> list[Span]:
    """Every non-empty sentence of the draft with its offsets; the ending mark stays with the sentence."""
    found = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        stop = m.end() if m.group() != "\n" else m.start()
        span = _strip(text, begin, stop, 0)
        if span.text:
            found.append(span)
        begin = m.end()
    span = _strip(text, begin, len(text), 0)
    if span.text:
        found.append(span)
    return found


class ArticleIndex:
    """Which article a character offset falls in, by binary search over the article starts."""

    def __init__(self, articles: list[Article]):
        self._articles = articles
        self._starts = [a.start for a in articles]

    def at(self, offset: int) -> Article | None:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        article = self._articles[i]
        return article if offset < max(article.end, article.start + 1) else None


def _lines(text: str, offset: int) -> list[Span]:
    found, begin = [], 0
    for line in text.split("\n"):
        span = _strip(text, begin, begin + len(line), offset)
        if span.text:
            found.append(span)
        begin += len(line) + 1
    return found


def _strip(text: str, begin: int, stop: int, offset: int) -> Span:
    """The part text[begin:stop] without surrounding white space, with offsets shifted by `offset`."""
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    return Span(text[begin:stop], begin + offset, stop + offset)

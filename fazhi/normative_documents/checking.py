"""The legality checker (fazhi.legality_checker, a pure engine built apart) as this app uses it.

The checker's findings are advice for the reviewer: they are shown beside the draft and kept
with the review for the record; the opinion is always the reviewer's. Until the engine is
installed in this checkout the page says so and reviews are recorded without findings.
"""

from dataclasses import dataclass

from fazhi.core.exceptions import FazhiError

# Rule codes of the checker, in the words the page shows.
RULE_LABELS = {
    "license": "设定行政许可",
    "penalty": "设定行政处罚",
    "coercive_measure": "设定行政强制措施",
    "fee": "设定收费",
    "fair_competition": "排除、限制公平竞争",
    "no_validity_period": "未规定有效期",
    "validity_too_long": "有效期过长",
}


class DraftUnreadable(FazhiError):
    """An uploaded draft the checker's reader could not turn into text."""


@dataclass(frozen=True)
class Segment:
    """A piece of the draft's text; `finding` is the index of the finding it belongs to, if any."""

    text: str
    finding: int | None = None


def run_checker(text: str) -> list[dict]:
    """The checker's findings on `text` as plain dicts (stored with the review)."""
    if not text.strip():
        return []
    from django.conf import settings

    from fazhi.core import clock
    from fazhi.legality_checker.engine import check

    limits = {"default": settings.FAZHI_NORMATIVE_VALIDITY_YEARS,
              "provisional": settings.FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS}
    findings = []
    for finding in check(text, today=clock.today(), validity_limits=limits):
        row = {**finding.as_dict(), "start": finding.start, "end": finding.end}
        row["rule_label"] = RULE_LABELS.get(row.get("rule", ""), row.get("rule", ""))
        findings.append(row)
    return findings


def market_cues(title: str, text: str) -> tuple[str, ...]:
    """The words showing a draft plainly concerns enterprises (a hint for the fair competition review); ()."""
    from fazhi.legality_checker.engine import market_cues as cues

    return cues(f"{title}\n{text}")


def read_uploaded_draft(data: bytes, filename: str) -> str:
    """The text of an uploaded .docx/.txt/.md draft, within the caps of the settings (FAZHI_DRAFT_*);
    DraftUnreadable with the reader's message, which names the file and the cap."""
    from django.conf import settings

    from fazhi.legality_checker.engine import read_draft

    try:
        return read_draft(data, filename, max_unzipped_bytes=settings.FAZHI_DRAFT_MAX_UNZIPPED_BYTES,
                          max_text_chars=settings.FAZHI_DRAFT_MAX_TEXT_CHARS)
    except ValueError as error:  # DraftError is a ValueError with a Chinese message naming the file and the cap
        raise DraftUnreadable(str(error)) from error


def highlight(text: str, findings: list[dict]) -> list[Segment]:
    """Split `text` into plain and highlighted segments by the findings' [start, end) offsets.

    Overlapping findings: the earlier one wins the overlap; offsets outside the text are clipped.
    """
    spans = []
    for index, finding in enumerate(findings):
        try:
            start, end = int(finding.get("start", 0)), int(finding.get("end", 0))
        except (TypeError, ValueError):
            continue
        start, end = max(0, start), min(len(text), end)
        if end > start:
            spans.append((start, end, index))
    spans.sort()
    segments, cursor = [], 0
    for start, end, index in spans:
        start = max(start, cursor)
        if end <= start:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], index))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments

"""Find the validity period a draft states and compare it with the limit for its kind."""

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .numerals import NUMBER, parse_number

# 国办发〔2018〕37号 asks every level to keep its normative documents under regular review (评估清理) and the
# provinces' rules on 行政规范性文件 give them a validity period; the figures most provinces adopt are
# "一般不超过5年" and, for a document named 暂行 or 试行, "不超过2年". Provinces differ, so check() takes
# overrides through `validity_limits`.
DEFAULT_VALIDITY_YEARS = 5
PROVISIONAL_VALIDITY_YEARS = 2


@dataclass(frozen=True)
class ValidityLimits:
    """The longest validity allowed, in years: for an ordinary document and for a 暂行/试行 one."""

    default_years: float = DEFAULT_VALIDITY_YEARS
    provisional_years: float = PROVISIONAL_VALIDITY_YEARS

    @classmethod
    def of(cls, value: "ValidityLimits | Mapping[str, float] | None") -> "ValidityLimits":
        """Accept the dataclass, None (defaults) or a mapping {"default": 5, "provisional": 2}."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        unknown = set(value) - {"default", "provisional"}
        if unknown:
            raise ValueError(f"validity_limits: unknown keys {sorted(unknown)}; use 'default' and 'provisional'")
        return cls(default_years=value.get("default", DEFAULT_VALIDITY_YEARS),
                   provisional_years=value.get("provisional", PROVISIONAL_VALIDITY_YEARS))


@dataclass(frozen=True)
class StatedValidity:
    """A validity statement: where it is, how long it runs (None for 长期有效) and how it was read."""

    start: int
    end: int
    years: float | None
    reading: str


_DATE = (r"(?P<{p}y>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年"
         r"\s*(?P<{p}m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月"
         r"(?:\s*(?P<{p}d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日|(?P<{p}eom>底|末))?")
_YEAR_END = r"(?P<{p}ye>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年(?:底|末)"
# "有效期至2030年。": a year alone ends on its last day.
_YEAR_ONLY = r"(?P<{p}yo>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年(?=\s*(?:止|废止|失效|[。，；,;）)\n]|$))"
END_DATE = f"(?:{_DATE.format(p='e')}|{_YEAR_END.format(p='e')}|{_YEAR_ONLY.format(p='e')})"
START_DATE = _DATE.format(p="s")
_SELF = r"本(?:办法|规定|细则|意见|通知|方案|决定|制度|规则|措施|政策|文件|标准|指引|若干措施)"
_DURATION = rf"(?P<n>{NUMBER})\s*(?P<unit>个月|年)"

# "有效期五年", "有效期为3年", "有效期限为两年", "有效期自2025年1月1日起3年": a duration right after 有效期
# (no 届满前 in between: "有效期届满前六个月" is about review, not the period).
_PERIOD_PATTERNS = [
    re.compile(rf"有效期(?:限)?\s*(?:为|是|：|:)?\s*(?:自[^，。；\n]{{1,24}}?起(?:计算)?\s*，?\s*)?{_DURATION}"),
    re.compile(rf"(?:试行期|暂行期|试行期限|施行期限|执行期限|实施期限)\s*(?:为|是|：|:)?\s*{_DURATION}"),
    re.compile(rf"{_SELF}[^。；\n]{{0,24}}?(?:施行|实施|执行|试行)(?:期)?\s*(?:为)?\s*{_DURATION}"),
    re.compile(rf"{_SELF}[^。；\n]{{0,24}}?{_DURATION}\s*(?:内有效|后(?:自动)?失效|后废止)"),
]
# "有效期至2030年12月31日", "…起施行，至2027年12月31日止", "2028年12月31日废止/失效".
_END_PATTERNS = [
    re.compile(rf"(?:有效期限?|有效时间|(?:执行|实施|施行|试行)期限?)\s*(?:为|是|：|:)?\s*(?:自|从)?\s*"
               rf"(?:(?:{START_DATE})\s*(?:起)?\s*(?:至|到|[—–\-~～])|(?:至|到|截至|截止(?:到|至)?))\s*{END_DATE}"),
    re.compile(rf"(?:至|到|截至|截止(?:到|至)?)\s*{END_DATE}\s*(?:止|废止|失效|有效)"),
    re.compile(rf"{END_DATE}\s*(?:前)?(?:自动)?(?:废止|失效)"),
]
_OPEN_ENDED = re.compile(r"长期有效|永久有效|无固定期限|不设有效期")
# The effective date: "自2025年1月1日起施行", or the day of issue ("自印发之日起施行") which is `today`.
_START = re.compile(rf"(?:自|从|于)\s*{START_DATE}\s*(?:起|开始)?\s*(?:施行|实施|执行|试行|生效)")
_START_ON_ISSUE = re.compile(r"自(?:印发|发布|公布|颁布|下发|签发)之日起")
_PROVISIONAL_TITLE = re.compile(r"暂行|试行")
_PROVISIONAL_TEXT = re.compile(
    rf"(?:暂行|试行)(?:办法|规定|细则|意见|方案|条例|规则|标准|措施)|试行期|暂行期|{_SELF}[^。；\n]{{0,24}}试行")


def is_provisional(title: str, masked_text: str) -> bool:
    """A 暂行/试行 document: its title or its own text says so (the titles of laws it cites are masked)."""
    return bool(_PROVISIONAL_TITLE.search(title) or _PROVISIONAL_TEXT.search(masked_text))


def stated_periods(masked_text: str, *, today: date) -> list[StatedValidity]:
    """Every validity statement found in the draft, with its length in years."""
    found: list[StatedValidity] = []
    for pattern in _PERIOD_PATTERNS:
        for m in pattern.finditer(masked_text):
            amount = parse_number(m.group("n"))
            if _inside_date(masked_text, m.start("n")) or (m.group("unit") == "年" and amount >= 100):
                continue  # a calendar year such as 2025年, not a number of years
            years = amount / 12 if m.group("unit") == "个月" else amount
            found.append(StatedValidity(m.start(), m.end(), years, m.group()))
    for pattern in _END_PATTERNS:
        for m in pattern.finditer(masked_text):
            end_day = _end_date(m)
            if end_day is None:
                continue
            start_day = (_make_date(m.group("sy"), m.group("sm"), m.group("sd") or "1") if "sy" in m.re.groupindex
                         and m.group("sy") else None) or _effective_date(masked_text, m.start(), today)
            found.append(StatedValidity(m.start(), m.end(), _years_between(start_day, end_day), m.group()))
    for m in _OPEN_ENDED.finditer(masked_text):
        found.append(StatedValidity(m.start(), m.end(), None, m.group()))
    found.sort(key=lambda v: v.start)
    return _drop_overlaps(found)


def _inside_date(text: str, at: int) -> bool:
    # "2025年" in "自2025年1月1日起施行": four digits before 年 are a year, not a duration.
    return at > 0 and (text[at - 1].isdigit() or text[at - 1] in "〇零○")


def _end_date(m: re.Match) -> date | None:
    if m.group("eye") or m.group("eyo"):
        return _make_date(m.group("eye") or m.group("eyo"), "12", "31")
    day = m.group("ed")
    if day is None:
        # "2030年12月底" or "2030年12月" without a day: the month's last day.
        year, month = int(parse_number(m.group("ey"))), int(parse_number(m.group("em")))
        if not 1 <= month <= 12:
            return None
        return date(year, month, calendar.monthrange(year, month)[1])
    return _make_date(m.group("ey"), m.group("em"), day)


def _effective_date(text: str, before: int, today: date) -> date:
    """The nearest stated effective date before (else after) the end date; the day of issue is `today`."""
    candidates = [(m.start(), m) for m in _START.finditer(text)]
    if candidates:
        preceding = [c for c in candidates if c[0] <= before]
        _at, m = preceding[-1] if preceding else candidates[0]
        day = _make_date(m.group("sy"), m.group("sm"), m.group("sd") or "1")
        if day is not None:
            return day
    return today


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(parse_number(year)), int(parse_number(month)), int(parse_number(day)))
    except ValueError:
        return None


def _years_between(start: date, end: date) -> float:
    """Whole years from start to end, plus the remaining days as a fraction of a year.

    A period that ends on the day before an anniversary is whole ("2025年1月1日起至2029年12月31日" is 5
    years), so the end day counts as part of the period.
    """
    last = end + timedelta(days=1)
    years = last.year - start.year
    anniversary = _add_years(start, years)
    if anniversary > last:
        years -= 1
        anniversary = _add_years(start, years)
    return years + (last - anniversary).days / 365.25


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _drop_overlaps(found: list[StatedValidity]) -> list[StatedValidity]:
    kept: list[StatedValidity] = []
    for v in found:
        if kept and v.start < kept[-1].end:
            continue
        kept.append(v)
    return kept

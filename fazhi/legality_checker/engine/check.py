"""check(): run every rule over a draft and return the findings in the order they appear."""

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .numerals import parse_number
from .rules import COERCIVE_MEASURE_RESIDENTS, DEPOSIT_CAPS, FEE, NO_VALIDITY_PERIOD, RULES, VALIDITY_TOO_LONG, Rule
from .structure import ITEM_MARKER, ArticleIndex, Span, sentences, split_articles
from .triggers import (
    DEPOSIT_SHARE,
    EVERYDAY_DOC,
    GOVERNING_NEGATOR,
    LAWFUL_STRONG,
    LAWFUL_WEAK,
    LIST_NEGATED,
    LIST_OF_CONDUCT,
    MISCONDUCT,
    NEGATOR_PATTERNS,
    RESIDENTIAL,
    TRIGGERS,
    Trigger,
)
from .validity import ValidityLimits, is_provisional, stated_periods

# Titles of laws and documents are masked; a certificate's name in 《》 (《…许可证》) is what a licence clause
# is about, so it stays readable.
_TITLE = re.compile(r"《(?![^》\n]{0,80}?(?:证|证书|执照|证明|许可|批复|凭证|名录|目录|名单)》)[^》\n]{0,80}》")
# The filler that replaces a title's inside, so "《食品经营许可管理办法》" triggers nothing; same length keeps offsets.
_MASK = "□"
_CLAUSE_BREAK = re.compile(r"[，,：:]")
_RULE_ORDER = {code: i for i, code in enumerate(RULES)}
_EVERYDAY = re.compile(EVERYDAY_DOC)

# The explanations built from a clause's figures (the others are the rules' own, in rules.py).
DEPOSIT_OVER_CAP = "{deposit}不得超过{base}的{cap}；该条款规定为{share}，超过了法定上限，请改为不超过{cap}。"
VALIDITY_OVER_LIMIT = "文件规定的有效期{stated}，超过{kind}有效期一般不超过{limit}年的要求，请缩短有效期。"
STATED_YEARS = "约{years}年"
NO_TERM_STATED = "未规定期限（长期有效）"
PROVISIONAL_KIND, ORDINARY_KIND = "暂行、试行文件", "行政规范性文件"


@dataclass(frozen=True)
class Finding:
    """One clause that oversteps one rule; start/end are character offsets of the clause in the checked text."""

    rule: str
    article: str | None
    text: str
    basis: str
    explanation: str
    start: int
    end: int

    def as_dict(self) -> dict:
        """The JSON shape of `fazhi review --json` and of the review page."""
        return {"rule": self.rule, "article": self.article, "text": self.text, "basis": self.basis,
                "explanation": self.explanation}


def check(text: str, *, today: date | None = None,
          validity_limits: ValidityLimits | Mapping[str, float] | None = None) -> list[Finding]:
    """The findings of every rule on the draft `text`, ordered by position (then by rule)."""
    limits = ValidityLimits.of(validity_limits)
    masked = _mask_titles(text)
    units = sentences(text)
    starts = [u.start for u in units]
    index = ArticleIndex(split_articles(text))
    # (rule, sentence number) -> the Rule whose basis the finding cites, in the order found.
    hits: dict[tuple[str, int], Rule] = {}
    for trigger in TRIGGERS:
        for m in trigger.pattern.finditer(masked):
            i = bisect_right(starts, m.start()) - 1
            if i < 0:
                continue
            # Cutting residents' supplies is its own finding (第四十三条第二款); it wins over another measure
            # of the same sentence, so the basis names what the clause does to residents.
            residents = trigger.supply_cut and RESIDENTIAL.search(masked[units[i].start:units[i].end]) is not None
            found = hits.get((trigger.rule, i))
            if found is not None and (found is COERCIVE_MEASURE_RESIDENTS or not residents):
                continue
            if _is_finding(trigger, m, units, i, text, masked, absolute=residents):
                hits[(trigger.rule, i)] = COERCIVE_MEASURE_RESIDENTS if residents else RULES[trigger.rule]
    findings = [_finding(rule, units[i], index) for (_, i), rule in hits.items()]
    findings += _deposit_cap_findings(masked, units, starts, index, hits)
    findings += _validity_findings(text, masked, units, starts, index, today or date.today(), limits)
    findings.sort(key=lambda f: (f.start, _RULE_ORDER[f.rule]))
    return findings


def _mask_titles(text: str) -> str:
    return _TITLE.sub(lambda m: "《" + _MASK * (len(m.group()) - 2) + "》", text)


def _is_finding(trigger: Trigger, m: re.Match, units: list[Span], i: int, text: str, masked: str, *,
                absolute: bool = False) -> bool:
    """Whether the trigger's match is a finding; `absolute`: no reference to a law can make it lawful."""
    unit = units[i]
    sentence = masked[unit.start:unit.end]
    original = text[unit.start:unit.end]
    at, stop = m.start() - unit.start, min(m.end(), unit.end) - unit.start
    clause_start = _clause_start(sentence, at)
    clause_end = _clause_end(sentence, stop)
    clause = sentence[clause_start:clause_end]
    before = sentence[clause_start:at]
    if trigger.requires and not trigger.requires.search(sentence):
        return False
    if trigger.excludes and trigger.excludes.search(sentence):
        return False
    if trigger.phrase_excludes and trigger.phrase_excludes.search(clause):
        return False
    if MISCONDUCT.search(sentence[max(0, at - 14):at]):
        return False
    if trigger.before_excludes and trigger.before_excludes.search(before):
        return False
    if trigger.rule == "license" and _EVERYDAY.search(m.group()):
        return False
    if trigger.negatable and _negated(trigger.rule, sentence, clause_start, at, before):
        return False
    if not absolute:
        clause_text = text[unit.start + clause_start:unit.start + clause_end]
        if LAWFUL_STRONG.search(original) or LAWFUL_WEAK.search(clause_text):
            return False
        # "依照《……法》第X条的规定，处…罚款；拒不改正的，责令停业整治。": a reference that opens a sentence also
        # covers the parts after its semicolons.
        if LAWFUL_STRONG.search(text[_full_sentence_start(text, unit.start):unit.start]):
            return False
    lead_in = _lead_in(units, i, at, text)
    if not lead_in:
        return True
    if LIST_NEGATED.search(lead_in):
        return False
    return absolute or not (LIST_OF_CONDUCT.search(lead_in) and LAWFUL_STRONG.search(lead_in))


def _negated(rule: str, sentence: str, clause_start: int, at: int, before: str) -> bool:
    if NEGATOR_PATTERNS[rule].search(before):
        return True
    # Earlier clauses of the sentence: only a negator that opens an unfinished verb phrase reaches across a comma,
    # and never across the end of a condition ("…的，") or a turn ("但…", "否则").
    head = sentence[:clause_start]
    for m in GOVERNING_NEGATOR.finditer(head):
        between = head[m.end():]
        if not re.search(r"的[，,]|但|否则|违者|违反", between):
            return True
    return False


def _lead_in(units: list[Span], i: int, at: int, text: str) -> str | None:
    """The words that introduce a list this trigger is an item of ("不得有下列行为：")."""
    unit = units[i]
    own = text[unit.start:unit.start + at]
    colon = max(own.rfind("："), own.rfind(":"))
    if colon >= 0:
        return own[:colon]
    if not ITEM_MARKER.match(unit.text):
        return None
    j = i - 1
    while j >= 0 and ITEM_MARKER.match(units[j].text) and not units[j].text.rstrip().endswith(("：", ":")):
        j -= 1
    if j >= 0 and units[j].text.rstrip().endswith(("：", ":")):
        return units[j].text
    return None


def _full_sentence_start(text: str, at: int) -> int:
    return max(text.rfind("。", 0, at), text.rfind("\n", 0, at), text.rfind("！", 0, at), text.rfind("？", 0, at)) + 1


def _clause_start(sentence: str, at: int) -> int:
    last = None
    for m in _CLAUSE_BREAK.finditer(sentence, 0, at):
        last = m
    return last.end() if last else 0


def _clause_end(sentence: str, stop: int) -> int:
    m = _CLAUSE_BREAK.search(sentence, stop)
    return m.start() if m else len(sentence)


_LEADING_LABEL = re.compile(r"^[ \t\u3000#*>\-]*第[〇零一二两三四五六七八九十百千\d]+条[ \t\u3000*:：]*")


def _finding(rule, unit: Span, index: ArticleIndex, explanation: str | None = None,
             basis: str | None = None) -> Finding:
    article = index.at(unit.start)
    label = _LEADING_LABEL.match(unit.text)
    if label and label.end() < len(unit.text):
        # The clause, not its article number: the page highlights the words that overstep.
        unit = Span(unit.text[label.end():], unit.start + label.end(), unit.end)
    return Finding(rule=rule.code, article=article.label if article else None, text=unit.text,
                   basis=basis or rule.basis, explanation=explanation or rule.explanation, start=unit.start,
                   end=unit.end)


def _deposit_cap_findings(masked: str, units: list[Span], starts: list[int], index: ArticleIndex,
                          hits: dict[tuple[str, int], Rule]) -> list[Finding]:
    """Tender deposits asked for above their statutory share (招标投标法实施条例 第二十六条、第五十八条)."""
    found = []
    for m in DEPOSIT_SHARE.finditer(masked):
        cap = DEPOSIT_CAPS[m.group("deposit")]
        share = parse_number(m.group("cn") or m.group("arabic"))
        i = bisect_right(starts, m.start()) - 1
        if share <= cap.percent + 1e-9 or i < 0 or (FEE.code, i) in hits:
            continue
        hits[(FEE.code, i)] = FEE
        why = DEPOSIT_OVER_CAP.format(deposit=cap.deposit, base=cap.base, cap=_percent(cap.percent),
                                      share=_percent(share))
        found.append(_finding(FEE, units[i], index, why, cap.basis))
    return found


def _percent(value: float) -> str:
    return f"{int(value)}%" if abs(value - round(value)) < 1e-9 else f"{value:g}%"


def _validity_findings(text: str, masked: str, units: list[Span], starts: list[int], index: ArticleIndex,
                       today: date, limits: ValidityLimits) -> list[Finding]:
    title = _title(text)
    provisional = is_provisional(title, masked)
    limit = limits.provisional_years if provisional else limits.default_years
    kind = PROVISIONAL_KIND if provisional else ORDINARY_KIND
    statements = [v for v in stated_periods(masked, today=today)
                  if _about_this_document(v.start, masked, units, starts)]
    if not statements:
        first = next((u for u in units), Span("", 0, 0))
        return [Finding(rule=NO_VALIDITY_PERIOD.code, article=None, text=first.text, basis=NO_VALIDITY_PERIOD.basis,
                        explanation=NO_VALIDITY_PERIOD.explanation, start=first.start, end=first.end)]
    found = []
    for v in statements:
        if v.years is not None and v.years <= limit + 1e-9:
            continue
        unit = units[bisect_right(starts, v.start) - 1]
        stated = NO_TERM_STATED if v.years is None else STATED_YEARS.format(years=_years_text(v.years))
        why = VALIDITY_OVER_LIMIT.format(stated=stated, kind=kind, limit=_years_text(limit))
        found.append(_finding(VALIDITY_TOO_LONG, unit, index, why))
    return found


def _about_this_document(at: int, masked: str, units: list[Span], starts: list[int]) -> bool:
    """A period stated for the draft itself, not the validity of a licence or certificate it mentions."""
    unit = units[bisect_right(starts, at) - 1]
    sentence = masked[unit.start:unit.end]
    if re.search(r"本(?:办法|规定|细则|意见|通知|方案|决定|制度|规则|措施|政策|文件|标准|指引)", sentence):
        return True
    # An article or line that opens with 有效期, or any statement in the draft's closing part.
    if re.match(r"^(?:第[^条]{1,6}条)?[\s\u3000]*(?:有效期|试行期|施行期)", unit.text):
        return not re.search(r"证|证书|证明|执照|许可|资格|资质", sentence)
    return at >= len(masked) * 0.8 and not re.search(r"证|证书|证明|执照|许可|资格|资质", sentence)


def _title(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def _years_text(years: float) -> str:
    return str(int(years)) if abs(years - round(years)) < 0.05 else f"{years:.1f}"

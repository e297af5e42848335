"""Score the checker against the labelled corpus: load drafts, strip their markers, count matches.

A draft in tests/corpus/<part>/ marks each clause that must be found with {{rule}} inside the clause
("…处以五千元罚款{{penalty}}。"); a draft with no validity period carries {{no_validity_period}} anywhere.
Every other clause must stay quiet. Pure Python, shared by the tests and bench/review.py.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fazhi.legality_checker.engine import RULES, Finding, check, split_articles
from fazhi.legality_checker.engine.structure import ArticleIndex, sentences

CORPUS = Path(__file__).resolve().parent / "tests" / "corpus"
PARTS = ("dev", "heldout", "blind")
_MARKER = re.compile(r"\{\{(\w+)\}\}")
# Drafts that begin "自印发之日起施行" are read as issued on this day, so the measures never depend on the clock.
CORPUS_TODAY = date(2025, 1, 1)
DOCUMENT_RULES = {"no_validity_period"}


@dataclass(frozen=True)
class Label:
    """An expected finding: its rule, the offset of its marker in the stripped text, and its article."""

    rule: str
    at: int
    article: str | None


@dataclass(frozen=True)
class LabelledDraft:
    name: str
    text: str
    labels: tuple[Label, ...]


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, overall and per rule."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)  # readable lines for every FP and FN

    def precision(self, rule: str | None = None) -> float:
        tp, fp = self._get(self.tp, rule), self._get(self.fp, rule)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, rule: str | None = None) -> float:
        tp, fn = self._get(self.tp, rule), self._get(self.fn, rule)
        return tp / (tp + fn) if tp + fn else 1.0

    @staticmethod
    def _get(counter: Counter, rule: str | None) -> int:
        return counter[rule] if rule else sum(counter.values())


def parse_labelled(name: str, marked: str) -> LabelledDraft:
    """Strip the {{rule}} markers from a draft and remember where each stood."""
    pieces, positions, cursor, removed = [], [], 0, 0
    for m in _MARKER.finditer(marked):
        if m.group(1) not in RULES:
            raise ValueError(f"{name}: unknown rule {m.group(1)!r} in a marker")
        pieces.append(marked[cursor:m.start()])
        positions.append((m.group(1), m.start() - removed))
        removed += len(m.group())
        cursor = m.end()
    pieces.append(marked[cursor:])
    text = "".join(pieces)
    index = ArticleIndex(split_articles(text))
    units = sentences(text)
    labels, seen = [], set()
    for rule, at in positions:
        # A finding is one rule in one clause: two markers of a rule in one clause ("处罚款{{penalty}}，并吊销
        # 执照{{penalty}}") expect one finding.
        unit = next((i for i, u in enumerate(units) if u.start <= at <= u.end), at)
        if rule in DOCUMENT_RULES:
            unit = -1
        if (rule, unit) in seen:
            continue
        seen.add((rule, unit))
        article = index.at(max(at - 1, 0))
        labels.append(Label(rule, at, None if rule in DOCUMENT_RULES or article is None else article.label))
    return LabelledDraft(name, text, tuple(labels))


def load_corpus(*parts: str) -> list[LabelledDraft]:
    """The labelled drafts of the given parts (default: all), sorted by part and name."""
    drafts = []
    for part in parts or PARTS:
        for path in sorted((CORPUS / part).iterdir()):
            if path.suffix in (".txt", ".md"):
                drafts.append(parse_labelled(f"{part}/{path.name}", path.read_text(encoding="utf-8")))
    return drafts


def matches(finding: Finding, label: Label) -> bool:
    """A finding answers a label when the rule agrees and the marker lies in the flagged clause."""
    if finding.rule != label.rule:
        return False
    return label.rule in DOCUMENT_RULES or finding.start <= label.at <= finding.end


def score(drafts: list[LabelledDraft], result: Score | None = None) -> Score:
    """Check every draft and count matches one to one."""
    result = result or Score()
    for draft in drafts:
        findings = check(draft.text, today=CORPUS_TODAY)
        open_labels = list(draft.labels)
        for finding in findings:
            hit = next((label for label in open_labels if matches(finding, label)), None)
            if hit:
                open_labels.remove(hit)
                result.tp[finding.rule] += 1
            else:
                result.fp[finding.rule] += 1
                result.misses.append(f"FP {draft.name} {finding.article} {finding.rule}: {finding.text}")
        for label in open_labels:
            result.fn[label.rule] += 1
            line = _line_at(draft.text, label.at)
            result.misses.append(f"FN {draft.name} {label.article} {label.rule}: {line}")
    return result


def _line_at(text: str, at: int) -> str:
    begin = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[begin:end if end >= 0 else len(text)].strip()

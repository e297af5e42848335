"""The legality pre-review of a draft 行政规范性文件: pure Python, no Django import.

read_draft() turns an upload into text, split_articles() finds its 条/款/项, check() applies RULES and
returns Findings whose offsets let a page highlight each clause; market_cues() says whether a draft plainly concerns
enterprises (the hint for a 公平竞争审查). docs/legality-checker.md explains the method.
"""

from .check import Finding, check
from .errors import DraftError
from .market import market_cues
from .reader import read_draft
from .rules import RULES, Rule
from .structure import Article, Span, split_articles
from .validity import DEFAULT_VALIDITY_YEARS, PROVISIONAL_VALIDITY_YEARS, ValidityLimits

__all__ = ["DEFAULT_VALIDITY_YEARS", "PROVISIONAL_VALIDITY_YEARS", "RULES", "Article", "DraftError", "Finding", "Rule",
           "Span", "ValidityLimits", "check", "market_cues", "read_draft", "split_articles"]

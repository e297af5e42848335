"""Chinese and Arabic numerals as drafts write them: 五、十二、两、二〇三〇、3、２０３０."""

import re

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
# One pattern for "a number" in the other modules' regular expressions.
NUMBER = r"(?:\d+(?:\.\d+)?|[〇零○一二两三四五六七八九十百千]+)"
_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def parse_number(word: str) -> float:
    """The value of "5", "五", "十二", "二十", "两", "二〇三〇" (digit by digit when there is no unit)."""
    if _ARABIC.fullmatch(word):
        return float(word)
    if not any(ch in UNITS for ch in word):
        value = 0
        for ch in word:
            value = value * 10 + DIGITS[ch]
        return float(value)
    total, digit = 0, 0
    for ch in word:
        if ch in UNITS:
            total += (digit or 1) * UNITS[ch]
            digit = 0
        else:
            digit = DIGITS[ch]
    return float(total + digit)

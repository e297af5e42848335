"""Personal data out of published decisions (执法决定公示). No Django import.

国办发〔2018〕118号 二 asks for personal privacy in published decisions to be handled
appropriately (作适当处理后公开); ID numbers are sensitive personal information (个人信息保护法
第二十八条, GB/T 35273-2020 附录B). So a natural person's name is shown as surname + 某, and ID
and phone numbers are removed. An entity keeps its registered name and
its 统一社会信用代码: those are public under 企业信息公示暂行条例 第六条.
"""

import re
from collections.abc import Iterable

# Two-character surnames (复姓) that occur today; anything else takes its first character.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐", "端木", "西门", "南宫", "独孤", "轩辕", "呼延", "百里", "东郭", "闻人", "澹台", "公冶", "太史",
    "申屠", "万俟", "钟离", "赫连", "拓跋", "第五", "淳于", "单于", "濮阳", "锺离",
})

ID_REMOVED = "（身份证号码已隐去）"
PHONE_REMOVED = "（电话号码已隐去）"
PSEUDONYM_SUFFIX = "某"

# GB 11643-1999: 18 characters, the 7th–14th the birth date; old 15-digit numbers too. The
# date must be plausible so that other long numbers (amounts, case numbers) are left alone;
# the check digit is not required, so a mistyped number is still removed.
_ID_18 = r"\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
_ID_15 = r"\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
ID_RE = re.compile(rf"(?<![0-9A-Za-z])(?:{_ID_18}|{_ID_15})(?![0-9A-Za-z])")
# Mainland mobiles (with or without +86, spaces or dashes in 3-4-4) and landlines 区号-号码.
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])")
LANDLINE_RE = re.compile(r"(?<![0-9])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-)\d{7,8}(?:-\d{1,6})?(?![0-9])")


def surname(name: str) -> str:
    name = (name or "").strip()
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2]
    return name[:1]


def pseudonym(name: str) -> str:
    """张三 → 张某; 欧阳明 → 欧阳某 (the usual form in published decisions)."""
    family = surname(name)
    return family + PSEUDONYM_SUFFIX if family else ""


def redact(text: str, *, person_names: Iterable[str] = (), id_numbers: Iterable[str] = (),
           keep: Iterable[str] = ()) -> str:
    """The text with the named persons pseudonymised and every ID and phone number removed.

    `id_numbers` are known ID numbers to remove even where the pattern would not see them;
    `keep` lists strings that must survive untouched (e.g. an entity's credit code, which an
    all-digit pattern could otherwise take for an ID number).
    """
    if not text:
        return ""
    for number in sorted({n.strip() for n in id_numbers if n and n.strip()}, key=len, reverse=True):
        text = re.sub(re.escape(number), ID_REMOVED, text, flags=re.IGNORECASE)
    protected: dict[str, str] = {}
    for index, item in enumerate(sorted({k for k in keep if k}, key=len, reverse=True)):
        token = f"\x00{index}\x00"
        protected[token] = item
        text = text.replace(item, token)
    for name in sorted({n.strip() for n in person_names if n and n.strip()}, key=len, reverse=True):
        text = text.replace(name, pseudonym(name))
    text = ID_RE.sub(ID_REMOVED, text)
    text = MOBILE_RE.sub(PHONE_REMOVED, text)
    text = LANDLINE_RE.sub(PHONE_REMOVED, text)
    for token, item in protected.items():
        text = text.replace(token, item)
    return text


def contains_personal_data(text: str, *, person_names: Iterable[str] = ()) -> list[str]:
    """What personal data remains in `text` (empty: none found) — the check before publishing."""
    found = [match.group(0) for pattern in (ID_RE, MOBILE_RE, LANDLINE_RE) for match in pattern.finditer(text or "")]
    found.extend(name for name in person_names if name and len(name) > 1 and name in (text or ""))
    return found

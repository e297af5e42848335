"""Personal data out of published decisions (执法决定公示). No Django import.

国办发〔2018〕118号 二(六) asks for personal privacy in published decisions to be handled
appropriately (作适当处理后公开). A person's ID number, 住址, phone number and e-mail address are
personal information (民法典 第一千零三十四条), not to be made public without the person's consent
(个人信息保护法 第二十五条); the ID number is sensitive (个人信息保护法 第二十八条, GB/T 35273-2020
附录B). So a natural person's name is shown as surname + 某, and ID numbers, phone numbers,
e-mail addresses and the addresses where natural persons live are removed. An entity keeps its
registered name, its 统一社会信用代码 and its registered address (住所 or 经营场所): those are
public under 企业信息公示暂行条例 (国务院令第777号修订) 第六条 and 市场主体登记管理条例 第八条.

Everything is looked for in a normalised view of the text (Unicode NFKC, so ２１０２８１ reads
210281 and ＠ reads @; for numbers, Chinese numerals read digit by digit and separators such as
spaces, line breaks, dashes and middle dots allowed between digits), and what is found is
removed from the original text, which otherwise stays as written: NFKC would also turn the
full-width punctuation of a Chinese decision (，：（）) into ASCII.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable

# Two-character surnames (复姓) that occur today; anything else takes its first character.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐", "端木", "西门", "南宫", "独孤", "轩辕", "呼延", "百里", "东郭", "闻人", "澹台", "公冶", "太史",
    "申屠", "万俟", "钟离", "赫连", "拓跋", "第五", "淳于", "单于", "濮阳", "锺离",
})

ID_REMOVED = "（身份证号码已隐去）"
PHONE_REMOVED = "（电话号码已隐去）"
EMAIL_REMOVED = "（电子邮箱已隐去）"
ADDRESS_REMOVED = "（住址已隐去）"
PSEUDONYM_SUFFIX = "某"

# --- the normalised view ---------------------------------------------------------------------

# A number read out digit by digit (电话：一三九…, 二一〇二八一…) is still the number.
_CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
# What people put between the digits of a number (after NFKC: 　→ space, －→ -, ．→ .):
# whitespace and line breaks, invisible characters, hyphens and dashes, dots and middle dots.
_SEPARATORS = (r"\s\u00ad\u180e\u200b-\u200d\u2060\ufeff"
               r"\-\u2010-\u2015\u2212\u30fc"
               r".\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb")
_S = f"[{_SEPARATORS}]*"


def _spaced(*atoms: str) -> str:
    """A pattern for the atoms in a row, any separators allowed between them."""
    return _S.join(atoms)


def _digit(char: str) -> str:
    if char in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[char]
    return str(unicodedata.decimal(char)) if char.isdecimal() else char


def _view(text: str, *, digits: bool = False) -> tuple[str, list[int]]:
    """`text` normalised char by char (NFKC; `digits`: all digits 0-9), and where each char comes from."""
    view: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = char if char.isascii() else unicodedata.normalize("NFKC", char)
        if digits and not normal.isascii():
            normal = "".join(_digit(c) for c in normal)
        view.append(normal)
        origin.extend([index] * len(normal))
    return "".join(view), origin


# A replacement: from which index of the view the match is replaced, and by what; None keeps it.
Replacement = Callable[[re.Match], tuple[int, str] | None]


def _replace(text: str, pattern: re.Pattern, replacement: str | Replacement, *, digits: bool = False) -> str:
    """`text` with each match of `pattern` in its normalised view replaced in the original."""
    view, origin = _view(text, digits=digits)
    pieces: list[str] = []
    done = 0
    for match in pattern.finditer(view):
        found = (match.start(), replacement) if isinstance(replacement, str) else replacement(match)
        if found is None or found[0] >= match.end():
            continue
        start, end = origin[found[0]], origin[match.end() - 1] + 1
        if start < done:  # inside a character the previous match already took
            continue
        pieces += [text[done:start], found[1]]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _found(text: str, pattern: re.Pattern, keep: Callable[[re.Match], bool] | None = None, *,
           digits: bool = False) -> list[str]:
    """The original text of each match of `pattern` in the normalised view of `text`."""
    view, origin = _view(text, digits=digits)
    return [text[origin[m.start()]:origin[m.end() - 1] + 1] for m in pattern.finditer(view)
            if m.end() > m.start() and (keep is None or keep(m))]


# --- numbers (matched in the view with digits) ------------------------------------------------

_D = "[0-9]"
_MONTH = f"(?:0{_S}[1-9]|1{_S}[0-2])"
_DAY = f"(?:0{_S}[1-9]|[12]{_S}[0-9]|3{_S}[01])"
# GB 11643-1999: 18 characters, the 7th–14th the birth date (18xx–20xx); old 15-digit numbers
# (birth date yymmdd) too. The date must be plausible so that other long numbers (amounts, case
# numbers) are left alone; the check character is not required, so a mistyped number is still removed.
_ID_18 = _spaced(*[_D] * 6, f"(?:1{_S}[89]|2{_S}0)", _D, _D, _MONTH, _DAY, *[_D] * 3, "[0-9Xx]")
_ID_15 = _spaced(*[_D] * 8, _MONTH, _DAY, *[_D] * 3)
ID_RE = re.compile(rf"(?<![0-9])(?:{_ID_18}|{_ID_15})(?![0-9])")
# Mainland mobiles, 11 digits from 13–19, with or without +86 / 0086 / (86), written in any grouping.
MOBILE_RE = re.compile(rf"(?<![0-9])(?:(?:(?:\+|00){_S})?8{_S}6{_S}|\({_S}\+?{_S}86{_S}\){_S})?"
                       rf"1{_S}[3-9](?:{_S}[0-9]){{9}}(?![0-9])")
# Landlines 区号 号码: an area code 0 + 2–3 digits set apart by brackets or a separator (so that
# dates such as 2022.03.01-2022.03.25 are not taken), 7–8 digits, an optional extension.
LANDLINE_RE = re.compile(rf"(?<![0-9])(?:\({_S}0[0-9]{{2,3}}{_S}\)|0[0-9]{{2,3}}[{_SEPARATORS}]+)"
                         rf"{_S}[0-9](?:{_S}[0-9]){{6,7}}(?:{_S}[-转]{_S}[0-9]{{1,6}})?(?![0-9])")

# --- e-mail addresses (matched in the NFKC view: ＠ reads @) -----------------------------------

_DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_DOT = r"\s*[.。]\s*"
# Also written with (at) or [at] to fool harvesters. Every e-mail address goes: a decision does
# not need one, and a mailbox such as zhangsan@ names a person even when a company pays for it.
EMAIL_RE = re.compile(rf"(?<![a-z0-9._%+-])[a-z0-9._%+-]+\s*(?:@|\(at\)|\[at\])\s*{_DOMAIN_LABEL}"
                      rf"(?:{_DOT}{_DOMAIN_LABEL})*{_DOT}[a-z]{{2,}}(?![a-z0-9-])", re.IGNORECASE)

# --- addresses of natural persons (matched in the NFKC view) ----------------------------------
#
# A "personal address" is where a natural person lives: the 住所 of 民法典 第二十五条 (户籍 or
# habitual residence), introduced by a label. Three kinds of label:
# - labels only ever said of a person's home: the address after them always goes;
# - labels shared with organisations (民法典 第六十三条: a legal person's 住所 is its main office;
#   a 地址 may be anyone's): the address goes only beside a natural person — when the decision's
#   party is a person (person_names given), or the sentence before the label speaks of one (性别,
#   男/女, 出生, 民族, 身份证, a pseudonym 张某);
# - words that also have other senses (住 in 住建局, 居住 in 居住条件, 户籍 in 户籍管理): only when
#   an address follows (省, 市, 区, 路, 村, 号 ...).
# A 市场主体's registered address and premises (注册地址, 经营场所 ...) are registration items that
# are public (企业信息公示暂行条例, 国务院令第777号修订, 第六条; 市场主体登记管理条例 第八条) and are kept.
PERSON_ADDRESS_LABELS = (
    "家庭住址", "家庭地址", "家庭住所", "身份证住址", "身份证地址", "户籍地址", "户籍所在地", "户口所在地",
    "户籍地", "经常居住地", "现居住地", "居住地址", "暂住地", "现住址", "住址", "家住", "现住",
)
SHARED_ADDRESS_LABELS = ("住所地", "住所", "通讯地址", "通信地址", "联系地址", "送达地址", "地址")
BUSINESS_ADDRESS_LABELS = (
    "生产经营场所", "生产经营地址", "注册地址", "经营地址", "经营场所", "营业场所", "营业地址", "办公地址",
    "办公场所", "单位地址", "企业住所", "公司住所",
)
RESIDENCE_WORDS = ("居住地", "居住在", "居住于", "现居于", "现居", "住在", "住于", "暂住", "户籍", "居住")

# 住 not about a home: 住所/住房/住宅/住建/住院/住户/住宿/住址/住手/住满/住了 ...
_NOT_HOME = "(?![所房宅建院户宿址手持满了着过处用进入到店证地])"
# 居住 and 户籍 in the words a decision uses about housing and registration, not about a home.
_NOT_RESIDENCE = {
    "居住": "(?!条件|环境|区域|人口|用地|用房|用途|功能|建筑|安全|权|期)",
    "户籍": "(?!管理|制度|登记|信息|证明|人口|迁移|警)",
}
# A bare 住 starts the clause or follows a person (张某住…, 男，住…), else a province or city must follow
# at once (李四住辽宁省…) and 住 must not end a verb (记住, 抓住, 留住; 居住 is a word of its own, above).
_PROVINCES = ("北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
              "广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾")
_BARE = (rf"(?:(?<=[\s,、;:(。.!?)某男女])|^)住{_NOT_HOME}"
         rf"|(?<![居记抓挡保站守忍止顶困围卡拦靠稳盯接握捂扣拴缠绊圈包按压堵封锁关罩遮憋撑留禁])住{_NOT_HOME}(?=[:\s]*(?:{_PROVINCES}|[\u4e00-\u9fff]{{2,5}}?(?:省|自治区|县|市(?![场民面容政]))))")
_ADDRESS_MARK = "省|自治区|市|区|县|旗|镇|乡|村|屯|街道|路|街|巷|弄|胡同|号|栋|幢|楼|单元|室|组|社区|小区|公寓|大厦"
# An address is written without spaces: after a residence word, a mark within 20 characters, or no address.
_PLACE = r"[^,。;!?、\s]"


def _labels(labels: tuple[str, ...]) -> str:
    return "|".join(re.escape(label) + (_NOT_HOME if label.endswith("住") else "") + _NOT_RESIDENCE.get(label, "")
                    for label in sorted(labels, key=len, reverse=True))


ADDRESS_RE = re.compile(
    rf"(?:(?P<business>{_labels(BUSINESS_ADDRESS_LABELS)})|(?P<shared>{_labels(SHARED_ADDRESS_LABELS)})"
    rf"|(?P<person>{_labels(PERSON_ADDRESS_LABELS)})"
    rf"|(?P<word>(?:{_labels(RESIDENCE_WORDS)}|{_BARE})(?=[\s:]*{_PLACE}{{0,20}}?(?:{_ADDRESS_MARK}))))"
    r"(?P<link>[\s:]*(?:在|于|为|是)?[\s:]*)"
    # The address: up to the end of the clause, brackets inside it included; not a word that
    # follows the label in other senses (住址的, 住址不详), nor what an earlier redaction left.
    r"(?P<body>(?![的之等和及与或不:\s在于为是])(?!已隐去)(?!\([^()]*已隐去\))(?:[^,。;!?\n\r()]|\([^()\n\r]*\))+)"
)
_ADDRESS_LIKE = re.compile(_ADDRESS_MARK)
# What, in the sentence before a shared label, shows that it speaks of a natural person.
PERSON_CONTEXT_RE = re.compile(
    r"性别|出生|民族|身份证|身份号码|公民身份|自然人|(?<![\u4e00-\u9fff])[男女](?![\u4e00-\u9fff])"
    r"|[\u4e00-\u9fff]族(?=[,、\s])|(?<!某)[\u4e00-\u9fff]{1,2}某(?![某\u4e00-\u9fff])"
)


def _is_personal_address(match: re.Match, *, person: bool) -> bool:
    if match.group("business") or not match.group("body").strip():
        return False
    if match.group("shared"):
        if ":" not in match.group("link") and not _ADDRESS_LIKE.search(match.group("body")):
            return False  # 住所地人民法院: not an address
        if not person:
            view = match.string
            sentence = max(view.rfind("。", 0, match.start()), view.rfind(";", 0, match.start())) + 1
            return PERSON_CONTEXT_RE.search(view[sentence:match.start()]) is not None
    return True


def _address_replacement(*, person: bool) -> Replacement:
    def replace(match: re.Match) -> tuple[int, str] | None:
        return (match.start("body"), ADDRESS_REMOVED) if _is_personal_address(match, person=person) else None
    return replace


# --- names -------------------------------------------------------------------------------------


def surname(name: str) -> str:
    name = (name or "").strip()
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2]
    return name[:1]


def pseudonym(name: str) -> str:
    """张三 → 张某; 欧阳明 → 欧阳某 (the usual form in published decisions)."""
    family = surname(name)
    return family + PSEUDONYM_SUFFIX if family else ""


def _written(value: str, between: str, flags: int = 0) -> re.Pattern:
    """`value` as it may be written: normalised, with `between` allowed between its characters."""
    return re.compile(between.join(re.escape(char) for char in unicodedata.normalize("NFKC", value)), flags)


def _names(values: Iterable[str]) -> list[str]:
    return sorted({v.strip() for v in values if v and v.strip()}, key=len, reverse=True)


# --- the two entry points ----------------------------------------------------------------------


def redact(text: str, *, person_names: Iterable[str] = (), id_numbers: Iterable[str] = (),
           keep: Iterable[str] = ()) -> str:
    """The text with the named persons pseudonymised and every ID number, phone number, e-mail
    address and natural person's address removed.

    `id_numbers` are known ID numbers to remove even where the pattern would not see them;
    `keep` lists strings that must survive untouched (e.g. an entity's credit code, which an
    all-digit pattern could otherwise take for an ID number). Given `person_names`, the decision
    is about a natural person, so a 住所 or 地址 in it is taken for theirs.
    """
    if not text:
        return ""
    names = _names(person_names)
    for number in _names(id_numbers):
        text = _replace(text, _written(number, _S, re.IGNORECASE), ID_REMOVED, digits=True)
    protected: dict[str, str] = {}
    for index, item in enumerate(sorted({k for k in keep if k}, key=len, reverse=True)):
        # Private-use characters: no pattern below takes them for digits, letters or punctuation.
        token = f"\ue000{chr(0xE100 + index)}\ue001"
        protected[token] = item
        text = _replace(text, _written(item, ""), token)
    for name in names:
        text = _replace(text, _written(name, r"\s*"), pseudonym(name))
    text = _replace(text, EMAIL_RE, EMAIL_REMOVED)  # before phones: 13912345678@qq.com
    text = _replace(text, ID_RE, ID_REMOVED, digits=True)
    text = _replace(text, MOBILE_RE, PHONE_REMOVED, digits=True)
    text = _replace(text, LANDLINE_RE, PHONE_REMOVED, digits=True)
    text = _replace(text, ADDRESS_RE, _address_replacement(person=bool(names)))
    for token, item in protected.items():
        text = text.replace(token, item)
    return text


def contains_personal_data(text: str, *, person_names: Iterable[str] = ()) -> list[str]:
    """What personal data remains in `text` (empty: none found) — the check before publishing."""
    text = text or ""
    names = _names(person_names)
    found = [item for pattern in (ID_RE, MOBILE_RE, LANDLINE_RE) for item in _found(text, pattern, digits=True)]
    found.extend(_found(text, EMAIL_RE))
    found.extend(_found(text, ADDRESS_RE, lambda m: _is_personal_address(m, person=bool(names))))
    found.extend(item for name in names if len(name) > 1 for item in _found(text, _written(name, r"\s*")))
    return found

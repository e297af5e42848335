"""Personal data out of published decisions (执法决定公示). No Django import.

国办发〔2018〕118号 二(六) asks for personal privacy in published decisions to be handled
appropriately (作适当处理后公开). A person's ID number, 住址, phone number and e-mail address are
personal information (民法典 第一千零三十四条), not to be made public without the person's consent
(个人信息保护法 第二十五条); the ID number and a bank card or account number (金融账户) are sensitive
(个人信息保护法 第二十八条, GB/T 35273-2020 附录B). So a natural person's name is shown as surname + 某,
and ID numbers, bank card and account numbers, phone numbers, e-mail addresses and the addresses
where natural persons live are removed. An entity keeps its
registered name, its 统一社会信用代码 and its registered address (住所 or 经营场所): those are
public under 企业信息公示暂行条例 (国务院令第777号修订) 第六条 and 市场主体登记管理条例 第八条.

Everything is looked for in a normalised view of the text (Unicode NFKC, so ２１０２８１ reads
210281 and ＠ reads @; for numbers, Chinese numerals read digit by digit and separators such as
spaces, line breaks, dashes, slashes and middle dots allowed between digits), and what is found is
removed from the original text, which otherwise stays as written: NFKC would also turn the
full-width punctuation of a Chinese decision (，：（）) into ASCII.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

# Two-character surnames (复姓) that occur today; anything else takes its first character.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐", "端木", "西门", "南宫", "独孤", "轩辕", "呼延", "百里", "东郭", "闻人", "澹台", "公冶", "太史",
    "申屠", "万俟", "钟离", "赫连", "拓跋", "第五", "淳于", "单于", "濮阳", "锺离",
})

ID_REMOVED = "（身份证号码已隐去）"
PHONE_REMOVED = "（电话号码已隐去）"
EMAIL_REMOVED = "（电子邮箱已隐去）"
ACCOUNT_REMOVED = "（银行账号已隐去）"
ADDRESS_REMOVED = "（住址已隐去）"
PSEUDONYM_SUFFIX = "某"

# --- the normalised view ---------------------------------------------------------------------

# A number read out digit by digit (电话：一三九…, 幺三九…, 二一〇二八一…) is still the number.
_CHINESE_DIGITS = dict(zip("〇零幺一二三四五六七八九", "001123456789", strict=True))
# What people put between the digits of a number (after NFKC: 　→ space, －→ -, ．→ ., ／→ /):
# whitespace and line breaks, invisible characters, hyphens and dashes, dots and middle dots,
# slashes and underscores.
_BLANK_SEPARATORS = r"\s\u00ad\u180e\u200b-\u200d\u2060\ufeff"
_DASH_SEPARATORS = r"\-\u2010-\u2015\u2212\u30fc"
_SEPARATORS = (_BLANK_SEPARATORS + _DASH_SEPARATORS
               + r".\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb/\u2044\u2215_")
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
# What is looked for: a pattern, or a function giving the (start, end, replacement) spans of the view.
Finder = re.Pattern | Callable[[str], Iterable[tuple[int, int, str]]]


def _spans(view: str, finder: Finder, replacement: str | Replacement) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) in the view for what `finder` finds there."""
    if not isinstance(finder, re.Pattern):
        yield from ((start, end, by) for start, end, by in finder(view) if end > start)
        return
    for match in finder.finditer(view):
        found = (match.start(), replacement) if isinstance(replacement, str) else replacement(match)
        if found is not None and found[0] < match.end():
            yield found[0], match.end(), found[1]


def _replace(text: str, finder: Finder, replacement: str | Replacement = "", *, digits: bool = False) -> str:
    """`text` with each match of `finder` in its normalised view replaced in the original."""
    view, origin = _view(text, digits=digits)
    pieces: list[str] = []
    done = 0
    for view_start, view_end, by in _spans(view, finder, replacement):
        start, end = origin[view_start], origin[view_end - 1] + 1
        if start < done:  # inside a character the previous match already took
            continue
        pieces += [text[done:start], by]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _found(text: str, finder: Finder, replacement: str | Replacement = "", *, digits: bool = False) -> list[str]:
    """The original text of what `_replace` would replace in `text`."""
    view, origin = _view(text, digits=digits)
    return [text[origin[start]:origin[end - 1] + 1] for start, end, _by in _spans(view, finder, replacement)]


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
# After 电话, 手机, 传真 … a landline is a phone number even where nothing else shows it: with its area
# code run on (041187654321: 0 and 10–11 digits) or without one (87654321: 7–8 digits, never from 0
# or 1). Service numbers (举报电话12315) are shorter and stay.
PHONE_LABEL_RE = re.compile(rf"(?:电话|手机|座机|传真|联系方式|(?<![a-z])(?i:tel|phone))(?:号码|号)?[\s:]*"
                            rf"(?P<number>0(?:{_S}[0-9]){{10,11}}|[2-9](?:{_S}[0-9]){{6,7}})(?![0-9])")


def _labelled_phone(match: re.Match) -> tuple[int, str]:
    return match.start("number"), PHONE_REMOVED


def _readings(pattern: re.Pattern, view: str) -> Iterator[re.Match]:
    """Each match of `pattern` in `view` from each place one starts, overlapping ones included."""
    position = 0
    while (match := pattern.search(view, position)) is not None:
        yield match
        position = match.start() + 1


def _id_and_phone_numbers(view: str) -> list[tuple[int, int, str]]:
    """ID, mobile and landline numbers in the view (with digits), as spans with what replaces them.

    With separators allowed between digits, numbers written side by side can be read more than one
    way: in 130000000 00 805818200101010003 an ID number can be read from the mobile's last two
    digits on, and in 13000000010 1100 002000… an old 15-digit one across both numbers. Taking one
    reading and going on after it left a piece of a number. So every reading from every place a
    number may start is taken, and where readings overlap all of their digits go; the longest
    reading says what was removed.
    """
    found = sorted((m.start(), m.end(), by) for pattern, by in ((ID_RE, ID_REMOVED), (MOBILE_RE, PHONE_REMOVED),
                                                                 (LANDLINE_RE, PHONE_REMOVED))
                   for m in _readings(pattern, view))
    merged: list[tuple[int, int, str, int]] = []  # start, end, replacement, length of the longest reading
    for start, end, by in found:
        if merged and start < merged[-1][1]:
            first, last, longest_by, longest = merged.pop()
            if end - start > longest:
                longest_by, longest = by, end - start
            merged.append((first, max(last, end), longest_by, longest))
        else:
            merged.append((start, end, by, end - start))
    return [(start, end, by) for start, end, by, _ in merged]


# --- bank card and account numbers (matched in the view with digits) ---------------------------
#
# A card number (银行卡号: 16–19 digits, the last a Luhn check digit, ISO/IEC 7812) or an account
# number is 金融账户 information, sensitive under 个人信息保护法 第二十八条. It goes whole, before the
# ID and phone patterns run: they would otherwise take a piece of it and leave the rest.
# - After a label (银行卡, 卡号, 账号, 开户行 …) any 12–25 digits go, however written: an account
#   number (账号) need not be a card's 16–19 digits, nor carry a check digit.
# - Without a label, 16–19 digits with a valid Luhn check digit, written as a card is: in one
#   piece, in groups of four (the last shorter), or 6 + the rest; with spaces or dashes between
#   the groups, and line breaks anywhere. Dates (2022.03.01-2022.03.25), amounts and case numbers
#   are not grouped so, and a date range such as 20220301-20220325 (8 + 8) is not either.
# Never a number right after 统一社会信用代码 or 注册号 (a public registration item, all digits in
# older codes), nor an unlabelled 18-digit number shaped as an ID number (it goes as one).
_CARD_LABEL_RE = re.compile(r"(?:银行卡|卡号|[账帐]号|[账帐]户|开户行|开户银行)[^。;!?\n]{0,30}$")
_REGISTRATION_LABEL_RE = re.compile(r"(?:信用代码|注册号|识别号|税号|机构代码)(?:为|是)?[\s:()]*$")
_NUMBER_RUN_RE = re.compile(rf"[0-9](?:[{_SEPARATORS}]*[0-9])*")
_CHUNK_RE = re.compile(r"[0-9]+")
_CARD_GAP_RE = re.compile(rf"[{_BLANK_SEPARATORS}{_DASH_SEPARATORS}]+")
_LINE_BREAK_RE = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")


def luhn_valid(digits: str) -> bool:
    """Whether the last digit is the Luhn (mod 10) check digit of the others (ISO/IEC 7812-1)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card_grouping(view: str, chunks: list[tuple[int, int]]) -> bool:
    """Whether the digit groups `chunks` (spans of the view, in a row) are grouped as a card number is.

    A gap with a line break in it may fall inside a group (the line ended there) or between two;
    any other gap is between two groups.
    """
    total = sum(end - start for start, end in chunks)
    gaps: dict[int, bool] = {}  # digits before the gap → whether it may fall inside a group
    count = 0
    for (start, end), (following, _) in pairwise(chunks):
        count += end - start
        gap = view[end:following]
        if not _CARD_GAP_RE.fullmatch(gap):
            return False
        gaps[count] = _LINE_BREAK_RE.search(gap) is not None
    def grouped(boundaries: set[int]) -> bool:
        return boundaries <= gaps.keys() and all(inside for at, inside in gaps.items() if at not in boundaries)
    return grouped(set()) or grouped({6}) or grouped(set(range(4, total, 4)))


def _cards_from(view: str, chunks: list[tuple[int, int]], labelled: bool,
                numbers: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each card or account number that starts with `chunks[0]`, as the span of the view to remove."""
    low, high = (12, 25) if labelled else (16, 19)
    count = 0
    for last, (start, end) in enumerate(chunks):
        count += end - start
        if count > high:
            return
        if count < low:
            continue
        start, end = chunks[0][0], chunks[last][1]
        digits = "".join(view[a:b] for a, b in chunks[:last + 1])
        if not labelled and (ID_RE.fullmatch(digits) or not luhn_valid(digits)
                             or not _card_grouping(view, chunks[:last + 1])):
            continue
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in numbers):
            continue  # a piece of a longer ID or phone number
        # An ID or phone number that begins or ends inside was written on to the card number
        # (1391234567 8\n6222 …): which digits are whose is unclear, so all of them go.
        while overlapping := [(s, e) for s, e in numbers if s < end and e > start and (s < start or e > end)]:
            start, end = min(start, *(s for s, _ in overlapping)), max(end, *(e for _, e in overlapping))
        yield start, end


def _card_numbers(view: str) -> list[tuple[int, int, str]]:
    """The spans of the view (with digits) that are bank card or account numbers, with what replaces them.

    As for ID and phone numbers (see `_id_and_phone_numbers`), digits written side by side can be
    read as a card more than one way (…4449\n6\n2000… : a 17-digit card, or two of 16); every reading
    is taken and overlapping ones go together.
    """
    numbers = [(start, end) for start, end, _ in _id_and_phone_numbers(view)]
    found: list[tuple[int, int]] = []
    for run in _NUMBER_RUN_RE.finditer(view):
        before = view[max(0, run.start() - 40):run.start()]
        if _REGISTRATION_LABEL_RE.search(before):
            continue
        labelled = _CARD_LABEL_RE.search(before) is not None
        chunks = [(run.start() + m.start(), run.start() + m.end()) for m in _CHUNK_RE.finditer(run.group())]
        for index in range(len(chunks)):
            found.extend(_cards_from(view, chunks[index:], labelled, numbers))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return [(start, end, ACCOUNT_REMOVED) for start, end in spans]


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
# An address may run on over a comma or 、 (住址：辽宁省大连市，长兴岛街道某某村12号). It goes on while what
# follows, up to the next comma, 、 or end of sentence, reads as an address: place names each ending in
# a mark (街道, 村, 12号, 3单元, 201室 …), a bracket at most after them. Anything else ends it, so that the
# next clause stays (，因无证经营…；，在兴港路12号经营小卖部；、于2022年…；，经营超市；，现住…): place names
# hold no function words (的, 在, 因 …), verbs of the facts (经营, 销售 …), address labels (住, 户籍) or
# numbers' labels (卡号, 编号 … end in 号 as a house number does), and do not begin with a preposition or
# conjunction (在, 于, 因, 系, 并 …).
_NOT_PLACE = ("经营|销售|出售|从事|开设|开办|承包|承租|租用|生产|加工|务工|工作|任职|就职|担任|负责|违反|违法|涉嫌"
              "|查明|查获|发现|住|户籍|地址|卡号|[账帐]号|号码|编号|案号|字号|型号|批号|代码|已隐去")
_UNIT = rf"[^\W_的了是被将因在]{{0,15}}?(?:{_ADDRESS_MARK})"
_SEGMENT = (rf"(?![在于因系并且其从由对被已未该为是的等或但如应依按即另又还此均])(?![^,、。;!?\n\r]*?(?:{_NOT_PLACE}))"
            rf"(?:{_UNIT})+(?:\([^()\n\r]*\))?(?=[,、。;!?\n\r)]|$)")
_RUN_ON = rf"[,、]\s*{_SEGMENT}"


def _labels(labels: tuple[str, ...]) -> str:
    return "|".join(re.escape(label) + (_NOT_HOME if label.endswith("住") else "") + _NOT_RESIDENCE.get(label, "")
                    for label in sorted(labels, key=len, reverse=True))


ADDRESS_RE = re.compile(
    rf"(?:(?P<business>{_labels(BUSINESS_ADDRESS_LABELS)})|(?P<shared>{_labels(SHARED_ADDRESS_LABELS)})"
    rf"|(?P<person>{_labels(PERSON_ADDRESS_LABELS)})"
    rf"|(?P<word>(?:{_labels(RESIDENCE_WORDS)}|{_BARE})"
    rf"(?=[\s:]*(?:{_PLACE}{{0,20}}?(?:{_ADDRESS_MARK})|{_PLACE}{{1,20}}{_RUN_ON}))))"
    r"(?P<link>[\s:]*(?:在|于|为|是)?[\s:]*)"
    # The address: up to the end of the clause, brackets inside it included, and on over a comma or
    # 、 while an address follows; not a word that follows the label in other senses (住址的, 住址不详),
    # nor what an earlier redaction left.
    r"(?P<body>(?![的之等和及与或不:\s在于为是])(?!已隐去)(?!\([^()]*已隐去\))"
    rf"(?:[^,、。;!?\n\r()]|\([^()\n\r]*\))+(?:{_RUN_ON})*)"
)
_ADDRESS_LIKE = re.compile(_ADDRESS_MARK)
# Whose is a 住所 or 地址 in a decision about an entity? Whoever the sentence last spoke of before the
# label. A natural person: 性别, 男/女, 出生, 民族, 身份证, a pseudonym (张某), or a person's role with or
# without the name (法定代表人张三, 证人李四, 其妻). An entity: its name closing a clause (当事人：大连兴海商贸
# 有限公司，…, its brackets included: …有限公司（法定代表人：张三），住所：…) or its registration items
# (统一社会信用代码, 注册号). A legal representative's own residence is personal information; the
# company's 住所 is a public registration item (企业信息公示暂行条例 第六条, 国务院令第777号修订).
# So 法定代表人张三，住所：… is
# taken for the person's home and removed — even if the clerk meant the company's: removing a public
# address costs little, publishing a home cannot be undone — while 当事人：某公司，法定代表人：张三，
# 统一社会信用代码：…，住所：… and 当事人：某公司，住所：…，法定代表人：张三 keep the company's.
PERSON_CONTEXT_RE = re.compile(
    r"性别|出生|民族|身份证|身份号码|公民身份|自然人|(?<![\u4e00-\u9fff])[男女](?![\u4e00-\u9fff])"
    r"|[\u4e00-\u9fff]族(?=[,、\s])|(?<!某)[\u4e00-\u9fff]{1,2}某(?![某\u4e00-\u9fff])"
    r"|法定代表人|负责人|经营者|投资人|代理人|联系人|证人|投诉人|举报人|其[父母妻夫子女兄弟姐妹]"
)
ENTITY_CONTEXT_RE = re.compile(
    r"信用代码|注册号|营业执照|组织机构代码|纳税人识别号"
    r"|(?:^|(?<=[,;:(]))[^,;:()的在于系是为]*?(?:公司|合作社|企业|集团|商行|经营部|超市|厂|店|中心)"
    r"(?:\([^()]*\))?(?=[,;:()\s]|$)"
)


def _last_end(pattern: re.Pattern, text: str) -> int:
    return max((match.end() for match in pattern.finditer(text)), default=-1)


def _is_personal_address(match: re.Match, *, person: bool) -> bool:
    if match.group("business") or not match.group("body").strip():
        return False
    if match.group("shared"):
        if ":" not in match.group("link") and not _ADDRESS_LIKE.search(match.group("body")):
            return False  # 住所地人民法院: not an address
        if not person:
            view = match.string
            sentence = max(view.rfind("。", 0, match.start()), view.rfind(";", 0, match.start())) + 1
            before = view[sentence:match.start()]
            return _last_end(PERSON_CONTEXT_RE, before) > _last_end(ENTITY_CONTEXT_RE, before)
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
    """The text with the named persons pseudonymised and every ID number, bank card or account
    number, phone number, e-mail address and natural person's address removed.

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
    text = _replace(text, _card_numbers, digits=True)  # before IDs and phones: see there
    text = _replace(text, _id_and_phone_numbers, digits=True)
    text = _replace(text, PHONE_LABEL_RE, _labelled_phone, digits=True)
    text = _replace(text, ADDRESS_RE, _address_replacement(person=bool(names)))
    for token, item in protected.items():
        text = text.replace(token, item)
    return text


def contains_personal_data(text: str, *, person_names: Iterable[str] = ()) -> list[str]:
    """What personal data remains in `text` (empty: none found) — the check before publishing."""
    text = text or ""
    names = _names(person_names)
    found = [item for finder in (_card_numbers, _id_and_phone_numbers) for item in _found(text, finder, digits=True)]
    found.extend(item for item in _found(text, PHONE_LABEL_RE, _labelled_phone, digits=True) if item not in found)
    found.extend(_found(text, EMAIL_RE))
    found.extend(_found(text, ADDRESS_RE, _address_replacement(person=bool(names))))
    found.extend(item for name in names if len(name) > 1 for item in _found(text, _written(name, r"\s*")))
    return found

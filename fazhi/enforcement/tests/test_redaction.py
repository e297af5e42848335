"""The redaction that stands between a decision and the public portal (no database)."""

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.validators import USCC_ALPHABET, id_number_check_character, uscc_check_character
from fazhi.enforcement.redaction import (
    ACCOUNT_REMOVED,
    ADDRESS_REMOVED,
    EMAIL_REMOVED,
    ID_REMOVED,
    PHONE_REMOVED,
    contains_personal_data,
    pseudonym,
    redact,
    surname,
)
from fazhi.officers.tests.factories import fake_id_number


@pytest.mark.parametrize(
    ("name", "expected"),
    [("张三", "张某"), ("李小龙", "李某"), ("欧阳明", "欧阳某"), ("司马光", "司马某"), ("欧阳", "欧某"), ("", "")],
)
def test_pseudonym_keeps_surname_only(name, expected):
    assert pseudonym(name) == expected


def test_redact_removes_name_id_and_phones():
    id_number = fake_id_number(123)
    text = (f"当事人：张三丰，身份证号码：{id_number}，联系电话：13912345678，"
            f"单位电话0411-87654321。经查，张三丰在长兴岛销售过期食品，罚款2000元。")

    public = redact(text, person_names=["张三丰"])

    assert "张三丰" not in public
    assert "张某" in public
    assert id_number not in public and ID_REMOVED in public
    assert "13912345678" not in public and "87654321" not in public
    assert public.count(PHONE_REMOVED) == 2
    assert "罚款2000元" in public  # amounts are not personal data
    assert contains_personal_data(public, person_names=["张三丰"]) == []


def test_redact_keeps_an_entitys_registered_name_and_credit_code():
    # An all-digit credit code with a date-like middle could pass for an ID number.
    uscc = "911101198001011234"  # 110119 延庆区: the 7th–14th characters read 19800101
    text = f"大连兴海商贸有限公司（统一社会信用代码{uscc}）未按规定公示年度报告。"

    assert redact(text, keep=[uscc]) == text
    assert uscc not in redact(text)  # without `keep`, the pattern would take it


def test_redact_leaves_case_numbers_and_amounts():
    text = "DEPT-SJJ-2022-0001号，罚款60000.00元，没收违法所得12345678元。"
    assert redact(text) == text


@given(st.integers(min_value=0, max_value=9999),
       st.sampled_from(["", "身份证号", "号码：", "（", " "]),
       st.sampled_from(["", "。", "，住", "）", " "]))
def test_any_valid_id_number_is_removed_wherever_it_stands(n, before, after):
    id_number = fake_id_number(n)
    assert id_number not in redact(f"当事人{before}{id_number}{after}")


@given(st.integers(min_value=0, max_value=10**8 - 1), st.sampled_from("3456789"))
def test_any_mobile_number_is_removed(n, second):
    mobile = f"1{second}{n % 1000:03d}{n:08d}"[:11]
    assert mobile not in redact(f"电话{mobile}。")


def test_old_15_digit_id_numbers_are_removed():
    assert "210281800101001" not in redact("身份证210281800101001")


def test_lowercase_x_check_character_is_removed():
    first17 = "21028119800101004"
    number = first17 + id_number_check_character(first17)
    assert number.lower() not in redact(f"号码{number.lower()}")


def test_contains_personal_data_finds_what_is_left():
    assert contains_personal_data("当事人张三，电话13912345678", person_names=["张三"]) == ["13912345678", "张三"]


def test_surname_of_compound_names():
    assert surname("诸葛亮") == "诸葛"
    assert surname("王五") == "王"


def test_known_id_numbers_are_removed_even_when_the_pattern_would_miss_them():
    odd = "21028121000105000X"  # a birth year the pattern does not take for a date
    assert odd not in redact(f"身份证号码{odd}", id_numbers=[odd])
    assert odd.lower() not in redact(f"身份证号码{odd.lower()}", id_numbers=[odd])


# --- issue 16, item 3: numbers however written, e-mails, the addresses of persons -------------

# What a test may see between the digits of a number once the output is read back: every kind of
# separator the clerks' texts hold (full-width space, dashes, middle dots, slashes, line breaks, invisible).
SEPARATORS = (" ", "\u3000", "  ", "-", "－", "—", "–", "·", "・", ".", "．", "\n", "\r\n", "\t", "\xa0", "\u200b",
              "／", "/", "_", "\n  ", " / ")
_READ_BACK_SEPARATORS = re.compile(r"[\s\-－—–·・.．\u200b/／_]")


def compact(text: str) -> str:
    """What a reader could piece together: NFKC, separators dropped, upper case."""
    return _READ_BACK_SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def resident_id_numbers(draw) -> str:
    """A resident ID number with a valid check character (GB 11643-1999), any region and birth date."""
    region = draw(st.integers(min_value=110000, max_value=829999))
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)))
    first17 = f"{region}{born:%Y%m%d}{draw(st.integers(min_value=0, max_value=999)):03d}"
    number = first17 + id_number_check_character(first17)
    return number.lower() if draw(st.booleans()) else number


@st.composite
def mobile_numbers(draw) -> str:
    return f"1{draw(st.sampled_from('3456789'))}{draw(st.integers(min_value=0, max_value=10**9 - 1)):09d}"


@st.composite
def written(draw, number: str) -> str:
    """`number` as a person may type it: some characters full-width, separators anywhere between."""
    separators = draw(st.lists(st.sampled_from(("",) * 4 + SEPARATORS),
                               min_size=len(number) - 1, max_size=len(number) - 1))
    wide = draw(st.lists(st.booleans(), min_size=len(number), max_size=len(number)))
    chars = [full_width(char) if w else char for char, w in zip(number, wide, strict=True)]
    return chars[0] + "".join(s + c for s, c in zip(separators, chars[1:], strict=True))


BEFORE = ("", "当事人", "身份证号码：", "公民身份号码", "（身份证号", "ID：", "号码 ", "2022年3月1日查明，当事人张某（",
          "联系电话：", "手机\n", "罚款5000元，电话")
AFTER = ("", "。", "）", "，住", " ", "\n", "，罚款５０００元。", "号", "、0411-87654321")


@given(resident_id_numbers().flatmap(lambda n: st.tuples(st.just(n), written(n))),
       st.sampled_from(BEFORE), st.sampled_from(AFTER))
def test_no_resident_id_number_survives_however_written(id_and_written, before, after):
    number, as_written = id_and_written
    public = redact(f"{before}{as_written}{after}")

    assert number.upper() not in compact(public)
    assert ID_REMOVED in public
    assert not re.search(r"\d{8,}", compact(public))  # not even the birth date and the sequence
    assert contains_personal_data(public) == []


@given(mobile_numbers().flatmap(lambda n: st.tuples(st.just(n), written(n))),
       st.sampled_from(("", "+86", "+86 ", "＋８６－", "86-", "0086 ", "(+86)", "（＋86）")),
       st.sampled_from(BEFORE), st.sampled_from(AFTER))
def test_no_mobile_number_survives_however_written(mobile_and_written, prefix, before, after):
    mobile, as_written = mobile_and_written
    public = redact(f"{before}{prefix}{as_written}{after}")

    assert mobile not in compact(public)
    # 0086 13000301000 is also 15 digits with a date inside: an old ID number's shape.
    assert PHONE_REMOVED in public or ID_REMOVED in public
    assert not re.search(r"\d{5,}", compact(public).removesuffix("、0411-87654321"))
    assert contains_personal_data(public) == []


@given(st.lists(st.one_of(resident_id_numbers(), mobile_numbers()), min_size=1, max_size=4)
       .flatmap(lambda numbers: st.tuples(st.just(numbers), *[written(n) for n in numbers])),
       st.lists(st.sampled_from(("，", "、", " ", "\n", "；", "和")), min_size=4, max_size=4))
def test_several_numbers_side_by_side_all_go(numbers_and_written, joints):
    numbers, *as_written = numbers_and_written
    text = "当事人" + "".join(joint + item for joint, item in zip(joints, as_written, strict=False)) + "。"
    public = redact(text)
    for number in numbers:
        assert number.upper() not in compact(public)
    assert contains_personal_data(public) == []


@pytest.mark.parametrize("written_as", [
    "２１０２８１１９８００１０１００４６",  # the audit's full-width digits
    "210281 19800101 0046",
    "210281-19800101-0046",
    "210281·19800101·0046",
    "2102811980\n01010046",
    "210281／19800101／0046",
    "210281/1980/0101/0046",
    "210281_19800101_0046",
    "2102811980-\n01010046",
    "２１０２８１　１９８００１０１　００４６",
    "二一〇二八一一九八〇〇一〇一〇〇四六",  # read out in Chinese numerals
])
def test_the_audits_id_numbers_are_removed(written_as):
    assert id_number_check_character("21028119800101004") == "6"
    public = redact(f"当事人张某（身份证号码：{written_as}）违法经营。")
    assert public == f"当事人张某（身份证号码：{ID_REMOVED}）违法经营。"


@pytest.mark.parametrize("written_as", [
    "１３９１２３４５６７８", "139 1234 5678", "139-1234-5678", "1391234 5678", "139·1234·5678", "139\n12345678",
    "+86 139 1234 5678", "（+86）13912345678", "一三九一二三四五六七八", "(0411)8765 4321", "0411-87654321-801",
    "０４１１－８７６５４３２１", "0411 8765 4321",
    # The audit's follow-up: slashes, underscores, 幺 for one, a landline with no break after its area
    # code or without one (a phone label says what it is).
    "139／1234／5678", "139/1234/5678", "139_1234_5678", "139·1234\n5678", "幺三九一二三四五六七八", "041187654321",
    "87654321", "8765-4321",
])
def test_phone_numbers_written_any_way_are_removed(written_as):
    assert redact(f"联系电话：{written_as}。") == f"联系电话：{PHONE_REMOVED}。"


@pytest.mark.parametrize("email", [
    "zhangsan@163.com", "Zhang.San+fazhi@mail.example.com.cn", "13912345678@qq.com", "123456789@qq.com",
    "ｚｈａｎｇｓａｎ＠ｑｑ．ｃｏｍ", "zhangsan (at) 163.com", "zhangsan[at]163.com", "zhang_san-1@sub.example.org",
])
def test_email_addresses_are_removed(email):
    public = redact(f"当事人张某，电子邮箱：{email}，联系人。")
    assert public == f"当事人张某，电子邮箱：{EMAIL_REMOVED}，联系人。"
    assert contains_personal_data(f"邮箱{email}") != []


@pytest.mark.parametrize(("text", "expected"), [
    # The audit's examples.
    ("当事人张某，男，住辽宁省大连市长兴岛街道某某村12号。", "当事人张某，男，住（住址已隐去）。"),
    ("当事人张某家住长兴岛街道某某村12号，经营小卖部。", "当事人张某家住（住址已隐去），经营小卖部。"),
    ("住址：辽宁省大连市长兴岛街道兴港路1号3单元201室", "住址：（住址已隐去）"),
    ("住址：长兴岛", "住址：（住址已隐去）"),  # a person-only label: whatever follows goes
    ("张某（现住大连市甲区乙路3号（二楼））", "张某（现住（住址已隐去））"),
    ("当事人：李某，户籍地：辽宁省瓦房店市；现居住地：长兴岛街道某某小区。",
     "当事人：李某，户籍地：（住址已隐去）；现居住地：（住址已隐去）。"),
    ("户籍所在地为吉林省长春市朝阳区", "户籍所在地为（住址已隐去）"),
    ("王某居住在长兴岛街道某某社区8号楼", "王某居住在（住址已隐去）"),
    ("证人李四住辽宁省大连市某路", "证人李四住（住址已隐去）"),  # a name the redaction was not given
    ("家庭住址　大连市长兴岛街道１２号", "家庭住址　（住址已隐去）"),
    ("当事人：王某，男，汉族，住所：大连市某路1号。", "当事人：王某，男，汉族，住所：（住址已隐去）。"),
    ("当事人：王某，通讯地址：大连市某路1号。", "当事人：王某，通讯地址：（住址已隐去）。"),
])
def test_addresses_of_persons_are_removed(text, expected):
    public = redact(text)
    assert public == expected
    assert contains_personal_data(text) != []
    assert contains_personal_data(public) == []


PROVINCES = ("辽宁省", "吉林省", "山东省", "北京市", "内蒙古自治区", "")
CITIES = ("大连市", "沈阳市", "瓦房店市", "")
STREETS = ("长兴岛街道", "复州城镇", "西中岛镇", "三堂街道")
PLACES = ("某某村", "兴港路", "滨海大街", "某某小区", "幸福里社区")
ADDRESS_LABELS = ("住", "住址：", "住址", "家住", "现住", "现住址：", "户籍地：", "户籍所在地", "居住地：",
                  "家庭住址：", "住所：", "暂住地", "居住在", "现居住地：")


@given(st.sampled_from(ADDRESS_LABELS), st.sampled_from(PROVINCES), st.sampled_from(CITIES),
       st.sampled_from(STREETS), st.sampled_from(PLACES), st.integers(min_value=1, max_value=999),
       st.sampled_from(("号", "号3单元201室", "号（二楼）", "组")), st.sampled_from(("。", "，", "；", "\n")),
       st.booleans())
def test_no_personal_address_survives(label, province, city, street, place, number, rest, end, full):
    address = f"{province}{city}{street}{place}{number}{rest}"
    if full:
        address = "".join(full_width(char) for char in address)
    text = f"当事人张三，女，1980年1月1日出生，{label}{address}{end}罚款５００元。"

    public = redact(text, person_names=["张三"])

    assert f"{place}{number}" not in unicodedata.normalize("NFKC", public)
    assert street not in public
    assert f"{label}{ADDRESS_REMOVED}" in public
    assert public.endswith("罚款５００元。")
    assert contains_personal_data(public, person_names=["张三"]) == []


def test_an_entitys_registered_address_is_kept_and_a_persons_shared_label_is_not():
    uscc = "91210242MA0Y5N8X22"  # a valid GB 32100-2015 check character
    entity = f"当事人：大连兴海商贸有限公司，统一社会信用代码：{uscc}，住所：大连长兴岛经济技术开发区滨海路88号。"
    assert redact(entity) == entity
    assert contains_personal_data(entity) == []
    # The same label beside a natural person, or in a decision about one, is a home.
    person = "当事人：张三，身份证号码：略，住所：大连长兴岛经济技术开发区滨海路88号。"
    assert "滨海路88号" not in redact(person)
    assert "滨海路88号" not in redact("当事人：张三。住所：滨海路88号。", person_names=["张三"])
    assert "滨海路88号" in redact("当事人：张三。住所：滨海路88号。")  # nothing says whose: kept


def test_business_premises_are_kept_even_in_a_decision_about_a_person():
    text = "当事人：张三（个体工商户），经营场所：长兴岛街道兴港路12号，注册地址：滨海路1号。"
    assert redact(text, person_names=["张三"]) == text.replace("张三", "张某")


ORDINARY = (
    "依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项",
    "罚款5000元", "罚款５０００元", "罚款人民币13,000.00元", "没收违法所得12345678元", "罚款 5 000 元",
    "2022年3月25日", "2022-03-25", "2022.03.25", "2022/03/25", "二〇二二年三月二十五日", "2022.03.01-2022.03.25",
    "2022年03月01日至2022年04月08日", "14:30",
    "统一社会信用代码91210242MA0Y5N8X22", "大开市监罚〔2022〕12号", "DEPT-SJJ-2022-0001号", "长执罚字〔2022〕第0012号",
    "大连长兴岛经济技术开发区市场监督管理局", "住房和城乡建设局", "长兴岛街道办事处", "住建部门",
    "改善居民居住条件", "户籍管理", "住院治疗", "住宿费", "当事人住所地人民法院", "有效期至2027年12月31日",
    "抓住大连市场机遇", "记住大连市的规定",
    "当事人如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼",
    "举报电话12315", "第1项、第2项",
)


@pytest.mark.parametrize("text", ORDINARY)
@pytest.mark.parametrize("persons", [(), ("张三",)])
def test_what_a_decision_needs_is_kept(text, persons):
    assert redact(text, person_names=persons) == text
    assert contains_personal_data(text) == []


@given(st.lists(st.sampled_from(ORDINARY), min_size=1, max_size=6),
       st.lists(st.sampled_from(("，", "。", "；", "\n", " ", "、", "")), min_size=6, max_size=6))
def test_ordinary_text_in_any_order_is_kept(parts, joints):
    text = "".join(part + joint for part, joint in zip(parts, joints, strict=False))
    assert redact(text) == text


@given(st.text(alphabet="0123456789", min_size=6, max_size=6), st.text(alphabet=USCC_ALPHABET, min_size=7, max_size=7))
def test_companies_credit_codes_are_kept(region, serial):
    first17 = f"91{region}MA{serial}"  # the form 市场监管 has issued since 2015 (GB 32100-2015)
    text = f"大连兴海商贸有限公司（统一社会信用代码：{first17}{uscc_check_character(first17)}）罚款5000元。"
    assert redact(text) == text


def test_full_width_punctuation_outside_what_is_removed_is_kept():
    text = "当事人：张三，电话：１３９１２３４５６７８；罚款５０００元（已缴纳）。"
    assert redact(text, person_names=["张三"]) == f"当事人：张某，电话：{PHONE_REMOVED}；罚款５０００元（已缴纳）。"


def test_a_name_spaced_out_for_alignment_is_pseudonymised():
    assert redact("姓名：张　三丰，性别：男", person_names=["张三丰"]) == "姓名：张某，性别：男"


def test_a_known_id_number_written_with_separators_is_removed():
    odd = "21028121000105000X"  # the pattern does not take 2100 for a birth year
    assert redact("身份证号码２１０２８１ ２１０００１０５ ０００ｘ。", id_numbers=[odd]) == f"身份证号码{ID_REMOVED}。"


@given(st.lists(st.one_of(
    resident_id_numbers().flatmap(written), mobile_numbers().flatmap(written),
    st.sampled_from(("住址：大连市某路1号", "家住某某村", "zhang@qq.com", "张三", "罚款５０００元", "第一百二十四条",
                     "住所：滨海路88号", "（住址已隐去）"))), min_size=1, max_size=5))
def test_redaction_is_idempotent_and_leaves_nothing_to_find(parts):
    public = redact("，".join(parts), person_names=["张三"])
    assert redact(public, person_names=["张三"]) == public
    assert contains_personal_data(public, person_names=["张三"]) == []


# --- the audit's follow-up: bank cards, addresses over commas, whose 住所, more separators --------


def luhn_check_digit(body: str) -> str:
    """The Luhn (ISO/IEC 7812-1) check digit for `body`: every second digit from the right doubled."""
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return str(-total % 10)


def test_luhn_check_digit_of_known_numbers():
    assert luhn_check_digit("7992739871") == "3"  # the textbook example
    assert luhn_check_digit("622202123456789012") == "8"


@st.composite
def card_numbers(draw) -> str:
    """A card number: an issuer prefix (银联 62, Visa 4, Mastercard 51, JCB 35, 9 domestic), 16–19 digits, Luhn."""
    prefix = draw(st.sampled_from(("62", "62", "4", "51", "35", "9")))
    length = draw(st.integers(min_value=16, max_value=19))
    body = prefix + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=length - len(prefix) - 1,
                                          max_size=length - len(prefix) - 1)))
    return body + luhn_check_digit(body)


@st.composite
def card_written(draw, number: str) -> str:
    """`number` as a card number is written: whole, in fours or 6 + the rest; spaces or dashes between
    the groups, some digits full-width, perhaps a line break anywhere."""
    groups = draw(st.sampled_from((
        [number], [number[i:i + 4] for i in range(0, len(number), 4)], [number[:6], number[6:]])))
    joint = draw(st.sampled_from((" ", "  ", "-", "－", "—", "\u3000", "\xa0", " - ")))
    text = joint.join(groups)
    wide = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    text = "".join(full_width(char) if w else char for char, w in zip(text, wide, strict=True))
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=1, max_value=len(text) - 1))
        text = text[:cut] + draw(st.sampled_from(("\n", "\r\n", "\n  "))) + text[cut:]
    return text


CARD_LABELS = ("银行卡号：", "卡号", "银行账号 ", "开户行：中国工商银行大连长兴岛支行，账号：", "收款账户：",
               "银行卡（")
CARD_BEFORE = ("", "当事人张某（", "罚款5000元，", "收款", "2022年3月1日，转入")
CARD_AFTER = ("", "。", "）", "，罚款５０００元。", "\n", "、0411-87654321", "\n2022年3月1日查明")


def _looks_like_an_id_number(number: str) -> bool:
    return re.fullmatch(r"\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{4}", number) is not None


@given(card_numbers().flatmap(lambda n: st.tuples(st.just(n), card_written(n))),
       st.sampled_from(CARD_BEFORE), st.sampled_from(CARD_AFTER))
def test_no_card_number_survives_however_written(number_and_written, before, after):
    number, as_written = number_and_written
    text = f"{before}{as_written}{after}"
    public = redact(text)

    assert number not in compact(public)
    assert not re.search(r"\d{6,}", compact(public))  # not a piece of it either
    # An 18-digit number shaped as an ID number goes as one.
    assert ACCOUNT_REMOVED in public or (_looks_like_an_id_number(number) and ID_REMOVED in public)
    assert public.startswith(before)
    # Digits on the next line can be read on from the card (… 000\n2022年 as an ID number): then they
    # go with it. A year lost costs less than a piece of a card shown.
    assert public.endswith(re.sub(r"^\n\d+", "", after.replace("0411-87654321", PHONE_REMOVED)))
    assert contains_personal_data(text) != []
    assert contains_personal_data(public) == []


@given(card_numbers().flatmap(lambda n: st.tuples(st.just(n), written(n))),
       st.sampled_from(CARD_LABELS), st.sampled_from(CARD_AFTER), st.booleans())
def test_a_labelled_card_or_account_number_goes_however_written_and_without_a_check_digit(
        number_and_written, label, after, break_check_digit):
    number, as_written = number_and_written
    if break_check_digit:  # an account number need not carry a Luhn digit
        wrong = str((int(number[-1]) + 1) % 10)
        number, as_written = number[:-1] + wrong, as_written[:-1] + wrong
    public = redact(f"{label}{as_written}{after}")

    assert number not in compact(public)
    assert public.startswith(label + ACCOUNT_REMOVED)
    assert contains_personal_data(public) == []


@pytest.mark.parametrize(("text", "expected"), [
    # Today's partial blanking: a landline taken out of the middle, the rest left.
    ("银行卡号：6222 0212 3456 7890 128。", f"银行卡号：{ACCOUNT_REMOVED}。"),
    ("收款6222-0212-3456-7890-128，", f"收款{ACCOUNT_REMOVED}，"),
    ("卡号6222021234567890128，罚款5000元。", f"卡号{ACCOUNT_REMOVED}，罚款5000元。"),
    ("当事人张某（６２２２０２１２３４５６７８９０１２８）", f"当事人张某（{ACCOUNT_REMOVED}）"),
    ("转入6222 0212 34\n56 7890 128。", f"转入{ACCOUNT_REMOVED}。"),
    ("转入622202 1234567890128。", f"转入{ACCOUNT_REMOVED}。"),
    ("开户行：中国工商银行大连长兴岛支行，账号：3400 2016 1902 0012 345。",  # no check digit: the label says
     f"开户行：中国工商银行大连长兴岛支行，账号：{ACCOUNT_REMOVED}。"),
    ("银行账号：6222.0212.3456.7890", f"银行账号：{ACCOUNT_REMOVED}"),
])
def test_the_audits_card_numbers_go_whole(text, expected):
    assert redact(text) == expected
    assert contains_personal_data(text) != []


def test_an_all_digit_credit_code_that_passes_the_luhn_check_is_kept():
    # Older 统一社会信用代码 may be all digits; one in ten such would also pass a card's check digit.
    code = next(code for n in range(10**5) if (first17 := f"9121024200{n:07d}")
                and (code := first17 + uscc_check_character(first17)).isdigit()
                and luhn_check_digit(code[:-1]) == code[-1])
    for text in (f"大连兴海商贸有限公司（统一社会信用代码：{code}）罚款5000元。",
                 f"统一社会信用代码为{code}，住所：滨海路88号。", f"注册号 {code}"):
        assert redact(text) == text
        assert contains_personal_data(text) == []


@given(card_numbers(), st.sampled_from(("订单编号", "批次号：", "")))
def test_an_unlabelled_long_number_that_fails_the_check_digit_is_not_a_card(number, before):
    body = number[:-2] if len(number) == 18 else number[:-1]  # 18 digits: an ID number's; its pattern decides
    number = body + str((int(luhn_check_digit(body)) + 1) % 10)
    text = f"{before}{number}，罚款5000元。"
    assert redact(text) == text


def test_an_id_number_that_passes_the_luhn_check_is_still_an_id_number():
    number = next(n for k in range(1000) if (n := fake_id_number(k)).isdigit() and luhn_check_digit(n[:-1]) == n[-1])
    assert redact(f"身份证号码{number}。") == f"身份证号码{ID_REMOVED}。"
    assert redact(f"银行卡号{number}。") == f"银行卡号{ACCOUNT_REMOVED}。"  # unless a card's label says otherwise


# What a decision holds that looks like a long number and is not a card.
LONG_NUMBERS = ("20220301-20220325", "2022/03/01-2022/03/31", "2022.03.01—2022.03.31", "批号20220301", "14:30-16:30",
                "发票号码12345678901234567890", "举报电话：12315", "罚款1,000,000.00元", "第1/2项")


@pytest.mark.parametrize("text", LONG_NUMBERS)
def test_long_numbers_that_are_not_cards_are_kept(text):
    assert redact(text) == text
    assert contains_personal_data(text) == []


@given(st.lists(st.sampled_from(ORDINARY + LONG_NUMBERS), min_size=2, max_size=6),
       st.lists(st.sampled_from((" ", "\n", "", "-", "/")), min_size=6, max_size=6))
def test_dates_and_numbers_next_to_each_other_are_not_taken_for_cards(parts, joints):
    text = "".join(part + joint for part, joint in zip(parts, joints, strict=False))
    assert ACCOUNT_REMOVED not in redact(text)


NUMBERS_OF_ANY_KIND = st.one_of(
    resident_id_numbers().flatmap(lambda n: st.tuples(st.just(n), written(n))),
    mobile_numbers().flatmap(lambda n: st.tuples(st.just(n), written(n))),
    card_numbers().flatmap(lambda n: st.tuples(st.just(n), card_written(n))))


@given(st.lists(NUMBERS_OF_ANY_KIND, min_size=2, max_size=4),
       st.lists(st.sampled_from(("，", "、", " ", "\n", "；", "和", " - ", "\n  ")), min_size=4, max_size=4))
def test_cards_next_to_id_and_phone_numbers_all_go(numbers, joints):
    text = "当事人" + "".join(joint + written for joint, (_, written) in zip(joints, numbers, strict=False)) + "。"
    public = redact(text)
    for number, _ in numbers:
        assert number.upper() not in compact(public)
    assert not re.search(r"\d{8,}", compact(public))
    assert contains_personal_data(public) == []


@pytest.mark.parametrize(("text", "expected"), [
    # The audit's example: the part after the comma stayed.
    ("住址：辽宁省大连市，长兴岛街道某某村12号，因无证经营被罚款。", "住址：（住址已隐去），因无证经营被罚款。"),
    ("当事人张某家住大连，长兴岛街道某某村12号，经营小卖部。", "当事人张某家住（住址已隐去），经营小卖部。"),
    ("住址：大连市甲区乙路5号、丙路6号3单元201室，因无证经营……", "住址：（住址已隐去），因无证经营……"),
    ("住：大连市，某某小区，8栋2单元301室；罚款500元。", "住：（住址已隐去）；罚款500元。"),
    ("住址：辽宁省大连市，　长兴岛街道，某某村，12号。", "住址：（住址已隐去）。"),
    ("当事人：王某，住所：大连市，经济技术开发区滨海路88号（二楼）。", "当事人：王某，住所：（住址已隐去）。"),
    # What follows and is not an address stays.
    ("家住某某村、在兴港路12号经营小卖部。", "家住（住址已隐去）、在兴港路12号经营小卖部。"),
    ("家住某某村，经营超市。", "家住（住址已隐去），经营超市。"),
    ("住址：某某村，于2022年3月1日在兴港路12号销售过期食品。",
     "住址：（住址已隐去），于2022年3月1日在兴港路12号销售过期食品。"),
    ("住某某村12号，在长兴岛街道从事个体经营。", "住（住址已隐去），在长兴岛街道从事个体经营。"),
    ("住某某村12号，系某某公司员工。", "住（住址已隐去），系某某公司员工。"),
    ("住址：大连市丙区丁路9号，银行卡号6222-0212-3456-7890-128。",
     f"住址：（住址已隐去），银行卡号{ACCOUNT_REMOVED}。"),
    ("住址：某某村，编号12号，案号大开市监罚〔2022〕12号。",
     "住址：（住址已隐去），编号12号，案号大开市监罚〔2022〕12号。"),
    ("户籍地：某某村，现住大连市，某某小区8号。", "户籍地：（住址已隐去），现住（住址已隐去）。"),
])
def test_an_address_goes_up_to_its_real_end(text, expected):
    public = redact(text)
    assert public == expected
    assert contains_personal_data(public) == []


ADDRESS_PARTS = ("辽宁省", "大连市", "辽宁省大连市", "长兴岛街道", "复州城镇", "某某村", "兴港路", "滨海大街", "12号",
                 "某某村12号", "3单元201室", "8栋", "幸福里社区", "第3组", "某某小区", "甲区")
NOT_ADDRESSES = ("因无证经营被罚款5000元。", "经营小卖部。", "在兴港路12号经营小卖部。", "于2022年3月1日销售过期食品。",
                 "系某某公司员工。", "经营超市。", "现为个体工商户。", "其妻王某同住。", "罚款５００元。",
                 "2022年3月1日查明。", "依据《中华人民共和国食品安全法》第一百二十四条。", "违反了大连市的规定。",
                 "联系电话：（电话号码已隐去）。", "银行卡号（银行账号已隐去）。", "编号12号。")


@given(st.sampled_from(ADDRESS_LABELS), st.lists(st.sampled_from(ADDRESS_PARTS), min_size=2, max_size=4, unique=True),
       st.lists(st.sampled_from(("，", "、", ",", "， ", "、　", "")), min_size=3, max_size=3),
       st.sampled_from(("，", "、")), st.sampled_from(NOT_ADDRESSES))
def test_an_address_over_commas_goes_whole_and_the_next_clause_stays(label, parts, joints, joint, rest):
    address = parts[0] + "".join(j + part for j, part in zip(joints, parts[1:], strict=False))
    text = f"当事人张三，女，{label}{address}{joint}{rest}"

    public = redact(text, person_names=["张三"])

    assert public == f"当事人张某，女，{label}{ADDRESS_REMOVED}{joint}{rest}"
    assert contains_personal_data(public, person_names=["张三"]) == []


@pytest.mark.parametrize(("text", "kept"), [
    # The 住所 follows the natural person: the legal representative's home.
    ("当事人：大连兴海商贸有限公司，法定代表人张三，住所：大连市甲区乙路5号。", False),
    ("当事人：大连兴海商贸有限公司，法定代表人：张三，身份证号码：略，住所：大连市甲区乙路5号。", False),
    ("当事人：大连兴海商贸有限公司，负责人李四，男，住所：大连市甲区乙路5号。", False),
    ("当事人张某，系大连兴海商贸有限公司法定代表人，住所：大连市甲区乙路5号。", False),
    ("证人李四，男，系大连兴海商贸有限公司员工，住所：大连市甲区乙路5号。", False),
    # The 住所 follows the company, its registration items, or its brackets: the registered address.
    ("当事人：大连兴海商贸有限公司，住所：大连市甲区乙路5号，法定代表人：张三。", True),
    ("当事人：大连兴海商贸有限公司，法定代表人：张三，男，统一社会信用代码：91210242MA0Y5N8X22，住所：大连市甲区乙路5号。",
     True),
    ("当事人：大连兴海商贸有限公司（法定代表人：张某），住所：大连市甲区乙路5号。", True),
])
def test_whose_residence_a_shared_label_introduces(text, kept):
    assert ("乙路5号" in redact(text)) is kept


ENTITY_ITEMS = ("统一社会信用代码：91210242MA0Y5N8X22", "主体资格证照名称：营业执照")
PERSON_ITEMS = ("法定代表人：张三", "法定代表人张三", "负责人：李四", "男", "汉族", "1970年1月1日出生",
                f"身份证号码：{fake_id_number(1)}")


@given(st.lists(st.sampled_from(ENTITY_ITEMS + PERSON_ITEMS), min_size=1, max_size=5, unique=True),
       st.sampled_from(("住所：", "地址：", "通讯地址：")))
def test_a_shared_label_is_a_persons_home_when_it_follows_the_person(items, label):
    text = "当事人：大连兴海商贸有限公司，" + "，".join(items) + f"，{label}大连市甲区乙路5号。罚款5000元。"

    public = redact(text)

    assert ("乙路5号" not in public) is (items[-1] in PERSON_ITEMS)
    assert public.endswith("。罚款5000元。")

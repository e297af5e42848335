"""The audit's misses (issue 16, item 3) published in a decision never reach /portal/enforcement/.

A decision's text holds ID numbers in full-width digits and with separators, phone numbers
written in several ways, e-mail addresses and the addresses of persons; the public page must
show none of them, and still show what the decision needs (law, amounts, dates, the entity).
"""

import datetime as dt
import html
import re
import unicodedata

import pytest
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.tests.factories import EnforcementBodyFactory, EnforcementMatterFactory
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number

PARTY = "张三丰"
PARTY_ID = fake_id_number(6001)
# Other persons' ID numbers in the text (the party's own is removed as a known number anyway).
IDS = [fake_id_number(6000 + n) for n in range(2, 8)]
MOBILE, LANDLINE, EMAILS = "13912345678", "041187654321", ("zhangsanfeng@163.com", "wangwu.1980@qq.com")
# The addresses of persons, as the audit found them on the page.
ADDRESSES = ("辽宁省大连市长兴岛街道某某村12号", "长兴岛街道幸福村3组", "大连市甲区乙路5号2单元101室",
             "瓦房店市复州城镇某某屯8号")
COMPANY_ADDRESS = "大连长兴岛经济技术开发区滨海路88号"
# The audit's follow-up: an address over a comma, bank card numbers (one without a label: its
# check digit says what it is), a legal representative's home after the company's address.
ADDRESS_OVER_A_COMMA = ("辽宁省大连市", "长兴岛街道某某村7号")
CARDS = ("6222021234567890128", "6212260402012345672")
REPRESENTATIVE_ADDRESS = "大连市丙区丁路9号"


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


def grouped(number: str, separator: str) -> str:
    return separator.join((number[:6], number[6:14], number[14:]))


DECISION_TEXT = (
    f"当事人{PARTY}，男，1975年6月1日出生，公民身份号码{full_width(PARTY_ID)}，住{ADDRESSES[0]}，"
    f"联系电话：１３９ １２３４ ５６７８，电子邮箱：{EMAILS[0]}。\n"
    f"证人李某（身份证号码：{full_width(IDS[0])}），家住{ADDRESSES[1]}，电话０４１１－８７６５４３２１，"
    f"邮箱{full_width(EMAILS[1])}。\n"
    f"其妻王某，身份证号码{grouped(IDS[1], ' ')}，住址：{ADDRESSES[2]}；其子身份证号码{grouped(IDS[2], '-')}；"
    f"其女身份证号码{grouped(IDS[3], '·')}；其父身份证号码{IDS[4][:10]}\n{IDS[4][10:]}，户籍地：{ADDRESSES[3]}；"
    f"其母身份证号码{grouped(IDS[5], '　')}，手机139-1234-5678。\n"
    f"其兄李某，住址：{'，'.join(ADDRESS_OVER_A_COMMA)}，因无证经营另案处理，银行卡号：{full_width(CARDS[0])}；"
    f"当事人向其转账所用的卡为{' '.join(CARDS[1][i:i + 4] for i in range(0, 19, 4))}。\n"
    "经查，当事人于2022年3月1日在其经营的小卖部销售超过保质期的食品，货值金额５０００元。"
    "依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项，决定对当事人罚款5000元。"
)


@pytest.fixture
def published(units):
    """Two published decisions: one about a person holding the audit's strings, one about a company."""
    body = EnforcementBodyFactory(org_unit=units["dept_a"], name="市场监督管理局（执法）")
    matter = EnforcementMatterFactory(body=body, code="SJ-CF-016", name="对销售超过保质期食品的处罚",
                                      legal_basis="《中华人民共和国食品安全法》第一百二十四条")
    officers = []
    for index in range(2):
        officer = OfficerFactory(org_unit=units["dept_a"], full_name=f"孙执法{index}")
        CertificateFactory(officer=officer, number=f"辽RED00{index}", valid_from=dt.date(2020, 1, 1),
                           valid_until=dt.date(2099, 12, 31))
        officers.append(officer)
    entity = MarketEntityFactory(name="大连兴海商贸有限公司", address=COMPANY_ADDRESS)
    parties = [
        ({"party_name": PARTY, "party_id_number": PARTY_ID}, DECISION_TEXT),
        ({"party_entity": entity},
         f"当事人：大连兴海商贸有限公司，统一社会信用代码：{entity.uscc}，住所：{COMPANY_ADDRESS}。"
         f"法定代表人李四，住所：{REPRESENTATIVE_ADDRESS}，银行卡号6222-0212-3456-7890-128。"
         f"联系人电话１３９ １２３４ ５６７８，邮箱{EMAILS[0]}。依据《中华人民共和国食品安全法》第一百二十四条，"
         "决定罚款人民币20000元。"),
    ]
    publications = []
    for party, text in parties:
        case = services.case_open(user=None, body=body, matter=matter, summary="销售超过保质期的食品",
                                  opened_on=dt.date(2022, 3, 1), **party)
        for officer in officers:
            services.case_assign_officer(user=None, case=case, officer=officer, on=dt.date(2022, 3, 2))
        services.case_decide(user=None, case=case, decision_kind="fine", decided_on=dt.date(2022, 3, 20),
                             text=text, fine_amount=5000)
        publications.append(services.decision_publish(user=None, case=case, published_on=dt.date(2022, 3, 25),
                                                      back_entry=True))
    return {"publications": publications, "entity": entity}


def page_text(client) -> str:
    """The portal page as a reader sees it: tags dropped, entities decoded."""
    response = client.get(reverse("portal:enforcement"))
    assert response.status_code == 200
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def compact(text: str) -> str:
    """NFKC, separators dropped: what a reader could piece digits and letters together from."""
    return re.sub(r"[\s\-－·・.．]", "", unicodedata.normalize("NFKC", text)).upper()


def test_the_audits_strings_are_not_on_the_portal(client, published):
    page = page_text(client)
    shown = compact(page)

    for number in (PARTY_ID, *IDS, MOBILE, LANDLINE):
        assert number.upper() not in shown
    for email in EMAILS:
        assert email.split("@")[0].upper().replace(".", "") not in shown
        assert full_width(email) not in page
    for address in ADDRESSES:
        assert address not in page
        assert address[-4:] not in page  # not even the house number
    for part in (*ADDRESS_OVER_A_COMMA, REPRESENTATIVE_ADDRESS):
        assert part not in page
    for card in CARDS:
        assert card not in shown
        assert card[-8:] not in shown  # no piece of it either
    assert PARTY not in page
    assert "张某" in page and "（住址已隐去）" in page and "（身份证号码已隐去）" in page
    assert page.count("（银行账号已隐去）") == 3


def test_what_the_decisions_need_is_still_on_the_portal(client, published):
    page = page_text(client)

    for kept in ("《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", "货值金额５０００元", "罚款5000元",
                 "2022年3月1日", "市场监督管理局（执法）", "罚款人民币20000元", "，因无证经营另案处理，",
                 "法定代表人李四，住所："):
        assert kept in page
    # The company's registered name, credit code and address are public registration data.
    entity = published["entity"]
    assert f"当事人：大连兴海商贸有限公司，统一社会信用代码：{entity.uscc}，住所：{COMPANY_ADDRESS}。" in page

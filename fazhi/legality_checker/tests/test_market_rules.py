"""Rules about market entities (issue 16 item 20): the fee rule's basis, the statutory caps on tender deposits,
cutting supplies cited under 行政强制法 第四十三条 only when residents' living is cut, and the hint that a draft
concerns enterprises (公平竞争审查)."""

from datetime import date

import pytest

from fazhi.legality_checker.engine import check, market_cues
from fazhi.legality_checker.engine.check import DEPOSIT_OVER_CAP
from fazhi.legality_checker.engine.rules import COERCIVE_MEASURE, COERCIVE_MEASURE_RESIDENTS, DEPOSIT_CAPS, FEE

VALIDITY = "\n第九十九条 本办法自2025年1月1日起施行，有效期五年。"


def findings_of(clause: str) -> list:
    """The findings on one clause, inside a draft whose validity period is lawful."""
    return check("第一条 " + clause + VALIDITY, today=date(2025, 1, 1))


def test_the_fee_rule_cites_the_business_environment_regulations_on_fees_and_deposits():
    # 优化营商环境条例 第二十五条: 涉企行政事业性收费、涉企保证金 need a law, an administrative regulation or the
    # State Council's approval; 第六十四条: no added obligations without such a basis.
    [finding] = findings_of("申请人应当向区城管局缴纳保证金五万元。")
    assert finding.rule == "fee"
    assert (finding.basis, finding.explanation) == (FEE.basis, FEE.explanation)
    assert "《优化营商环境条例》第二十五条、第六十四条" in FEE.basis  # the articles the rule applies


@pytest.mark.parametrize(("clause", "deposit", "article", "share", "cap"), [
    ("中标人应当提交履约保证金，履约保证金为中标合同金额的15%。", "履约保证金", "第五十八条", "15%", "10%"),
    ("履约保证金按合同价款的百分之二十缴纳。", "履约保证金", "第五十八条", "20%", "10%"),
    ("投标保证金按招标项目估算价的3％收取。", "投标保证金", "第二十六条", "3%", "2%"),
    # A maximum above the cap lets the tenderer ask for more than the law allows.
    ("履约保证金不得超过中标合同金额的百分之十五。", "履约保证金", "第五十八条", "15%", "10%"),
])
def test_a_tender_deposit_above_its_statutory_cap_is_flagged(clause, deposit, article, share, cap):
    [finding] = findings_of(clause)
    assert finding.rule == "fee"
    assert finding.basis == DEPOSIT_CAPS[deposit].basis == f"《中华人民共和国招标投标法实施条例》{article}"
    assert finding.explanation == DEPOSIT_OVER_CAP.format(deposit=deposit, base=DEPOSIT_CAPS[deposit].base, cap=cap,
                                                          share=share)


@pytest.mark.parametrize("clause", [
    "中标人应当按照招标文件的要求提交履约保证金，履约保证金不得超过中标合同金额的百分之十。",
    "履约保证金按中标合同金额的5%提交。",
    "投标保证金不得超过招标项目估算价的2%。",
    "履约保证金超过中标合同金额10%的部分，招标人应当退还。",
    "工程质量保证金不得超过工程价款结算总额的3%。",
])
def test_a_tender_deposit_within_its_cap_is_not_flagged(clause):
    assert findings_of(clause) == []


def test_cutting_power_to_an_enterprise_is_not_cited_under_article_43():
    # 行政强制法 第四十三条第二款 is about 居民生活; cutting an enterprise's supply is an enforcement measure only a
    # law may set (第十三条), e.g. 安全生产法 第七十条.
    [finding] = findings_of("对拒不执行停产停业决定的生产经营单位，区应急管理局可以通知供电企业停止供电。")
    assert finding.rule == "coercive_measure"
    assert (finding.basis, finding.explanation) == (COERCIVE_MEASURE.basis, COERCIVE_MEASURE.explanation)
    assert "第十三条" in COERCIVE_MEASURE.basis
    assert "第四十三条" not in COERCIVE_MEASURE.basis and "第四十三条" not in COERCIVE_MEASURE.explanation


def test_cutting_power_to_an_enterprise_under_the_law_that_allows_it_is_not_flagged():
    assert findings_of("对拒不执行停产停业决定的生产经营单位，经本部门主要负责人批准，可以依照"
                       "《中华人民共和国安全生产法》第七十条的规定，通知供电企业停止供电。") == []


def test_no_coercive_finding_cites_article_43_unless_residents_are_cut_off():
    [finding] = findings_of("对违法经营的物品，区市场监管局可以查封、扣押。")
    assert finding.basis == COERCIVE_MEASURE.basis


@pytest.mark.parametrize("clause", [
    "对拒不整改的出租房屋，街道办事处可以采取断水断电措施。",
    "居民逾期不拆除违法搭建的，停止对其供水、供电。",
    # No reference makes it lawful: 第四十三条第二款 forbids the means itself.
    "对拒不搬迁的住户，依照《XX市房屋征收补偿办法》的规定停止供水、供气。",
    "对拒不整改的出租房屋，可以采取断水断电措施，并对房屋予以查封。",
])
def test_cutting_supplies_to_force_residents_is_cited_under_article_43(clause):
    [finding] = findings_of(clause)
    assert finding.rule == "coercive_measure"
    assert (finding.basis, finding.explanation) == (COERCIVE_MEASURE_RESIDENTS.basis,
                                                    COERCIVE_MEASURE_RESIDENTS.explanation)
    assert COERCIVE_MEASURE_RESIDENTS.basis == "《中华人民共和国行政强制法》第四十三条第二款"


def test_forbidding_to_cut_residents_supplies_is_not_flagged():
    assert findings_of("行政机关不得对居民生活采取停止供水、供电等方式迫使当事人履行相关行政决定。") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("区中小企业扶持资金管理办法\n第一条 扶持资金用于支持本区中小企业技术改造。\n"
     "第二条 企业申请扶持资金，应当提交申请表。", ("企业",)),
    ("第一条 政府采购和招标投标活动应当公开透明。\n第二条 投标人应当如实提交材料。",
     ("政府采购", "招标投标", "投标人")),
    ("第一条 经营者应当明码标价。\n第二条 个体工商户应当亮照经营。", ("经营者", "个体工商户")),
])
def test_a_draft_about_enterprises_gets_the_hint(text, expected):
    assert market_cues(text) == expected


@pytest.mark.parametrize("text", [
    "长兴岛街道居民公约指导办法\n第一条 居民公约由居民会议讨论制定，报街道办事处备案。",
    # One passing mention is not "obviously about enterprises".
    "第一条 本办法适用于老旧小区改造，施工企业由建设单位依法确定。",
    # Titles of laws are masked: citing 《企业信息公示暂行条例》 is not about enterprises.
    "第一条 依照《企业信息公示暂行条例》《优化营商环境条例》执行。",
])
def test_no_hint_for_a_draft_that_is_not_about_enterprises(text):
    assert market_cues(text) == ()

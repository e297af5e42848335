"""Clause by clause: what each rule must flag and, as important, the lawful clauses it must leave alone."""

from datetime import date

import pytest

from fazhi.legality_checker.engine import check

VALIDITY = "\n第九十九条 本办法自2025年1月1日起施行，有效期五年。"


def rules_of(clause: str) -> set[str]:
    """The rules flagged in one clause, inside a draft whose validity period is lawful."""
    return {f.rule for f in check("第一条 " + clause + VALIDITY, today=date(2025, 1, 1))}


OVERSTEPPING = [
    # license: the document grants or withholds permission on its own authority
    ("未经区城管局批准，任何单位和个人不得设置户外广告。", "license"),
    ("设立培训机构，须经区教育局审批。", "license"),
    ("经营者应当取得区商务局核发的准营证后方可营业。", "license"),
    ("对本区建材市场实行准入审批制度。", "license"),
    ("运输车辆须向区交通运输局申领通行证。", "license"),
    ("新设餐饮项目须经区生态环境分局审核同意后方可开业。", "license"),
    ("未经备案同意，不得开工建设。", "license"),
    ("企业经区住建局验收合格后方可投入使用。", "license"),
    ("从业人员须取得区人社局颁发的上岗证，持证上岗。", "license"),
    ("零售网点实行总量控制，超出总数的申请不予许可。", "license"),
    # penalty
    ("违反本办法规定的，由区城管局处以五千元罚款。", "penalty"),
    ("对违规经营者没收其违法所得。", "penalty"),
    ("情节严重的，吊销其经营许可证。", "penalty"),
    ("拒不改正的，责令停产停业。", "penalty"),
    ("违反本办法的，由区教育局给予处罚。", "penalty"),
    ("对有不良记录的企业，三年内不得参与本区政府投资项目投标。", "penalty"),
    ("违反前款规定的，予以警告。", "penalty"),
    # coercive_measure
    ("对违法经营的物品，区市场监管局可以查封、扣押。", "coercive_measure"),
    ("区教育局可以冻结其监管账户资金。", "coercive_measure"),
    ("逾期不拆除的，由区城管局强制拆除。", "coercive_measure"),
    ("对拒不整改的，可以采取停止供水、供电措施。", "coercive_measure"),
    ("未按规定路线行驶的，暂扣车辆。", "coercive_measure"),
    # fee
    ("申请人应当向区城管局缴纳保证金五万元。", "fee"),
    ("经营户每年缴纳管理服务费三千元。", "fee"),
    ("运营企业按照每辆车每年100元的标准缴纳管理费。", "fee"),
    ("入驻商户应当交纳押金二千元。", "fee"),
    ("逾期交纳的，按日加收千分之五的滞纳金。", "fee"),
    ("街道可以向辖区企业摊派活动经费。", "fee"),
    # fair_competition
    ("检测应当委托区城管局指定的检测机构进行。", "fair_competition"),
    ("同等条件下优先采购本区企业生产的产品。", "fair_competition"),
    ("外地企业参与投标的，须另行提供无违法证明。", "fair_competition"),
    ("参与政府采购的供应商应当在本区设立分支机构。", "fair_competition"),
    ("电子秤必须从区市场监管局推荐的企业名录中选购。", "fair_competition"),
    ("投标人须具有本区范围内同类工程业绩。", "fair_competition"),
    ("景区观光车统一由区文旅集团公司经营。", "fair_competition"),
    ("限定用户购买其指定的燃气表。", "fair_competition"),
    ("要求企业必须在本区缴纳税收。", "fair_competition"),
    ("可以对其作出暂停营业的处理。", "penalty"),
    ("对违规企业予以罚没。", "penalty"),
    ("区城管局可以将违法停放的车辆拖移至指定地点。", "coercive_measure"),
    ("申请人需交纳工本费十元。", "fee"),
    ("经营场所变更的，须重新报批。", "license"),
    ("从事该项业务须具备区交通运输局认定的资质。", "license"),
    ("未办理准入手续的企业，不得进入园区经营。", "license"),
    ("对屡教不改的商户，取缔其经营资格。", "penalty"),
    ("对拒不缴纳罚款的，可以冻结其银行存款。", "coercive_measure"),
    ("经营者须预交一年的卫生费。", "fee"),
    ("全区中小学校服统一由XX服装公司生产供应。", "fair_competition"),
    # 法定代表人 is a person, not a legal basis.
    ("企业法定代表人应当向区商务局缴纳保证金五万元。", "fee"),
]

LAWFUL = [
    # references to a law carry the power
    "违反本办法规定的，依照《中华人民共和国食品安全法》的规定予以处罚。",
    "经营者应当依法申请取得食品经营许可。",
    "对违法行为，由市场监管部门依法处理。",
    "依照《中华人民共和国广告法》第五十五条的规定，处二十万元以上一百万元以下的罚款。",
    "法律、法规对处罚另有规定的，从其规定。",
    "对违法建筑，可以依法申请人民法院强制执行。",
    "经营性停车场收费按照省价格主管部门核定的标准执行。",
    "依照《中华人民共和国行政强制法》的规定采取查封、扣押措施。",
    # negations and prohibitions
    "行政机关不得收取任何费用。",
    "任何单位不得以检查为名，向企业收取费用。",
    "行政机关不得指定交易，不得限定经营者购买特定产品。",
    "规范性文件不得设定行政许可、行政处罚和行政强制措施。",
    "不得对外地企业设置歧视性条件。",
    "首次违法且危害后果轻微并及时改正的，不予行政处罚。",
    # neither a power nor an obligation of ours
    "政策措施应当按照《公平竞争审查条例》进行公平竞争审查。",
    "运营企业应当将投放方案报区交通运输局备案。",
    "由区城管局责令限期改正。",
    "企业应当依法缴纳税款和社会保险费。",
    "申请奖励资金，须经区财政局审核后报区管委会批准。",
    "本办法经区管委会审议通过后施行。",
    "未经本人同意，不得公开其个人信息。",
    "企业缴纳的保证金，应当在验收后三十日内退还。",
    "对查封、扣押的物品，应当妥善保管。",
    "罚没收入全额上缴国库。",
    "外地企业在本区投资的，享受与本区企业同等待遇。",
    "各部门应当指定专人负责信息报送。",
    "鼓励企业在本区设立研发中心。",
    "教师应当取得教师资格证书。",
    "招标人可以要求投标人提交投标保证金。",
    "评标专家从专家库中随机抽取。",
    "培训机构收取培训费用应当开具发票。",
    "实行告知承诺制，审批改为备案。",
    "企业自愿参加的培训，培训机构可以按照公示标准收取培训费。",
    "由有关部门按照职责分工依法查处。",
    "对不符合条件的申请，不予受理。",
    "本区实行企业投资项目备案制度。",
    "扣押期限不得超过三十日。",
    "对企业收取的涉企保证金应当及时清退。",
    "鼓励企业使用本地产品。",
    "各类市场主体依法平等使用生产要素。",
    "对符合条件的企业给予一次性奖励10万元。",
    "申请入住人才公寓的，应当在本区缴纳社会保险。",
    "建立涉企收费目录清单制度，清单之外一律不得收费。",
    "公共资源交易中心为招标投标提供场所服务，不收取场地费。",
    "拆除违法建筑所需费用由违法建设当事人承担。",
    "推行“一业一证”改革，将多张许可证整合为一张行业综合许可证。",
]


@pytest.mark.parametrize(("clause", "rule"), OVERSTEPPING)
def test_overstepping_clause_is_flagged_with_its_rule(clause, rule):
    assert rules_of(clause) == {rule}


@pytest.mark.parametrize("clause", LAWFUL)
def test_lawful_clause_is_not_flagged(clause):
    assert rules_of(clause) == set()


def test_list_introduced_by_a_prohibition_is_not_flagged():
    draft = ("第一条 行政机关及其工作人员不得有下列行为：\n（一）指定或者变相指定生产企业；\n"
             "（二）向经营者收取检测费用；\n（三）违法查封、扣押经营者的财物。" + VALIDITY)
    assert check(draft) == []


def test_a_notice_preamble_citing_a_law_does_not_cover_its_items():
    draft = ("关于XX的通知\n根据《中华人民共和国旅游法》等规定，现通知如下：\n"
             "一、经营户每年应当交纳诚信保证金三千元。\n二、本通知自印发之日起执行，有效期三年。")
    assert [f.rule for f in check(draft)] == ["fee"]


def test_reference_opening_a_sentence_covers_the_part_after_its_semicolon():
    draft = ("第一条 依照《中华人民共和国大气污染防治法》第一百一十八条的规定，处五千元以上五万元以下的罚款；"
             "拒不改正的，责令停业整治。" + VALIDITY)
    assert check(draft) == []


def test_one_finding_per_rule_per_clause_and_ordered_by_position():
    draft = "第一条 处以罚款，并没收违法所得，吊销执照。\n第二条 查封场所；未经批准不得经营。" + VALIDITY
    findings = check(draft)
    assert [(f.rule, f.article) for f in findings] == [("penalty", "第一条"), ("coercive_measure", "第二条"),
                                                      ("license", "第二条")]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert findings[1].text == "查封场所；"

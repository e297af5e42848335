"""The rules the pre-review applies: each with its legal basis and the explanation a drafter reads.

The engine cannot import Django, so these Chinese strings are constants here rather than gettext
calls (docs/legality-checker.md explains the choice); they are shown to users as they are.
"""

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Rule:
    """One check: a stable code, its Chinese name, the legal basis it applies and what a finding means."""

    code: str
    name: str
    basis: str
    explanation: str


LICENSE = Rule(
    code="license",
    name="设定行政许可",
    # 行政许可法 第十四条、第十五条 list who may set licences (laws, administrative regulations, local
    # regulations, provincial government rules for temporary licences); 第十七条 closes the list.
    basis="《中华人民共和国行政许可法》第十四条、第十五条、第十七条",
    explanation="行政规范性文件不得设定行政许可；该条款自行设定了审批、许可或批准事项，"
                "请删除，或写明所依据的法律、法规条文。",
)
PENALTY = Rule(
    code="penalty",
    name="设定行政处罚",
    # 行政处罚法 (2021) 第十六条: other normative documents may not set penalties; 第九条 lists the kinds.
    basis="《中华人民共和国行政处罚法》第九条、第十六条",
    explanation="除法律、法规、规章外，其他规范性文件不得设定行政处罚；该条款自行设定了罚款、没收、"
                "吊销、责令停产停业等处罚，请删除，或改为“依照《……》的规定处理”并写明依据。",
)
COERCIVE_MEASURE = Rule(
    code="coercive_measure",
    name="设定行政强制",
    # 行政强制法 第十条第四款 (measures), 第十三条 (enforcement set by law only: cutting an enterprise's power is
    # one, e.g. under 安全生产法 第七十条). Cutting residents' supplies is COERCIVE_MEASURE_RESIDENTS, under 第四十三条.
    basis="《中华人民共和国行政强制法》第十条、第十三条",
    explanation="法律、法规以外的其他规范性文件不得设定查封、扣押、冻结等行政强制措施，行政强制执行"
                "只能由法律设定；请删除，或写明所依据的法律、法规条文。",
)
# Cutting water, power, heat or gas to residents' living to make them comply: 行政强制法 第四十三条第二款 (行政机关
# 不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行相关行政决定) forbids the means itself, so a
# reference in the clause does not make it lawful. A finding of the coercive_measure rule with this basis.
COERCIVE_MEASURE_RESIDENTS = Rule(
    code="coercive_measure",
    name="对居民生活停止供水、供电等",
    basis="《中华人民共和国行政强制法》第四十三条第二款",
    explanation="行政机关不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行相关行政决定；"
                "该条款以停止供应迫使居民履行，请删除，改用法律规定的执行方式。",
)
FEE = Rule(
    code="fee",
    name="违法设定收费或保证金",
    # 国办发〔2018〕37号: normative documents may not add obligations without a legal basis; 优化营商环境条例
    # (国务院令第722号) 第二十五条: 设立政府性基金、涉企行政事业性收费、涉企保证金，应当有法律、行政法规依据或者经
    # 国务院批准 (目录清单之外……一律不得执行), 第六十四条: no 减损权益或者增加义务 of market entities without a basis;
    # 国办发〔2016〕49号 keeps only four kinds of deposits in construction (bid, performance, quality, wages).
    basis="《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）；"
          "《优化营商环境条例》第二十五条、第六十四条；"
          "《国务院办公厅关于清理规范工程建设领域保证金的通知》（国办发〔2016〕49号）",
    explanation="没有法律、法规依据，行政规范性文件不得设定收费项目、保证金、押金或摊派，不得增加企业和"
                "群众的义务；请删除，或写明收费、保证金的法定依据和批准文件。",
)
FAIR_COMPETITION = Rule(
    code="fair_competition",
    name="排除、限制竞争",
    # 反垄断法 (2022) chapter 5: 第三十九条 designated suppliers, 第四十一条 free movement of goods,
    # 第四十二条 tenders, 第四十三条 outside firms' investment, 第四十五条 rules that restrict competition;
    # 公平竞争审查条例 (国务院令第783号) chapter 2 sets the review standards.
    basis="《中华人民共和国反垄断法》第三十九条、第四十一条至第四十三条、第四十五条；"
          "《公平竞争审查条例》第八条至第十一条",
    explanation="该条款指定或限定经营者、优待本地经营者或对外地经营者设置歧视性条件，具有排除、限制竞争"
                "的效果；请按《公平竞争审查条例》进行审查后删除或修改。",
)
NO_VALIDITY_PERIOD = Rule(
    code="no_validity_period",
    name="未规定有效期",
    basis="《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）；"
          "本省行政规范性文件管理规定（有效期制度）",
    explanation="文件未写明有效期；行政规范性文件应当规定有效期（一般不超过5年，暂行、试行的不超过2年），"
                "请在附则中写明施行日期和有效期。",
)
VALIDITY_TOO_LONG = Rule(
    code="validity_too_long",
    name="有效期过长",
    basis=NO_VALIDITY_PERIOD.basis,
    explanation="文件规定的有效期超过上限（一般不超过5年，名称或正文标明“暂行”“试行”的不超过2年），"
                "请缩短有效期。",
)



@dataclass(frozen=True)
class DepositCap:
    """A tender deposit the law caps at a share of a base: a draft asking for a larger share is a fee finding."""

    deposit: str
    percent: float
    base: str
    basis: str


# 招标投标法实施条例 (国务院令第613号, 2019年第三次修订) 第二十六条: 投标保证金不得超过招标项目估算价的2%;
# 第五十八条: 履约保证金不得超过中标合同金额的10%. Within these caps the two deposits are lawful (国办发〔2016〕49号
# keeps them), so only a larger share is flagged.
DEPOSIT_CAPS: MappingProxyType[str, DepositCap] = MappingProxyType({cap.deposit: cap for cap in (
    DepositCap("投标保证金", 2, "招标项目估算价", "《中华人民共和国招标投标法实施条例》第二十六条"),
    DepositCap("履约保证金", 10, "中标合同金额", "《中华人民共和国招标投标法实施条例》第五十八条"),
)})

# Keyed by code, in the order findings of one clause are listed.
RULES: MappingProxyType[str, Rule] = MappingProxyType({rule.code: rule for rule in (
    LICENSE, PENALTY, COERCIVE_MEASURE, FEE, FAIR_COMPETITION, NO_VALIDITY_PERIOD, VALIDITY_TOO_LONG,
)})

"""The demo zone's normative documents, major decisions and legal advisors. No Django import.

Seed report 三(一): 2022年以来共计审核区管委会规范性文件5件 … 2022年共废止行政规范性文件1件 (after the
laws changed); 三(二): 重大行政决策合法性审查全覆盖; 聘请律师为全区各部门、各街道及国有企业提供法律服务，
实现法律顾问服务“全覆盖”. Titles, texts, names and numbers are invented but plausible.
"""

import datetime as dt
from dataclasses import dataclass

D = dt.date
ISSUER = "LEAD-GWH"  # 区管委会规范性文件: issued in the administrative committee's name
FILING_AUTHORITY = "大连市人民政府"  # 管委会 documents go to the government above (省政府令第149号 第三条)


@dataclass(frozen=True)
class Document:
    title: str
    unit: str
    drafter: str
    text: str
    submitted: dt.date
    reviewed: dt.date
    deliberated: dt.date
    published: dt.date
    effective: dt.date
    filed: dt.date
    comment: tuple[dt.date, dt.date] | None = None
    # A first draft the legal office found unlawful (reviewed on `unlawful_on`), revised, reviewed again.
    unlawful_text: str = ""
    unlawful_on: dt.date | None = None
    # A document about operators' economic activity: its fair competition review (公平竞争审查条例 第十三条、
    # 第十八条) on this day, before it goes to the legal office, and what the operators said (第十六条).
    fair_competition: tuple[dt.date, str] | None = None


def _text(purpose: str, body: tuple[str, ...], validity: str) -> str:
    articles = [f"第一条 为了{purpose}，根据有关法律、法规和政策规定，结合本区实际，制定本办法。", *body,
                f"第{_cn(len(body) + 2)}条 本办法自{validity}。"]
    return "\n".join(a if a.startswith("第") else f"第{_cn(i + 1)}条 {a}" for i, a in enumerate(articles))


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("十" if n < 20 else digits[n // 10] + "十") + (digits[n % 10] if n % 10 else "")


REPEALED_2019 = Document(
    title="长兴岛经济技术开发区企业安全生产标准化奖励办法",
    unit="DEPT-YJJ", drafter="孙应急",
    text=_text("鼓励企业开展安全生产标准化建设", (
        "对通过安全生产标准化一级评审的企业，给予一次性奖励。",
        "奖励资金由区财政安排，应急管理局负责审核。",
    ), "2019年7月1日起施行，有效期5年"),
    submitted=D(2019, 5, 6), reviewed=D(2019, 5, 15), deliberated=D(2019, 5, 28), published=D(2019, 6, 3),
    effective=D(2019, 7, 1), filed=D(2019, 6, 13),
)
# 《中华人民共和国安全生产法》was revised in 2021 (第三次修正, 2021年9月1日施行): the 2022 cleanup repeals it.
CLEANUP_2022 = {
    "name": "2022年因法律法规修改开展的行政规范性文件专项清理",
    "basis": "《中华人民共和国安全生产法》2021年修正、《中华人民共和国行政处罚法》2021年修订后，对现行有效的"
             "区管委会规范性文件逐件审查",
    "started": D(2022, 8, 15), "decided": D(2022, 9, 20), "published": D(2022, 9, 30),
    "repeal_reason": "安全生产法修正后，奖励事项改由市级统一实施，本办法的设定依据已不存在",
    "summary": "共清理现行有效的区管委会规范性文件4件，继续有效3件，废止1件。",
}

DOCUMENTS_2022 = (
    Document(
        title="长兴岛经济技术开发区促进中小企业发展扶持资金管理办法",
        unit="DEPT-YSJ", drafter="钱营商",
        text=_text("规范中小企业发展扶持资金管理，提高资金使用效益", (
            "扶持资金用于支持本区中小企业技术改造、市场开拓和人才引进。",
            "企业申请扶持资金，应当提交申请表及相关证明材料；营商环境建设局自受理之日起20个工作日内提出审核意见。",
            "扶持资金的使用情况应当依法公开，接受社会监督。",
        ), "2022年4月1日起施行，有效期至2027年3月31日"),
        submitted=D(2022, 2, 21), reviewed=D(2022, 3, 3), deliberated=D(2022, 3, 10), published=D(2022, 3, 15),
        effective=D(2022, 4, 1), filed=D(2022, 3, 25), comment=(D(2022, 1, 10), D(2022, 2, 14)),
        fair_competition=(D(2022, 2, 16), "征求了区工商业联合会和12家中小企业的意见，均认为申请条件对各类企业一致。"),
    ),
    Document(
        title="长兴岛经济技术开发区市场主体住所（经营场所）登记管理暂行办法",
        unit="DEPT-SJJ", drafter="李监管",
        text=_text("便利市场主体登记，规范住所（经营场所）管理", (
            "申请人对住所（经营场所）的真实性、合法性作出承诺的，登记机关不再要求提交产权证明。",
            "登记机关对承诺内容开展事后核查，发现承诺不实的，依照《市场主体登记管理条例》的规定处理。",
        ), "2022年6月1日起施行，有效期2年"),
        submitted=D(2022, 4, 18), reviewed=D(2022, 5, 9), deliberated=D(2022, 5, 16), published=D(2022, 5, 20),
        effective=D(2022, 6, 1), filed=D(2022, 5, 30), comment=(D(2022, 3, 14), D(2022, 4, 15)),
        fair_competition=(D(2022, 4, 16), "征求了区个体劳动者协会和8家市场主体的意见，未提出公平竞争方面的问题。"),
        unlawful_text=_text("便利市场主体登记，规范住所（经营场所）管理", (
            "申请人对住所（经营场所）的真实性、合法性作出承诺的，登记机关不再要求提交产权证明。",
            "承诺不实的，由登记机关处以五千元以上一万元以下罚款，并列入经营异常名录。",
        ), "2022年6月1日起施行，有效期2年"),
        unlawful_on=D(2022, 4, 26),
    ),
    Document(
        title="长兴岛经济技术开发区老旧小区改造工作实施办法",
        unit="DEPT-ZJJ", drafter="周住建",
        text=_text("推进老旧小区改造，改善居民居住条件", (
            "老旧小区改造遵循居民自愿、政府引导、统筹推进的原则。",
            "改造方案应当征求小区居民意见，经三分之二以上居民同意后实施。",
            "住房和城乡建设局负责改造项目的组织实施和质量监督。",
        ), "2022年8月1日起施行，有效期至2027年7月31日"),
        submitted=D(2022, 6, 27), reviewed=D(2022, 7, 7), deliberated=D(2022, 7, 14), published=D(2022, 7, 20),
        effective=D(2022, 8, 1), filed=D(2022, 7, 29), comment=(D(2022, 5, 20), D(2022, 6, 20)),
    ),
    Document(
        title="长兴岛经济技术开发区政府投资项目管理办法",
        unit="DEPT-CZJ", drafter="吴财政",
        text=_text("规范政府投资行为，提高政府投资效益", (
            "政府投资项目实行审批制，依照《政府投资条例》的规定办理。",
            "财政局负责政府投资项目的资金管理和绩效评价。",
        ), "2022年10月1日起施行，有效期至2027年9月30日"),
        submitted=D(2022, 8, 29), reviewed=D(2022, 9, 8), deliberated=D(2022, 9, 15), published=D(2022, 9, 20),
        effective=D(2022, 10, 1), filed=D(2022, 9, 29),
    ),
    Document(
        title="长兴岛经济技术开发区行政执法公示办法",
        unit="DEPT-SFJ", drafter="王法制",
        text=_text("推行行政执法公示制度，保障公民、法人和其他组织的知情权", (
            "行政执法机关应当在执法决定作出之日起7个工作日内公开行政许可、行政处罚的执法决定信息。",
            "公开执法决定信息时，应当依法去除个人隐私等不宜公开的信息。",
        ), "2022年12月1日起施行，有效期至2027年11月30日"),
        submitted=D(2022, 10, 24), reviewed=D(2022, 11, 3), deliberated=D(2022, 11, 10), published=D(2022, 11, 15),
        effective=D(2022, 12, 1), filed=D(2022, 11, 25),
    ),
)

# Work in progress on the demo's day (any day: the dates follow it): a draft with the legal office
# (a to-do) and one out for public comment. Only the dates a draft uses are given.
def current_in_review(today: dt.date) -> Document:
    submitted = today - dt.timedelta(days=3)
    return Document(
        title="长兴岛经济技术开发区海域使用管理办法（送审稿）", unit="DEPT-ZRJ", drafter="郑自然",
        text=_text("加强海域使用管理，维护海域使用权人的合法权益", (
            "在本区管理海域内从事养殖的，应当向自然资源局申请取得养殖许可证。",
            "海域使用金的征收依照《中华人民共和国海域使用管理法》的规定执行。",
        ), f"{today.year + 1}年1月1日起施行，有效期5年"),
        submitted=submitted, reviewed=submitted, deliberated=submitted, published=submitted, effective=submitted,
        filed=submitted,
    )


def current_comment(today: dt.date) -> Document:
    start = today - dt.timedelta(days=20)
    return Document(
        title="长兴岛街道居民公约指导办法（征求意见稿）", unit="STR-CXD", drafter="赵街道",
        text=_text("引导居民自治，推进基层治理", ("居民公约由居民会议讨论制定，报街道办事处备案。",),
                   "公布之日起施行，有效期5年"),
        submitted=today, reviewed=today, deliberated=today, published=today, effective=today, filed=today,
        comment=(start, start + dt.timedelta(days=30)),
    )


@dataclass(frozen=True)
class Decision:
    title: str
    unit: str
    # (kind, completed, started, people, summary) for steps done; (kind, on, reason) for lawful skips.
    steps: tuple
    skips: tuple = ()
    evaluated: tuple[dt.date, str] | None = None


DECISIONS_2022 = (
    Decision("长兴岛经济技术开发区2022年老旧小区改造项目实施方案", "DEPT-ZJJ", steps=(
        ("public_participation", D(2022, 4, 30), D(2022, 3, 31), "小区居民、社区代表",
         "公开征求意见31日，收到意见26条，采纳19条"),
        ("expert_argumentation", D(2022, 5, 12), D(2022, 5, 10), "建筑、规划专家5人", "专家论证认为方案可行"),
        ("risk_assessment", D(2022, 5, 20), D(2022, 5, 13), "第三方评估机构", "社会稳定风险评估为低风险"),
        ("legality_review", D(2022, 5, 31), D(2022, 5, 21), "司法局、法律顾问", "合法"),
        ("collective_discussion", D(2022, 6, 8), None, "管委会第12次常务会议", "同意实施"),
    ), evaluated=(D(2022, 12, 20), "改造完成12个小区，居民满意度96%，建议继续实施")),
    Decision("长兴岛经济技术开发区中小企业扶持资金年度分配方案", "DEPT-YSJ", steps=(
        ("public_participation", D(2022, 2, 28), D(2022, 1, 28), "企业、行业协会", "公开征求意见32日，收到意见15条"),
        ("legality_review", D(2022, 3, 8), D(2022, 2, 28), "司法局", "修改后合法：补充资金分配的公开程序"),
        ("collective_discussion", D(2022, 3, 14), None, "管委会第5次常务会议", "同意"),
    ), skips=(
        ("expert_argumentation", D(2022, 3, 1), "资金分配不属于专业性、技术性较强的事项"),
        ("risk_assessment", D(2022, 3, 1), "不涉及社会稳定、公共安全等方面的不利影响"),
    )),
    Decision("长兴岛经济技术开发区港区道路交通组织优化方案", "DEPT-ZHZF", steps=(
        ("public_participation", D(2022, 9, 5), D(2022, 8, 5), "港区企业、周边居民", "公开征求意见32日，收到意见40条"),
        ("expert_argumentation", D(2022, 9, 15), D(2022, 9, 13), "交通规划专家3人", "专家论证同意"),
        ("risk_assessment", D(2022, 9, 22), D(2022, 9, 16), "第三方评估机构", "风险可控"),
        ("legality_review", D(2022, 10, 10), D(2022, 9, 23), "司法局、法律顾问", "合法"),
        ("collective_discussion", D(2022, 10, 18), None, "管委会第19次常务会议", "同意实施"),
    )),
)


def current_decision(today: dt.date) -> Decision:
    """A decision of the demo's year, its public comment closed a month ago."""
    completed = today - dt.timedelta(days=36)
    return Decision("长兴岛经济技术开发区生活垃圾分类实施方案", "DEPT-ZHZF", steps=(
        ("public_participation", completed, completed - dt.timedelta(days=32), "居民、物业企业",
         "公开征求意见32日，收到意见58条"),
    ))

# Lawyers retained (fake licence numbers: 17 digits) and the units each serves.
ADVISORS = (
    ("高文律", "辽宁长兴律师事务所", "12102201110000101", "行政法、政府法律事务"),
    ("林正义", "辽宁长兴律师事务所", "12102201210000102", "合同、国有资产"),
    ("许明法", "大连海岸律师事务所", "12102201510000103", "行政诉讼、复议"),
    ("潘立信", "大连海岸律师事务所", "12102201810000104", "企业合规"),
)
# For the present year: the contract of this state enterprise ended mid-year (or before the demo's day,
# early in a year) and was not renewed (a gap).
GAP_UNIT = "SOE-CT"


def gap_ended(today: dt.date) -> dt.date:
    return max(D(today.year, 1, 1), min(D(today.year, 6, 30), today - dt.timedelta(days=1)))

"""The demo zone's 双随机、一公开: item lists, rules, the joint meeting and the 2022 joint plans ("1+N").

The seed report (二(三)): an implementation plan and detailed rules for cross-department random
inspection, a joint meeting convened by the deputy director in charge, the market regulator
leading, and full coverage of the departments with inspection duties by "1+N" joint plans.
Plain data, no Django import.
"""

import datetime as dt
from dataclasses import dataclass

D = dt.date

# (department, code, name, legal basis, category)
ITEMS = (
    ("DEPT-SJJ", "SJJ-SJ-001", "企业公示信息情况的检查", "《企业信息公示暂行条例》第十四条", "key"),
    ("DEPT-SJJ", "SJJ-SJ-002", "食品经营者经营活动的检查", "《中华人民共和国食品安全法》第一百一十条", "key"),
    ("DEPT-SJJ", "SJJ-SJ-003", "广告发布行为的检查", "《中华人民共和国广告法》第四十九条", "general"),
    ("DEPT-WJJ", "WJJ-SJ-001", "公共场所卫生的检查", "《公共场所卫生管理条例》第十条", "general"),
    ("DEPT-ZJJ", "ZJJ-SJ-001", "建筑施工企业资质和安全生产条件的检查", "《建设工程安全生产管理条例》第四十条", "key"),
    ("DEPT-ZRJ", "ZRJ-SJ-001", "建设用地使用情况的检查", "《中华人民共和国土地管理法》第六十七条", "general"),
    ("DEPT-YJJ", "YJJ-SJ-001", "生产经营单位安全生产的检查", "《中华人民共和国安全生产法》第六十五条", "key"),
    ("DEPT-STJ", "STJ-SJ-001", "排污单位排污许可执行情况的检查", "《排污许可管理条例》第二十八条", "key"),
    ("DEPT-JYJ", "JYJ-SJ-001", "娱乐场所经营活动的检查", "《娱乐场所管理条例》第三十四条", "general"),
    ("DEPT-ZHZF", "ZHZF-SJ-001", "门前责任区和户外广告设置的检查", "《城市市容和环境卫生管理条例》第三十二条",
     "general"),
    ("DEPT-RSJ", "RSJ-SJ-001", "用人单位遵守劳动保障法律法规的检查", "《劳动保障监察条例》第十五条", "general"),
    ("DEPT-NYJ", "NYJ-SJ-001", "农药经营的检查", "《农药管理条例》第四十一条", "general"),
)

RULES_DOCUMENT = "长兴岛经济技术开发区部门联合“双随机、一公开”抽查工作细则"
RULES_ADOPTED = D(2022, 3, 1)
# Per-department ratios by credit-risk class (A lowest, D highest), as in the detailed rules.
RATIOS = {"A": "0.03", "B": "0.05", "C": "0.10", "D": "0.20"}

MEETING_NAME = "长兴岛经济技术开发区市场监管领域部门联合“双随机、一公开”监管工作联席会议"
MEETING_CONVENOR = "孙立新"
MEETING_CONVENOR_TITLE = "管委会副主任（分管）"
MEETING_ESTABLISHED = D(2022, 2, 25)
MEETING_DOCUMENT = "长兴岛经济技术开发区市场监管领域全面推行部门联合“双随机、一公开”监管实施方案"
MEETING_RECORDS = (
    (D(2022, 3, 8), "审议部门联合抽查工作细则和2022年度抽查计划",
     "审议通过抽查工作细则；确定2022年度5个部门联合抽查计划，实现有抽查职责部门全覆盖；由区市场监管局牵头组织摇号。"),
    (D(2022, 12, 20), "2022年度部门联合抽查工作总结",
     "通报全年联合抽查、结果公示情况；对发现问题的主体依法处理；部署2023年度抽查计划编制。"),
)


@dataclass(frozen=True)
class Plan:
    title: str
    lead: str
    others: tuple[str, ...]
    items: tuple[str, ...]
    industries: tuple[str, ...]
    inspection_date: dt.date
    # Demo sources, revealed at the draw: the witnesses' sealed secrets (24 digits: a short secret is found from its
    # seal, engine.SECRET_MIN_DIGITS) and, first, a public lottery's numbers
    # (made up for the demo, never a real lottery's).
    sources: tuple[tuple[int, ...], ...]
    lottery: tuple[int, ...] = ()


# Conflicts declared by the lead department's first officers (回避, 行政处罚法 第四十三条).
RECUSALS_PER_PLAN = 2
RECUSAL_REASONS = (("relative", "演示：配偶在该主体任职"), ("former_employer", "演示：2020年前曾在该主体任职"),
                   ("recent_dealing", "演示：近期为该主体办理过许可事项"))

# The commit needs a source a third party makes public after it (a lottery's draw on a named later date) and a
# seal for every witness's secret (services._check_sources). The lottery is drawn the day the draw is made.
LOTTERY_LABEL = "演示：福利彩票双色球{date}开奖号码（演示数值，非真实开奖结果）"
SOURCE_LABELS = ("演示：见证人甲（区纪工委）的秘密数", "演示：见证人乙（企业代表）的秘密数")

PLANS_2022 = (
    Plan("2022年度食品经营和公共场所卫生部门联合抽查", "DEPT-SJJ", ("DEPT-WJJ",),
         ("SJJ-SJ-001", "SJJ-SJ-002", "WJJ-SJ-001"), ("H", "F"), D(2022, 5, 17),
         ((680859733021657391743403,), (373997181145283568952789,)),
         (2, 9, 14, 21, 27, 30, 8)),
    Plan("2022年度建设工程领域部门联合抽查", "DEPT-ZJJ", ("DEPT-ZRJ", "DEPT-YJJ"),
         ("ZJJ-SJ-001", "ZRJ-SJ-001", "YJJ-SJ-001"), ("E", "K"), D(2022, 6, 14),
         ((595073825429845624934557,), (959556619389625988330150,)),
         (5, 7, 16, 19, 25, 33, 12)),
    Plan("2022年度工业企业生态环境和安全生产部门联合抽查", "DEPT-STJ", ("DEPT-YJJ", "DEPT-SJJ"),
         ("STJ-SJ-001", "YJJ-SJ-001", "SJJ-SJ-001"), ("C", "D"), D(2022, 7, 12),
         ((867665642345290478672054,), (458549551396190407437714,)),
         (1, 4, 13, 18, 22, 29, 3)),
    Plan("2022年度文化市场和户外广告部门联合抽查", "DEPT-JYJ", ("DEPT-ZHZF", "DEPT-SJJ"),
         ("JYJ-SJ-001", "ZHZF-SJ-001", "SJJ-SJ-003"), ("R", "L"), D(2022, 8, 16),
         ((505068638828146952682593,), (474904286741076502406500,)),
         (6, 10, 11, 20, 24, 31, 15)),
    Plan("2022年度劳动保障和农资经营部门联合抽查", "DEPT-RSJ", ("DEPT-NYJ", "DEPT-SJJ"),
         ("RSJ-SJ-001", "NYJ-SJ-001", "SJJ-SJ-001"), ("A", "O"), D(2022, 9, 13),
         ((366385543369455049749500,), (406466878837613191092837,)),
         (3, 8, 15, 17, 26, 32, 6)),
)

# This year's plans: one drawn with tasks waiting for the inspectors, one committed awaiting its sources.
CURRENT_DRAWN = Plan("本年度第四季度企业公示信息抽查", "DEPT-SJJ", (), ("SJJ-SJ-001",), ("L", "M"), D(1, 1, 1),
                     ((286125683876336193974004,), (906853318654447591704942,)), (7, 12, 19, 23, 28, 33, 10))
CURRENT_COMMITTED = Plan("本年度第四季度食品经营部门联合抽查", "DEPT-SJJ", ("DEPT-WJJ",),
                         ("SJJ-SJ-002", "WJJ-SJ-001"), ("H",), D(1, 1, 1),
                         ((661814542384307913512198,), (857692609918803819631743,)))

# Results: every PROBLEM_EVERY-th task found a problem (kinds in turn); the rest found none.
PROBLEM_EVERY = 6
PROBLEM_KINDS = (("rectify_ordered", "经营场所未悬挂营业执照，已当场责令改正。"),
                 ("not_disclosed", "未按规定报送公示2021年度报告。"),
                 ("unreachable", "通过登记的住所无法联系。"),
                 ("transferred", "发现涉嫌违法线索，移送执法机构依法处理。"))

"""The demo zone's enforcement: bodies, matters, officers, 2022 training and cases. No Django import.

The 2022 training follows the seed report (四(二)): general legal-knowledge training and exams
for new officers and for officers whose certificates had lapsed, 2 sessions, 110+ attendances.
Everything else is invented but plausible; names and ID numbers are fake (see fake_id_number).
"""

import datetime as dt
from dataclasses import dataclass

from fazhi.core.validators import id_number_check_character

ZONE_PREFIX = "大连长兴岛经济技术开发区"
ISSUER = "大连市人民政府"
AREA = "大连长兴岛经济技术开发区"
REGION = "210281"  # 瓦房店市 (GB/T 2260), where 长兴岛 lies


def fake_id_number(n: int) -> str:
    """A valid GB 11643 number that is obviously fake: 顺序码 000 is never issued."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=(97 * n) % 14610)  # born 1960–1999, distinct for n < 14610
    first17 = f"{REGION}{born:%Y%m%d}000"
    return first17 + id_number_check_character(first17)


def fake_mobile(n: int) -> str:
    return f"1380000{n:04d}"


@dataclass(frozen=True)
class Matter:
    code: str
    name: str
    kind: str  # MatterKind value
    legal_basis: str
    # For cases of this matter: what the party did, and the decision it led to.
    violation: str = ""
    decision: str = ""  # DecisionKind value
    fine: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Body:
    unit_code: str
    fields: str
    legal_basis: str
    # (veterans, new officers trained in June 2022, officers whose certificates lapsed)
    officers: tuple[int, int, int]
    cases: int
    matters: tuple[Matter, ...]


BODIES = (
    Body("DEPT-SJJ", "市场监管", "《中华人民共和国行政处罚法》《中华人民共和国食品安全法》《中华人民共和国产品质量法》"
         "《中华人民共和国广告法》", (7, 12, 11), 8, (
             Matter("SJJ-CF-001", "对经营超过保质期食品的行政处罚", "penalty",
                    "《中华人民共和国食品安全法》第一百二十四条", "在经营场所销售超过保质期的预包装食品", "fine",
                    (5000, 30000)),
             Matter("SJJ-CF-002", "对销售不符合保障人体健康和人身、财产安全标准产品的行政处罚", "penalty",
                    "《中华人民共和国产品质量法》第四十九条", "销售不符合安全标准的电气产品", "fine", (20000, 80000)),
             Matter("SJJ-CF-003", "对发布虚假广告的行政处罚", "penalty", "《中华人民共和国广告法》第五十五条",
                    "在店铺招牌和宣传单上发布虚假广告", "warning"),
             Matter("SJJ-XK-001", "食品经营许可", "permit", "《中华人民共和国食品安全法》第三十五条",
                    "申请食品经营许可", "permit_granted"),
             Matter("SJJ-QZ-001", "查封、扣押不符合食品安全标准的食品", "compulsory_measure",
                    "《中华人民共和国食品安全法》第一百一十条", "储存来源不明的冷冻食品", "detention"),
             Matter("SJJ-JC-001", "食品经营监督检查", "inspection", "《中华人民共和国食品安全法》第一百一十条",
                    "食品经营日常监督检查"),
         )),
    Body("DEPT-ZHZF", "城市管理综合行政执法", "《中华人民共和国行政处罚法》《中华人民共和国城乡规划法》"
         "《城市市容和环境卫生管理条例》", (6, 10, 10), 7, (
             Matter("ZHZF-CF-001", "对未取得建设工程规划许可证进行建设的行政处罚", "penalty",
                    "《中华人民共和国城乡规划法》第六十四条", "未取得建设工程规划许可证擅自搭建彩钢房", "fine",
                    (10000, 60000)),
             Matter("ZHZF-CF-002", "对擅自在街道两侧设置摊点的行政处罚", "penalty", "《城市市容和环境卫生管理条例》",
                    "未经批准在道路两侧设置摊点经营", "warning"),
             Matter("ZHZF-QZ-001", "强制拆除违法建设", "compulsory_measure", "《中华人民共和国城乡规划法》第六十八条",
                    "逾期未拆除违法建设", "other"),
             Matter("ZHZF-JC-001", "市容环境卫生检查", "inspection", "《城市市容和环境卫生管理条例》",
                    "市容环境卫生日常检查"),
         )),
    Body("DEPT-STJ", "生态环境", "《中华人民共和国环境保护法》《中华人民共和国大气污染防治法》"
         "《中华人民共和国环境影响评价法》", (3, 6, 5), 4, (
             Matter("STJ-CF-001", "对超过大气污染物排放标准排放的行政处罚", "penalty",
                    "《中华人民共和国大气污染防治法》第九十九条", "喷涂工序废气超过排放标准排放", "fine",
                    (100000, 200000)),
             Matter("STJ-CF-002", "对建设项目未依法报批环境影响评价文件擅自开工的行政处罚", "penalty",
                    "《中华人民共和国环境影响评价法》第三十一条", "环境影响报告表未经批准擅自开工建设", "fine",
                    (30000, 90000)),
             Matter("STJ-QZ-001", "查封、扣押造成污染物排放的设施、设备", "compulsory_measure",
                    "《中华人民共和国环境保护法》第二十五条", "违法排放污染物，可能造成严重污染", "detention"),
             Matter("STJ-JC-001", "污染源现场检查", "inspection", "《中华人民共和国环境保护法》第二十四条",
                    "重点排污单位现场检查"),
         )),
    Body("DEPT-YJJ", "安全生产", "《中华人民共和国安全生产法》", (3, 6, 5), 4, (
        Matter("YJJ-CF-001", "对未按规定对从业人员进行安全生产教育和培训的行政处罚", "penalty",
               "《中华人民共和国安全生产法》第九十七条", "未按规定对从业人员进行安全生产教育和培训", "fine",
               (10000, 50000)),
        Matter("YJJ-QZ-001", "查封、扣押不符合保障安全生产标准的设施、设备、器材", "compulsory_measure",
               "《中华人民共和国安全生产法》第六十五条", "使用不符合安全标准的压力容器", "detention"),
        Matter("YJJ-JC-001", "安全生产监督检查", "inspection", "《中华人民共和国安全生产法》第六十五条",
               "危险化学品经营单位安全生产检查"),
    )),
    Body("DEPT-ZJJ", "住房和城乡建设", "《中华人民共和国建筑法》《建设工程质量管理条例》", (3, 5, 5), 3, (
        Matter("ZJJ-XK-001", "建筑工程施工许可", "permit", "《中华人民共和国建筑法》第七条", "申请建筑工程施工许可",
               "permit_granted"),
        Matter("ZJJ-CF-001", "对未取得施工许可证擅自施工的行政处罚", "penalty", "《中华人民共和国建筑法》第六十四条",
               "未取得施工许可证擅自施工", "fine", (20000, 60000)),
    )),
    Body("DEPT-ZRJ", "自然资源", "《中华人民共和国土地管理法》", (3, 5, 5), 3, (
        Matter("ZRJ-CF-001", "对非法占用土地的行政处罚", "penalty", "《中华人民共和国土地管理法》第七十七条",
               "未经批准占用集体土地建设仓库", "fine", (20000, 120000)),
        Matter("ZRJ-JC-001", "土地利用动态巡查", "inspection", "《中华人民共和国土地管理法》",
               "卫片图斑实地核查"),
    )),
    Body("DEPT-NYJ", "农业农村、渔业", "《中华人民共和国渔业法》《农药管理条例》", (3, 4, 5), 3, (
        Matter("NYJ-CF-001", "对经营假农药的行政处罚", "penalty", "《农药管理条例》第五十五条", "经营假农药", "fine",
               (5000, 20000)),
        Matter("NYJ-CF-002", "对使用禁用渔具捕捞的行政处罚", "penalty", "《中华人民共和国渔业法》第三十八条",
               "使用禁用渔具在禁渔期捕捞", "fine", (2000, 8000)),
        Matter("NYJ-XK-001", "渔业捕捞许可", "permit", "《中华人民共和国渔业法》第二十三条", "申请渔业捕捞许可证",
               "permit_granted"),
    )),
    Body("DEPT-WJJ", "卫生健康", "《中华人民共和国基本医疗卫生与健康促进法》《公共场所卫生管理条例》", (3, 4, 4), 3, (
        Matter("WJJ-CF-001", "对未取得医疗机构执业许可证擅自执业的行政处罚", "penalty",
               "《中华人民共和国基本医疗卫生与健康促进法》第九十九条", "未取得医疗机构执业许可证开展诊疗活动", "fine",
               (20000, 60000)),
        Matter("WJJ-XK-001", "公共场所卫生许可", "permit", "《公共场所卫生管理条例》第八条", "申请公共场所卫生许可证",
               "permit_granted"),
    )),
    Body("DEPT-JYJ", "文化市场、体育", "《营业性演出管理条例》《娱乐场所管理条例》", (2, 3, 3), 2, (
        Matter("JYJ-CF-001", "对未经批准举办营业性演出的行政处罚", "penalty", "《营业性演出管理条例》",
               "未经批准举办营业性演出", "warning"),
        Matter("JYJ-JC-001", "文化市场日常检查", "inspection", "《娱乐场所管理条例》", "娱乐场所日常检查"),
    )),
    Body("DEPT-RSJ", "劳动保障监察", "《劳动保障监察条例》《中华人民共和国劳动法》", (3, 3, 3), 3, (
        Matter("RSJ-CF-001", "对违法延长劳动者工作时间的行政处罚", "penalty", "《劳动保障监察条例》第二十五条",
               "违反规定延长劳动者工作时间", "fine", (3000, 15000)),
        Matter("RSJ-JC-001", "劳动保障监察检查", "inspection", "《劳动保障监察条例》第十一条",
               "用人单位遵守劳动用工规定情况检查"),
    )),
)

# The seed's two 2022 sessions, each followed by its exam (四(二): 2场次, 110余人次).
TRAINING_ORGANISER = "DEPT-SFJ"
NEW_OFFICER_TRAINING = ("新上岗行政执法人员通用法律知识培训", dt.date(2022, 6, 14), "8", "区司法局、特邀律师")
NEW_OFFICER_EXAM = dt.date(2022, 6, 17)
RENEWAL_TRAINING = ("执法证件过期人员通用法律知识培训", dt.date(2022, 11, 8), "8", "区司法局、特邀律师")
RENEWAL_EXAM = dt.date(2022, 11, 11)
NEW_OFFICER_FAILS = 5
RENEWAL_FAILS = 4
NEW_CERTIFICATES_FROM = dt.date(2022, 7, 15)
RENEWED_CERTIFICATES_FROM = dt.date(2022, 12, 1)
CERTIFICATE_YEARS = 5

SPECIAL_INSPECTION = "2022年行政执法“三项制度”落实情况专项检查"
CHECKLIST = "\n".join((
    "执法主体、人员、职责、权限、依据、程序等信息是否事前公开",
    "行政许可、行政处罚决定是否在7个工作日内公开，其他决定是否在20个工作日内公开",
    "执法全过程文字记录是否完整，现场执法、调查取证、查封扣押等是否音像记录",
    "重大执法决定是否经法制审核，审核意见是否书面记录",
    "执法人员是否持有效执法证件，是否两人以上执法",
))

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红志建国海波宁辉鹏飞鑫宇浩然雪梅晨阳东升"

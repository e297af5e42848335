"""The demo zone: the organisation the 2022 seed report names, and one demo user per role.

Plain data, no Django import, so `make run` can print the demo logins before Django starts.
"""

from dataclasses import dataclass

ZONE_NAME = "大连长兴岛经济技术开发区"
ZONE_SHORT_NAME = "长兴岛经济技术开发区"
# Not a secret: the demo database is for trying the platform on a laptop, never production.
DEMO_PASSWORD = "Fazhi-demo-2026"

# (code, name, short name, kind, parent code)
ORG_UNITS = [
    ("LEAD-DGW", "中共大连长兴岛经济技术开发区工作委员会", "党工委", "leadership", None),
    ("LEAD-GWH", "大连长兴岛经济技术开发区管理委员会", "管委会", "leadership", None),
    ("DEPT-DZB", "党政办公室", "党政办", "department", "LEAD-GWH"),
    ("DEPT-SFJ", "司法局", "司法局", "department", "LEAD-GWH"),
    ("DEPT-SJJ", "市场监督管理局", "市场监管局", "department", "LEAD-GWH"),
    ("DEPT-CZJ", "财政局", "财政局", "department", "LEAD-GWH"),
    ("DEPT-SJI", "审计局", "审计局", "department", "LEAD-GWH"),
    ("DEPT-YSJ", "营商环境建设局", "营商局", "department", "LEAD-GWH"),
    ("DEPT-ZJJ", "住房和城乡建设局", "住建局", "department", "LEAD-GWH"),
    ("DEPT-ZRJ", "自然资源局", "自然资源局", "department", "LEAD-GWH"),
    ("DEPT-STJ", "生态环境分局", "生态环境分局", "department", "LEAD-GWH"),
    ("DEPT-YJJ", "应急管理局", "应急局", "department", "LEAD-GWH"),
    ("DEPT-NYJ", "农业农村局", "农业农村局", "department", "LEAD-GWH"),
    ("DEPT-JYJ", "教育文化体育局", "教文体局", "department", "LEAD-GWH"),
    ("DEPT-WJJ", "卫生健康局", "卫健局", "department", "LEAD-GWH"),
    ("DEPT-RSJ", "人力资源和社会保障局", "人社局", "department", "LEAD-GWH"),
    ("DEPT-ZHZF", "综合行政执法局", "综合执法局", "department", "LEAD-GWH"),
    ("STR-CXD", "长兴岛街道", "长兴岛街道", "street", "LEAD-GWH"),
    ("STR-JLB", "交流岛街道", "交流岛街道", "street", "LEAD-GWH"),
    ("STR-XZ", "西中岛街道", "西中岛街道", "street", "LEAD-GWH"),
    ("STR-FL", "凤鸣岛街道", "凤鸣岛街道", "street", "LEAD-GWH"),
    ("PS-CXD", "长兴岛派出所", "长兴岛派出所", "police_station", None),
    ("PS-JLB", "交流岛派出所", "交流岛派出所", "police_station", None),
    ("PS-XZ", "西中岛派出所", "西中岛派出所", "police_station", None),
    ("PS-SS", "三堂派出所", "三堂派出所", "police_station", None),
    ("SOE-JT", "长兴岛投资发展集团有限公司", "投资集团", "state_enterprise", "LEAD-GWH"),
    ("SOE-GK", "长兴岛港口投资发展有限公司", "港口公司", "state_enterprise", "LEAD-GWH"),
    ("SOE-CT", "长兴岛城市建设投资有限公司", "城投公司", "state_enterprise", "LEAD-GWH"),
    ("EXT-FY", "大连长兴岛经济技术开发区人民法院", "法院", "court", None),
    ("EXT-JCY", "大连长兴岛经济技术开发区人民检察院", "检察院", "procuratorate", None),
]

# The registration authority that keeps the market-entity register (市场主体登记管理条例 第五条).
MARKET_REGISTER_KEEPER = "DEPT-SJJ"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    role_label: str
    unit_code: str
    unit: str
    # 法律职业资格证书编号 of a reviewer of penalty decisions (行政处罚法 第五十八条第二款); a made-up number.
    legal_qualification_number: str = ""


DEMO_USERS = [
    DemoUser("admin", "系统管理员", "admin", "系统管理员", "DEPT-SFJ", "司法局"),
    DemoUser("legal", "王法制", "legal_office", "法制机构工作人员", "DEPT-SFJ", "司法局", "A20182102000001"),
    DemoUser("scjg", "李监管", "unit_staff", "单位工作人员", "DEPT-SJJ", "市场监管局"),
    DemoUser("street", "赵街道", "unit_staff", "单位工作人员", "STR-CXD", "长兴岛街道"),
    DemoUser("officer", "陈执法", "officer", "执法人员", "DEPT-SJJ", "市场监管局"),
    DemoUser("leader", "刘主任", "leader", "领导", "LEAD-GWH", "管委会"),
]

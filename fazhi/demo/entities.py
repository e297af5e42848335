"""Plausible market entities with valid codes, reproducible from a seed. No Django import."""

import random
from collections.abc import Iterator
from dataclasses import dataclass

from fazhi.core.validators import uscc_check_character

# GB 11714-1997 组织机构代码: 8 characters and a check character, weights below, mod 11.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
REGION_CODE = "210281"  # 瓦房店市, where 长兴岛 lies (GB/T 2260)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红志建国海波宁辉鹏飞"
WORDS = "兴海宏远鑫盛华泰恒达丰瑞金诚信安康博通顺利德隆润新源晟弘昌汇"
TRADES = [
    ("C", "船舶配套", "company"), ("C", "机械制造", "company"), ("C", "石化装备", "joint_stock"),
    ("G", "物流", "company"), ("F", "商贸", "company"), ("F", "超市", "individual"),
    ("H", "饭店", "individual"), ("H", "宾馆", "company"), ("E", "建筑工程", "company"),
    ("A", "水产养殖", "cooperative"), ("A", "果蔬种植", "cooperative"), ("I", "信息技术", "company"),
    ("L", "商务咨询", "partnership"), ("O", "汽车修理", "individual"), ("O", "美容美发", "individual"),
    ("K", "物业管理", "company"), ("M", "检测技术", "company"), ("C", "海产品加工", "sole_proprietorship"),
]
ROADS = ["滨海路", "兴港路", "长兴大街", "临港路", "金港路", "交流路", "三堂路", "星海大道"]
# How names are formed for each kind (企业名称登记管理规定: 行政区划 + 字号 + 行业 + 组织形式).
NAME_PATTERNS = {
    "company": "大连{brand}{trade}有限公司",
    "joint_stock": "大连{brand}{trade}股份有限公司",
    "partnership": "大连{brand}{trade}合伙企业（有限合伙）",
    "sole_proprietorship": "瓦房店市{brand}{trade}厂",
    "individual": "长兴岛{brand}{trade}",
    "cooperative": "瓦房店市{brand}{trade}专业合作社",
}
# Roughly how credit-risk classes are spread in practice: most entities are low or ordinary risk.
RISK_WEIGHTS = {"A": 30, "B": 50, "C": 15, "D": 5}


def org_code_check(body: str) -> str:
    total = sum(ORG_CODE_ALPHABET.index(ch) * w for ch, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng: random.Random, kind_digit: str) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    first17 = "9" + kind_digit + REGION_CODE + body + org_code_check(body)
    return first17 + uscc_check_character(first17)


@dataclass(frozen=True)
class EntityRow:
    uscc: str
    name: str
    entity_type: str
    legal_representative: str
    address: str
    street_index: int
    industry: str
    registration_status: str
    risk_class: str


def generate(count: int, streets: int, seed: int = 2022) -> Iterator[EntityRow]:
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        industry, trade, entity_type = rng.choice(TRADES)
        kind_digit = {"individual": "2", "cooperative": "3"}.get(entity_type, "1")
        uscc = make_uscc(rng, kind_digit)
        if uscc in seen:
            continue
        seen.add(uscc)
        person = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        brand = "".join(rng.sample(WORDS, rng.choice((2, 2, 3))))
        name = NAME_PATTERNS[entity_type].format(brand=brand, trade=trade)
        status = rng.choices(["active", "revoked", "deregistered", "suspended"], [90, 3, 5, 2])[0]
        yield EntityRow(
            uscc=uscc, name=name, entity_type=entity_type, legal_representative=person,
            address=f"大连长兴岛经济技术开发区{rng.choice(ROADS)}{rng.randint(1, 999)}号",
            street_index=rng.randrange(streets), industry=industry, registration_status=status,
            risk_class=rng.choices(list(RISK_WEIGHTS), list(RISK_WEIGHTS.values()))[0],
        )

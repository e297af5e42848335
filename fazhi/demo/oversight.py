"""Loads the demo zone's oversight records (seed report 五(二)) through the ledger services: in 2022 the units
received 2 judicial recommendations and 4 procuratorial ones (one of them a pre-suit recommendation of
administrative public-interest litigation), all answered on time; and the handling rules of the district's deputies'
suggestions and members' proposals. Each part only when the year (or the rule) has none of it."""

import datetime as dt

from fazhi.core.services import record_create
from fazhi.ledger import services as ledger
from fazhi.ledger.constants import ItemKind, ProposalKind, Satisfaction
from fazhi.ledger.models import HandlingRule, TrackedItem

YEAR = 2022
# (kind, source, reference, owner unit, subject, received, days to answer)
RECOMMENDATIONS = (
    (ItemKind.JUDICIAL, "大连市中级人民法院", "（2022）辽02司建1号（演示）", "DEPT-ZHZF",
     "关于规范违法建设强制拆除程序的司法建议", dt.date(YEAR, 3, 15), 40),
    (ItemKind.JUDICIAL, "瓦房店市人民法院", "瓦法司建〔2022〕3号（演示）", "DEPT-RSJ",
     "关于加强劳动保障监察执法文书送达的司法建议", dt.date(YEAR, 8, 9), 35),
    (ItemKind.PROCURATORIAL, "瓦房店市人民检察院", "瓦检建〔2022〕5号（演示）", "DEPT-SJJ",
     "关于加强食品经营许可后续监管的检察建议", dt.date(YEAR, 4, 12), 50),
    (ItemKind.PROCURATORIAL, "瓦房店市人民检察院", "瓦检建〔2022〕9号（演示）", "DEPT-YJJ",
     "关于危险化学品企业安全生产监督检查的检察建议", dt.date(YEAR, 6, 6), 45),
    (ItemKind.PROCURATORIAL, "瓦房店市人民检察院", "瓦检建〔2022〕14号（演示）", "STR-JLB",
     "关于农村集体“三资”管理的检察建议", dt.date(YEAR, 9, 20), 30),
    (ItemKind.PUBLIC_INTEREST, "瓦房店市人民检察院", "瓦检行公建〔2022〕2号（演示）", "DEPT-STJ",
     "关于督促整治入海排污口的行政公益诉讼诉前检察建议", dt.date(YEAR, 5, 10), 55),
)
RULES = (
    (ProposalKind.DEPUTY, "《长兴岛经济技术开发区人大代表建议、批评和意见办理办法》（演示）", dt.date(2020, 1, 1)),
    (ProposalKind.CPPCC, "《长兴岛经济技术开发区政协提案办理办法》（演示）", dt.date(2020, 1, 1)),
)


def load(*, units: dict) -> dict[str, int]:
    added = {"rules": 0, "recommendations": 0}
    for kind, name, effective_from in RULES:
        if not HandlingRule.objects.filter(kind=kind).exists():
            record_create(model=HandlingRule, user=None, reason="演示数据", kind=kind, name=name,
                          effective_from=effective_from)
            added["rules"] += 1
    kinds = {kind for kind, *_rest in RECOMMENDATIONS}
    if not TrackedItem.objects.filter(kind__in=kinds, received_on__year=YEAR).exists():
        for kind, source, reference, unit, subject, received_on, days in RECOMMENDATIONS:
            item = ledger.item_create(user=None, kind=kind, source=source, source_reference=reference,
                                      owner_unit=units[unit], subject=subject, received_on=received_on)
            item = ledger.item_answer(user=None, item=item, answered_on=received_on + dt.timedelta(days),
                                      answer="已对建议指出的问题逐项整改，建立长效机制，并书面回复")
            ledger.item_rate(user=None, item=item, satisfaction=Satisfaction.SATISFIED,
                             rated_on=item.answered_on)
            added["recommendations"] += 1
    return added

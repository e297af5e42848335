"""Loads the demo zone's oversight records (seed report 五(二)) through the ledger services: in 2022 the units
received 2 judicial recommendations and 4 procuratorial ones (one of them a pre-suit recommendation of
administrative public-interest litigation), all answered on time; and the handling rules of the district's deputies'
suggestions and members' proposals; and the 14 administrative lawsuits of 2022 (seed report 五(四): 2022年全区共发生
行政诉讼案件14件) through the litigation services, with their hearings and outcomes; and a few 行政复议 cases of
2022 (the seed gives no figure for them). Each part only when the year (or the rule) has none of it."""

import datetime as dt

from fazhi.core.services import record_create
from fazhi.ledger import services as ledger
from fazhi.ledger.constants import ItemKind, ProposalKind, Satisfaction
from fazhi.ledger.models import HandlingRule, TrackedItem
from fazhi.litigation import services as litigation
from fazhi.litigation.constants import Outcome
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.reconsideration import services as reconsideration
from fazhi.reconsideration.constants import ManagementCategory, PartyType
from fazhi.reconsideration.constants import Outcome as ReconsiderationOutcome
from fazhi.reconsideration.models import Reconsideration

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

COURT = "大连市长兴岛经济技术开发区人民法院（演示）"
# (defendant unit, plaintiff type, cause, category, complaint copy received, head appeared at the hearing (None: no
# hearing), outcome ("" still open)). The outcomes are the demo's own: the seed gives the number of cases only.
_P, _L = PartyType.CITIZEN, PartyType.LEGAL_PERSON
LAWSUITS = (
    ("DEPT-ZHZF", _P, "不服限期拆除违法建设决定", ManagementCategory.HOUSING_CONSTRUCTION, (1, 10), True,
     Outcome.JUDGED_DISMISSED),
    ("DEPT-ZRJ", _L, "不服土地行政处罚决定", ManagementCategory.NATURAL_RESOURCES, (2, 21), True,
     Outcome.JUDGED_DISMISSED),
    ("DEPT-SJJ", _L, "不服食品安全行政处罚决定", ManagementCategory.MARKET_REGULATION, (3, 8), True,
     Outcome.RULED_WITHDRAWN),
    ("DEPT-RSJ", _P, "不服工伤认定决定", ManagementCategory.LABOUR, (3, 28), True, Outcome.JUDGED_DISMISSED),
    ("STR-CXD", _P, "房屋征收补偿", ManagementCategory.EXPROPRIATION, (4, 18), True, Outcome.MEDIATED),
    ("DEPT-DZB", _P, "政府信息公开答复", ManagementCategory.INFORMATION_DISCLOSURE, (5, 9), False,
     Outcome.JUDGED_DISMISSED),
    ("DEPT-STJ", _L, "不服环境行政处罚决定", ManagementCategory.ENVIRONMENT, (5, 30), True, Outcome.JUDGED_DISMISSED),
    ("DEPT-ZHZF", _P, "不服强制拆除行为", ManagementCategory.HOUSING_CONSTRUCTION, (6, 20), True,
     Outcome.JUDGED_UNLAWFUL),
    ("DEPT-YJJ", _L, "不服安全生产行政处罚决定", ManagementCategory.EMERGENCY, (7, 11), True, Outcome.JUDGED_DISMISSED),
    ("STR-JLB", _P, "不服不予受理答复", ManagementCategory.OTHER, (8, 1), None, Outcome.RULED_DISMISSED),
    ("DEPT-ZRJ", _P, "房屋征收补偿决定", ManagementCategory.EXPROPRIATION, (8, 22), True, Outcome.JUDGED_DISMISSED),
    ("DEPT-RSJ", _L, "不服劳动保障监察行政处理决定", ManagementCategory.LABOUR, (9, 13), False,
     Outcome.JUDGED_DISMISSED),
    ("DEPT-SJJ", _P, "举报答复", ManagementCategory.MARKET_REGULATION, (10, 17), True, Outcome.RULED_WITHDRAWN),
    ("DEPT-ZHZF", _L, "不服城市管理行政处罚决定", ManagementCategory.HOUSING_CONSTRUCTION, (11, 28), True, ""),
)


def _load_lawsuits(units: dict) -> int:
    if AdministrativeLitigation.objects.filter(complaint_received_on__year=YEAR).exists():
        return 0
    for number, (unit, plaintiff_type, cause, category, (month, day), head, outcome) in enumerate(LAWSUITS, 1):
        received_on = dt.date(YEAR, month, day)
        case = litigation.litigation_create(
            user=None, case_number=f"（{YEAR}）辽0291行初{number}号（演示）", court=COURT,
            plaintiff_type=plaintiff_type, plaintiff="大连某某有限公司" if plaintiff_type == _L else "某某",
            defendant_unit=units[unit], cause=cause, category=category, complaint_received_on=received_on)
        case = litigation.litigation_defend(user=None, litigation=case, filed_on=received_on + dt.timedelta(10))
        if head is not None:
            details = ({"head_name": "分管副局长（演示）", "head_title": "副局长"} if head
                       else {"absence_reason": "official_duty", "staff_name": "承办科室负责人（演示）"})
            litigation.litigation_hearing(user=None, litigation=case, hearing_on=received_on + dt.timedelta(30),
                                          head_appeared=head, **details)
            case.refresh_from_db()
        if outcome:
            litigation.litigation_close(user=None, litigation=case, outcome=outcome, closed_on=received_on
                                        + dt.timedelta(50), document=f"（{YEAR}）辽0291行初{number}号裁判文书（演示）")
    return len(LAWSUITS)

# (respondent unit, applicant type, matter, category, copy received, simple procedure, outcome); all answered in
# 5 days. The demo's own: the seed reports no 行政复议 figure.
RECONSIDERATIONS = (
    ("DEPT-SJJ", _L, "食品安全行政处罚决定", ManagementCategory.MARKET_REGULATION, (3, 14), False,
     ReconsiderationOutcome.UPHELD),
    ("DEPT-DZB", _P, "政府信息公开答复", ManagementCategory.INFORMATION_DISCLOSURE, (5, 16), True,
     ReconsiderationOutcome.UPHELD),
    ("DEPT-ZHZF", _P, "城市管理行政处罚决定", ManagementCategory.HOUSING_CONSTRUCTION, (7, 4), False,
     ReconsiderationOutcome.CHANGED),
    ("DEPT-RSJ", _P, "工伤认定决定", ManagementCategory.LABOUR, (9, 5), False, ReconsiderationOutcome.DISMISSED),
)


def _load_reconsiderations(units: dict) -> int:
    if Reconsideration.objects.filter(copy_received_on__year=YEAR).exists():
        return 0
    for number, (unit, applicant_type, matter, category, (month, day), simple, outcome) in enumerate(
            RECONSIDERATIONS, 1):
        received_on = dt.date(YEAR, month, day)
        case = reconsideration.reconsideration_create(
            user=None, number=f"大政复字〔{YEAR}〕{number}号（演示）", organ="大连市人民政府",
            applicant_type=applicant_type, applicant="大连某某有限公司" if applicant_type == _L else "某某",
            respondent_unit=units[unit], matter=matter, category=category, simple_procedure=simple,
            accepted_on=received_on - dt.timedelta(3), copy_received_on=received_on)
        case = reconsideration.reconsideration_answer(user=None, reconsideration=case,
                                                      answered_on=received_on + dt.timedelta(5))
        reconsideration.reconsideration_decide(user=None, reconsideration=case, outcome=outcome,
                                               decided_on=received_on + dt.timedelta(25),
                                               document=f"大政复决字〔{YEAR}〕{number}号（演示）")
    return len(RECONSIDERATIONS)


def load(*, units: dict) -> dict[str, int]:
    added = {"rules": 0, "recommendations": 0, "lawsuits": _load_lawsuits(units),
             "reconsiderations": _load_reconsiderations(units)}
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

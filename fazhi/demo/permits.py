"""Loads the demo zone's 证照分离 (seed report 二(二)) through the permit services: the provincial catalogue in force
in 2022 with 6 matters abolished, 3 to filing, 11 by commitment and 40 optimised, and the year's one-window cases:
92 filing, 238 commitment and 370 optimised matters handled (700 件, in 680 cases: 20 apply for a commitment and an
optimised matter together, 一件事). Idempotent: the edition by its number; cases only when the year has none.

Then the year's 告知承诺 checks (a risk-sampled draw of the window's commitment cases in the first quarter, all found
true but one, whose false commitment is handed to enforcement with a credit record) and the business environment:
68 firms commended, every leader-firm pairing visited in 2022, 120 department and street visits, the legal service
team and a few enterprise requests answered in the tracking ledger. Each part only when the year has none of it.
"""

import datetime as dt

from simple_history.utils import bulk_create_with_history

from fazhi.core.validators import id_number_check_character
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.demo.entities import generate
from fazhi.enforcement.models import EnforcementBody
from fazhi.ledger import services as ledger
from fazhi.ledger.constants import ItemKind, Satisfaction
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit
from fazhi.permits import selectors, services
from fazhi.permits.constants import (
    ApplicantKind,
    ApprovalLevel,
    CheckMethod,
    CheckResult,
    CommitmentKind,
    DecisionForm,
    ReformMode,
    VisitKind,
)
from fazhi.permits.models import (
    CatalogueEdition,
    CheckDraw,
    Commendation,
    PermitCase,
    PermitMatter,
)

YEAR = 2022
EDITION = ("辽宁省涉企经营许可事项清单（2021年版）", "辽政办发〔2021〕16号（演示）", dt.date(2021, 7, 1))
# (mode, how many, handling unit, department as the list names it, measures)
MATTERS = (
    (ReformMode.ABOLISHED, 6, None, "原审批部门", "直接取消审批，企业取得营业执照即可开展经营"),
    (ReformMode.FILING, 3, "DEPT-SJJ", "市场监管部门", "审批改为备案，企业提交备案材料即可开展经营，当场办理备案"),
    (ReformMode.COMMITMENT, 11, "DEPT-YSJ", "行政审批部门", "实行告知承诺，申请人承诺并提交材料的当场作出审批决定"),
    (ReformMode.OPTIMIZED, 40, "DEPT-YSJ", "行政审批部门", "压减审批要件和环节，压缩审批时限，推行网上办理"),
)
CASES = {ReformMode.FILING: 92, ReformMode.COMMITMENT: 238, ReformMode.OPTIMIZED: 370}
BUNDLES = 20  # 一件事: a commitment matter and an optimised matter in one case
ONE_WINDOW = "DEPT-YSJ"  # 营商环境建设局: the one-stop window (一站式服务)

# Seed 二(二): 表彰企业68家; 领导包联企业走访全覆盖; 部门、街道走访企业100余次; a legal service team.
COMMENDED = 68
LEADERS = (("张宏伟", "管委会主任"), ("李建国", "管委会副主任"), ("王海涛", "管委会副主任"), ("刘明", "管委会副主任"),
           ("陈志强", "党工委委员"), ("杨立新", "党工委委员"))
PAIRED_PER_LEADER = 5
UNIT_VISITS = {"DEPT-YSJ": 30, "DEPT-SJJ": 20, "DEPT-ZJJ": 10, "STR-CXD": 20, "STR-JLB": 15, "STR-XZ": 15,
               "STR-FL": 10}  # 120 in all
TEAM = (("赵立", "辽宁某某律师事务所", "公司法务、合同"), ("孙晓梅", "大连某某律师事务所", "劳动用工"),
        ("周斌", "长兴岛法律服务所", "知识产权"), ("吴婷", "辽宁某某律师事务所", "行政许可、招投标"))
REQUESTS = (("合同审查", 3), ("劳动用工纠纷咨询", 4), ("商标注册咨询", 2), ("招投标文件审查", 6), ("股权转让咨询", 5),
            ("租赁合同纠纷", 3))  # (subject, calendar days to answer); received a week apart
CHECK_PERIOD = (dt.date(YEAR, 1, 1), dt.date(YEAR, 3, 31))
CHECK_SOURCES = (("2022年4月1日福彩3D开奖号码", [4, 1, 7]), ("2022年4月1日体彩排列5开奖号码", [2, 9, 0, 3, 6]))


def _person(n: int) -> tuple[str, str]:
    first17 = f"210281198{n % 10}0{1 + n % 9}1{n % 10}{n % 1000:03d}"
    return f"申请人{n:03d}", first17 + id_number_check_character(first17)


class PermitsDemo:
    def __init__(self, *, units: dict):
        self.units = units

    def load(self) -> dict[str, int]:
        added = {"matters": 0, "cases": 0}
        edition = CatalogueEdition.objects.filter(document_number=EDITION[1]).first()
        if edition is None:
            edition = services.edition_create(user=None, name=EDITION[0], document_number=EDITION[1],
                                              effective_on=EDITION[2])
            added["matters"] = self._catalogue(edition)
        if not PermitCase.objects.filter(received_on__year=YEAR).exists():
            added["cases"] = self._cases(edition)
        if not CheckDraw.objects.filter(period_from__year=YEAR).exists():
            added["checks"] = self._checks()
        if not Commendation.objects.filter(held_on__year=YEAR).exists():
            added["firms"] = self._environment()
        return added

    def _catalogue(self, edition) -> int:
        count = 0
        for mode, how_many, unit, department, measures in MATTERS:
            for n in range(1, how_many + 1):
                code = f"LN-{mode.value[:3].upper()}-{n:03d}"
                matter = PermitMatter.objects.filter(code=code).first() or services.matter_create(
                    user=None, code=code, name=f"{mode.label}事项{n:02d}")
                services.entry_create(
                    user=None, edition=edition, matter=matter, basis=f"《演示行政法规》第{n + 10}条",
                    approval_level=ApprovalLevel.COUNTY, approving_department=department,
                    org_unit=self.units.get(unit), mode=mode, measures=measures,
                    supervision="纳入“双随机、一公开”监管，依法查处违法违规行为",
                    promised_days=None if mode == ReformMode.FILING else 5)
                count += 1
        return count

    def _cases(self, edition) -> int:
        by_mode = {mode: list(PermitMatter.objects.filter(entries__edition=edition, entries__mode=mode)
                              .order_by("code")) for mode in CASES}
        entities = list(MarketEntity.objects.active().order_by("uscc")[:200])
        calendar = working_calendar()
        days = [d for d in (dt.date(YEAR, 1, 1) + dt.timedelta(n) for n in range(365))
                if calendar.is_working_day(d) and d <= dt.date(YEAR, 12, 20)]
        plan = [(mode, [by_mode[mode][n % len(by_mode[mode])]]) for mode in CASES
                for n in range(CASES[mode] - (BUNDLES if mode != ReformMode.FILING else 0))]
        plan += [("bundle", [by_mode[ReformMode.COMMITMENT][n % 11], by_mode[ReformMode.OPTIMIZED][n % 40]])
                 for n in range(BUNDLES)]
        for n, (mode, matters) in enumerate(plan):
            received_on = days[(n * 7) % len(days)]
            unit = self.units[ONE_WINDOW if mode == "bundle" else "DEPT-SJJ" if mode == ReformMode.FILING
                              else ONE_WINDOW]
            if entities and n % 3:
                case = services.case_create(user=None, org_unit=unit, applicant_kind=ApplicantKind.ENTITY,
                                            applicant_entity=entities[n % len(entities)], received_on=received_on,
                                            matters=matters)
            else:
                name, id_number = _person(n)
                case = services.case_create(user=None, org_unit=unit, applicant_kind=ApplicantKind.PERSON,
                                            applicant_name=name, applicant_id_number=id_number,
                                            received_on=received_on, matters=matters)
            if mode in (ReformMode.COMMITMENT, "bundle"):
                services.case_record_commitment(user=None, case=case, commitment_kind=CommitmentKind.MET_NOW,
                                                commitment_text="申请人承诺已经符合许可条件，愿意承担不实承诺的法律责任")
                case.refresh_from_db()
            if mode == ReformMode.FILING:
                services.case_decide(user=None, case=case, decision_form=DecisionForm.FILING_RECEIPT,
                                     decided_on=received_on)
            else:
                used = 0 if mode == ReformMode.COMMITMENT else 1 + n % 5  # 告知承诺: decided on the spot
                services.case_decide(user=None, case=case, decision_form=DecisionForm.LICENCE,
                                     decided_on=calendar.add_working_days(received_on, used))
        return len(plan)


    def _checks(self) -> int:
        """核查: the one window's commitment cases of the first quarter, drawn by risk; one commitment was false."""
        unit = self.units[ONE_WINDOW]
        if not any(selectors.check_pool(unit, *CHECK_PERIOD).values()):
            return 0  # a zone loaded before the commitments were recorded: nothing to draw from
        draw = services.check_draw_commit(user=None, org_unit=unit, period_from=CHECK_PERIOD[0],
                                          period_to=CHECK_PERIOD[1], source_labels=[s[0] for s in CHECK_SOURCES])
        draw = services.check_draw_reveal(user=None, draw=draw, sources=[s[1] for s in CHECK_SOURCES],
                                          drawn_on=dt.date(YEAR, 4, 1))
        checks = list(draw.checks.select_related("case").order_by("number"))
        false = next((check for check in checks if check.case.applicant_entity_id), None)
        for check in checks:
            breach = check == false
            services.check_record_result(
                user=None, check=check, method=CheckMethod.ONSITE if breach else CheckMethod.WRITTEN,
                result=CheckResult.FALSE if breach else CheckResult.TRUE, checked_on=dt.date(YEAR, 4, 15),
                finding="实地核查发现申请人无承诺的经营场所" if breach else "")
        body = EnforcementBody.objects.active().filter(org_unit=self.units["DEPT-SJJ"]).first()
        if false is not None and body is not None:
            false.refresh_from_db()
            services.check_hand_over(user=None, check=false, body=body)
        return len(checks)

    def _firms(self, count: int) -> list:
        """`count` market entities: the demo's own, topped up from the same generator when it made fewer."""
        have = MarketEntity.objects.active().count()
        if have < count:
            streets = list(OrgUnit.objects.filter(kind=OrgUnitKind.STREET).order_by("code"))
            existing = set(MarketEntity.objects.values_list("uscc", flat=True))
            rows = [MarketEntity(uscc=row.uscc, name=row.name, entity_type=row.entity_type,
                                 legal_representative=row.legal_representative, address=row.address,
                                 street=streets[row.street_index], industry=row.industry,
                                 registration_status=row.registration_status, risk_class=row.risk_class)
                    for row in generate(count + have, len(streets)) if row.uscc not in existing]
            bulk_create_with_history(rows[:count - have], MarketEntity, batch_size=2000,
                                     default_change_reason="演示数据")
        return list(MarketEntity.objects.active().order_by("uscc")[:count])

    def _environment(self) -> int:
        """Commendations, pairings visited, unit visits, the legal service team and enterprise requests."""
        firms = self._firms(COMMENDED)
        window, leadership = self.units[ONE_WINDOW], self.units["LEAD-GWH"]
        services.commendation_create(user=None, org_unit=leadership, name="2022年度优化营商环境先进企业表彰大会",
                                     held_on=dt.date(YEAR, 2, 18), firms=firms)
        paired = iter(firms)
        for leader, title in LEADERS:
            for n in range(PAIRED_PER_LEADER):
                pairing = services.pairing_create(user=None, org_unit=leadership, year=YEAR, leader_name=leader,
                                                  leader_title=title, entity=next(paired))
                services.visit_create(user=None, org_unit=leadership, kind=VisitKind.PAIRING, visitor=leader,
                                      visited_on=dt.date(YEAR, 3 + n * 2, 10), pairing=pairing,
                                      issues="企业反映用工、融资需求，已交营商局协调" if n % 2 else "")
        n = 0
        for code, how_many in UNIT_VISITS.items():
            unit = self.units[code]
            kind = VisitKind.STREET if unit.kind == OrgUnitKind.STREET else VisitKind.DEPARTMENT
            for _ in range(how_many):
                services.visit_create(user=None, org_unit=unit, kind=kind, visitor=f"{unit.short_name}走访组",
                                      visited_on=dt.date(YEAR, 1 + n % 11, 5 + n % 20), entity=firms[n % len(firms)],
                                      issues="了解企业生产经营情况，宣传惠企政策" if n % 3 else "企业反映审批材料较多")
                n += 1
        for name, affiliation, specialty in TEAM:
            services.member_create(user=None, org_unit=window, name=name, affiliation=affiliation,
                                   specialty=specialty, joined_on=dt.date(YEAR, 1, 1))
        for n, (subject, days) in enumerate(REQUESTS):
            received_on = dt.date(YEAR, 3, 1) + dt.timedelta(7 * n)
            firm = firms[n]
            item = ledger.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source=firm.name,
                                      source_entity=firm, owner_unit=window, handler=TEAM[n % len(TEAM)][0],
                                      subject=subject, received_on=received_on)
            ledger.item_answer(user=None, item=item, answer="法律服务团成员已出具书面意见并当面解答",
                               answered_on=received_on + dt.timedelta(days))
            item.refresh_from_db()
            ledger.item_rate(user=None, item=item, satisfaction=Satisfaction.SATISFIED if n % 3 else
                             Satisfaction.BASIC)
        return len(firms)


def load(*, units: dict) -> dict[str, int]:
    return PermitsDemo(units=units).load()

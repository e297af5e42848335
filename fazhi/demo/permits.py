"""Loads the demo zone's 证照分离 (seed report 二(二)) through the permit services: the provincial catalogue in force
in 2022 with 6 matters abolished, 3 to filing, 11 by commitment and 40 optimised, and the year's one-window cases:
92 filing, 238 commitment and 370 optimised matters handled (700 件, in 680 cases: 20 apply for a commitment and an
optimised matter together, 一件事). Idempotent: the edition by its number; cases only when the year has none."""

import datetime as dt

from fazhi.core.validators import id_number_check_character
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.market_entities.models import MarketEntity
from fazhi.permits import services
from fazhi.permits.constants import ApplicantKind, ApprovalLevel, DecisionForm, ReformMode
from fazhi.permits.models import CatalogueEdition, PermitCase, PermitMatter

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
            if mode == ReformMode.FILING:
                services.case_decide(user=None, case=case, decision_form=DecisionForm.FILING_RECEIPT,
                                     decided_on=received_on)
            else:
                used = 0 if mode == ReformMode.COMMITMENT else 1 + n % 5  # 告知承诺: decided on the spot
                services.case_decide(user=None, case=case, decision_form=DecisionForm.LICENCE,
                                     decided_on=calendar.add_working_days(received_on, used))
        return len(plan)


def load(*, units: dict) -> dict[str, int]:
    return PermitsDemo(units=units).load()

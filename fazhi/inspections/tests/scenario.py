"""A joint-inspection setting: two departments with items and rules, certified officers, 40 entities."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.accounts.tests.factories import UserFactory
from fazhi.core import clock
from fazhi.inspections import services
from fazhi.inspections.tests.factories import InspectionItemFactory, InspectionRulesFactory
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory


def inspection_date() -> dt.date:
    """Two weeks after the platform's today (read when called, so `set_today` moves it too).

    After today, as a draw needs (both its steps are refused after the inspection date), and within a
    year of it, so that results recorded today exempt their entities from a second plan's draw. Which
    entities a draw takes changes with the date (it is one of the committed parameters): tests assert
    properties and counts, not particular entities.
    """
    return clock.today() + dt.timedelta(days=14)


def labels_on(day: dt.date) -> list[str]:
    """Two public sources drawn by a third party on `day`: the commit accepts them if `day` is after it."""
    return [f"福利彩票双色球 {day.isoformat()} 开奖号码（红球、蓝球）", f"福利彩票3D {day.isoformat()} 开奖号码"]


class _DatedLabels(list):
    """The scenario's source labels, dated the day after the platform's today whenever they are read.

    The commit accepts an unsealed source only as a public one drawn after it (services.draw_commit), so
    its date must follow the clock, which tests move (`set_today`, `make test-dates`). Read as a list
    (iterated, indexed, compared); JSON encoders read a list's storage, refreshed at every read.
    """

    def _now(self) -> list[str]:
        fresh = labels_on(clock.today() + dt.timedelta(days=1))
        list.__init__(self, fresh)
        return fresh

    def __iter__(self):
        return iter(self._now())

    def __getitem__(self, index):
        return self._now()[index]

    def __len__(self) -> int:
        return len(self._now())

    def __eq__(self, other) -> bool:
        return self._now() == list(other)

    __hash__ = None


SOURCES = "3 11 17 22 28 31 9\n2 7 5\n"  # the two lotteries' numbers
LABELS = _DatedLabels()
# A witness's secret, sealed at the commit (20 or more digits: a short one is found from its seal by trying all).
WITNESS = "见证人甲（区纪工委）的秘密数"
WITNESS_SECRET = "31415926535897932384626"


@pytest.fixture
def setting(units, users):
    dept_a, dept_b = units["dept_a"], units["dept_b"]
    people = {
        "staff_a": UserFactory(role="unit_staff", org_unit=dept_a, username="scjg_staff"),
        "staff_b": UserFactory(role="unit_staff", org_unit=dept_b, username="zjj_staff"),
    }
    officers = []
    for unit, prefix in ((dept_a, "A"), (dept_b, "B")):
        for n in range(3):
            account = UserFactory(role="officer", org_unit=unit, username=f"insp_{prefix}{n}")
            officer = OfficerFactory(org_unit=unit, full_name=f"检查员{prefix}{n}", user=account)
            CertificateFactory(officer=officer, number=f"CERT-{prefix}{n}")
            officers.append(officer)
    rules = InspectionRulesFactory(org_unit=dept_a, ratio_a=Decimal("0.1"), ratio_b=Decimal("0.2"),
                                   ratio_c=Decimal("0.3"), ratio_d=Decimal("0.5"), max_tasks_per_inspector=10)
    items = [InspectionItemFactory(org_unit=dept_a, name="企业公示信息抽查"),
             InspectionItemFactory(org_unit=dept_b, name="建筑市场行为抽查")]
    entities = [MarketEntityFactory(street=units["street_a"] if n % 2 else units["street_b"],
                                    risk_class="ABCD"[n % 4]) for n in range(40)]
    return {**people, "officers": officers, "rules": rules, "items": items, "entities": entities,
            "dept_a": dept_a, "dept_b": dept_b, **users}


def make_plan(setting, *, joint=True, **overrides):
    fields = dict(
        title="2026年度部门联合双随机抽查计划", lead_unit=setting["dept_a"],
        starts_on=clock.today(), ends_on=clock.today() + dt.timedelta(days=104), inspection_date=inspection_date(),
    )
    fields.update(overrides)
    items = setting["items"] if joint else setting["items"][:1]
    departments = [setting["dept_b"]] if joint else []
    return services.plan_create(user=setting["staff_a"], items=items, departments=departments, **fields)


def published_plan(setting, **overrides):
    plan = make_plan(setting, **overrides)
    services.plan_approve(user=setting["leader"], plan=plan)
    services.plan_publish(user=setting["staff_a"], plan=plan)
    return plan


def drawn_plan(setting, **overrides):
    plan = published_plan(setting, **overrides)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    plan.refresh_from_db()
    draw.refresh_from_db()
    return plan, draw

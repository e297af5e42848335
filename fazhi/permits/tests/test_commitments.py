"""告知承诺: the commitment, the risk-sampled check draw (re-run and verified like an inspection draw), the check
result, the credit record and the hand-over to enforcement, traceable both ways; the business environment."""

import datetime as dt
import re

import pytest

from fazhi.core.exceptions import FazhiError, PermissionDeniedError
from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines.models import Deadline
from fazhi.inspections import engine
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.permits import report, selectors, services
from fazhi.permits.constants import (
    CREDIT_BARS_COMMITMENT,
    CheckMethod,
    CheckResult,
    CommitmentKind,
    DecisionForm,
    ReformMode,
    VisitKind,
)
from fazhi.permits.models import CreditRecord
from fazhi.permits.tests import factories

DAY = dt.date(2022, 3, 1)
SOURCES = ["2022年3月20日福彩3D开奖号码", "2022年3月20日体彩排列5开奖号码"]


@pytest.fixture
def granted(units, set_today):
    """Six granted commitment cases of street A: three by new firms, three by a firm applying again."""
    set_today(dt.date(2022, 3, 15))
    _edition, matters = factories.catalogue()
    again = MarketEntityFactory()
    factories.case(units["street_a"], [matters[ReformMode.OPTIMIZED]], entity=again, received_on=dt.date(2022, 2, 1))
    cases = []
    for n in range(6):
        entity = again if n % 2 else MarketEntityFactory()
        case = factories.case(units["street_a"], [matters[ReformMode.COMMITMENT]], entity=entity, received_on=DAY)
        kind = CommitmentKind.MET_BY_DATE if n == 0 else CommitmentKind.MET_NOW
        services.case_record_commitment(user=None, case=case, commitment_kind=kind, commitment_text="承诺符合条件",
                                        conditions_due_on=dt.date(2022, 4, 1) if n == 0 else None)
        case.refresh_from_db()
        services.case_decide(user=None, case=case, decision_form=DecisionForm.LICENCE, decided_on=DAY)
        cases.append(case)
    return cases


def _draw(users, units):
    draw = services.check_draw_commit(user=users["unit_staff"], org_unit=units["street_a"], period_from=DAY,
                                      period_to=DAY, source_labels=SOURCES)
    return services.check_draw_reveal(user=users["unit_staff"], draw=draw, sources=[[3, 1, 4], [1, 5, 9, 2, 6]])


def test_the_commitment_is_recorded_only_on_a_commitment_case(units, set_today):
    set_today(dt.date(2022, 3, 15))
    _edition, matters = factories.catalogue()
    case = factories.case(units["street_a"], [matters[ReformMode.OPTIMIZED]])
    with pytest.raises(FazhiError) as refused:
        services.case_record_commitment(user=None, case=case, commitment_kind=CommitmentKind.MET_NOW,
                                        commitment_text="承诺")
    assert refused.value.message == str(services.COMMITMENT_NOT_COMMITMENT_CASE)


def test_the_draw_samples_by_risk_and_verifies_like_an_inspection_draw(users, units, granted):
    draw = _draw(users, units)
    # Case 0: first-time and conditions later → high; new firms (2, 4) → medium; the returning firm (1, 3, 5) → low.
    assert draw.pool_counts == {"high": 1, "medium": 2, "low": 3}
    assert draw.quotas == {"high": 1, "medium": 1, "low": 1}
    checks = list(draw.checks.order_by("number"))
    assert len(checks) == 3 and granted[0] in [check.case for check in checks]
    assert services.check_draw_verify(draw).match
    record = engine.canonical.loads(draw.record_json)
    assert engine.verify(record, expected_commit=draw.commit_sha256).match  # what `fazhi draw verify` runs
    record["result"]["tasks"][0]["entity"] = "XK2022-999999"
    assert not engine.verify(record).match
    # A check of a case committed to meet the conditions by 1 April starts from then; each has its deadline.
    first = next(check for check in checks if check.case == granted[0])
    assert first.due_on > dt.date(2022, 4, 1)
    assert Deadline.objects.filter(rule_code="permits_commitment_check").count() == 3


def test_another_unit_may_not_draw_a_units_checks(users, units, granted):
    with pytest.raises(PermissionDeniedError):
        services.check_draw_commit(user=users["unit_staff_b"], org_unit=units["street_a"], period_from=DAY,
                                   period_to=DAY, source_labels=SOURCES)


def test_a_false_commitment_writes_a_credit_record_and_goes_to_enforcement(users, units, granted):
    from fazhi.enforcement.tests.factories import CaseFactory

    check = _draw(users, units).checks.order_by("number").first()
    with pytest.raises(FazhiError) as refused:
        services.check_record_result(user=users["unit_staff"], check=check, method=CheckMethod.ONSITE,
                                     result=CheckResult.FALSE, checked_on=dt.date(2022, 3, 15))
    assert refused.value.message == str(services.FINDING_REQUIRED)
    check = services.check_record_result(user=users["unit_staff"], check=check, method=CheckMethod.ONSITE,
                                         result=CheckResult.FALSE, checked_on=dt.date(2022, 3, 15),
                                         finding="实地核查无经营场所")
    credit = CreditRecord.objects.get(commitment_check=check)
    assert credit.case == check.case and credit.uscc == check.case.applicant_entity.uscc
    enforcement = CaseFactory()
    services.check_hand_over(user=None, check=check, enforcement_case=enforcement)
    check.refresh_from_db()
    # Both ways: case → checks → credit record and enforcement case; the credit record → check → case.
    assert check.case.checks.get() == check and check.credit_record == credit
    assert credit.commitment_check.enforcement_case == enforcement
    assert list(selectors.false_checks(2022, units["street_a"])) == [check]


def test_a_false_commitment_bars_the_applicant_from_commitment_until_its_credit_is_repaired(users, units, granted):
    check = next(c for c in _draw(users, units).checks.all() if c.case.applicant_entity == granted[1].applicant_entity)
    services.check_record_result(user=users["unit_staff"], check=check, method=CheckMethod.ONSITE,
                                 result=CheckResult.FALSE, checked_on=dt.date(2022, 3, 15), finding="无经营场所")
    credit = CreditRecord.objects.get()
    _edition, matters = factories.catalogue(document_number="辽政发〔2022〕2号", effective_on=dt.date(2022, 3, 2))
    again = factories.case(units["street_a"], [matters[ReformMode.COMMITMENT]], entity=check.case.applicant_entity,
                           received_on=dt.date(2022, 3, 15))
    with pytest.raises(FazhiError) as refused:
        services.case_record_commitment(user=users["unit_staff"], case=again, commitment_kind=CommitmentKind.MET_NOW,
                                        commitment_text="承诺符合条件")
    assert refused.value.message == services.COMMITMENT_CREDIT_BARRED % {
        "number": credit.number, "basis": CREDIT_BARS_COMMITMENT}
    for day, basis, message in ((dt.date(2022, 3, 1), "决定书", services.REPAIR_BEFORE_RECORD),
                                (dt.date(2022, 3, 16), "决定书", services.REPAIR_IN_FUTURE),
                                (dt.date(2022, 3, 15), " ", services.REPAIR_BASIS_REQUIRED)):
        with pytest.raises(FazhiError) as refused:
            services.credit_record_repair(user=users["unit_staff"], record=credit, repaired_on=day,
                                          repair_basis=basis)
        assert re.match(message_pattern(message), refused.value.message)
    with pytest.raises(PermissionDeniedError):
        services.credit_record_repair(user=users["unit_staff_b"], record=credit, repaired_on=dt.date(2022, 3, 15),
                                      repair_basis="信用修复决定书")
    services.credit_record_repair(user=users["unit_staff"], record=credit, repaired_on=dt.date(2022, 3, 15),
                                  repair_basis="信用修复决定书")
    again = services.case_record_commitment(user=users["unit_staff"], case=again,
                                            commitment_kind=CommitmentKind.MET_NOW, commitment_text="承诺符合条件")
    # Repaired, the record still counts in the draw: a returning applicant, low risk before, is medium now.
    assert selectors.risk_class(again, first_time=False) == "medium"
    assert selectors.risk_class(granted[3], first_time=False) == "low"  # a returning applicant without one


def test_a_true_commitment_writes_no_credit_record(users, units, granted):
    check = _draw(users, units).checks.first()
    services.check_record_result(user=users["unit_staff"], check=check, method=CheckMethod.WRITTEN,
                                 result=CheckResult.TRUE, checked_on=dt.date(2022, 3, 15))
    assert not CreditRecord.objects.exists()
    with pytest.raises(FazhiError):
        services.check_hand_over(user=None, check=check, enforcement_case=None)


def test_the_report_counts_checks_false_commitments_visits_and_coverage(users, units, granted):
    checks = list(_draw(users, units).checks.all())
    services.check_record_result(user=None, check=checks[0], method=CheckMethod.ONLINE, result=CheckResult.NOT_MET,
                                 checked_on=dt.date(2022, 3, 15), finding="未按期取得场地")
    firms = [MarketEntityFactory() for _ in range(3)]
    services.commendation_create(user=None, org_unit=units["legal"], name="2022年度优秀企业表彰大会",
                                 held_on=dt.date(2022, 3, 10), firms=firms)
    pairings = [services.pairing_create(user=None, org_unit=units["legal"], year=2022, leader_name="王主任",
                                        entity=firm) for firm in firms[:2]]
    services.visit_create(user=None, org_unit=units["legal"], kind=VisitKind.PAIRING, visited_on=dt.date(2022, 3, 11),
                          visitor="王主任", pairing=pairings[0], issues="用地手续")
    services.visit_create(user=None, org_unit=units["street_a"], kind=VisitKind.STREET, visited_on=dt.date(2022, 3, 12),
                          visitor="街道办", entity=firms[2])
    figures = {figure.label: figure.value for figure in report.report_section(2022).figures}
    assert figures["告知承诺核查"] == 1 and figures["核查发现承诺不实"] == 1
    assert figures["受表彰企业"] == 3 and figures["领导包联走访覆盖率"] == 50.0
    assert figures["部门、街道走访企业"] == 1
    services.visit_create(user=None, org_unit=units["legal"], kind=VisitKind.PAIRING, visited_on=dt.date(2022, 3, 12),
                          visitor="王主任", pairing=pairings[1])
    figures = {figure.label: figure.value for figure in report.report_section(2022).figures}
    assert figures["领导包联走访覆盖率"] == 100.0


def test_statistics_count_checks_and_false_commitments_per_year_and_unit(client, users, units, granted):
    checks = list(_draw(users, units).checks.order_by("number"))
    services.check_record_result(user=None, check=checks[0], method=CheckMethod.ONSITE, result=CheckResult.FALSE,
                                 checked_on=dt.date(2022, 3, 15), finding="无经营场所")
    services.check_record_result(user=None, check=checks[1], method=CheckMethod.WRITTEN, result=CheckResult.TRUE,
                                 checked_on=dt.date(2022, 3, 15))
    figures = selectors.statistics(2022, units["street_a"])
    assert (figures.checked, figures.found_false) == (2, 1)
    assert (selectors.statistics(2022, units["street_b"]).checked, selectors.statistics(2023).checked) == (0, 0)
    # The API and the page show the same figures, each user within its scope.
    client.force_login(users["unit_staff"])
    answer = client.get("/api/permits/cases/statistics?year=2022").json()
    assert (answer["checked"], answer["found_false"]) == (2, 1)
    page = client.get("/permits/statistics/?year=2022").content.decode()
    assert "告知承诺核查2件，发现承诺不实1件。" in page
    client.force_login(users["unit_staff_b"])
    assert client.get("/api/permits/cases/statistics?year=2022").json()["checked"] == 0

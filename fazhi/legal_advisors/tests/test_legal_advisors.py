"""Legal advisors: coverage computed from contracts on a date, gaps when a contract ends; the register import."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from fazhi.core.exceptions import FazhiError
from fazhi.core.tests.messages import message_pattern
from fazhi.legal_advisors import selectors, services
from fazhi.legal_advisors.models import ENDS_BEFORE_START, AdvisorContract, LegalAdvisor
from fazhi.registers.base import NOT_FOUND, OWN_UNIT_ONLY, get_register
from fazhi.web.tests.workbooks import workbook_sheets

D = dt.date


@pytest.fixture
def advisor(db, users):
    return services.advisor_create(user=users["legal_office"], full_name="周律师", firm="辽宁某某律师事务所",
                                   licence_number="12102200810000001")


@pytest.fixture
def covered(units, users, advisor):
    """Every department and street under contract for 2022; street B's ends on 30 June."""
    contracts = {}
    for key in ("dept_a", "dept_b", "street_a", "legal"):
        contracts[key] = services.contract_create(user=users["legal_office"], advisor=advisor, org_unit=units[key],
                                                  number=f"FG-2022-{key}", starts_on=D(2022, 1, 1),
                                                  ends_on=D(2022, 12, 31))
    contracts["street_b"] = services.contract_create(user=users["legal_office"], advisor=advisor,
                                                     org_unit=units["street_b"], number="FG-2022-street_b",
                                                     starts_on=D(2022, 1, 1), ends_on=D(2022, 6, 30))
    return contracts


def test_full_coverage_on_a_date(covered):
    result = selectors.coverage(on=D(2022, 3, 1))
    assert result.complete and result.covered_count == 5


def test_a_unit_whose_contract_ended_is_a_gap(covered, units):
    result = selectors.coverage(on=D(2022, 7, 1))
    assert [gap.org_unit for gap in result.gaps] == [units["street_b"]]
    assert result.gaps[0].last_contract.number == "FG-2022-street_b"
    assert not result.complete


def test_early_termination_opens_a_gap_from_that_day(covered, units, users):
    services.contract_terminate(user=users["legal_office"], contract=covered["dept_a"], terminated_on=D(2022, 5, 1),
                                reason="律师调离")
    assert units["dept_a"] not in [g.org_unit for g in selectors.coverage(on=D(2022, 4, 30)).gaps]
    assert units["dept_a"] in [g.org_unit for g in selectors.coverage(on=D(2022, 5, 1)).gaps]


def test_a_new_unit_is_a_gap_until_served(covered, zone):
    from fazhi.organisation.tests.factories import OrgUnitFactory

    soe = OrgUnitFactory(zone=zone, kind="state_enterprise", name="港口公司", code="SOE-GK")
    assert soe in [g.org_unit for g in selectors.coverage(on=D(2022, 3, 1)).gaps]


def test_advisors_serve_departments_streets_and_state_enterprises_only(advisor, users, zone):
    from fazhi.organisation.tests.factories import OrgUnitFactory

    court = OrgUnitFactory(zone=zone, kind="court", name="法院", code="EXT-FY")
    with pytest.raises(FazhiError, match="法律顾问服务的是区直部门、街道和国有企业"):
        services.contract_create(user=users["legal_office"], advisor=advisor, org_unit=court, number="X-1",
                                 starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31))


def test_work_must_fall_inside_the_contract(covered, users):
    contract = covered["street_b"]
    with pytest.raises(FazhiError, match="不在合同FG-2022-street_b的聘期"):
        services.work_record(user=users["legal_office"], contract=contract, kind="opinion", done_on=D(2022, 8, 1),
                             title="出具法律意见书")
    work = services.work_record(user=users["unit_staff_b"], contract=contract, kind="contract_review",
                                done_on=D(2022, 3, 1), title="审查物业服务合同")
    assert work.contract == contract
    assert selectors.work_statistics(2022) == {"contract_review": 1}


def test_coverage_page_lists_the_gaps(client, users, covered):
    client.force_login(users["leader"])
    page = client.get(reverse("legal_advisors:coverage") + "?on=2022-07-01").content.decode()
    assert 'id="gaps"' in page and "乙街道" in page and "FG-2022-street_b" in page
    page = client.get(reverse("legal_advisors:coverage") + "?on=2022-03-01").content.decode()
    assert 'id="complete"' in page and 'id="gaps"' not in page
    # The Excel file: every unit on the chosen day, the gap with its last contract's end.
    rows = workbook_sheets(client.get(reverse("legal_advisors:coverage"), {"on": "2022-07-01", "format": "xlsx"}))
    rows = {row[0]: row for row in rows["覆盖情况"][1:]}
    assert rows["乙街道"][2:] == ["否", None, "2022-06-30"]
    assert rows["甲街道"][2] == "是"


def test_unit_staff_sees_only_own_contracts(client, users, covered):
    client.force_login(users["unit_staff"])
    response = client.get(reverse("legal_advisors:contracts:detail", args=[covered["street_b"].pk]))
    assert response.status_code == 404
    assert client.get(reverse("legal_advisors:contracts:detail", args=[covered["street_a"].pk])).status_code == 200


CSV_HEADER = "合同编号,律师执业证号,服务单位编码,聘期起,聘期至,提前解除日期\n"


def test_contract_import_is_all_or_nothing_with_row_and_column(advisor, units, users):
    register = get_register("advisor_contracts")
    data = (CSV_HEADER + "FG-1,12102200810000001,STR-A,2022-01-01,2022-12-31,\n"
            "FG-2,99999999999999999,STR-B,2022-01-01,2022-12-31,\n"
            "FG-3,12102200810000001,STR-B,2022-12-31,2022-01-01,\n").encode()
    result = register.import_file(data, "csv", user=users["legal_office"])
    assert not result.ok
    messages = [str(e) for e in result.errors]
    missing = message_pattern(NOT_FOUND, text="99999999999999999", anchored=False)
    assert any(m.startswith("第3行“律师执业证号”列") and re.search(missing, m) for m in messages)
    assert any(m.startswith("第4行") and str(ENDS_BEFORE_START) in m for m in messages)
    assert not AdvisorContract.objects.exists()
    good = (CSV_HEADER + "FG-1,12102200810000001,STR-A,2022-01-01,2022-12-31,\n").encode()
    assert register.import_file(good, "csv", user=users["legal_office"]).created == 1


def test_unit_staff_imports_only_own_units_contracts(advisor, units, users):
    register = get_register("advisor_contracts")
    data = (CSV_HEADER + "FG-9,12102200810000001,STR-B,2022-01-01,2022-12-31,\n").encode()
    result = register.import_file(data, "csv", user=users["unit_staff"])
    assert not result.ok and re.search(message_pattern(OWN_UNIT_ONLY, anchored=False), str(result.errors[0]))


def test_advisor_register_round_trip(advisor, users):
    register = get_register("legal_advisors")
    exported = register.export("csv", user=users["legal_office"])
    assert "12102200810000001" in exported.decode("utf-8-sig")
    assert register.import_file(exported, "csv", user=users["legal_office"]).unchanged == 1
    assert LegalAdvisor.objects.count() == 1

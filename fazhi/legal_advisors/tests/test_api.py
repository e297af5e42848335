"""The API of legal advisors' contracts: work records and early termination, as on the contract's page."""

import datetime as dt
import re

import pytest

from fazhi.api.tests.clients import client, patch, post
from fazhi.core.tests.messages import message_pattern
from fazhi.legal_advisors import services
from fazhi.legal_advisors.models import AdvisorWork

D = dt.date




@pytest.fixture
def contract(units):
    advisor = services.advisor_create(user=None, full_name="周律师", firm="某所", licence_number="12102200810000001")
    return services.contract_create(user=None, advisor=advisor, org_unit=units["street_a"], number="FG-A",
                                    starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31))


def test_record_work_within_the_contract(contract, users):
    staff = client(users["unit_staff"])
    url = f"/api/legal-advisors/contracts/{contract.pk}/work"
    response = post(staff, url, {"kind": "contract_review", "done_on": "2022-05-10", "title": "审查采购合同",
                                 "version": contract.version})
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "contract_review"
    assert [w["title"] for w in client(users["leader"]).get(url).json()] == ["审查采购合同"]
    outside = post(staff, url, {"kind": "opinion", "done_on": "2021-05-10", "title": "聘期前"})
    assert outside.status_code == 400
    assert re.match(message_pattern(services.WORK_OUTSIDE, number=contract.number), outside.json()["detail"])
    assert post(staff, url, {"kind": "opinion", "done_on": "2022-05-10", "title": "旧版本",
                             "version": contract.version + 1}).status_code == 409
    assert AdvisorWork.objects.count() == 1


def test_work_is_recorded_only_by_the_contracts_unit(contract, users):
    body = {"kind": "opinion", "done_on": "2022-05-10", "title": "法律意见"}
    url = f"/api/legal-advisors/contracts/{contract.pk}/work"
    assert post(client(users["unit_staff_b"]), url, body).status_code == 404
    assert post(client(users["leader"]), url, body).status_code == 403
    assert not AdvisorWork.objects.exists()


def test_terminate_a_contract(contract, users):
    url = f"/api/legal-advisors/contracts/{contract.pk}/terminate"
    assert post(client(users["leader"]), url, {"terminated_on": "2022-06-30", "reason": "律师调离"}).status_code == 403
    early = post(client(users["unit_staff"]), url, {"terminated_on": "2021-06-30", "reason": "律师调离"})
    assert early.status_code == 400
    assert re.match(message_pattern(services.TERMINATE_BEFORE_START), early.json()["detail"])
    response = post(client(users["unit_staff"]), url, {"terminated_on": "2022-06-30", "reason": "律师调离"})
    assert response.status_code == 200, response.content
    assert response.json()["terminated_on"] == "2022-06-30"
    coverage = client(users["leader"]).get("/api/legal-advisors/coverage?on=2022-07-01").json()
    assert "STR-A" in {g["org_unit"]["code"] for g in coverage["gaps"]}



def test_update_an_advisor(contract, users):
    advisor = contract.advisor
    url = f"/api/legal-advisors/advisors/{advisor.pk}"
    body = {"version": advisor.version, "firm": "某某律师事务所", "reason": "转所"}
    assert patch(client(users["unit_staff"]), url, body).status_code == 403  # the register is the office's
    response = patch(client(users["legal_office"]), url, body)
    assert response.status_code == 200, response.content
    assert (response.json()["firm"], response.json()["full_name"]) == ("某某律师事务所", "周律师")
    assert patch(client(users["legal_office"]), url, body).status_code == 409


def test_archive_an_advisor(contract, users):
    advisor = contract.advisor
    url = f"/api/legal-advisors/advisors/{advisor.pk}/archive"
    body = {"version": advisor.version, "reason": "不再担任"}
    assert post(client(users["unit_staff"]), url, body).status_code == 403
    assert post(client(users["legal_office"]), url, {**body, "version": advisor.version + 1}).status_code == 409
    response = post(client(users["legal_office"]), url, body)
    assert response.status_code == 200, response.content
    assert response.json()["archived_reason"] == "不再担任"


def test_update_a_contracts_number(contract, users):
    url = f"/api/legal-advisors/contracts/{contract.pk}"
    body = {"version": contract.version, "number": "FG-A-2022"}
    assert patch(client(users["unit_staff_b"]), url, body).status_code == 404
    response = patch(client(users["unit_staff"]), url, body)
    assert response.status_code == 200, response.content
    assert response.json()["number"] == "FG-A-2022"
    assert patch(client(users["unit_staff"]), url, body).status_code == 409
    # The edit page offers the number only: the dates change through termination, not an edit.
    assert patch(client(users["unit_staff"]), url, {"version": contract.version + 1,
                                                     "ends_on": "2023-12-31"}).status_code == 422


def test_archive_a_contract(contract, users):
    url = f"/api/legal-advisors/contracts/{contract.pk}/archive"
    body = {"version": contract.version, "reason": "录入错误"}
    assert post(client(users["unit_staff_b"]), url, body).status_code == 404
    assert post(client(users["unit_staff"]), url, {**body, "version": contract.version + 1}).status_code == 409
    response = post(client(users["unit_staff"]), url, body)
    assert response.status_code == 200, response.content
    assert response.json()["archived_reason"] == "录入错误"
    assert client(users["unit_staff"]).get("/api/legal-advisors/contracts").json()["count"] == 0

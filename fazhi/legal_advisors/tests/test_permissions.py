"""Who may record an advisor's work, end a contract early and read the coverage: one rule each, which the
services enforce (PermissionDeniedError), the page's buttons and the API (403) read."""

import datetime as dt

import pytest

from fazhi.core.exceptions import PermissionDeniedError
from fazhi.legal_advisors import permissions, services

D = dt.date


@pytest.fixture
def contract(db, users, units):
    advisor = services.advisor_create(user=users["legal_office"], full_name="周律师", firm="辽宁某某律师事务所",
                                      licence_number="12102200810000009")
    return services.contract_create(user=users["legal_office"], advisor=advisor, org_unit=units["street_a"],
                                    number="FG-P-1", starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31))


# Street A's contract: its own staff and the legal-affairs office act on it; the other street's staff,
# the officer (view only) and the leader (view all, change nothing) do not.
ACTING = {"legal_office": True, "admin": True, "unit_staff": True, "unit_staff_b": False, "officer": False,
          "leader": False}


@pytest.mark.parametrize(("role", "allowed"), ACTING.items())
def test_who_records_work_and_terminates(contract, users, role, allowed):
    user = users[role]
    assert permissions.may_record_work(user, contract) is allowed
    assert permissions.may_terminate(user, contract) is allowed


def test_the_system_may_act(contract):
    assert permissions.may_record_work(None, contract) and permissions.may_terminate(None, contract)


def test_services_refuse_who_may_not(contract, users):
    with pytest.raises(PermissionDeniedError):
        services.work_record(user=users["unit_staff_b"], contract=contract, kind="opinion", done_on=D(2022, 3, 1),
                             title="出具法律意见")
    with pytest.raises(PermissionDeniedError):
        services.contract_terminate(user=users["leader"], contract=contract, terminated_on=D(2022, 5, 1),
                                    reason="调离")
    contract.refresh_from_db()
    assert contract.terminated_on is None and not contract.work.exists()


@pytest.mark.parametrize(("role", "allowed"), {"leader": True, "legal_office": True, "officer": False}.items())
def test_who_reads_the_coverage_through_the_api(users, role, allowed):
    assert permissions.may_view_coverage(users[role]) is allowed

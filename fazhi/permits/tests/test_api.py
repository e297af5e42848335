"""The module's API permission matrix: every role, a case of its own unit and of the other unit; the catalogue."""

import pytest

from fazhi.api.tests.clients import client, post
from fazhi.api.tests.conftest import ROLES
from fazhi.permits.constants import ReformMode
from fazhi.permits.lifecycle import Status
from fazhi.permits.tests import factories

T, F = True, False
# Written from the roles' design (fazhi.core.roles.DEFAULT_ROLE_ACTIONS), not computed from it.
SEES = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": T, "b": T},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": T, "b": F}}
HANDLES = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": F, "b": F},
           "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": F, "b": F}}
KEEPS_CATALOGUE = {"admin": T, "legal_office": T, "leader": F, "unit_staff": F, "unit_staff_b": F, "officer": F}
MATRIX = [(role, owner) for role in ROLES for owner in ("a", "b")]
ACTIONS = {
    "start": None,
    "demand": {"name": "营业执照", "kind": "identity"},
    "extend": {"reason": "需现场核查，经负责人批准", "days": 10},
    "exclude": {"days": 3, "reason": "检验检测"},
    "decide": {"decision_form": "licence", "decided_on": "2022-03-10"},
    "withdraw": {"reason": "申请人撤回", "withdrawn_on": "2022-03-02"},
}
AFTER = {"start": Status.PROCESSING, "demand": Status.PROCESSING, "extend": Status.PROCESSING,
         "exclude": Status.PROCESSING, "decide": Status.GRANTED, "withdraw": Status.WITHDRAWN}


@pytest.fixture
def catalogue(units):
    return factories.catalogue()[1]


@pytest.fixture
def cases(units, catalogue):
    return {owner: factories.case(units[f"street_{owner}"], [catalogue[ReformMode.OPTIMIZED]])
            for owner in ("a", "b")}


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_detail_answers_only_within_scope(users, cases, role, owner):
    response = client(users[role]).get(f"/api/permits/cases/{cases[owner].pk}")
    assert response.status_code == (200 if SEES[role][owner] else 404)
    if response.status_code == 200:
        assert response.json()["applicant_id_number"] == "110105********002X"


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_actions_only_within_scope(users, cases, role, owner, action):
    case = cases[owner]
    body = ACTIONS[action]
    path = f"/api/permits/cases/{case.pk}/{action}"
    c = client(users[role])
    response = c.post(path) if body is None else post(c, path, {**body, "version": case.version})
    expected = 200 if HANDLES[role][owner] else 403 if SEES[role][owner] else 404
    assert response.status_code == expected, response.content
    case.refresh_from_db()
    assert case.status == (AFTER[action] if expected == 200 else Status.ACCEPTED)


@pytest.mark.parametrize("role", ROLES)
def test_cases_are_created_only_in_the_users_unit(users, units, catalogue, role):
    body = {"org_unit": units["street_b"].pk, "applicant_kind": "person", "applicant_name": "李四",
            "applicant_id_number": "11010519491231002X", "received_on": "2022-03-01",
            "matters": [catalogue[ReformMode.OPTIMIZED].pk]}
    response = post(client(users[role]), "/api/permits/cases", body)
    assert response.status_code == (201 if role in ("admin", "legal_office", "unit_staff_b") else 403), \
        response.content


@pytest.mark.parametrize("role", ROLES)
def test_only_the_catalogue_keepers_add_editions(users, role):
    response = post(client(users[role]), "/api/permits/editions",
                    {"name": "清单（2023年版）", "document_number": "辽政发〔2023〕2号", "effective_on": "2023-01-01"})
    assert response.status_code == (201 if KEEPS_CATALOGUE[role] else 403), response.content


@pytest.mark.parametrize("role", ROLES)
def test_every_user_reads_the_catalogue(users, catalogue, role):
    response = client(users[role]).get("/api/permits/entries")
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_the_public_reads_nothing_through_the_api(cases):
    assert client().get("/api/permits/entries").status_code == 401
    assert client().get(f"/api/permits/cases/{cases['a'].pk}").status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_statistics_are_scoped(users, cases, role):
    response = client(users[role]).get("/api/permits/cases/statistics?year=2022")
    expected = {"admin": 2, "legal_office": 2, "leader": 2, "unit_staff": 1, "unit_staff_b": 1, "officer": 1}
    assert response.status_code == 200, response.content
    assert response.json()["cases"] == expected[role]

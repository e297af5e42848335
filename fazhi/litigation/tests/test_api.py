"""The module's API permission matrix: every role, a lawsuit of its own unit and of the other unit."""

import json

import pytest
from django.test import Client

from fazhi.api.tests.conftest import ROLES
from fazhi.litigation import services
from fazhi.litigation.lifecycle import Status
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.litigation.tests.factories import lawsuit

T, F = True, False
# Written from the roles' design (fazhi.core.roles.DEFAULT_ROLE_ACTIONS), not computed from it.
SEES = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": T, "b": T},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": T, "b": F}}
ACTS = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": F, "b": F},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": F, "b": F}}
MATRIX = [(role, owner) for role in ROLES for owner in ("a", "b")]


@pytest.fixture
def lawsuits(units):
    return {owner: lawsuit(units[f"street_{owner}"]) for owner in ("a", "b")}


def _client(users, role) -> Client:
    client = Client()
    client.force_login(users[role])
    return client


def _post(client, url, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_detail_answers_only_within_scope(users, lawsuits, role, owner):
    response = _client(users, role).get(f"/api/litigation/cases/{lawsuits[owner].pk}")
    assert response.status_code == (200 if SEES[role][owner] else 404)


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_defend_only_within_scope(users, lawsuits, role, owner):
    litigation = lawsuits[owner]
    response = _post(_client(users, role), f"/api/litigation/cases/{litigation.pk}/defend",
                     {"version": litigation.version, "filed_on": "2022-03-08"})
    expected = 200 if ACTS[role][owner] else 403 if SEES[role][owner] else 404
    assert response.status_code == expected, response.content
    litigation.refresh_from_db()
    assert litigation.status == (Status.DEFENDED if expected == 200 else Status.RECEIVED)


@pytest.mark.parametrize(("role", "owner"), [("unit_staff", "a"), ("unit_staff", "b"), ("legal_office", "b")])
def test_a_unit_registers_lawsuits_against_itself_only(users, units, role, owner):
    body = {"case_number": "（2022）辽0291行初77号", "court": "大连市长兴岛人民法院", "plaintiff_type": "legal_person",
            "plaintiff": "大连某公司", "defendant_unit": units[f"street_{owner}"].pk, "cause": "不服行政许可决定",
            "category": "market_regulation", "complaint_received_on": "2022-05-06"}
    response = _post(_client(users, role), "/api/litigation/cases", body)
    allowed = role == "legal_office" or owner == "a"
    assert response.status_code == (201 if allowed else 403), response.content
    assert AdministrativeLitigation.objects.filter(case_number="（2022）辽0291行初77号").exists() == allowed
    if allowed:
        assert response.json()["defence_due_on"] == "2022-05-23"  # 15 days: Saturday 21 May, rolled to Monday


def test_a_hearing_and_the_close_through_the_api(users, lawsuits):
    client, litigation = _client(users, "unit_staff"), lawsuits["a"]
    url = f"/api/litigation/cases/{litigation.pk}"
    assert _post(client, f"{url}/defend", {"filed_on": "2022-03-08"}).status_code == 200
    absent = {"hearing_on": "2022-04-01", "head_appeared": False}
    refused = _post(client, f"{url}/hearings", absent)
    assert refused.status_code == 400 and refused.json()["detail"] == str(services.ABSENCE_DETAILS_REQUIRED)
    made = _post(client, f"{url}/hearings", {**absent, "absence_reason": "official_duty", "staff_name": "张科员"})
    assert made.status_code == 201, made.content
    assert made.json()["staff_name"] == "张科员"
    closed = _post(client, f"{url}/close", {"outcome": "judged_revoked", "document": "（2022）辽0291行初1号行政判决书",
                                            "closed_on": "2022-05-10"})
    assert closed.status_code == 200, closed.content
    answer = client.get(url).json()
    assert (answer["status"], answer["lost"], answer["defence_on_time"]) == ("closed", True, True)
    assert [a["absence_reason"] for a in answer["appearances"]] == ["official_duty"]

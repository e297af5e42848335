"""The module's API permission matrix: every role, a case of its own unit and of the other unit."""

import json

import pytest
from django.test import Client

from fazhi.api.tests.conftest import ROLES
from fazhi.reconsideration.lifecycle import Status
from fazhi.reconsideration.models import Reconsideration
from fazhi.reconsideration.tests.factories import reconsideration

T, F = True, False
# Written from the roles' design (fazhi.core.roles.DEFAULT_ROLE_ACTIONS), not computed from it.
SEES = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": T, "b": T},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": T, "b": F}}
ACTS = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": F, "b": F},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": F, "b": F}}
MATRIX = [(role, owner) for role in ROLES for owner in ("a", "b")]


@pytest.fixture
def cases(units):
    return {owner: reconsideration(units[f"street_{owner}"]) for owner in ("a", "b")}


def _client(users, role) -> Client:
    client = Client()
    client.force_login(users[role])
    return client


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_detail_answers_only_within_scope(users, cases, role, owner):
    response = _client(users, role).get(f"/api/reconsideration/cases/{cases[owner].pk}")
    assert response.status_code == (200 if SEES[role][owner] else 404)


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_answer_only_within_scope(users, cases, role, owner):
    case = cases[owner]
    response = _post(_client(users, role), f"/api/reconsideration/cases/{case.pk}/answer",
                     {"version": case.version, "answered_on": "2022-03-08"})
    expected = 200 if ACTS[role][owner] else 403 if SEES[role][owner] else 404
    assert response.status_code == expected, response.content
    case.refresh_from_db()
    assert case.status == (Status.ANSWERED if expected == 200 else Status.RECEIVED)


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_an_opinion_only_within_scope(users, cases, role, owner):
    case = cases[owner]
    response = _post(_client(users, role), f"/api/reconsideration/cases/{case.pk}/opinion",
                     {"document": "大政复意字〔2022〕1号", "received_on": "2022-03-10"})
    expected = 200 if ACTS[role][owner] else 403 if SEES[role][owner] else 404
    assert response.status_code == expected, response.content
    case.refresh_from_db()
    assert (case.opinion_received_on is not None) == (expected == 200)


@pytest.mark.parametrize(("role", "owner"), [("unit_staff", "a"), ("unit_staff", "b"), ("legal_office", "b")])
def test_a_unit_registers_cases_against_itself_only(users, units, role, owner):
    body = {"number": "大政复字〔2022〕77号", "organ": "大连市人民政府", "applicant_type": "legal_person",
            "applicant": "大连某公司", "respondent_unit": units[f"street_{owner}"].pk, "matter": "行政许可决定",
            "category": "market_regulation", "accepted_on": "2022-04-26", "copy_received_on": "2022-04-28"}
    response = _post(_client(users, role), "/api/reconsideration/cases", body)
    allowed = role == "legal_office" or owner == "a"
    assert response.status_code == (201 if allowed else 403), response.content
    assert Reconsideration.objects.filter(number="大政复字〔2022〕77号").exists() == allowed
    if allowed:
        # 10 working days from Thursday 28 April 2022 over the 劳动节 holiday (30 April–4 May off, 7 May worked).
        assert response.json()["answer_due_on"] == "2022-05-16"
        assert response.json()["decision_due_on"] == "2022-06-27"  # 60 days: Saturday 25 June, rolled to Monday


def test_the_decision_and_the_opinion_report_through_the_api(users, cases):
    client, case = _client(users, "unit_staff"), cases["a"]
    url = f"/api/reconsideration/cases/{case.pk}"
    assert _post(client, f"{url}/answer", {"answered_on": "2022-03-08"}).status_code == 200
    assert _post(client, f"{url}/decide", {"outcome": "revoked", "document": "大政复决字〔2022〕3号",
                                           "decided_on": "2022-04-20"}).status_code == 200
    refused = _post(client, f"{url}/opinion-report", {"report": "已纠正"})
    assert refused.status_code == 403  # no 意见书 received: nothing to report
    assert _post(client, f"{url}/opinion", {"document": "大政复意字〔2022〕1号",
                                            "received_on": "2022-04-20"}).status_code == 200
    reported = _post(client, f"{url}/opinion-report", {"report": "已撤销原决定并重新作出", "reported_on": "2022-05-10"})
    assert reported.status_code == 200, reported.content
    answer = reported.json()
    assert (answer["status"], answer["corrected"], answer["answer_on_time"]) == ("decided", True, True)
    assert (answer["opinion_report_due_on"], answer["opinion_reported_on"]) == ("2022-06-20", "2022-05-10")

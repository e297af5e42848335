"""Users (masking and the view log), deadlines (the due-soon window) and org units through the API."""

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.accounts.models import User
from fazhi.api.tests.conftest import make_deadline
from fazhi.core.models import AccessLog

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def person(users):
    """street B's clerk, with personal data on file."""
    user = users["unit_staff_b"]
    User.objects.filter(pk=user.pk).update(phone=PHONE, id_number=ID_NUMBER)
    user.refresh_from_db()
    return user


def views_of(user) -> int:
    user_type = ContentType.objects.get_for_model(User)
    return AccessLog.objects.filter(content_type=user_type, object_id=str(user.pk)).count()


# ----- users -----

def test_user_list_masks_personal_data_and_logs_nothing(client_for, person):
    response = client_for("admin").get("/api/users", {"q": person.username})
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["phone"] == "138****5678"
    assert item["id_number"] == "110105********002X"
    assert PHONE not in response.content.decode()
    assert ID_NUMBER not in response.content.decode()
    assert views_of(person) == 0


def test_user_detail_shows_personal_data_and_logs_the_view(client_for, users, person):
    response = client_for("legal_office").get(f"/api/users/{person.pk}")
    assert response.status_code == 200
    assert (response.json()["phone"], response.json()["id_number"]) == (PHONE, ID_NUMBER)
    log = AccessLog.objects.get(object_id=str(person.pk))
    assert log.user == users["legal_office"]
    assert log.path == f"/api/users/{person.pk}"


def test_user_history_is_a_logged_view(client_for, person):
    assert client_for("admin").get(f"/api/users/{person.pk}/history").status_code == 200
    assert views_of(person) == 1


def test_refused_user_detail_logs_nothing(client_for, person):
    assert client_for("unit_staff").get(f"/api/users/{person.pk}").status_code == 404
    assert views_of(person) == 0


def test_user_list_never_shows_password_hashes(client_for, users):
    content = client_for("admin").get(f"/api/users/{users['leader'].pk}").content.decode()
    assert "password" not in content
    assert users["leader"].password not in content


def test_users_filter_by_unit_and_role(client_for, users, units):
    client = client_for("admin")
    by_unit = client.get("/api/users", {"org_unit": units["street_a"].pk}).json()["items"]
    assert {u["username"] for u in by_unit} == {"staff_a", "officer_a"}
    by_role = client.get("/api/users", {"role": "leader"}).json()["items"]
    assert [u["role_label"] for u in by_role] == ["领导"]


@pytest.mark.parametrize("role", ["officer", "unit_staff_b", "leader"])
def test_me_answers_for_every_role(client_for, users, role):
    body = client_for(role).get("/api/users/me").json()
    assert body["username"] == users[role].username
    assert body["role"] == users[role].role
    assert "phone" not in body


# ----- deadlines -----

def test_deadlines_window(client_for, units, entities):
    unit, record = units["street_a"], entities["a"]
    make_deadline(org_unit=unit, record=record, due_in_days=-2, title="已逾期")
    make_deadline(org_unit=unit, record=record, due_in_days=5, title="五天后")
    make_deadline(org_unit=unit, record=record, due_in_days=30, title="三十天后")
    make_deadline(org_unit=unit, record=record, due_in_days=1, title="已完成", completed=True)
    client = client_for("unit_staff")

    def titles(**params):
        response = client.get("/api/deadlines", params)
        assert response.status_code == 200
        return [d["title"] for d in response.json()["items"]]

    assert titles() == ["已逾期", "五天后"]  # default window: 7 days, soonest first
    assert titles(within_days=0) == ["已逾期"]
    assert titles(within_days=60) == ["已逾期", "五天后", "三十天后"]
    overdue = client.get("/api/deadlines").json()["items"][0]
    assert overdue["overdue"] is True
    assert overdue["days_left"] == -2
    assert overdue["record_type"] == "market_entities.marketentity"
    assert overdue["record_id"] == str(record.pk)


def test_deadlines_filter_by_unit_cannot_widen_scope(client_for, units, deadlines):
    response = client_for("unit_staff").get("/api/deadlines", {"org_unit": units["street_b"].pk})
    assert response.json() == {"items": [], "count": 0}


def test_deadlines_window_is_bounded(client_for):
    response = client_for("admin").get("/api/deadlines", {"within_days": 400})
    assert response.status_code == 422
    assert response.json()["errors"][0]["label"] == "天数"


# ----- org units -----

def test_org_units_filter_by_kind_and_search(client_for, units):
    client = client_for("officer")
    streets = client.get("/api/org-units", {"kind": "street"}).json()["items"]
    assert {u["name"] for u in streets} == {"甲街道", "乙街道"}
    assert streets[0]["kind_label"] == "街道"
    found = client.get("/api/org-units", {"q": "司法"}).json()["items"]
    assert [u["code"] for u in found] == ["DEPT-SFJ"]

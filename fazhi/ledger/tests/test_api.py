"""The ledger's API permission matrix: every role, an item of its own unit and of the other unit."""

import datetime as dt

import pytest

from fazhi.api.tests.clients import client, post
from fazhi.api.tests.conftest import ROLES
from fazhi.ledger import services
from fazhi.ledger.constants import ItemKind

T, F = True, False
# Written from the roles' design (fazhi.core.roles.DEFAULT_ROLE_ACTIONS), not computed from it.
SEES = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": T, "b": T},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": T, "b": F}}
HANDLES = {"admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": F, "b": F},
           "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": F, "b": F}}
MATRIX = [(role, owner) for role in ROLES for owner in ("a", "b")]
RECEIVED = dt.date(2022, 3, 1)


@pytest.fixture
def items(units, set_today):
    """Per unit: an open request, and one answered (to be rated)."""
    set_today(dt.date(2022, 3, 7))  # before the open items' due date (8 March), so they may still be extended
    found = {}
    for owner in ("a", "b"):
        unit = units[f"street_{owner}"]
        open_item, answered = (services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="某企业",
                                                    owner_unit=unit, subject=subject, received_on=RECEIVED)
                               for subject in ("合同审查", "劳动用工咨询"))
        answered = services.item_answer(user=None, item=answered, answer="已出具法律意见",
                                        answered_on=dt.date(2022, 3, 4))
        found[owner] = {"open": open_item, "answered": answered}
    return found


@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_detail_answers_only_within_scope(users, items, role, owner):
    response = client(users[role]).get(f"/api/ledger/items/{items[owner]['open'].pk}")
    assert response.status_code == (200 if SEES[role][owner] else 404)
    if response.status_code == 200:
        assert response.json()["due_on"] == "2022-03-08"  # 5 working days from Tuesday 1 March


ACTIONS = {
    "extend": ("open", {"extended_to": "2022-03-31", "reason": "需调取外地材料"}, "extended_to", dt.date(2022, 3, 31)),
    "answer": ("open", {"answer": "已出具法律意见", "answered_on": "2022-03-07"}, "on_time", True),
    "rate": ("answered", {"satisfaction": "satisfied"}, "satisfaction", "satisfied"),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize(("role", "owner"), MATRIX)
def test_actions_only_within_scope(users, items, role, owner, action):
    which, body, field, value = ACTIONS[action]
    item = items[owner][which]
    response = post(client(users[role]), f"/api/ledger/items/{item.pk}/{action}", {**body, "version": item.version})
    expected = 200 if HANDLES[role][owner] else 403 if SEES[role][owner] else 404
    assert response.status_code == expected, response.content
    before = getattr(item, field)
    item.refresh_from_db()
    assert getattr(item, field) == (value if expected == 200 else before)


@pytest.mark.parametrize("role", ROLES)
def test_items_are_received_only_in_the_users_unit(users, units, items, role):
    response = post(client(users[role]), "/api/ledger/items",
                    {"kind": "enterprise_request", "source": "某企业", "owner_unit": units["street_b"].pk,
                     "subject": "知识产权咨询", "received_on": "2022-03-07"})
    assert response.status_code == (201 if role in ("admin", "legal_office", "unit_staff_b") else 403), \
        response.content


def test_a_stale_version_answers_409(users, items):
    item = items["a"]["open"]
    response = post(client(users["unit_staff"]), f"/api/ledger/items/{item.pk}/answer",
                    {"answer": "答复", "version": item.version + 1})
    assert response.status_code == 409


def test_archiving_answers_with_the_archived_item_and_the_list_leaves_it_out(users, items):
    item = items["a"]["open"]
    body = {"version": item.version, "reason": "重复登记"}
    # The unit does not archive its own items (an archived item leaves the figures): the legal-affairs office does.
    assert post(client(users["unit_staff"]), f"/api/ledger/items/{item.pk}/archive", body).status_code == 403
    response = post(client(users["legal_office"]), f"/api/ledger/items/{item.pk}/archive", body)
    assert response.status_code == 200, response.content
    assert response.json()["archived_on"] is not None
    listed = client(users["unit_staff"]).get("/api/ledger/items").json()["items"]
    assert item.pk not in [row["id"] for row in listed]

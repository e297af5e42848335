"""The permission matrix of the API: every role, every resource, own unit and the other unit.

The expectations are written out by hand from the roles' design (fazhi.core.roles and each
model's ROLE_ACTIONS), not computed from the same code, so a change in scoping shows up here.
"""

import importlib.util
import json

import pytest
from django.middleware.csrf import _get_new_csrf_string

from fazhi.api.tests.conftest import ROLES
from fazhi.api.tests.scope import assert_detail_in_scope, assert_list_in_scope
from fazhi.core.api_support import CSRF_FAILED, NOT_AUTHENTICATED, NOT_FOUND, OTHER_UNIT
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.core.modules import modules
from fazhi.core.validators import uscc_check_character
from fazhi.market_entities.models import MarketEntity

T, F = True, False
# Which record each role may read: "a" is owned by street A (unit_staff's and officer's unit), "b" by street B.
VISIBLE = {
    # The org chart is open to everyone inside the administration.
    "org-units": {role: {"a": T, "b": T} for role in ROLES},
    # Registration data is public (企业信息公示暂行条例, 国务院令第777号修订, 第六条): every role reads every entity.
    "market-entities": {role: {"a": T, "b": T} for role in ROLES},
    # Accounts: admins, the legal office and leaders see all; unit staff their own unit; officers none.
    "users": {
        "admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": T, "b": T},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": F, "b": F},
    },
    # Deadlines: zone-wide roles see all, unit staff and officers their own unit only.
    "deadlines": {
        "admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T}, "leader": {"a": T, "b": T},
        "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T}, "officer": {"a": T, "b": F},
    },
}
# Which market entities each role may change and archive.
CHANGEABLE = {
    "admin": {"a": T, "b": T}, "legal_office": {"a": T, "b": T},
    "unit_staff": {"a": T, "b": F}, "unit_staff_b": {"a": F, "b": T},
    "officer": {"a": F, "b": F}, "leader": {"a": F, "b": F},
}
MATRIX = [(res, role, owner) for res in VISIBLE for role in ROLES for owner in ("a", "b")]


def new_uscc(n: int) -> str:
    first17 = f"9121028100000{n:04d}"
    return first17 + uscc_check_character(first17)


def create_body(street_id: int, n: int = 1) -> dict:
    return {
        "uscc": new_uscc(n), "name": f"接口新增{n}有限公司", "entity_type": "company",
        "legal_representative": "张三", "address": "滨海路2号", "street": street_id,
        "industry": "C", "risk_class": "B",
    }


# ----- reading -----

@pytest.mark.parametrize(("resource", "role", "owner"), MATRIX)
def test_detail_answers_only_within_scope(client_for, records, resource, role, owner):
    assert_detail_in_scope(client_for(role), f"/api/{resource}", records[resource][owner],
                           VISIBLE[resource][role][owner])


@pytest.mark.parametrize(("resource", "role", "owner"), MATRIX)
def test_history_answers_only_within_scope(client_for, records, resource, role, owner):
    record = records[resource][owner]
    response = client_for(role).get(f"/api/{resource}/{record.pk}/history")
    if VISIBLE[resource][role][owner]:
        assert response.status_code == 200, response.content
        assert response.json()[-1]["action"] == "创建"
    else:
        assert response.status_code == 404
        assert response.json() == {"detail": str(NOT_FOUND)}


@pytest.mark.parametrize("resource", list(VISIBLE))
@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_records_in_scope(client_for, records, resource, role):
    assert_list_in_scope(client_for(role), f"/api/{resource}", records[resource], VISIBLE[resource][role])


@pytest.mark.parametrize("role", ROLES)
def test_list_count_matches_scope(client_for, records, role):
    """`count` must not leak how many records other units hold."""
    body = client_for(role).get("/api/deadlines").json()
    assert body["count"] == sum(VISIBLE["deadlines"][role].values())


# ----- writing -----

@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("owner", ["a", "b"])
def test_update_only_within_scope(client_for, entities, role, owner):
    entity = entities[owner]
    response = client_for(role).patch_json(f"/api/market-entities/{entity.pk}", {"version": 1, "name": "改名有限公司"})
    entity.refresh_from_db()
    if CHANGEABLE[role][owner]:
        assert response.status_code == 200, response.content
        assert entity.name == "改名有限公司"
        assert entity.version == 2
    else:
        assert response.status_code == 403
        assert response.json() == {"detail": PermissionDeniedError().message}
        assert entity.name != "改名有限公司"
        assert entity.version == 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("owner", ["a", "b"])
def test_archive_only_within_scope(client_for, entities, role, owner):
    entity = entities[owner]
    response = client_for(role).post_json(
        f"/api/market-entities/{entity.pk}/archive", {"version": 1, "reason": "已迁出本区"}
    )
    entity.refresh_from_db()
    if CHANGEABLE[role][owner]:
        assert response.status_code == 200, response.content
        assert entity.is_archived
        assert entity.archived_reason == "已迁出本区"
    else:
        assert response.status_code == 403
        assert not entity.is_archived


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("street", ["street_a", "street_b"])
def test_create_only_within_scope(client_for, units, users, role, street):
    owner = street[-1]
    before = MarketEntity.objects.count()
    response = client_for(role).post_json("/api/market-entities", create_body(units[street].pk))
    if CHANGEABLE[role][owner]:
        assert response.status_code == 201, response.content
        created = MarketEntity.objects.get(pk=response.json()["id"])
        assert created.street == units[street]
        assert created.created_by == users[role]
    else:
        assert response.status_code == 403
        assert MarketEntity.objects.count() == before


def test_unit_staff_cannot_move_a_record_into_another_unit(client_for, entities, units):
    entity = entities["a"]
    response = client_for("unit_staff").patch_json(
        f"/api/market-entities/{entity.pk}", {"version": 1, "street": units["street_b"].pk}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": str(OTHER_UNIT)}
    entity.refresh_from_db()
    assert entity.street == units["street_a"]
    assert entity.version == 1


def test_zone_wide_writer_may_move_a_record(client_for, entities, units):
    entity = entities["a"]
    response = client_for("legal_office").patch_json(
        f"/api/market-entities/{entity.pk}", {"version": 1, "street": units["street_b"].pk}
    )
    assert response.status_code == 200
    assert response.json()["street"]["id"] == units["street_b"].pk


# ----- every operation of the schema -----

def _operations():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    # A module whose operations have their own matrix in its tests says so (`api_matrix` of its AppConfig's
    # `fazhi_module`): enforcement, inspections, normative documents, major decisions, legal advisors.
    own = tuple(f"/api{module.api_prefix}" for module in modules() if module.api_matrix)

    def in_own(path: str) -> bool:
        return any(path == prefix or path.startswith(f"{prefix}/") for prefix in own)

    return [(method.upper(), path, op["operationId"]) for path, ops in schema["paths"].items()
            for method, op in ops.items() if not in_own(path)]


def test_the_modules_with_their_own_matrix_name_it():
    """`api_matrix` names a test module that exists; the central matrix still covers some operations."""
    for module in modules():
        if module.api_matrix:
            assert importlib.util.find_spec(module.api_matrix) is not None, module.name
    assert {path.split("/")[2] for _method, path, _op in _operations()} == {
        "org-units", "users", "market-entities", "deadlines"}


def _bodies(units) -> dict:
    """A valid body for every write operation, so a refusal is about permission, not validation."""
    return {
        "market_entities_create": create_body(units["street_a"].pk, n=99),
        "market_entities_update": {"version": 1, "name": "领导改名有限公司"},
        "market_entities_archive": {"version": 1, "reason": "领导归档"},
    }


def _call(client, method: str, path: str, body, records):
    resource = path.split("/")[2]
    if "{id}" in path:
        path = path.replace("{id}", str(records[resource]["a"].pk))
    if method == "GET":
        return client.get(path)
    return client.generic(method, path, data=json.dumps(body), content_type="application/json")


def test_every_write_operation_has_a_test_body(units):
    writes = {op_id for method, _path, op_id in _operations() if method != "GET"}
    assert writes == set(_bodies(units)), "a new write endpoint needs a body here and rows in the matrix"


@pytest.mark.parametrize(("method", "path", "op_id"), [op for op in _operations() if op[0] != "GET"])
def test_leader_cannot_write_anything(client_for, records, units, method, path, op_id):
    count = MarketEntity.objects.count()
    response = _call(client_for("leader"), method, path, _bodies(units)[op_id], records)
    assert response.status_code == 403, response.content
    assert MarketEntity.objects.count() == count
    entity = records["market-entities"]["a"]
    entity.refresh_from_db()
    assert (entity.version, entity.is_archived) == (1, False)


@pytest.mark.parametrize(("method", "path", "op_id"), _operations())
def test_anonymous_gets_401_everywhere(anonymous, records, units, method, path, op_id):
    response = _call(anonymous, method, path, _bodies(units).get(op_id), records)
    assert response.status_code == 401, (op_id, response.content)
    assert response.json() == {"detail": str(NOT_AUTHENTICATED)}


def test_deactivated_user_is_logged_out(client_for, users, entities):
    client = client_for("admin")
    users["admin"].is_active = False
    users["admin"].save()
    assert client.get(f"/api/market-entities/{entities['a'].pk}").status_code == 401


# ----- CSRF on session writes -----

def test_session_writes_need_the_csrf_token(client_for, entities):
    client = client_for("admin", enforce_csrf_checks=True)
    entity = entities["a"]
    url = f"/api/market-entities/{entity.pk}"
    assert client.get(url).status_code == 200  # safe methods need no token

    refused = client.patch_json(url, {"version": 1, "name": "跨站请求有限公司"})
    assert refused.status_code == 403
    assert refused.json() == {"detail": str(CSRF_FAILED)}
    entity.refresh_from_db()
    assert entity.version == 1

    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    accepted = client.patch_json(url, {"version": 1, "name": "带令牌有限公司"}, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["name"] == "带令牌有限公司"

"""lifecycle_routes: a module's action routes derived from its lifecycle table, refused when they disagree.

A tiny lifecycle over the market-entity register (its risk class as the status) and its own API, served under
this module's URL configuration: the routes are real django-ninja routes answering real requests.
"""

import json

import pytest
from django.urls import path
from ninja import Field, Router
from ninja.security import django_auth

from fazhi.api.tests.clients import client, post
from fazhi.core.api_support import (
    ActionIn,
    ActionRoute,
    FazhiNinjaAPI,
    install_error_handlers,
    lifecycle_routes,
    model_schema,
)
from fazhi.core.lifecycle import Lifecycle, Transition
from fazhi.core.roles import Role
from fazhi.core.services import record_update
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory

pytestmark = pytest.mark.urls(__name__)

LIFECYCLE = Lifecycle(
    noun="主体",
    statuses={"A": "信用风险低", "B": "信用风险一般", "C": "信用风险较高", "D": "信用风险高"},
    actor_labels={"office": "法制机构", "system": ""},
    transitions=(
        Transition("raise_risk", frozenset({"A", "B", "C"}), "D", frozenset({"office"}), "调高为D类"),
        Transition("review", frozenset({"D"}), "C", frozenset({"office"}), "复核"),
        Transition("expire", frozenset({"A"}), "B", frozenset({"system"}), "到期"),
    ),
)

EntityOut = model_schema("ApiSupportTestEntityOut", MarketEntity, ("id", "name", "risk_class", "version"))


class RaiseIn(ActionIn):
    reason: str = Field(..., min_length=1, max_length=100, title="原因")


def may_act(user, entity) -> bool:
    return user.role == Role.LEGAL_OFFICE


def entity_raise(*, user, entity, reason: str) -> MarketEntity:
    return record_update(record=entity, user=user, expected_version=entity.version, reason=reason, risk_class="D")


def entity_review(*, user, entity) -> MarketEntity:
    return record_update(record=entity, user=user, expected_version=entity.version, risk_class="C")


def _rows(user):
    return MarketEntity.objects.visible_to(user)


def _routes(router, **overrides):
    arguments = {
        "model": MarketEntity, "rows": _rows, "out": EntityOut, "record_param": "entity",
        "operation_prefix": "api_support_test",
        "routes": {"raise_risk": ActionRoute("raise", RaiseIn, entity_raise, may_act),
                   "review": ActionRoute("review", None, entity_review, may_act, summary="复核（无请求体）")},
        "not_routed": {"expire": "the platform's alone"},
        **overrides,
    }
    lifecycle_routes(router, LIFECYCLE, **arguments)


router = Router()
_routes(router)
api = FazhiNinjaAPI(urls_namespace="api-support-test", auth=django_auth, docs_url=None)
install_error_handlers(api)
api.add_router("/entities", router)
urlpatterns = [path("api-test/", api.urls)]


@pytest.fixture
def entity(units):
    return MarketEntityFactory(street=units["street_a"], risk_class="B")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"routes": {"review": ActionRoute("review", None, entity_review, may_act)}}, r"no route .*raise_risk"),
    ({"not_routed": {}}, r"no route .*expire"),
    ({"not_routed": {"expire": "x", "fly": "y"}}, r"no action \['fly'\]"),
    ({"routes": {"raise_risk": ActionRoute("raise", RaiseIn, entity_raise, may_act),
                 "review": ActionRoute("review", None, entity_review, may_act),
                 "fly": ActionRoute("fly", None, entity_review, may_act)}}, r"no action \['fly'\]"),
    ({"not_routed": {"expire": "x", "review": "y"}}, r"both routed and not_routed"),
    ({"other_routes": {"expire": ActionRoute("expire", None, entity_review, may_act, summary="到期")}},
     r"lifecycle's actions"),
    ({"other_routes": {"note": ActionRoute("note", None, entity_review, may_act)}}, r"need a summary"),
])
def test_routes_that_disagree_with_the_lifecycle_are_refused_before_any_route_exists(overrides, message):
    fresh = Router()
    with pytest.raises(TypeError, match=message):
        _routes(fresh, **overrides)
    assert not fresh.path_operations


def test_a_module_without_a_lifecycle_routes_only_other_actions():
    with pytest.raises(TypeError, match=r"no action \['raise_risk'\]"):
        lifecycle_routes(Router(), None, model=MarketEntity, rows=_rows, out=EntityOut, record_param="entity",
                         operation_prefix="x", routes={"raise_risk": ActionRoute("raise", RaiseIn, entity_raise,
                                                                                 may_act)})
    lifecycle_routes(Router(), None, model=MarketEntity, rows=_rows, out=EntityOut, record_param="entity",
                     operation_prefix="x", other_routes={"note": ActionRoute("note", None, entity_review, may_act,
                                                                            summary="备注")})


def test_the_generated_routes_are_documented_from_the_table():
    paths = api.get_openapi_schema(path_prefix="/api-test/")["paths"]
    raise_risk = paths["/api-test/entities/{id}/raise"]["post"]
    assert (raise_risk["operationId"], raise_risk["summary"]) == ("api_support_test_raise_risk", "调高为D类")
    assert set(raise_risk["responses"]) == {200, 400, 401, 403, 404, 409, 422}
    review = paths["/api-test/entities/{id}/review"]["post"]
    assert (review["operationId"], review["summary"]) == ("api_support_test_review", "复核（无请求体）")
    assert "requestBody" not in review and 409 not in review["responses"]  # no body, no version to check


def test_the_route_acts_for_a_user_the_may_function_allows(users, entity):
    response = post(client(users["legal_office"]), f"/api-test/entities/{entity.pk}/raise",
                    {"version": entity.version, "reason": "多次投诉"})
    assert response.status_code == 200, response.content
    assert response.json() == {"id": entity.pk, "name": entity.name, "risk_class": "D", "version": entity.version + 1}


def test_the_route_refuses_a_user_the_may_function_refuses(users, entity):
    leader = client(users["leader"])
    assert leader.get(f"/api-test/entities/{entity.pk}/raise").status_code == 405  # sees it: a POST route
    response = post(leader, f"/api-test/entities/{entity.pk}/raise", {"version": entity.version, "reason": "领导"})
    assert response.status_code == 403, response.content
    entity.refresh_from_db()
    assert (entity.risk_class, entity.version) == ("B", 1)


def test_a_stale_version_is_409_and_nothing_changes(users, entity):
    office = client(users["legal_office"])
    record_update(record=entity, user=users["admin"], expected_version=entity.version, name="已被他人修改")
    response = post(office, f"/api-test/entities/{entity.pk}/raise", {"version": 1, "reason": "多次投诉"})
    assert response.status_code == 409, response.content
    entity.refresh_from_db()
    assert (entity.risk_class, entity.version) == ("B", 2)


def test_a_record_out_of_sight_is_404_and_a_bad_body_422(users, entity):
    office = client(users["legal_office"])
    assert post(office, "/api-test/entities/999999/raise", {"reason": "x"}).status_code == 404
    invalid = office.post(f"/api-test/entities/{entity.pk}/raise", json.dumps({"reason": ""}),
                          content_type="application/json")
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["label"] == "原因"


def test_a_route_without_a_body_acts_without_a_version(users, entity):
    record_update(record=entity, user=users["admin"], expected_version=entity.version, risk_class="D")
    response = client(users["legal_office"]).post(f"/api-test/entities/{entity.pk}/review")
    assert response.status_code == 200, response.content
    assert response.json()["risk_class"] == "C"

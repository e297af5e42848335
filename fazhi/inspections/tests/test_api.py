"""/api/inspections/: the same scopes and services as the pages."""

import datetime as dt

import pytest

from fazhi.inspections import engine
from fazhi.inspections.constants import TaskResult, TaskStatus
from fazhi.inspections.tests.scenario import LABELS, drawn_plan, published_plan

pytestmark = pytest.mark.django_db


def api(client, user):
    client.force_login(user)
    return client


def test_commit_and_reveal_through_the_api(client, setting):
    plan = published_plan(setting)
    c = api(client, setting["staff_a"])
    seal = engine.seal_of([271828])
    response = c.post(f"/api/inspections/plans/{plan.pk}/commit", {"source_labels": LABELS, "source_seals": ["", seal]},
                      content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["draw"]["status"] == "committed"
    assert response.json()["draw"]["source_seals"] == ["", seal]
    draw = response.json()["draw"]
    assert draw["method"] == "hashrank" and draw["method_version"] == engine.record.METHODS["hashrank"]
    response = c.post(f"/api/inspections/plans/{plan.pk}/reveal", {"sources": [[1, 2, 3]]},
                      content_type="application/json")
    assert response.status_code == 400
    assert "抽取前公布了2个随机源，现在给出了1个" in response.json()["detail"]
    response = c.post(f"/api/inspections/plans/{plan.pk}/reveal", {"sources": [[3, 11, 17], [271828]]},
                      content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["draw"]["task_count"] == 11 and body["status"] == "drawn"


def test_plans_of_other_units_are_404_and_missing_from_lists(client, setting, users):
    plan, _draw = drawn_plan(setting)
    c = api(client, users["unit_staff"])
    assert c.get(f"/api/inspections/plans/{plan.pk}").status_code == 404
    assert c.get("/api/inspections/plans").json()["count"] == 0
    c = api(client, setting["staff_b"])  # takes part in the joint plan
    assert c.get(f"/api/inspections/plans/{plan.pk}").json()["number"] == plan.number


def test_an_inspector_lists_their_tasks_and_enters_a_result_with_the_version(client, setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    member = task.team.first().officer.user
    c = api(client, member)
    mine = c.get("/api/inspections/tasks?mine=true").json()
    assert task.number in [row["number"] for row in mine["items"]]
    payload = {"version": task.version, "result": TaskResult.NO_PROBLEM, "inspected_on": str(dt.date.today())}
    response = c.post(f"/api/inspections/tasks/{task.pk}/result", payload, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == TaskStatus.COMPLETED
    stale = c.post(f"/api/inspections/tasks/{task.pk}/result", payload, content_type="application/json")
    assert stale.status_code == 409


def _write_operations():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    return sorted((method.upper(), path) for path, ops in schema["paths"].items() for method in ops
                  if path.startswith("/api/inspections/"))


def test_the_matrix_below_covers_every_inspection_operation():
    assert _write_operations() == [
        ("GET", "/api/inspections/plans"), ("GET", "/api/inspections/plans/{id}"),
        ("GET", "/api/inspections/plans/{id}/history"), ("GET", "/api/inspections/tasks"),
        ("GET", "/api/inspections/tasks/{id}"), ("GET", "/api/inspections/tasks/{id}/history"),
        ("POST", "/api/inspections/plans/{id}/commit"), ("POST", "/api/inspections/plans/{id}/reveal"),
        ("POST", "/api/inspections/tasks/{id}/result"),
    ]


@pytest.mark.parametrize(("method", "path"), _write_operations())
def test_anonymous_gets_401_and_the_leader_may_read_but_not_write(client, setting, method, path):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    url = path.replace("{id}", str(task.pk if "/tasks" in path else plan.pk))
    bodies = {"commit": {"source_labels": ["x"]}, "reveal": {"sources": [[1], [2]]},
              "result": {"version": task.version, "result": "no_problem", "inspected_on": str(dt.date.today())}}
    body = bodies.get(path.rsplit("/", 1)[-1])
    call = client.get if method == "GET" else lambda u: client.post(u, body, content_type="application/json")
    assert call(url).status_code == 401
    client.force_login(setting["leader"])
    response = call(url)
    assert response.status_code == (200 if method == "GET" else 403), response.content
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING

"""/api/inspections/: the same scopes and services as the pages."""

import datetime as dt
import re

import pytest

from fazhi.core import clock
from fazhi.core.tests.messages import message_pattern
from fazhi.inspections import api as inspections_api
from fazhi.inspections import engine, services
from fazhi.inspections.constants import DrawStatus, PlanStatus, TaskResult, TaskStatus
from fazhi.inspections.models import Draw, InspectionPlan
from fazhi.inspections.tests.scenario import (
    LABELS,
    WITNESS,
    WITNESS_SECRET,
    drawn_plan,
    inspection_date,
    published_plan,
)
from fazhi.organisation.constants import OrgUnitKind

pytestmark = pytest.mark.django_db


def api(client, user):
    client.force_login(user)
    return client


def test_commit_and_reveal_through_the_api(client, setting):
    plan = published_plan(setting)
    c = api(client, setting["staff_a"])
    seal = engine.seal_of([int(WITNESS_SECRET)])
    response = c.post(f"/api/inspections/plans/{plan.pk}/commit",
                      {"source_labels": [*LABELS, WITNESS], "source_seals": ["", "", seal]},
                      content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["draw"]["status"] == "committed"
    assert response.json()["draw"]["source_seals"] == ["", "", seal]
    Draw.objects.filter(plan=plan).update(source_seals=[])  # as draws committed before seals existed
    assert c.get(f"/api/inspections/plans/{plan.pk}").json()["draw"]["source_seals"] == ["", "", ""]
    draw = response.json()["draw"]
    assert draw["method"] == "hashrank" and draw["method_version"] == engine.canonical.METHODS["hashrank"]
    response = c.post(f"/api/inspections/plans/{plan.pk}/reveal", {"sources": [[1, 2, 3]]},
                      content_type="application/json")
    assert response.status_code == 400
    assert re.match(message_pattern(services.DRAW_SOURCE_COUNT, expected=3, given=1), response.json()["detail"])
    response = c.post(f"/api/inspections/plans/{plan.pk}/reveal",
                      {"sources": [[3, 11, 17], [2, 7, 5], [int(WITNESS_SECRET)]]}, content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["draw"]["task_count"] == 11 and body["status"] == "drawn"


def _plan_body(setting, **changes):
    body = {"title": "接口拟定的联合抽查计划", "lead_unit": setting["dept_a"].pk, "departments": [setting["dept_b"].pk],
            "items": [item.code for item in setting["items"]],
            "starts_on": str(inspection_date() - dt.timedelta(days=14)),
            "ends_on": str(inspection_date() + dt.timedelta(days=60)), "inspection_date": str(inspection_date()),
            "industries": ["H"], "ratio_d": "0.4"}
    return {**body, **changes}


def test_a_plan_is_drafted_approved_and_published_through_the_api(client, setting):
    c = api(client, setting["staff_a"])
    response = c.post("/api/inspections/plans", _plan_body(setting), content_type="application/json")
    assert response.status_code == 201, response.json()
    plan = response.json()
    assert plan["status"] == PlanStatus.DRAFT and plan["number"].endswith("-DEPT-A-001")
    assert [d["id"] for d in plan["departments"]] == [setting["dept_b"].pk]
    assert plan["ratios"]["D"] == "0.4" and plan["ratios"]["A"] == "0.1"  # A from the lead's 一细则
    assert c.post(f"/api/inspections/plans/{plan['id']}/approve").status_code == 403  # staff do not approve
    leader = api(client, setting["leader"])
    assert leader.post(f"/api/inspections/plans/{plan['id']}/approve").json()["status"] == PlanStatus.APPROVED
    c = api(client, setting["staff_a"])
    assert c.post(f"/api/inspections/plans/{plan['id']}/publish").json()["status"] == PlanStatus.PUBLISHED
    assert InspectionPlan.objects.get(pk=plan["id"]).published_on is not None


def _wrong_kind(field: str, kind, unit) -> str:
    return services.PLAN_UNIT_KIND % {"field": InspectionPlan._meta.get_field(field).verbose_name,
                                      "kind": kind.label, "units": unit.name}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"items": ["NO-SUCH-ITEM"]}, "items", lambda s: inspections_api.UNKNOWN_ITEMS % {"codes": "NO-SUCH-ITEM"}),
    ({"lead_unit": 999999}, "lead_unit", lambda s: inspections_api.UNKNOWN_UNITS % {"ids": "999999"}),
    # The kinds are the service's rule (services.plan_unit_choices): a department is not a street and back.
    ({"streets": ["dept_a"]}, "streets", lambda s: _wrong_kind("streets", OrgUnitKind.STREET, s["dept_a"])),
    ({"lead_unit": "street_a"}, "lead_unit",
     lambda s: _wrong_kind("lead_unit", OrgUnitKind.DEPARTMENT, s["street_a"])),
    ({"departments": ["street_a"]}, "departments",
     lambda s: _wrong_kind("departments", OrgUnitKind.DEPARTMENT, s["street_a"])),
    ({"inspection_date": "2099-01-01"}, "inspection_date", lambda s: "检查日期须在计划期间内"),
])
def test_a_refused_plan_names_the_field_and_writes_nothing(client, setting, units, changes, field, message):
    setting = {**setting, "street_a": units["street_a"]}
    changes = {k: [setting[v].pk for v in vs] if k in ("streets", "departments") else
               setting[vs].pk if k == "lead_unit" and isinstance(vs, str) else vs for k, vs in changes.items()}
    response = api(client, setting["staff_a"]).post("/api/inspections/plans", _plan_body(setting, **changes),
                                                    content_type="application/json")
    assert response.status_code == 422, response.json()
    errors = response.json()["errors"]
    assert any(e["field"] == field and str(message(setting)) in e["message"] for e in errors), errors
    assert not InspectionPlan.objects.exists()


def test_an_archived_item_is_refused_by_the_service_naming_the_field(client, setting):
    item = setting["items"][1]
    item.archived_on = clock.now()
    item.save()
    response = api(client, setting["staff_a"]).post("/api/inspections/plans", _plan_body(setting),
                                                    content_type="application/json")
    assert response.status_code == 422, response.json()
    message = services.PLAN_ITEM_ARCHIVED % {"field": InspectionPlan._meta.get_field("items").verbose_name,
                                             "items": item.name}
    assert [(e["field"], e["message"]) for e in response.json()["errors"]] == [("items", str(message))]
    assert not InspectionPlan.objects.exists()


def test_another_departments_staff_cannot_draft_a_plan_for_it(client, setting):
    response = api(client, setting["staff_b"]).post("/api/inspections/plans", _plan_body(setting),
                                                    content_type="application/json")
    assert response.status_code == 403 and not InspectionPlan.objects.exists()


def test_results_are_published_and_a_draw_voided_through_the_api(client, setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    services.task_record_result(user=None, task=task, result=TaskResult.NO_PROBLEM, inspected_on=clock.today(),
                                recorded_on=clock.today())
    c = api(client, setting["staff_a"])
    assert c.post(f"/api/inspections/plans/{plan.pk}/publish-results").status_code == 200
    task.refresh_from_db()
    assert task.status == TaskStatus.PUBLISHED
    refused = c.post(f"/api/inspections/plans/{plan.pk}/publish-results")
    assert refused.status_code == 400
    assert refused.json()["detail"] == str(services.PUBLISH_NOTHING) % {"plan": plan.title}

    second = published_plan(setting, title="待作废的计划")
    services.draw_commit(user=setting["staff_a"], plan=second, source_labels=LABELS)
    body = {"reason": "检查人员执法证被注销"}
    assert c.post(f"/api/inspections/plans/{second.pk}/void", body, content_type="application/json").status_code == 403
    legal = api(client, setting["legal_office"])
    response = legal.post(f"/api/inspections/plans/{second.pk}/void", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == PlanStatus.PUBLISHED
    assert Draw.objects.get(plan=second).status == DrawStatus.VOIDED


def test_the_registers_are_read_through_the_api(client, setting):
    from fazhi.inspections.tests.factories import make_task

    task = make_task(lead_unit=setting["dept_b"], officer=setting["officers"][3])
    c = api(client, setting["staff_a"])
    items = c.get(f"/api/inspections/items?org_unit={setting['dept_b'].pk}").json()["items"]
    expected = [setting["items"][1].code, *(i.code for i in task.plan.items.all())]
    assert sorted(i["code"] for i in items) == sorted(expected)
    rules = c.get("/api/inspections/rules").json()["items"]
    assert {"org_unit": setting["dept_a"].name, "A": "0.1"} in [
        {"org_unit": r["org_unit"]["name"], "A": r["ratios"]["A"]} for r in rules]
    meeting = c.get("/api/inspections/meetings").json()["items"][0]
    assert meeting["convenor_title"] == "副主任" and meeting["records"][0]["topic"] == "议题"


def test_the_keyword_filters_the_rules_and_the_meetings(client, setting):
    from fazhi.inspections.tests.factories import make_task

    task = make_task(lead_unit=setting["dept_b"], officer=setting["officers"][3])
    c = api(client, setting["staff_a"])
    rules = c.get("/api/inspections/rules", {"q": setting["dept_a"].name}).json()["items"]
    assert [r["org_unit"]["name"] for r in rules] == [setting["dept_a"].name]
    assert c.get("/api/inspections/rules", {"q": "没有这个单位"}).json()["items"] == []
    name = task.joint_meeting.name
    assert [m["name"] for m in c.get("/api/inspections/meetings", {"q": name}).json()["items"]] == [name]
    assert c.get("/api/inspections/meetings", {"q": "没有这个会议"}).json()["items"] == []


def test_an_officers_recusal_is_declared_through_the_api_and_kept_from_other_units(client, setting):
    officer, entity = setting["officers"][0], setting["entities"][5]
    body = {"officer": officer.pk, "entity_uscc": entity.uscc.lower(), "reason": "relative", "note": "配偶任该公司股东",
            "declared_on": str(clock.today())}
    c = api(client, setting["staff_a"])
    response = c.post("/api/inspections/recusals", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["entity_uscc"] == entity.uscc and response.json()["reason"] == "relative"
    again = c.post("/api/inspections/recusals", body, content_type="application/json")
    assert again.status_code == 422  # one declaration per officer and entity
    unknown = c.post("/api/inspections/recusals", {**body, "entity_uscc": "9" * 18}, content_type="application/json")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "entity"
    other = api(client, setting["staff_b"])
    assert other.get("/api/inspections/recusals").json()["count"] == 0  # another department's officers
    refused = other.post("/api/inspections/recusals", {**body, "entity_uscc": setting["entities"][6].uscc},
                         content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "officer"
    assert officer.recusals.count() == 1


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
    payload = {"version": task.version, "result": TaskResult.NO_PROBLEM, "inspected_on": str(clock.today())}
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
        ("GET", "/api/inspections/items"), ("GET", "/api/inspections/items/{id}"),
        ("GET", "/api/inspections/items/{id}/history"), ("GET", "/api/inspections/meetings"),
        ("GET", "/api/inspections/meetings/{id}"), ("GET", "/api/inspections/meetings/{id}/history"),
        ("GET", "/api/inspections/plans"), ("GET", "/api/inspections/plans/{id}"),
        ("GET", "/api/inspections/plans/{id}/history"), ("GET", "/api/inspections/recusals"),
        ("GET", "/api/inspections/recusals/{id}"), ("GET", "/api/inspections/recusals/{id}/history"),
        ("GET", "/api/inspections/rules"), ("GET", "/api/inspections/rules/{id}"),
        ("GET", "/api/inspections/rules/{id}/history"), ("GET", "/api/inspections/tasks"),
        ("GET", "/api/inspections/tasks/{id}"), ("GET", "/api/inspections/tasks/{id}/history"),
        ("POST", "/api/inspections/plans"), ("POST", "/api/inspections/plans/{id}/approve"),
        ("POST", "/api/inspections/plans/{id}/commit"), ("POST", "/api/inspections/plans/{id}/publish"),
        ("POST", "/api/inspections/plans/{id}/publish-results"), ("POST", "/api/inspections/plans/{id}/reveal"),
        ("POST", "/api/inspections/plans/{id}/void"), ("POST", "/api/inspections/recusals"),
        ("POST", "/api/inspections/tasks/{id}/result"),
    ]


@pytest.mark.parametrize(("method", "path"), _write_operations())
def test_anonymous_gets_401_and_the_leader_may_read_but_not_write(client, setting, method, path):
    from fazhi.inspections.tests.factories import make_task

    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    other = make_task(lead_unit=setting["dept_b"], officer=setting["officers"][3])  # a meeting and a recusal
    ids = {"plans": plan.pk, "tasks": task.pk, "items": setting["items"][0].pk, "rules": setting["rules"].pk,
           "meetings": other.joint_meeting.pk, "recusals": setting["officers"][3].recusals.get().pk}
    url = path.replace("{id}", str(ids[path.split("/")[3]]))
    bodies = {"commit": {"source_labels": ["x"]}, "reveal": {"sources": [[1], [2]]}, "void": {"reason": "x"},
              "plans": _plan_body(setting),
              "recusals": {"officer": setting["officers"][1].pk, "entity_uscc": setting["entities"][0].uscc,
                           "reason": "relative", "declared_on": str(clock.today())},
              "result": {"version": task.version, "result": "no_problem", "inspected_on": str(clock.today())}}
    body = bodies.get(path.rsplit("/", 1)[-1])
    call = client.get if method == "GET" else lambda u: client.post(u, body, content_type="application/json")
    assert call(url).status_code == 401
    client.force_login(setting["leader"])
    response = call(url)
    # The leader approves plans: allowed, but this one is long past approval.
    expected = 200 if method == "GET" else 400 if path.endswith("/approve") else 403
    assert response.status_code == expected, response.content
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING

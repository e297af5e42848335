"""The permission matrix of /api/enforcement: every role, every resource, own unit and the other unit (the
officers' resources under it have theirs in fazhi.officers.tests.test_api_permissions).

The expectations are written out by hand from the roles' design (each model's ROLE_ACTIONS),
not computed from the same code, so a change in scoping shows up here. Street A is the unit of
`unit_staff` and `officer`; street B that of `unit_staff_b`.
"""

import datetime as dt
import json

import pytest

from fazhi.api.tests.scope import assert_detail_in_scope, assert_list_in_scope, assert_update_in_scope
from fazhi.core.api_support import NOT_AUTHENTICATED
from fazhi.core.exceptions import PermissionDeniedError, StaleRecordError
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    CaseOfficer,
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    MajorDecisionReview,
    SpecialInspection,
)
from fazhi.enforcement.tests.factories import (
    EnforcementBodyFactory,
    EnforcementMatterFactory,
    MajorCriterionFactory,
    SpecialInspectionFactory,
)
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number
from fazhi.officers.tests.test_api_permissions import RESOURCES as OFFICERS_RESOURCES
from fazhi.officers.tests.test_api_permissions import ApiClient

ROLES = ("admin", "legal_office", "unit_staff", "unit_staff_b", "officer", "leader")
T, F = True, False
BOTH, ONLY_A, ONLY_B, NONE = {"a": T, "b": T}, {"a": T, "b": F}, {"a": F, "b": T}, {"a": F, "b": F}
# Zone-wide readers see both; a unit's staff its own; officers their own unit's registers.
UNIT_REGISTER = {"admin": BOTH, "legal_office": BOTH, "leader": BOTH, "unit_staff": ONLY_A, "unit_staff_b": ONLY_B,
                 "officer": ONLY_A}
VISIBLE = {
    # Who enforces what is published anyway: every role reads every body and matter.
    "bodies": {role: BOTH for role in ROLES},
    "matters": {role: BOTH for role in ROLES},
    "cases": UNIT_REGISTER,
    # Officers take no part in special inspections.
    "unit-inspections": {**UNIT_REGISTER, "officer": NONE},
    "rectifications": {**UNIT_REGISTER, "officer": NONE},
    # Zone-wide records (no unit): "a" and "b" are simply two of them.
    "major-criteria": {role: BOTH for role in ROLES},
    "special-inspections": {**{role: BOTH for role in ROLES}, "officer": NONE},
}
# Who may change (PATCH) a record of each unit.
WRITERS = {"admin": BOTH, "legal_office": BOTH, "unit_staff": ONLY_A, "unit_staff_b": ONLY_B, "officer": NONE,
           "leader": NONE}
CHANGEABLE = {
    "bodies": WRITERS,
    "matters": WRITERS,
    # Officers work on their own unit's cases.
    "cases": {**WRITERS, "officer": ONLY_A},
    # The catalogue and the campaigns are the legal-affairs office's.
    "major-criteria": {**{role: NONE for role in ROLES}, "admin": BOTH, "legal_office": BOTH},
    "special-inspections": {**{role: NONE for role in ROLES}, "admin": BOTH, "legal_office": BOTH},
}
PATCHES = {
    "bodies": {"fields": "改过的领域"},
    "matters": {"name": "改过的事项"},
    "cases": {"summary": "改过的案由"},
    "major-criteria": {"legal_source": "改过的依据"},
    "special-inspections": {"name": "改过的名称"},
}


@pytest.fixture
def client_for(users):
    def make(role: str) -> ApiClient:
        client = ApiClient()
        client.force_login(users[role])
        return client

    return make


def _unit_records(unit, tag: str) -> dict:
    body = EnforcementBodyFactory(org_unit=unit, name=f"{tag}执法队")
    # An officer with a certificate (valid from 2020) to assign to the case.
    officer = CertificateFactory(officer=OfficerFactory(org_unit=unit, full_name=f"{tag}执法员",
                                                        id_number=fake_id_number(600 + ord(tag[0])))).officer
    case = services.case_open(user=None, body=body, kind="penalty", summary=f"{tag}案件", opened_on=dt.date(2022, 3, 1),
                              party_name="张三")
    return {"bodies": body, "matters": EnforcementMatterFactory(body=body), "officers": officer, "cases": case}


@pytest.fixture
def records(units):
    """For each resource, its record "a" (street A) and "b" (street B)."""
    a, b = _unit_records(units["street_a"], "甲"), _unit_records(units["street_b"], "乙")
    found = {name: {"a": a[name], "b": b[name]} for name in a}
    inspection = SpecialInspectionFactory()
    found["unit-inspections"] = {
        owner: services.unit_inspection_add(user=None, inspection=inspection, org_unit=units[f"street_{owner}"])
        for owner in ("a", "b")
    }
    found["rectifications"] = {
        owner: services.rectification_add(user=None, unit_inspection=found["unit-inspections"][owner],
                                          problem="决定未按时公示", due_on=dt.date(2022, 12, 31))
        for owner in ("a", "b")
    }
    found["major-criteria"] = {"a": MajorCriterionFactory(kind="licence_revocation"),
                               "b": MajorCriterionFactory(kind="closure")}
    found["special-inspections"] = {"a": inspection, "b": SpecialInspectionFactory(name="第二次专项检查")}
    return found


MATRIX = [(resource, role, owner) for resource in VISIBLE for role in ROLES for owner in ("a", "b")]


@pytest.mark.parametrize(("resource", "role", "owner"), MATRIX)
def test_detail_answers_only_within_scope(client_for, records, resource, role, owner):
    assert_detail_in_scope(client_for(role), f"/api/enforcement/{resource}", records[resource][owner],
                           VISIBLE[resource][role][owner])


@pytest.mark.parametrize("resource", list(VISIBLE))
@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_records_in_scope(client_for, records, resource, role):
    assert_list_in_scope(client_for(role), f"/api/enforcement/{resource}", records[resource],
                         VISIBLE[resource][role])


PATCH_MATRIX = [(resource, role, owner) for resource in CHANGEABLE for role in ROLES for owner in ("a", "b")]


@pytest.mark.parametrize(("resource", "role", "owner"), PATCH_MATRIX)
def test_update_only_within_scope(client_for, records, resource, role, owner):
    assert_update_in_scope(client_for(role), f"/api/enforcement/{resource}", records[resource][owner],
                           PATCHES[resource], visible=VISIBLE[resource][role][owner],
                           changeable=CHANGEABLE[resource][role][owner])


@pytest.mark.parametrize("resource", ["bodies", "cases", "major-criteria"])
def test_stale_version_answers_409_and_changes_nothing(client_for, records, resource):
    record = records[resource]["a"]
    client = client_for("legal_office")
    first = client.patch_json(f"/api/enforcement/{resource}/{record.pk}", {"version": record.version,
                                                                           **PATCHES[resource]})
    assert first.status_code == 200
    stale = client.patch_json(f"/api/enforcement/{resource}/{record.pk}", {"version": record.version,
                                                                           **PATCHES[resource]})
    assert stale.status_code == 409
    assert stale.json() == {"detail": StaleRecordError().message}
    assert type(record).objects.get(pk=record.pk).version == record.version + 1


def test_stale_version_on_an_action_answers_409(client_for, records):
    case = records["cases"]["a"]
    response = client_for("officer").post_json(f"/api/enforcement/cases/{case.pk}/steps", {
        "version": case.version + 5, "kind": "investigation", "happened_on": "2022-03-05"})
    assert response.status_code == 409
    assert case.steps.count() == 1  # the filing step only


def test_archive_answers_409_on_a_stale_version(client_for, records):
    body = records["bodies"]["a"]
    response = client_for("unit_staff").post_json(f"/api/enforcement/bodies/{body.pk}/archive",
                                                  {"version": body.version + 1, "reason": "撤销"})
    assert response.status_code == 409
    assert not EnforcementBody.objects.get(pk=body.pk).is_archived


# ----- actions follow the pages' rules -----

ACTION_GATE = {
    # (path, body): who passes the gate for a case of street A (the service may still refuse).
    "assign": {"admin": 400, "legal_office": 400, "unit_staff": 400, "officer": 400, "leader": 403,
               "unit_staff_b": 404},
    # The review is the body's designated reviewers' (the legal office here), not the system administrator's.
    "review": {"admin": 403, "legal_office": 201, "unit_staff": 403, "officer": 403, "leader": 403,
               "unit_staff_b": 404},
    "publication": {"admin": 400, "legal_office": 400, "unit_staff": 400, "officer": 403, "leader": 403,
                    "unit_staff_b": 404},
}


def _action_request(client, action, case, records):
    base = f"/api/enforcement/cases/{case.pk}"
    if action == "assign":  # the officer has a certificate valid from 2020, but not before the case opened
        return client.post_json(f"{base}/officers", {"officer": records["officers"]["a"].pk, "on": "2022-02-01"})
    if action == "review":
        return client.post_json(f"{base}/reviews", {"reviewed_on": "2022-04-01", "approved": True,
                                                    "opinion": "同意", "decision_kind": "warning"})
    return client.post_json(f"{base}/publication", {})


@pytest.mark.parametrize("action", list(ACTION_GATE))
@pytest.mark.parametrize("role", ROLES)
def test_case_actions_are_gated_like_the_pages(client_for, records, role, action):
    case = records["cases"]["a"]
    response = _action_request(client_for(role), action, case, records)
    expected = ACTION_GATE[action][role]
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json() == {"detail": PermissionDeniedError().message}
    if expected != 201:
        assert not CaseOfficer.objects.filter(case=case).exists()
        assert not case.reviews.exists()


# ----- every write operation -----

def _operations():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path, op["operationId"]) for path, ops in schema["paths"].items()
            for method, op in ops.items()
            if path.startswith("/api/enforcement/") and _resource(path) not in OFFICERS_RESOURCES]


EXPECTED_WRITES = {
    "enforcement_bodies_create", "enforcement_bodies_update", "enforcement_bodies_archive",
    "enforcement_matters_create", "enforcement_matters_update", "enforcement_matters_archive",
    "enforcement_criteria_create", "enforcement_criteria_update", "enforcement_criteria_archive",
    "enforcement_cases_create", "enforcement_cases_update", "enforcement_cases_assign", "enforcement_cases_add_step",
    "enforcement_cases_upload", "enforcement_cases_review", "enforcement_cases_decide", "enforcement_cases_publish",
    "enforcement_cases_close", "enforcement_cases_declare_major", "enforcement_cases_overturn",
    "enforcement_cases_withdraw",
    "enforcement_inspections_create", "enforcement_inspections_update", "enforcement_inspections_add_unit",
    "enforcement_inspections_status",
    "enforcement_unit_inspections_self_check", "enforcement_unit_inspections_on_site",
    "enforcement_unit_inspections_rectification",
    "enforcement_rectifications_complete",
}


def _bodies(records, units) -> dict:
    """A valid body for every write, so that a refusal is about permission, not validation."""
    officer = records["officers"]["a"]
    return {
        "enforcement_bodies_create": {"org_unit": units["street_a"].pk, "name": "新执法队", "legal_basis": "依据"},
        "enforcement_bodies_update": {"version": 1, "fields": "领域"},
        "enforcement_bodies_archive": {"version": 1, "reason": "撤销"},
        "enforcement_matters_create": {"body": records["bodies"]["a"].pk, "code": "NEW-1", "name": "新事项",
                                       "kind": "inspection", "legal_basis": "依据"},
        "enforcement_matters_update": {"version": 1, "name": "改"},
        "enforcement_matters_archive": {"version": 1, "reason": "撤销"},
        "enforcement_criteria_create": {"kind": "hearing", "legal_source": "行政处罚法"},
        "enforcement_criteria_update": {"version": 1, "legal_source": "改"},
        "enforcement_criteria_archive": {"version": 1, "reason": "停用"},
        "enforcement_cases_create": {"body": records["bodies"]["a"].pk, "kind": "penalty", "party_name": "李四",
                                     "summary": "新案", "opened_on": "2022-05-01"},
        "enforcement_cases_update": {"version": 1, "summary": "改"},
        "enforcement_cases_assign": {"officer": officer.pk, "on": "2022-03-05"},
        "enforcement_cases_add_step": {"kind": "investigation", "happened_on": "2022-03-05"},
        "enforcement_cases_upload": None,  # multipart: sent by _call
        "enforcement_cases_review": {"reviewed_on": "2022-04-01", "approved": True, "opinion": "同意",
                                     "decision_kind": "warning"},
        "enforcement_cases_decide": {"decision_kind": "warning", "decided_on": "2022-04-02", "text": "警告"},
        "enforcement_cases_publish": {},
        "enforcement_cases_close": {"closed_on": "2022-04-04"},
        "enforcement_cases_overturn": {"kind": "revoked", "overturned_on": "2022-04-04", "document": "复议决定书"},
        "enforcement_cases_withdraw": {"reason": "决定已被撤销"},
        "enforcement_cases_declare_major": {"declared": True, "reason": "案情复杂"},
        "enforcement_inspections_create": {"name": "新检查", "year": 2022, "checklist": "清单",
                                           "starts_on": "2022-08-01", "ends_on": "2022-09-01"},
        "enforcement_inspections_update": {"version": 1, "name": "改"},
        "enforcement_inspections_add_unit": {"org_unit": units["dept_a"].pk},
        "enforcement_inspections_status": {"status": "self_check"},
        "enforcement_unit_inspections_self_check": {"checked_on": "2022-09-01", "report": "自查"},
        "enforcement_unit_inspections_on_site": {"checked_on": "2022-10-01", "findings": "问题"},
        "enforcement_unit_inspections_rectification": {"problem": "问题", "due_on": "2022-12-01"},
        "enforcement_rectifications_complete": {"completed_on": "2022-11-01"},
    }


def _resource(path: str) -> str:
    return path.split("/")[3]


def _call(client, method, path, op_id, body, records):
    resource = _resource(path)
    if "{id}" in path:
        path = path.replace("{id}", str(records[resource]["a"].pk))
    if "{step_id}" in path:
        path = path.replace("{step_id}", str(records["cases"]["a"].steps.first().pk))
    if method == "GET":
        return client.get(path, {"year": 2022} if path.endswith("training-statistics") else {})
    if op_id == "enforcement_cases_upload":
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(path, {"kind": "written", "file": SimpleUploadedFile("a.txt", b"record")})
    return client.generic(method, path, data=json.dumps(body), content_type="application/json")


def test_every_write_operation_is_known_and_has_a_test_body(records, units):
    writes = {op_id for method, _path, op_id in _operations() if method != "GET"}
    assert writes == EXPECTED_WRITES, "a new write endpoint needs a body here and a row in the matrix"
    assert set(_bodies(records, units)) == EXPECTED_WRITES


def _counts() -> tuple:
    return tuple(model.objects.count() for model in (EnforcementBody, EnforcementMatter, EnforcementCase,
                                                     SpecialInspection, CaseOfficer, MajorDecisionReview))


@pytest.mark.parametrize(("method", "path", "op_id"), [op for op in _operations() if op[0] != "GET"],
                         ids=[op[2] for op in _operations() if op[0] != "GET"])
def test_leader_cannot_write_anything(client_for, records, units, method, path, op_id):
    bodies = _bodies(records, units)
    before = _counts()
    response = _call(client_for("leader"), method, path, op_id, bodies[op_id], records)
    assert response.status_code == 403, response.content
    assert _counts() == before
    target = records[_resource(path)]["a"]
    fresh = type(target).objects.get(pk=target.pk)
    assert (fresh.version, fresh.is_archived) == (target.version, False)


@pytest.mark.parametrize(("method", "path", "op_id"), _operations(), ids=[op[2] for op in _operations()])
def test_anonymous_gets_401_everywhere(records, units, method, path, op_id):
    response = _call(ApiClient(), method, path, op_id, _bodies(records, units).get(op_id), records)
    assert response.status_code == 401, (op_id, response.content)
    assert response.json() == {"detail": str(NOT_AUTHENTICATED)}

"""The permission matrix of the officers' part of /api/enforcement (officers, certificates, applications,
trainings, exams, the training statistics): every role, every resource, own unit and the other unit.

The expectations are written out by hand from the roles' design (each model's ROLE_ACTIONS),
not computed from the same code, so a change in scoping shows up here. Street A is the unit of
`unit_staff` and `officer`; street B that of `unit_staff_b`. The rest of /api/enforcement has its matrix in
fazhi.enforcement.tests.test_api_permissions.
"""

import datetime as dt
import json

import pytest
from django.test import Client

from fazhi.api.tests.scope import assert_detail_in_scope, assert_list_in_scope, assert_update_in_scope
from fazhi.core.api_support import NOT_AUTHENTICATED
from fazhi.core.exceptions import StaleRecordError
from fazhi.officers import services
from fazhi.officers.models import (
    CertificateApplication,
    EnforcementCertificate,
    Exam,
    ExamResult,
    Officer,
    Training,
    TrainingAttendance,
)
from fazhi.officers.tests.factories import (
    CertificateFactory,
    ExamFactory,
    OfficerFactory,
    TrainingFactory,
    fake_id_number,
)

# The resources of /api/enforcement/<resource> that are this module's.
RESOURCES = ("officers", "certificates", "trainings", "exams", "certificate-applications", "training-statistics")

ROLES = ("admin", "legal_office", "unit_staff", "unit_staff_b", "officer", "leader")
T, F = True, False
BOTH, ONLY_A, ONLY_B, NONE = {"a": T, "b": T}, {"a": T, "b": F}, {"a": F, "b": T}, {"a": F, "b": F}
# Zone-wide readers see both; a unit's staff its own; officers their own unit's registers.
UNIT_REGISTER = {"admin": BOTH, "legal_office": BOTH, "leader": BOTH, "unit_staff": ONLY_A, "unit_staff_b": ONLY_B,
                 "officer": ONLY_A}
VISIBLE = {
    "officers": UNIT_REGISTER,
    "certificates": UNIT_REGISTER,
    "trainings": UNIT_REGISTER,
    "exams": UNIT_REGISTER,
    "certificate-applications": UNIT_REGISTER,
}
# Who may change (PATCH) a record of each unit.
WRITERS = {"admin": BOTH, "legal_office": BOTH, "unit_staff": ONLY_A, "unit_staff_b": ONLY_B, "officer": NONE,
           "leader": NONE}
CHANGEABLE = {
    "officers": WRITERS,
    "trainings": WRITERS,
    "exams": WRITERS,
}
PATCHES = {
    "officers": {"position": "副队长"},
    "trainings": {"topic": "改过的主题"},
    "exams": {"pass_mark": "70"},
}


class ApiClient(Client):
    def post_json(self, path, data, **extra):
        return self.post(path, json.dumps(data), content_type="application/json", **extra)

    def patch_json(self, path, data, **extra):
        return self.patch(path, json.dumps(data), content_type="application/json", **extra)


@pytest.fixture
def client_for(users):
    def make(role: str) -> ApiClient:
        client = ApiClient()
        client.force_login(users[role])
        return client

    return make


def _unit_records(unit, tag: str) -> dict:
    officer = OfficerFactory(org_unit=unit, full_name=f"{tag}执法员", id_number=fake_id_number(600 + ord(tag[0])))
    exam = ExamFactory(organiser=unit)
    result = services.exam_result_record(user=None, exam=exam, officer=officer, score=90)
    return {
        "officers": officer, "certificates": CertificateFactory(officer=officer),
        "trainings": TrainingFactory(organiser=unit), "exams": exam,
        "certificate-applications": services.certificate_application_submit(
            user=None, exam_result=result, applied_on=dt.date(2022, 7, 1)),
    }


@pytest.fixture
def records(units):
    """For each resource, its record "a" (street A) and "b" (street B)."""
    a, b = _unit_records(units["street_a"], "甲"), _unit_records(units["street_b"], "乙")
    return {name: {"a": a[name], "b": b[name]} for name in a}


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


@pytest.mark.parametrize("resource", ["officers"])
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


# ----- every write operation -----

def operations():
    """(method, path, operation id) of every operation of this module's resources."""
    from fazhi.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path, op["operationId"]) for path, ops in schema["paths"].items()
            for method, op in ops.items() if path.startswith("/api/enforcement/") and _resource(path) in RESOURCES]


EXPECTED_WRITES = {
    "enforcement_officers_create", "enforcement_officers_update", "enforcement_officers_archive",
    "enforcement_certificates_create", "enforcement_certificates_suspend", "enforcement_certificates_reinstate",
    "enforcement_certificates_revoke",
    "enforcement_trainings_create", "enforcement_trainings_update", "enforcement_trainings_archive",
    "enforcement_trainings_attend",
    "enforcement_exams_create", "enforcement_exams_update", "enforcement_exams_archive", "enforcement_exams_result",
    "enforcement_applications_create", "enforcement_applications_approve", "enforcement_applications_reject",
}


def _bodies(records, units) -> dict:
    """A valid body for every write, so that a refusal is about permission, not validation."""
    officer = records["officers"]["a"]
    return {
        "enforcement_officers_create": {"org_unit": units["street_a"].pk, "full_name": "新人",
                                        "id_number": fake_id_number(5151)},
        "enforcement_officers_update": {"version": 1, "position": "科员"},
        "enforcement_officers_archive": {"version": 1, "reason": "调离"},
        "enforcement_certificates_create": {"officer": officer.pk, "number": "辽NEWAPI", "issuer": "市政府",
                                            "area": "开发区", "field": "市场监管", "valid_from": "2022-01-01",
                                            "valid_until": "2027-01-01"},
        "enforcement_certificates_suspend": {"reason": "暂扣"},
        "enforcement_certificates_reinstate": {"reason": "恢复"},
        "enforcement_certificates_revoke": {"reason": "注销"},
        "enforcement_trainings_create": {"organiser": units["street_a"].pk, "topic": "新培训", "held_on": "2022-05-01",
                                         "hours": "4", "trainer": "讲师"},
        "enforcement_trainings_update": {"version": 1, "topic": "改"},
        "enforcement_trainings_archive": {"version": 1, "reason": "取消"},
        "enforcement_trainings_attend": {"officer": officer.pk},
        "enforcement_exams_create": {"organiser": units["street_a"].pk, "held_on": "2022-05-02",
                                     "kind": "renewal"},
        "enforcement_exams_update": {"version": 1, "pass_mark": "65"},
        "enforcement_exams_archive": {"version": 1, "reason": "取消"},
        "enforcement_exams_result": {"officer": OfficerFactory(org_unit=units["street_a"]).pk, "score": "80"},
        "enforcement_applications_create": {"exam_result": records["exams"]["a"].results.first().pk,
                                            "applied_on": "2022-08-01"},
        "enforcement_applications_approve": {"number": "辽APPROVE", "issuer": "市政府", "area": "开发区",
                                             "field": "市场监管", "valid_from": "2022-08-01",
                                             "valid_until": "2027-08-01"},
        "enforcement_applications_reject": {"reason": "材料不全"},
    }


def _resource(path: str) -> str:
    return path.split("/")[3]


def _call(client, method, path, body, records):
    if "{id}" in path:
        path = path.replace("{id}", str(records[_resource(path)]["a"].pk))
    if method == "GET":
        return client.get(path, {"year": 2022} if path.endswith("training-statistics") else {})
    return client.generic(method, path, data=json.dumps(body), content_type="application/json")


def test_every_write_operation_is_known_and_has_a_test_body(records, units):
    writes = {op_id for method, _path, op_id in operations() if method != "GET"}
    assert writes == EXPECTED_WRITES, "a new write endpoint needs a body here and a row in the matrix"
    assert set(_bodies(records, units)) == EXPECTED_WRITES


def _counts() -> tuple:
    return tuple(model.objects.count() for model in (Officer, EnforcementCertificate, Training, TrainingAttendance,
                                                     Exam, ExamResult, CertificateApplication))


@pytest.mark.parametrize(("method", "path", "op_id"), [op for op in operations() if op[0] != "GET"],
                         ids=[op[2] for op in operations() if op[0] != "GET"])
def test_leader_cannot_write_anything(client_for, records, units, method, path, op_id):
    bodies = _bodies(records, units)
    before = _counts()
    response = _call(client_for("leader"), method, path, bodies[op_id], records)
    assert response.status_code == 403, response.content
    assert _counts() == before
    target = records[_resource(path)]["a"]
    fresh = type(target).objects.get(pk=target.pk)
    assert (fresh.version, fresh.is_archived) == (target.version, False)


@pytest.mark.parametrize(("method", "path", "op_id"), operations(), ids=[op[2] for op in operations()])
def test_anonymous_gets_401_everywhere(records, units, method, path, op_id):
    response = _call(ApiClient(), method, path, _bodies(records, units).get(op_id), records)
    assert response.status_code == 401, (op_id, response.content)
    assert response.json() == {"detail": str(NOT_AUTHENTICATED)}

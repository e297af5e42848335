"""The API of normative documents, major decisions and legal advisors: the pages' rules, every role.

Written out by hand from the roles' design: unit staff draft for their own unit, the legal-affairs
office reviews and publishes, leaders read, another unit's records are 404, a stale version 409.
"""

import datetime as dt
import json

import pytest

from fazhi.api.tests.clients import client, post
from fazhi.legal_advisors import services as advisor_services
from fazhi.major_decisions import services as decision_services
from fazhi.normative_documents import services as doc_services
from fazhi.normative_documents.constants import DocumentStatus
from fazhi.normative_documents.models import NormativeDocument
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_in_force, to_review

D = dt.date
OWN = ("/api/normative-documents", "/api/major-decisions", "/api/legal-advisors")
UNLAWFUL_DRAFT = ("第一条 从事本区餐饮经营的，应当向街道办事处申请取得经营许可证。\n"
                  "第二条 本办法自公布之日起施行，有效期3年。")




def operations():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path, op) for path, ops in schema["paths"].items() for method, op in ops.items()
            if path.startswith(OWN)]


@pytest.fixture
def records(units, users):
    draft = NormativeDocumentFactory(drafting_unit=units["street_a"])
    catalogue = decision_services.catalogue_create(user=None, year=2022, decision_organ=units["legal"])
    decision = decision_services.decision_add(user=None, catalogue=catalogue, title="甲街道决策",
                                              undertaking_unit=units["street_a"])
    step = decision_services.step_skip(user=None, decision=decision, kind="expert_argumentation",
                                       reason="不属于专业性事项", on=D(2022, 3, 1))
    advisor = advisor_services.advisor_create(user=None, full_name="周律师", firm="某所",
                                              licence_number="12102200810000001")
    contract = advisor_services.contract_create(user=None, advisor=advisor, org_unit=units["street_a"], number="FG-A",
                                                starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31))
    return {"normative-documents": draft, "major-decisions": decision, "advisors": advisor, "contracts": contract,
            "catalogues": catalogue, "steps": step,
            "cleanups": doc_services.cleanup_create(user=None, name="2022年清理", trigger="scheduled", basis="定期清理",
                                                    started_on=D(2022, 1, 5))}


def _path(path: str, records) -> str:
    path = path.replace("{step_id}", str(records["steps"].pk))
    path = path.replace("{comment_id}", "1").replace("{item_id}", "1")  # checked after the permission
    if "{id}" not in path:
        return path
    parts = path.split("/")
    key = parts[3] if parts[2] == "legal-advisors" and parts[3] in ("advisors", "contracts") else parts[2]
    if parts[3] in ("catalogues", "cleanups"):
        key = parts[3]
    if parts[2] == "legal-advisors" and key not in records:
        key = "contracts"  # /api/legal-advisors/{id}/history is the contracts' history
    return path.replace("{id}", str(records[key].pk))


def test_every_operation_declares_its_errors():
    for method, path, op in operations():
        declared = {str(code) for code in op["responses"]}
        expected = {"401"} | ({"404", "422"} if "{id}" in path else set())
        if method != "GET":
            expected |= {"400", "403", "422"}
        assert expected <= declared, (method, path, declared)


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in operations()])
def test_anonymous_gets_401(records, method, path):
    response = client().generic(method, _path(path, records), data="{}", content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in operations() if m != "GET"])
def test_leader_cannot_write(records, users, method, path):
    before = NormativeDocument.objects.count()
    response = client(users["leader"]).generic(method, _path(path, records), data="{}",
                                               content_type="application/json")
    assert response.status_code in (403, 422), (path, response.content)  # 422: the body is checked first
    assert NormativeDocument.objects.count() == before


# Every register the pages let a user edit or archive can be edited or archived here too.
UPDATE_AND_ARCHIVE = {
    ("PATCH", "/api/normative-documents/{id}"), ("POST", "/api/normative-documents/{id}/archive"),
    ("PATCH", "/api/major-decisions/{id}"), ("POST", "/api/major-decisions/{id}/archive"),
    ("PATCH", "/api/major-decisions/catalogues/{id}"),
    ("PATCH", "/api/legal-advisors/advisors/{id}"), ("POST", "/api/legal-advisors/advisors/{id}/archive"),
    ("PATCH", "/api/legal-advisors/contracts/{id}"), ("POST", "/api/legal-advisors/contracts/{id}/archive"),
}


def test_the_matrix_covers_update_and_archive():
    matrix = {(method, path) for method, path, _ in operations()}
    assert not UPDATE_AND_ARCHIVE - matrix, UPDATE_AND_ARCHIVE - matrix
    for method, path, op in operations():
        if (method, path) in UPDATE_AND_ARCHIVE:
            assert {"400", "401", "403", "404", "409", "422"} <= {str(c) for c in op["responses"]}, (method, path)


@pytest.mark.parametrize(("method", "path"), sorted(UPDATE_AND_ARCHIVE))
def test_leader_cannot_update_or_archive_with_a_valid_body(records, users, method, path):
    """The 422 of an empty body above proves nothing about the permission: here the body is valid."""
    url = _path(path, records)
    version = client(users["legal_office"]).get(url.removesuffix("/archive")).json()["version"]
    response = client(users["leader"]).generic(method, url, data=json.dumps({"version": version, "reason": "领导"}),
                                               content_type="application/json")
    assert response.status_code == 403, (path, response.content)


def test_other_units_records_are_404_and_lists_are_scoped(records, users):
    c = client(users["unit_staff_b"])
    for key, path in (("normative-documents", "/api/normative-documents/%d"),
                      ("major-decisions", "/api/major-decisions/%d"),
                      ("contracts", "/api/legal-advisors/contracts/%d")):
        assert c.get(path % records[key].pk).status_code == 404, key
    assert c.get("/api/normative-documents").json()["count"] == 0
    assert client(users["unit_staff"]).get("/api/normative-documents").json()["count"] == 1
    assert c.get(f"/api/legal-advisors/advisors/{records['advisors'].pk}").status_code == 200  # zone-wide register


def test_draft_submit_review_and_findings_through_the_api(users, units):
    staff, legal = client(users["unit_staff"]), client(users["legal_office"])
    response = post(staff, "/api/normative-documents", {
        "title": "甲街道餐饮管理办法", "drafting_unit": units["street_a"].pk, "issuer": units["street_a"].pk,
        "drafter": "李四", "text": UNLAWFUL_DRAFT})
    assert response.status_code == 201, response.content
    document = response.json()
    assert post(staff, "/api/normative-documents", {
        "title": "越权", "drafting_unit": units["street_b"].pk, "issuer": units["street_b"].pk,
        "drafter": "李四"}).status_code == 403
    submit = post(staff, f"/api/normative-documents/{document['id']}/submit-review",
                  {"submitted_on": "2022-03-01", "version": document["version"]})
    assert submit.status_code == 400 and "未公开征求意见" in submit.json()["detail"]
    submit = post(staff, f"/api/normative-documents/{document['id']}/submit-review",
                  {"submitted_on": "2022-03-01", "no_comment_reason": "内部管理", "version": document["version"]})
    assert submit.status_code == 200 and submit.json()["status"] == "review"
    stale = post(legal, f"/api/normative-documents/{document['id']}/reviews",
                 {"opinion": "lawful", "reasons": "合法", "reviewed_on": "2022-03-08", "version": 1})
    assert stale.status_code == 409
    assert post(staff, f"/api/normative-documents/{document['id']}/reviews",
                {"opinion": "lawful", "reasons": "合法", "reviewed_on": "2022-03-08"}).status_code == 403
    check = legal.get(f"/api/normative-documents/{document['id']}/check").json()
    assert any(f["rule"] == "license" for f in check)
    review = post(legal, f"/api/normative-documents/{document['id']}/reviews",
                  {"opinion": "unlawful", "reasons": "设定许可", "reviewed_on": "2022-03-08"})
    assert review.status_code == 201 and any(f["rule"] == "license" for f in review.json()["findings"])
    assert NormativeDocument.objects.get(pk=document["id"]).status == DocumentStatus.DRAFTING


def test_publish_and_file_through_the_api_and_statistics(users, units):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])
    staff = client(users["unit_staff"])
    filed = post(staff, f"/api/normative-documents/{document.pk}/filing",
                 {"filed_on": "2022-04-01", "authority": "大连市人民政府"})
    assert filed.status_code == 200 and filed.json()["filing_status"] == "on_time"
    stats = client(users["leader"]).get("/api/normative-documents/statistics?year=2022").json()
    assert (stats["reviewed"], stats["published"], stats["filed_on_time"]) == (1, 1, 1)
    repeal = post(staff, f"/api/normative-documents/{document.pk}/repeal",
                  {"repealed_on": "2022-09-30", "reason": "上位法修改"})
    assert repeal.status_code == 403


def test_unit_staff_may_not_review_a_draft_in_review(users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    to_review(document)
    response = post(client(users["unit_staff"]), f"/api/normative-documents/{document.pk}/reviews",
                    {"opinion": "lawful", "reasons": "合法", "reviewed_on": "2022-03-08"})
    assert response.status_code == 403


def test_decision_discussion_refused_without_review_via_api(records, users):
    decision = records["major-decisions"]
    staff, legal = client(users["unit_staff"]), client(users["legal_office"])
    response = post(staff, f"/api/major-decisions/{decision.pk}/steps",
                    {"kind": "collective_discussion", "completed_on": "2022-05-01", "outcome": "adopted"})
    assert response.status_code == 400 and "第二十五条" in response.json()["detail"]
    assert post(staff, f"/api/major-decisions/{decision.pk}/steps",
                {"kind": "legality_review", "completed_on": "2022-05-01", "opinion": "lawful"}).status_code == 403
    assert post(legal, f"/api/major-decisions/{decision.pk}/steps",
                {"kind": "legality_review", "completed_on": "2022-05-01", "opinion": "lawful"}).status_code == 201
    skip = post(staff, f"/api/major-decisions/{decision.pk}/skips",
                {"kind": "legality_review", "reason": "不需要", "on": "2022-05-01"})
    assert skip.status_code == 400 and "不能省略" in skip.json()["detail"]


def test_coverage_through_the_api(records, users, units):
    response = client(users["leader"]).get("/api/legal-advisors/coverage?on=2022-06-01")
    body = response.json()
    assert response.status_code == 200 and not body["complete"]
    gaps = {g["org_unit"]["code"] for g in body["gaps"]}
    assert "STR-A" not in gaps and "STR-B" in gaps
    assert client(users["unit_staff"]).get("/api/legal-advisors/coverage").status_code == 403


def test_archive_a_document_through_the_api(records, users):
    document = records["normative-documents"]
    url = f"/api/normative-documents/{document.pk}/archive"
    other = post(client(users["unit_staff_b"]), url, {"version": document.version, "reason": "重复录入"})
    assert other.status_code == 404
    stale = post(client(users["unit_staff"]), url, {"version": document.version + 1, "reason": "重复录入"})
    assert stale.status_code == 409
    response = post(client(users["unit_staff"]), url, {"version": document.version, "reason": "重复录入"})
    assert response.status_code == 200, response.content
    assert response.json()["archived_reason"] == "重复录入" and response.json()["archived_on"]
    assert NormativeDocument.objects.get(pk=document.pk).is_archived
    again = post(client(users["unit_staff"]), url, {"version": response.json()["version"], "reason": "再次"})
    assert again.status_code == 400

"""The API of major decisions beyond the steps: the catalogue, evidence, publication, evaluation, archiving.

Each endpoint calls the service the page's action calls, with the page's permission: a success and
a refusal per endpoint (the permission matrix of every operation is in normative_documents' test_api.py).
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.api.tests.clients import client, patch, post
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.major_decisions import services
from fazhi.major_decisions.constants import CatalogueStatus, DecisionStatus, StepKind
from fazhi.major_decisions.models import DecisionCatalogue, DecisionStep, StepEvidence

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"




@pytest.fixture
def catalogue(units, users):
    return services.catalogue_create(user=users["legal_office"], year=2022, decision_organ=units["legal"])


@pytest.fixture
def decision(catalogue, units, users):
    return services.decision_add(user=users["unit_staff"], catalogue=catalogue, title="甲街道老旧小区改造方案",
                                 undertaking_unit=units["street_a"])


@pytest.fixture
def decided(decision, users):
    staff, legal = users["unit_staff"], users["legal_office"]
    services.step_record(user=staff, decision=decision, kind=StepKind.PUBLIC_PARTICIPATION, started_on=D(2022, 3, 1),
                         completed_on=D(2022, 3, 31), people="公众", summary="收到意见12条")
    services.step_skip(user=staff, decision=decision, kind=StepKind.EXPERT_ARGUMENTATION,
                       reason="不属于专业性、技术性较强的事项", on=D(2022, 4, 1))
    services.step_record(user=staff, decision=decision, kind=StepKind.RISK_ASSESSMENT, completed_on=D(2022, 4, 10),
                         people="第三方评估机构", summary="风险可控")
    services.step_record(user=legal, decision=decision, kind=StepKind.LEGALITY_REVIEW, completed_on=D(2022, 4, 15),
                         opinion="lawful", summary="合法")
    decision.refresh_from_db()
    services.step_record(user=staff, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                         completed_on=D(2022, 4, 20), outcome="adopted", summary="同意", people="常务会议")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED
    return decision


# ----- the catalogue -----

def test_legal_office_creates_and_publishes_the_catalogue(units, users):
    legal = client(users["legal_office"])
    created = post(legal, "/api/major-decisions/catalogues",
                   {"year": 2023, "decision_organ": units["legal"].pk, "note": "年度目录"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["year"], body["status"], body["decision_organ"]["id"]) == (2023, "draft", units["legal"].pk)
    assert client(users["unit_staff"]).get("/api/major-decisions/catalogues").json()["count"] == 1
    again = post(legal, "/api/major-decisions/catalogues", {"year": 2023, "decision_organ": units["legal"].pk})
    assert again.status_code == 400 and "已经存在" in again.json()["detail"]

    stale = post(legal, f"/api/major-decisions/catalogues/{body['id']}/publish",
                 {"published_on": "2023-01-10", "version": body["version"] + 1})
    assert stale.status_code == 409
    published = post(legal, f"/api/major-decisions/catalogues/{body['id']}/publish",
                     {"published_on": "2023-01-10", "version": body["version"]})
    assert published.status_code == 200, published.content
    assert (published.json()["status"], published.json()["published_on"]) == ("published", "2023-01-10")
    twice = post(legal, f"/api/major-decisions/catalogues/{body['id']}/publish", {"published_on": "2023-01-11"})
    assert twice.status_code == 400 and "已于" in twice.json()["detail"]
    history = legal.get(f"/api/major-decisions/catalogues/{body['id']}/history").json()
    assert history[0]["reason"] == "公布目录"


def test_unit_staff_may_not_make_or_publish_the_catalogue(catalogue, units, users):
    staff = client(users["unit_staff"])
    response = post(staff, "/api/major-decisions/catalogues", {"year": 2024, "decision_organ": units["legal"].pk})
    assert response.status_code in (400, 403)
    assert not DecisionCatalogue.objects.filter(year=2024).exists()
    response = post(staff, f"/api/major-decisions/catalogues/{catalogue.pk}/publish", {"published_on": "2022-01-10"})
    assert response.status_code == 403
    assert response.json() == {"detail": PermissionDeniedError().message}
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.DRAFT


# ----- evidence -----

def test_evidence_upload_keeps_the_sha256(decided, users):
    step = DecisionStep.objects.get(decision=decided, kind=StepKind.PUBLIC_PARTICIPATION)
    url = f"/api/major-decisions/{decided.pk}/steps/{step.pk}/evidence"
    response = client(users["unit_staff"]).post(url, {"file": SimpleUploadedFile("公告.txt", "征求意见公告".encode())})
    assert response.status_code == 201, response.content
    evidence = StepEvidence.objects.get(pk=response.json()["id"])
    assert (evidence.step, evidence.original_name, response.json()["sha256"]) == (step, "公告.txt", evidence.sha256)
    steps = client(users["leader"]).get(f"/api/major-decisions/{decided.pk}/steps").json()
    assert [e["original_name"] for s in steps if s["id"] == step.pk for e in s["evidence"]] == ["公告.txt"]

    empty = client(users["unit_staff"]).post(url, {"file": SimpleUploadedFile("空.txt", b"")})
    assert empty.status_code == 400 and "为空" in empty.json()["detail"]


def test_evidence_of_a_legality_review_is_the_legal_offices(decided, users):
    review = DecisionStep.objects.get(decision=decided, kind=StepKind.LEGALITY_REVIEW)
    url = f"/api/major-decisions/{decided.pk}/steps/{review.pk}/evidence"
    upload = {"file": SimpleUploadedFile("审查意见书.txt", "合法".encode())}
    assert client(users["unit_staff"]).post(url, upload).status_code == 403
    assert client(users["unit_staff_b"]).post(url, upload).status_code == 404
    assert client(users["legal_office"]).post(
        url, {"file": SimpleUploadedFile("审查意见书.txt", "合法".encode())}).status_code == 201
    other = client(users["legal_office"]).post(f"/api/major-decisions/{decided.pk}/steps/999999/evidence",
                                               {"file": SimpleUploadedFile("x.txt", b"x")})
    assert other.status_code == 422
    assert StepEvidence.objects.filter(step=review).count() == 1


# ----- publication, evaluation, archiving -----

def test_publish_evaluate_and_archive_a_decision(decided, users):
    staff = client(users["unit_staff"])
    url = f"/api/major-decisions/{decided.pk}"
    unreported = post(staff, f"{url}/publish", {"published_on": "2022-04-25"})
    assert unreported.status_code == 400 and "第三十一条" in unreported.json()["detail"]
    reported = post(staff, f"{url}/steps", {"kind": "party_report", "completed_on": "2022-04-22",
                                            "people": "区党工委会议", "summary": "同意出台"})
    assert reported.status_code == 201, reported.content
    decided.refresh_from_db()
    published = post(staff, f"{url}/publish", {"published_on": "2022-04-25", "version": decided.version})
    assert published.status_code == 200, published.content
    assert published.json()["published_on"] == "2022-04-25"
    twice = post(staff, f"{url}/publish", {"published_on": "2022-04-26"})
    assert twice.status_code == 400 and "已于" in twice.json()["detail"]

    blank = post(staff, f"{url}/evaluation", {"evaluated_on": "2022-10-01", "report": "   "})
    assert blank.status_code in (400, 422)
    evaluated = post(staff, f"{url}/evaluation", {"evaluated_on": "2022-10-01", "report": "实施效果良好"})
    assert evaluated.status_code == 200, evaluated.content
    assert (evaluated.json()["status"], evaluated.json()["evaluation_report"]) == ("evaluated", "实施效果良好")

    stale = post(staff, f"{url}/file-archive", {"archived_on": "2022-11-01", "reference": "JC-2022-01", "version": 1})
    assert stale.status_code == 409
    archived = post(staff, f"{url}/file-archive", {"archived_on": "2022-11-01", "reference": "JC-2022-01"})
    assert archived.status_code == 200, archived.content
    assert (archived.json()["file_archived_on"], archived.json()["file_reference"]) == ("2022-11-01", "JC-2022-01")


def test_an_undecided_decision_is_not_published_evaluated_or_archived(decision, users):
    staff = client(users["unit_staff"])
    url = f"/api/major-decisions/{decision.pk}"
    for route, body in (("publish", {"published_on": "2022-04-25"}),
                        ("evaluation", {"evaluated_on": "2022-10-01", "report": "良好"}),
                        ("file-archive", {"archived_on": "2022-11-01", "reference": "JC-1"})):
        response = post(staff, f"{url}/{route}", body)
        assert response.status_code == 400 and "尚未作出决定" in response.json()["detail"], route
    assert post(client(users["unit_staff_b"]), f"{url}/publish", {"published_on": "2022-04-25"}).status_code == 404
    assert post(client(users["leader"]), f"{url}/publish", {"published_on": "2022-04-25"}).status_code == 403
    decision.refresh_from_db()
    assert (decision.published_on, decision.version) == (None, 1)



def test_update_a_decision_as_its_edit_page(decision, users):
    url = f"/api/major-decisions/{decision.pk}"
    response = patch(client(users["unit_staff"]), url, {"version": decision.version, "title": "甲街道老旧小区改造",
                                                         "reason": "名称更正"})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "甲街道老旧小区改造"
    assert response.json()["version"] == decision.version + 1
    stale = patch(client(users["unit_staff"]), url, {"version": decision.version, "summary": "旧版本"})
    assert stale.status_code == 409
    # Only the fields the edit page offers: the catalogue and the unit are not among them.
    moved = patch(client(users["unit_staff"]), url, {"version": decision.version + 1, "undertaking_unit": 1})
    assert moved.status_code == 422
    other = patch(client(users["unit_staff_b"]), url, {"version": decision.version + 1, "title": "乙"})
    assert other.status_code == 404


def test_archive_a_decision(decision, users):
    url = f"/api/major-decisions/{decision.pk}/archive"
    body = {"version": decision.version, "reason": "撤销"}
    assert post(client(users["unit_staff_b"]), url, body).status_code == 404
    assert post(client(users["unit_staff"]), url, {**body, "version": decision.version + 1}).status_code == 409
    response = post(client(users["unit_staff"]), url, {"version": decision.version, "reason": "事项撤销"})
    assert response.status_code == 200, response.content
    assert response.json()["archived_reason"] == "事项撤销"
    assert client(users["unit_staff"]).get("/api/major-decisions").json()["count"] == 0


def test_update_a_catalogues_note(catalogue, users):
    url = f"/api/major-decisions/catalogues/{catalogue.pk}"
    body = {"version": catalogue.version, "note": "经区政府常务会议研究"}
    assert patch(client(users["unit_staff"]), url, body).status_code == 403
    response = patch(client(users["legal_office"]), url, body)
    assert response.status_code == 200, response.content
    assert response.json()["note"] == "经区政府常务会议研究"
    assert patch(client(users["legal_office"]), url, body).status_code == 409
    moved = patch(client(users["legal_office"]), url, {"version": catalogue.version + 1, "year": 2023})
    assert moved.status_code == 422
    assert DecisionCatalogue.objects.get(pk=catalogue.pk).year == 2022

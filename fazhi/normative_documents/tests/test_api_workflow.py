"""The API of normative documents beyond review and publication: editing, the draft file, public comment,
evaluation, abandoning, and cleanups. One success and one refusal per endpoint, through the pages' services."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.api.tests.clients import client, patch, post
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.normative_documents import services
from fazhi.normative_documents.constants import CleanupStatus, DeliberationOutcome, DocumentStatus
from fazhi.normative_documents.models import Cleanup, PublicComment
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_deliberation, to_in_force, to_review

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"





@pytest.fixture
def draft(units):
    return NormativeDocumentFactory(drafting_unit=units["street_a"])


# ----- editing -----

def test_edit_a_draft_with_its_version(draft, users, units):
    staff = client(users["unit_staff"])
    url = f"/api/normative-documents/{draft.pk}"
    response = patch(staff, url, {"version": draft.version, "title": "甲街道扶持资金管理办法",
                                  "text": "第一条 新正文。", "issuer": units["street_a"].pk, "reason": "按意见修改"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["text"]) == ("甲街道扶持资金管理办法", "第一条 新正文。")
    assert body["version"] == draft.version + 1
    assert patch(staff, url, {"version": draft.version, "title": "旧版本"}).status_code == 409
    assert patch(client(users["unit_staff_b"]), url, {"version": body["version"], "title": "他人"}).status_code == 404
    assert patch(client(users["leader"]), url, {"version": body["version"], "title": "领导"}).status_code == 403
    assert client(users["leader"]).get(f"{url}/history").json()[0]["reason"] == "按意见修改"


def test_a_draft_in_review_is_locked(draft, users):
    to_review(draft)
    draft.refresh_from_db()
    response = patch(client(users["unit_staff"]), f"/api/normative-documents/{draft.pk}",
                     {"version": draft.version, "title": "审核中改名"})
    assert response.status_code == 400 and "已不能修改" in response.json()["detail"]


def test_upload_a_draft_file(draft, users):
    url = f"/api/normative-documents/{draft.pk}/draft-file"
    upload = SimpleUploadedFile("草案.txt", "第一条 上传的正文。".encode())
    response = client(users["unit_staff"]).post(url, {"file": upload, "version": draft.version})
    assert response.status_code == 200, response.content
    assert response.json()["text"] == "第一条 上传的正文。"
    refused = client(users["leader"]).post(url, {"file": SimpleUploadedFile("x.txt", b"x"), "version": 2})
    assert refused.status_code == 403


# ----- public comment -----

def test_open_comment_record_and_answer_a_comment(draft, users):
    staff = client(users["unit_staff"])
    url = f"/api/normative-documents/{draft.pk}"
    opened = post(staff, f"{url}/open-comment", {"starts_on": "2022-02-01", "ends_on": "2022-03-02",
                                                 "channel": "区政府网站"})
    assert opened.status_code == 200, opened.content
    assert (opened.json()["status"], opened.json()["comment_ends_on"]) == ("comment", "2022-03-02")

    outside = post(staff, f"{url}/comments", {"received_on": "2022-03-10", "source": "公众", "content": "意见"})
    assert outside.status_code == 400 and "不在征求意见期间" in outside.json()["detail"]
    added = post(staff, f"{url}/comments", {"received_on": "2022-02-10", "source": "某商会", "content": "建议放宽条件"})
    assert added.status_code == 201, added.content
    comment = added.json()
    assert comment["response"] == "pending"
    assert [c["id"] for c in client(users["leader"]).get(f"{url}/comments").json()] == [comment["id"]]

    no_reason = post(staff, f"{url}/comments/{comment['id']}/response", {"response": "not_adopted"})
    assert no_reason.status_code == 400 and "原因" in no_reason.json()["detail"]
    assert post(staff, f"{url}/comments/999999/response", {"response": "adopted"}).status_code == 422
    pending = post(staff, f"{url}/comments/{comment['id']}/response", {"response": "pending"})
    assert pending.status_code == 422
    answered = post(staff, f"{url}/comments/{comment['id']}/response",
                    {"response": "not_adopted", "reason": "与上位法不符"})
    assert answered.status_code == 200, answered.content
    assert PublicComment.objects.get(pk=comment["id"]).response == "not_adopted"
    assert post(client(users["leader"]), f"{url}/comments/{comment['id']}/response",
                {"response": "adopted"}).status_code == 403


def test_open_comment_refused_outside_drafting(draft, users):
    to_review(draft)
    response = post(client(users["unit_staff"]), f"/api/normative-documents/{draft.pk}/open-comment",
                    {"starts_on": "2022-02-01", "ends_on": "2022-03-02", "channel": "区政府网站"})
    assert response.status_code == 400


# ----- evaluation and abandoning -----

def test_evaluate_a_document_before_it_expires(draft, users):
    to_deliberation(draft)
    services.document_deliberate(user=None, document=draft, meeting="主任办公会议", held_on=D(2022, 3, 15),
                                 outcome=DeliberationOutcome.ADOPTED)
    draft.refresh_from_db()
    services.document_publish(user=None, document=draft, signed_by="王主任", signed_on=D(2022, 3, 20),
                              published_on=D(2022, 3, 20), effective_on=D(2022, 3, 20), channel="区政府网站",
                              valid_until=D(2022, 12, 31))
    url = f"/api/normative-documents/{draft.pk}/evaluation"
    body = {"evaluated_on": "2022-10-10", "conclusion": "continue", "opinion": "实施效果良好"}
    assert post(client(users["leader"]), url, body).status_code == 403
    response = post(client(users["unit_staff"]), url, body)
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert (draft.evaluated_on, draft.evaluation_conclusion) == (D(2022, 10, 10), "continue")


def test_evaluation_refused_before_the_period(users, units):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]))
    response = post(client(users["unit_staff"]), f"/api/normative-documents/{document.pk}/evaluation",
                    {"evaluated_on": "2022-06-01", "conclusion": "continue", "opinion": "良好"})
    assert response.status_code == 400 and "尚未进入" in response.json()["detail"]


def test_abandon_a_draft(draft, users):
    url = f"/api/normative-documents/{draft.pk}/abandon"
    assert post(client(users["unit_staff_b"]), url, {"on": "2022-05-01", "reason": "不再需要"}).status_code == 404
    response = post(client(users["unit_staff"]), url, {"on": "2022-05-01", "reason": "上位法已有规定"})
    assert response.status_code == 200, response.content
    assert response.json()["end_reason"] == "上位法已有规定"
    again = post(client(users["unit_staff"]), url, {"on": "2022-05-02", "reason": "再次"})
    assert again.status_code == 400


# ----- cleanups -----

def test_cleanup_from_start_to_publication(users, units):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]))
    other = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_b"]))
    legal = client(users["legal_office"])
    created = post(legal, "/api/normative-documents/cleanups",
                   {"name": "2022年定期清理", "trigger": "scheduled", "basis": "辽宁省人民政府令第237号",
                    "started_on": "2022-04-01", "documents": [document.pk]})
    assert created.status_code == 201, created.content
    cleanup = created.json()
    url = f"/api/normative-documents/cleanups/{cleanup['id']}"
    assert client(users["unit_staff"]).get("/api/normative-documents/cleanups").json()["count"] == 1

    added = post(legal, f"{url}/items", {"document": other.pk})
    assert added.status_code == 201, added.content
    duplicate = post(legal, f"{url}/items", {"document": other.pk})
    assert duplicate.status_code == 400 and "已列入" in duplicate.json()["detail"]

    undecided = post(legal, f"{url}/publish", {"published_on": "2022-05-01", "summary": "清理完毕"})
    assert undecided.status_code == 400 and "未作出清理结论" in undecided.json()["detail"]
    items = {i["document"]["id"]: i["id"] for i in legal.get(f"{url}/items").json()}
    no_reason = post(legal, f"{url}/items/{items[other.pk]}/decision",
                     {"decision": "repeal", "decided_on": "2022-04-20"})
    assert no_reason.status_code == 400
    assert post(legal, f"{url}/items/{items[document.pk]}/decision",
                {"decision": "keep", "decided_on": "2022-04-20"}).status_code == 200
    repeal = post(legal, f"{url}/items/{items[other.pk]}/decision",
                  {"decision": "repeal", "reason": "上位法已废止", "decided_on": "2022-04-20"})
    assert repeal.status_code == 200 and repeal.json()["decision"] == "repeal"

    published = post(legal, f"{url}/publish", {"published_on": "2022-05-01", "summary": "保留1件，废止1件"})
    assert published.status_code == 200, published.content
    assert published.json()["status"] == CleanupStatus.PUBLISHED
    other.refresh_from_db()
    assert other.status == DocumentStatus.REPEALED
    assert legal.get(f"{url}/history").json()[0]["reason"] == "公布清理结果"


def test_cleanups_are_the_legal_offices(users, units):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]))
    staff = client(users["unit_staff"])
    body = {"name": "越权清理", "trigger": "scheduled", "basis": "无", "started_on": "2022-04-01"}
    assert post(staff, "/api/normative-documents/cleanups", body).status_code in (400, 403)
    assert not Cleanup.objects.filter(name="越权清理").exists()
    cleanup = services.cleanup_create(user=None, name="专项清理", trigger="law_change", basis="某法修改",
                                      started_on=D(2022, 4, 1))
    response = post(staff, f"/api/normative-documents/cleanups/{cleanup.pk}/items", {"document": document.pk})
    assert response.status_code == 403
    assert response.json() == {"detail": PermissionDeniedError().message}
    unknown = post(client(users["legal_office"]), "/api/normative-documents/cleanups",
                   {**body, "documents": [999999]})
    assert unknown.status_code == 422

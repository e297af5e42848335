"""Documents about operators' economic activity (issue 16 item 20): the fair competition review before issue
(公平竞争审查条例 第十三条、第十六条至第十八条), who decides that a document is one, and 30 days of public comment
(优化营商环境条例 第六十二条). Every refusal names the rule and leaves the data as it was."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.api.tests.clients import post
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.tests.messages import message_pattern
from fazhi.normative_documents import services
from fazhi.normative_documents.constants import (
    MIN_MARKET_COMMENT_DAYS,
    DeliberationOutcome,
    DocumentStatus,
    FairCompetitionConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.lifecycle import LIFECYCLE
from fazhi.normative_documents.models import FairCompetitionReview, NormativeDocument
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_review

D = dt.date
NO_EFFECT, EXCEPTION, VIOLATES = (FairCompetitionConclusion.NO_EFFECT, FairCompetitionConclusion.EXCEPTION,
                                  FairCompetitionConclusion.VIOLATES)


@pytest.fixture
def market_draft(units):
    return NormativeDocumentFactory(drafting_unit=units["street_a"], title="甲街道招商引资扶持办法",
                                    affects_market_entities=True)


REVIEWED, SUBMITTED = D(2022, 2, 20), D(2022, 3, 1)


def missing(action: str) -> str:
    """The refusal of `action` on a document about operators that has no fair competition review."""
    return str(services.FAIR_COMPETITION_MISSING) % {"action": LIFECYCLE.label(action)}


def violates(on: dt.date, action: str) -> str:
    """The refusal of `action` on a document whose review of `on` found it may not be issued."""
    return str(services.FAIR_COMPETITION_VIOLATES) % {"date": cn_date(on), "action": LIFECYCLE.label(action)}


def review(document, *, user=None, conclusion=NO_EFFECT, on=REVIEWED, **extra):
    values = {"reviewing_body": "甲街道办事处", "reviewer_name": "张审查", "reviewed_on": on, "conclusion": conclusion,
              "conclusion_text": "对照第八条至第十一条逐项审查，不具有排除、限制竞争效果。",
              "stakeholder_views": "征求了区工商联和5家企业的意见，均无异议。", **extra}
    return services.document_fair_competition_review(user=user, document=document, **values)


def submit(document, *, user=None, on=SUBMITTED, reason="依法需要保密：涉及尚未公开的招商项目"):
    return services.document_submit_review(user=user, document=document, submitted_on=on, no_comment_reason=reason)


def unchanged(document, status, version):
    document.refresh_from_db()
    return document.status == status and document.version == version


# ----- the review before issue (第十三条、第十八条) -----

def test_a_document_about_operators_does_not_leave_drafting_without_a_review(market_draft, users):
    with pytest.raises(FazhiError, match=message_pattern(missing("submit_review"))):
        submit(market_draft, user=users["unit_staff"])
    assert unchanged(market_draft, DocumentStatus.DRAFTING, 1)
    review(market_draft, user=users["unit_staff"])
    submit(market_draft, user=users["unit_staff"])
    market_draft.refresh_from_db()
    assert market_draft.status == DocumentStatus.REVIEW


def test_a_review_that_finds_it_may_not_be_issued_stops_it_until_a_new_review(market_draft, users):
    review(market_draft, conclusion=VIOLATES, conclusion_text="第三条限定在本区采购，违反第九条第（一）项。")
    with pytest.raises(FazhiError, match=message_pattern(violates(REVIEWED, "submit_review"))):
        submit(market_draft)
    assert unchanged(market_draft, DocumentStatus.DRAFTING, 1)
    services.document_update(user=users["unit_staff"], document=market_draft, expected_version=1,
                             text="第一条 各类经营者平等参与。\n第二条 本办法自公布之日起施行，有效期3年。")
    market_draft.refresh_from_db()
    review(market_draft, on=D(2022, 2, 25))
    submit(market_draft)
    market_draft.refresh_from_db()
    assert market_draft.status == DocumentStatus.REVIEW


def test_an_exception_under_article_12_needs_its_term_and_then_allows_issue(market_draft):
    with pytest.raises(FazhiError, match=message_pattern(services.FAIR_COMPETITION_EXCEPTION_TERM)):
        review(market_draft, conclusion=EXCEPTION)
    assert not FairCompetitionReview.objects.exists()
    kept = review(market_draft, conclusion=EXCEPTION, exception_term="实施期限3年，至2025年2月止",
                  conclusion_text="扶持新能源企业，为实现节约能源、保护环境的社会公共利益（第十二条第（三）项），"
                                  "无影响更小的替代方案。")
    assert kept.exception_term == "实施期限3年，至2025年2月止"
    submit(market_draft)


@pytest.mark.parametrize(("field", "message"), [
    ("conclusion_text", services.FAIR_COMPETITION_CONCLUSION_REQUIRED),
    ("stakeholder_views", services.FAIR_COMPETITION_VIEWS_REQUIRED),
    ("reviewing_body", services.FAIR_COMPETITION_BODY_REQUIRED),
])
def test_a_review_says_who_heard_whom_and_what_it_concluded(market_draft, field, message):
    with pytest.raises(FazhiError, match=message_pattern(message)):
        review(market_draft, **{field: "  "})
    assert not FairCompetitionReview.objects.exists()


def test_the_review_keeps_the_text_it_was_about_and_who_recorded_it(market_draft, users):
    kept = review(market_draft, user=users["unit_staff"])
    assert kept.reviewed_text == market_draft.text and kept.reviewer == users["unit_staff"]
    assert kept.history.first().history_user == users["unit_staff"]


def test_recording_a_review_marks_the_document_as_about_operators(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    review(document, user=users["unit_staff"])
    document.refresh_from_db()
    assert document.affects_market_entities
    assert document.history.first().history_change_reason == services.MARKED_BY_REVIEW


def test_another_units_staff_cannot_record_a_review(market_draft, users):
    with pytest.raises(PermissionDeniedError):
        review(market_draft, user=users["unit_staff_b"])
    assert not FairCompetitionReview.objects.exists()


def test_deliberation_adopts_only_after_a_review_when_the_office_decides_late(market_draft, users, units):
    legal = users["legal_office"]
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], title="甲街道市场管理办法")
    to_review(document)
    document.refresh_from_db()
    services.document_mark_market(user=legal, document=document, affects=True, reason="涉及市场准入条件")
    document.refresh_from_db()
    services.document_review(user=legal, document=document, opinion=ReviewOpinion.LAWFUL, reasons="合法",
                             reviewed_on=D(2022, 3, 8))
    document.refresh_from_db()
    version = document.version
    with pytest.raises(FazhiError, match=message_pattern(missing("deliberate"))):
        services.document_deliberate(user=None, document=document, meeting="主任办公会", held_on=D(2022, 3, 15),
                                     outcome=DeliberationOutcome.ADOPTED)
    assert unchanged(document, DocumentStatus.DELIBERATION, version)
    assert not document.deliberations.exists()
    review(document, user=users["unit_staff"], on=D(2022, 3, 10))
    document.refresh_from_db()
    too_early = message_pattern(services.DATE_BEFORE, date=cn_date(D(2022, 3, 9)), other_date=cn_date(D(2022, 3, 10)))
    with pytest.raises(FazhiError, match=too_early):
        services.document_deliberate(user=None, document=document, meeting="主任办公会", held_on=D(2022, 3, 9),
                                     outcome=DeliberationOutcome.ADOPTED)
    services.document_deliberate(user=None, document=document, meeting="主任办公会", held_on=D(2022, 3, 15),
                                 outcome=DeliberationOutcome.ADOPTED)
    document.refresh_from_db()
    assert document.status == DocumentStatus.ADOPTED
    too_late = message_pattern(services.FAIR_COMPETITION_TOO_LATE, status=DocumentStatus.ADOPTED.label)
    with pytest.raises(FazhiError, match=too_late):
        review(document, on=D(2022, 3, 16))


def test_a_meeting_may_send_back_a_draft_that_may_not_be_issued(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    to_review(document)
    document.refresh_from_db()
    services.document_review(user=users["legal_office"], document=document, opinion=ReviewOpinion.LAWFUL,
                             reasons="合法", reviewed_on=D(2022, 3, 8))
    document.refresh_from_db()
    review(document, conclusion=VIOLATES, on=D(2022, 3, 9))
    document.refresh_from_db()
    services.document_deliberate(user=None, document=document, meeting="主任办公会", held_on=D(2022, 3, 15),
                                 outcome=DeliberationOutcome.REVISE)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFTING


def test_publication_waits_for_the_review_too(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], status=DocumentStatus.ADOPTED,
                                        affects_market_entities=True)
    with pytest.raises(FazhiError, match=message_pattern(missing("publish"))):
        services.document_publish(user=users["legal_office"], document=document, signed_by="王",
                                  signed_on=D(2022, 3, 20), published_on=D(2022, 3, 20), effective_on=D(2022, 3, 20),
                                  channel="网站")
    document.refresh_from_db()
    assert document.status == DocumentStatus.ADOPTED and document.number is None


def test_a_document_not_about_operators_needs_no_review(units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    to_review(document)
    document.refresh_from_db()
    assert document.status == DocumentStatus.REVIEW


# ----- who decides that a document concerns operators -----

def test_only_the_legal_office_decides_outside_the_draft_form(market_draft, users):
    with pytest.raises(FazhiError, match=re.escape(str(services.MARKET_OFFICE_ONLY))):
        services.document_mark_market(user=users["unit_staff"], document=market_draft, affects=False, reason="不涉及")
    with pytest.raises(FazhiError, match=message_pattern(services.REASON_REQUIRED)):
        services.document_mark_market(user=users["legal_office"], document=market_draft, affects=True, reason=" ")
    assert unchanged(market_draft, DocumentStatus.DRAFTING, 1)


def test_the_drafter_cannot_undo_the_offices_decision_but_may_undo_its_own(units, users):
    staff, legal = users["unit_staff"], users["legal_office"]
    own = NormativeDocumentFactory(drafting_unit=units["street_a"], affects_market_entities=True)
    services.document_update(user=staff, document=own, expected_version=1, affects_market_entities=False)
    own.refresh_from_db()
    assert not own.affects_market_entities
    decided = NormativeDocumentFactory(drafting_unit=units["street_a"])
    services.document_mark_market(user=legal, document=decided, affects=True, reason="涉及政府采购")
    decided.refresh_from_db()
    assert decided.affects_market_entities and decided.market_determined_by_office
    assert decided.history.first().history_change_reason == services.MARKED_BY_OFFICE.format(
        value=services.AFFECTS_MARKET, reason="涉及政府采购")
    with pytest.raises(FazhiError, match=message_pattern(services.MARKET_DETERMINED)):
        services.document_update(user=staff, document=decided, expected_version=decided.version,
                                 affects_market_entities=False)
    decided.refresh_from_db()
    assert decided.affects_market_entities


def test_the_drafter_cannot_untick_a_reviewed_document(units, users):
    staff = users["unit_staff"]
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], affects_market_entities=True)
    review(document, user=staff, conclusion=VIOLATES, conclusion_text="限定在本区采购，违反第九条第（一）项。")
    document.refresh_from_db()
    with pytest.raises(FazhiError, match=message_pattern(services.MARKET_REVIEWED)):
        services.document_update(user=staff, document=document, expected_version=document.version,
                                 affects_market_entities=False)
    document.refresh_from_db()
    assert document.affects_market_entities
    assert services.fair_competition_refusal(document, "submit_review") is not None


def test_the_decision_is_closed_once_adopted(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], status=DocumentStatus.ADOPTED)
    too_late = message_pattern(services.FAIR_COMPETITION_TOO_LATE, status=DocumentStatus.ADOPTED.label)
    with pytest.raises(FazhiError, match=too_late):
        services.document_mark_market(user=users["legal_office"], document=document, affects=True, reason="涉企")


# ----- public comment: 30 days (优化营商环境条例 第六十二条) -----

def test_a_document_about_operators_is_open_for_comment_30_days(market_draft):
    assert MIN_MARKET_COMMENT_DAYS == 30
    too_short = message_pattern(services.MARKET_COMMENT_TOO_SHORT, min=MIN_MARKET_COMMENT_DAYS, days=20)
    with pytest.raises(FazhiError, match=too_short):
        services.document_open_comment(user=None, document=market_draft, starts_on=D(2022, 1, 1),
                                       ends_on=D(2022, 1, 20), channel="区政府网站")
    assert unchanged(market_draft, DocumentStatus.DRAFTING, 1)
    services.document_open_comment(user=None, document=market_draft, starts_on=D(2022, 1, 1), channel="区政府网站")
    market_draft.refresh_from_db()
    assert (market_draft.comment_starts_on, market_draft.comment_ends_on) == (D(2022, 1, 1), D(2022, 1, 30))


def test_a_shorter_period_needs_its_reason_which_is_kept(market_draft):
    services.document_open_comment(user=None, document=market_draft, starts_on=D(2022, 1, 1), ends_on=D(2022, 1, 15),
                                   channel="区政府网站", shortened_reason="上级要求限期出台")
    market_draft.refresh_from_db()
    assert market_draft.comment_shortened_reason == "上级要求限期出台"


def test_other_documents_keep_their_period_and_must_state_its_end(units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    with pytest.raises(FazhiError, match=message_pattern(services.COMMENT_END_REQUIRED)):
        services.document_open_comment(user=None, document=document, starts_on=D(2022, 1, 1), channel="网站")
    services.document_open_comment(user=None, document=document, starts_on=D(2022, 1, 1), ends_on=D(2022, 1, 10),
                                   channel="网站")


def test_a_period_found_short_at_submission_needs_its_reason_then(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    services.document_open_comment(user=None, document=document, starts_on=D(2022, 1, 1), ends_on=D(2022, 1, 10),
                                   channel="网站")
    document.refresh_from_db()
    review(document, on=D(2022, 1, 12))  # marks it as about operators
    document.refresh_from_db()
    version = document.version
    too_short = message_pattern(services.MARKET_COMMENT_TOO_SHORT, min=MIN_MARKET_COMMENT_DAYS, days=10)
    with pytest.raises(FazhiError, match=too_short):
        services.document_submit_review(user=None, document=document, submitted_on=D(2022, 1, 20))
    assert unchanged(document, DocumentStatus.COMMENT, version)
    services.document_submit_review(user=None, document=document, submitted_on=D(2022, 1, 20),
                                    shortened_reason="防疫紧急措施，上级要求限期出台")
    document.refresh_from_db()
    assert document.status == DocumentStatus.REVIEW
    assert document.comment_shortened_reason == "防疫紧急措施，上级要求限期出台"


def test_not_asking_the_public_about_such_a_document_needs_a_secrecy_ground(market_draft):
    review(market_draft)
    with pytest.raises(FazhiError, match=message_pattern(services.MARKET_NO_COMMENT)):
        submit(market_draft, reason="不涉及群众切身利益")
    assert unchanged(market_draft, DocumentStatus.DRAFTING, 1)
    submit(market_draft, reason="依法需要保密：涉及国家秘密")


# ----- pages -----

def url(name, document):
    return reverse(f"normative_documents:documents:{name}", args=[document.pk])


def test_the_page_prompts_when_a_draft_is_plainly_about_enterprises(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])  # 企业扶持资金 in its title and text
    client.force_login(users["unit_staff"])
    page = client.get(url("detail", document)).content.decode()
    assert "自动预审提示：正文多处涉及“企业”" in page and "《公平竞争审查条例》第二条、第十三条" in page
    assert 'id="mark_market"' not in page  # the office's act
    client.force_login(users["legal_office"])
    page = client.get(url("detail", document)).content.decode()
    assert 'id="mark_market"' in page and 'id="fair_competition_review"' in page


def test_a_review_recorded_on_the_page_and_a_refusal_that_keeps_the_input(client, users, market_draft):
    client.force_login(users["unit_staff"])
    response = client.post(url("submit_review", market_draft), {
        "submit_review-submitted_on": "2022-03-01", "submit_review-no_comment_reason": "依法需要保密"})
    assert response.status_code == 200
    assert missing("submit_review") in response.content.decode()
    response = client.post(url("fair_competition_review", market_draft), {
        "fair_competition_review-reviewing_body": "甲街道办事处", "fair_competition_review-reviewer_name": "张审查",
        "fair_competition_review-reviewed_on": "2022-02-20", "fair_competition_review-conclusion": "no_effect",
        "fair_competition_review-conclusion_text": "不具有排除、限制竞争效果",
        "fair_competition_review-stakeholder_views": "听取了区工商联意见",
    })
    assert response.status_code == 302
    page = client.get(url("detail", market_draft)).content.decode()
    assert str(NO_EFFECT.label) in page and "听取了区工商联意见" in page
    assert client.post(url("mark_market", market_draft), {"mark_market-affects": "no",
                                                          "mark_market-reason": "不涉及"}).status_code == 403


def test_the_page_offers_the_submission_only_once_the_review_allows_issue(client, users, market_draft):
    client.force_login(users["unit_staff"])
    page = client.get(url("detail", market_draft)).content.decode()
    assert 'id="submit_review"' not in page and 'id="fair_competition_review"' in page
    assert "下一步可办理</dt><dd>公平竞争审查、" in page
    assert missing("submit_review") in page
    review(market_draft, conclusion=VIOLATES)
    page = client.get(url("detail", market_draft)).content.decode()
    assert 'id="submit_review"' not in page and violates(REVIEWED, "submit_review") in page
    review(market_draft, on=D(2022, 2, 25))
    page = client.get(url("detail", market_draft)).content.decode()
    assert 'id="submit_review"' in page and "下一步可办理</dt><dd>公平竞争审查" not in page


def test_a_meeting_without_a_review_is_offered_no_adoption(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], status=DocumentStatus.DELIBERATION,
                                        affects_market_entities=True)
    client.force_login(users["legal_office"])
    page = client.get(url("detail", document)).content.decode()
    assert 'id="deliberate"' in page
    assert 'value="revise"' in page and 'value="adopted"' not in page
    review(document)
    page = client.get(url("detail", document)).content.decode()
    assert 'value="adopted"' in page


# ----- API -----

def api(user) -> Client:
    c = Client()
    c.force_login(user)
    return c



def test_the_api_records_a_review_and_refuses_a_step_without_one(users, units):
    staff, legal = api(users["unit_staff"]), api(users["legal_office"])
    created = post(staff, "/api/normative-documents", {
        "title": "甲街道政府采购管理办法", "drafting_unit": units["street_a"].pk, "issuer": units["street_a"].pk,
        "drafter": "李四", "text": "第一条 政府采购活动应当公开透明。\n第二条 供应商依法平等参与。",
        "affects_market_entities": True})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["affects_market_entities"] and body["market_cues"] == ["政府采购", "供应商"]
    base = f"/api/normative-documents/{body['id']}"
    refused = post(staff, f"{base}/submit-review", {"submitted_on": "2022-03-01", "no_comment_reason": "依法需要保密"})
    assert refused.status_code == 400 and refused.json()["detail"] == missing("submit_review")
    made = post(staff, f"{base}/fair-competition-reviews", {
        "reviewing_body": "甲街道办事处", "reviewer_name": "张审查", "reviewed_on": "2022-02-20",
        "conclusion": "no_effect", "conclusion_text": "不具有排除、限制竞争效果",
        "stakeholder_views": "听取了商会意见"})
    assert made.status_code == 201, made.content
    assert made.json()["conclusion"] == "no_effect"
    assert [r["id"] for r in staff.get(f"{base}/fair-competition-reviews").json()] == [made.json()["id"]]
    assert post(staff, f"{base}/market-entities", {"affects": False, "reason": "不涉及"}).status_code == 403
    assert post(legal, f"{base}/market-entities", {"affects": True, "reason": "涉及政府采购"}).status_code == 200
    assert post(staff, f"{base}/submit-review", {"submitted_on": "2022-03-01",
                                                 "no_comment_reason": "依法需要保密"}).status_code == 200
    assert NormativeDocument.objects.get(pk=body["id"]).status == DocumentStatus.REVIEW


def test_the_api_opens_30_days_of_comment_for_such_a_document(users, market_draft):
    response = post(api(users["unit_staff"]), f"/api/normative-documents/{market_draft.pk}/open-comment",
                    {"starts_on": "2022-01-01", "channel": "区政府网站"})
    assert response.status_code == 200, response.content
    assert (response.json()["comment_starts_on"], response.json()["comment_ends_on"]) == ("2022-01-01", "2022-01-30")

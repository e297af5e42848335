"""The lifecycle through the services: permissions, rules, deadlines, history; a refusal changes nothing."""

import datetime as dt
import re

import pytest

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, StaleRecordError, cn_date
from fazhi.core.lifecycle import WRONG_ACTOR, WRONG_STATUS
from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines.selectors import deadlines_for_record, deadlines_open
from fazhi.normative_documents import selectors, services
from fazhi.normative_documents.constants import (
    DEFAULT_FILING_DAYS,
    CleanupDecision,
    CleanupTrigger,
    CommentResponse,
    DeliberationOutcome,
    DocumentStatus,
    EvaluationConclusion,
    ReviewOpinion,
)
from fazhi.normative_documents.deadline_rules import FILING, LEGALITY_REVIEW, VALIDITY
from fazhi.normative_documents.lifecycle import LIFECYCLE, STATUS_LABELS, Actor, Status
from fazhi.normative_documents.models import LegalityReview, NormativeDocument
from fazhi.normative_documents.tests.factories import (
    NormativeDocumentFactory,
    to_deliberation,
    to_in_force,
    to_review,
)

D = dt.date


@pytest.fixture
def draft(units):
    return NormativeDocumentFactory(drafting_unit=units["street_a"], title="甲街道企业扶持资金管理暂行办法")


def test_create_reads_the_provisional_marker_and_records_who(users, units):
    document = services.document_create(user=users["unit_staff"], title="甲街道志愿服务管理试行办法",
                                        drafting_unit=units["street_a"], issuer=units["street_a"], drafter="李四",
                                        text="第一条 ……")
    assert document.provisional
    assert document.status == DocumentStatus.DRAFTING
    assert document.history.first().history_user == users["unit_staff"]


def test_unit_staff_cannot_draft_for_another_unit(users, units):
    with pytest.raises(PermissionDeniedError):
        services.document_create(user=users["unit_staff"], title="越权起草", drafting_unit=units["street_b"],
                                 issuer=units["street_b"], drafter="李四", text="……")
    assert not NormativeDocument.objects.filter(title="越权起草").exists()


def test_cannot_skip_the_review(draft, users):
    with pytest.raises(FazhiError, match=message_pattern(services.DELIBERATION_NOT_REVIEWED)):
        services.document_deliberate(user=users["unit_staff"], document=draft, meeting="主任办公会",
                                     held_on=D(2022, 3, 15), outcome=DeliberationOutcome.ADOPTED)
    refusal = WRONG_STATUS.format(noun=LIFECYCLE.noun, current=STATUS_LABELS[Status.DRAFTING],
                                  action=LIFECYCLE.label("publish"), allowed=STATUS_LABELS[Status.ADOPTED])
    with pytest.raises(FazhiError, match=message_pattern(refusal)):
        services.document_publish(user=users["legal_office"], document=draft, signed_by="王", signed_on=D(2022, 3, 1),
                                  published_on=D(2022, 3, 1), effective_on=D(2022, 3, 1), channel="网站")
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFTING and draft.version == 1


def test_submitting_without_public_comment_needs_a_reason(draft, users):
    with pytest.raises(FazhiError, match=message_pattern(services.NO_COMMENT_REASON)):
        services.document_submit_review(user=users["unit_staff"], document=draft, submitted_on=D(2022, 3, 1))
    services.document_submit_review(user=users["unit_staff"], document=draft, submitted_on=D(2022, 3, 1),
                                    no_comment_reason="属于内部管理事项")
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.REVIEW
    deadline = deadlines_for_record(draft).get(rule_code=LEGALITY_REVIEW.code)
    assert deadline.due_on == D(2022, 3, 22)  # 15 working days after 1 March 2022


def test_public_comment_period_and_answers(draft, users):
    staff = users["unit_staff"]
    services.document_open_comment(user=staff, document=draft, starts_on=D(2022, 2, 1), ends_on=D(2022, 3, 2),
                                   channel="区政府网站")
    draft.refresh_from_db()
    outside = message_pattern(services.COMMENT_OUTSIDE, date=cn_date(D(2022, 3, 5)), start=cn_date(D(2022, 2, 1)),
                              end=cn_date(D(2022, 3, 2)))
    with pytest.raises(FazhiError, match=outside):
        services.comment_add(user=staff, document=draft, received_on=D(2022, 3, 5), source="公众", content="建议")
    comment = services.comment_add(user=staff, document=draft, received_on=D(2022, 2, 10), source="某商会",
                                   content="建议提高扶持比例")
    with pytest.raises(FazhiError, match=message_pattern(services.COMMENT_PERIOD_OPEN, date=cn_date(D(2022, 3, 2)))):
        services.document_submit_review(user=staff, document=draft, submitted_on=D(2022, 3, 2))
    with pytest.raises(FazhiError, match=message_pattern(services.COMMENT_PENDING, n=1)):
        services.document_submit_review(user=staff, document=draft, submitted_on=D(2022, 3, 3))
    services.comment_respond(user=staff, comment=comment, response=CommentResponse.NOT_ADOPTED, reason="超出财力")
    services.document_submit_review(user=staff, document=draft, submitted_on=D(2022, 3, 3))
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.REVIEW


def test_only_the_legal_office_reviews(draft, users):
    to_review(draft)
    draft.refresh_from_db()
    for role in ("unit_staff", "leader", "admin"):
        with pytest.raises(FazhiError, match=re.escape(str(services.REVIEWER_LEGAL_OFFICE_ONLY))):
            services.document_review(user=users[role], document=draft, opinion=ReviewOpinion.LAWFUL, reasons="合法",
                                     reviewed_on=D(2022, 3, 8))
    assert not LegalityReview.objects.exists()


def test_unlawful_sends_it_back_and_it_can_come_again(draft, users):
    legal = users["legal_office"]
    to_review(draft)
    draft.refresh_from_db()
    review = services.document_review(user=legal, document=draft, opinion=ReviewOpinion.UNLAWFUL,
                                      reasons="第三条设定了行政许可", reviewed_on=D(2022, 3, 8))
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFTING
    assert review.reviewed_text == draft.text and review.reviewer == legal
    assert deadlines_for_record(draft).get(rule_code=LEGALITY_REVIEW.code).completed_on == D(2022, 3, 8)
    with pytest.raises(FazhiError, match=message_pattern(services.DELIBERATION_NOT_REVIEWED)):
        services.document_deliberate(user=None, document=draft, meeting="会", held_on=D(2022, 3, 9),
                                     outcome=DeliberationOutcome.ADOPTED)
    services.document_update(user=users["unit_staff"], document=draft, expected_version=draft.version,
                             text="第一条 修改后的正文。")
    draft.refresh_from_db()
    services.document_submit_review(user=users["unit_staff"], document=draft, submitted_on=D(2022, 3, 10),
                                    no_comment_reason="内部管理")
    draft.refresh_from_db()
    services.document_review(user=legal, document=draft, opinion=ReviewOpinion.LAWFUL, reasons="已删除许可条款",
                             reviewed_on=D(2022, 3, 14))
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DELIBERATION
    assert [r.opinion for r in draft.reviews.order_by("reviewed_on")] == ["unlawful", "lawful"]


def test_the_text_is_locked_after_submission(draft, users):
    to_review(draft)
    draft.refresh_from_db()
    with pytest.raises(FazhiError, match=message_pattern(services.TEXT_LOCKED, status=DocumentStatus.REVIEW.label)):
        services.document_update(user=users["unit_staff"], document=draft, expected_version=draft.version,
                                 text="偷偷改")
    draft.refresh_from_db()
    assert draft.text != "偷偷改"


def test_optimistic_lock(draft, users):
    stale = NormativeDocument.objects.get(pk=draft.pk)
    services.document_update(user=users["unit_staff"], document=draft, expected_version=1, text="第一版修改")
    with pytest.raises(StaleRecordError):
        services.document_update(user=users["legal_office"], document=stale, expected_version=1, text="第二个人")
    draft.refresh_from_db()
    assert draft.text == "第一版修改" and draft.version == 2


def test_publication_numbers_and_starts_filing_and_validity(units, users, settings):
    settings.FAZHI_NORMATIVE_NUMBER_PREFIX = "长管规"
    first = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="甲办法"),
                        reviewer=users["legal_office"])
    second = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="乙暂行办法",
                                                  provisional=True), reviewer=users["legal_office"],
                         effective_on=D(2022, 4, 20))
    assert (first.number, second.number) == ("长管规〔2022〕1号", "长管规〔2022〕2号")
    assert first.valid_until == D(2027, 3, 19)  # 5 years
    assert second.valid_until == D(2024, 4, 19)  # 2 years for 暂行, from the effective date
    filing = deadlines_for_record(first).get(rule_code=FILING.code)
    assert filing.due_on == D(2022, 4, 6)  # 15 days after 20 March 2022 is 4 April, in 清明 → the 6th
    validity = deadlines_for_record(first).get(rule_code=VALIDITY.code)
    assert (validity.due_on, validity.remind_on) == (D(2027, 3, 19), D(2026, 9, 19))


def test_validity_cannot_exceed_the_maximum(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], provisional=True)
    to_deliberation(document, reviewer=users["legal_office"])
    services.document_deliberate(user=None, document=document, meeting="会", held_on=D(2022, 3, 15),
                                 outcome=DeliberationOutcome.ADOPTED)
    document.refresh_from_db()
    too_long = message_pattern(services.PUBLISH_TOO_LONG, until=cn_date(D(2025, 3, 20)), kind=services.PROVISIONAL_KIND,
                               years=2, limit=cn_date(D(2024, 3, 19)))
    with pytest.raises(FazhiError, match=too_long):
        services.document_publish(user=users["legal_office"], document=document, signed_by="王",
                                  signed_on=D(2022, 3, 20), published_on=D(2022, 3, 20), effective_on=D(2022, 3, 20),
                                  channel="网站", valid_until=D(2025, 3, 20))
    document.refresh_from_db()
    assert document.status == DocumentStatus.ADOPTED and document.number is None


def test_unit_staff_cannot_publish(units, users):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    to_deliberation(document, reviewer=users["legal_office"])
    services.document_deliberate(user=users["unit_staff"], document=document, meeting="会", held_on=D(2022, 3, 15),
                                 outcome=DeliberationOutcome.ADOPTED)
    document.refresh_from_db()
    refusal = WRONG_ACTOR.format(action=LIFECYCLE.label("publish"), who=LIFECYCLE.actor_labels[Actor.LEGAL_OFFICE])
    with pytest.raises(FazhiError, match=message_pattern(refusal)):
        services.document_publish(user=users["unit_staff"], document=document, signed_by="王",
                                  signed_on=D(2022, 3, 20), published_on=D(2022, 3, 20), effective_on=D(2022, 3, 20),
                                  channel="网站")


@pytest.mark.parametrize(("filed_on", "expected"), [(D(2022, 4, 6), "on_time"), (D(2022, 4, 7), "late")])
def test_filing_met_or_late(units, users, filed_on, expected):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])
    assert selectors.filing_status(document, today=D(2022, 4, 1)).status == "pending"
    assert selectors.filing_status(document, today=D(2022, 4, 7)).status == "overdue"
    services.document_file(user=users["unit_staff"], document=document, filed_on=filed_on, authority="大连市人民政府")
    document.refresh_from_db()
    assert selectors.filing_status(document).status == expected
    assert deadlines_for_record(document).get(rule_code=FILING.code).completed_on == filed_on
    with pytest.raises(FazhiError, match=message_pattern(services.ALREADY_FILED, date=cn_date(filed_on))):
        services.document_file(user=users["unit_staff"], document=document, filed_on=filed_on, authority="大连市")


def test_filing_period_follows_the_setting(units, users, settings):
    # Liaoning's 15 days (省政府令第149号 第三条) by default; a province with 30 sets it.
    assert settings.FAZHI_NORMATIVE_FILING_DAYS == DEFAULT_FILING_DAYS == 15
    settings.FAZHI_NORMATIVE_FILING_DAYS = 30
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])
    assert deadlines_for_record(document).get(rule_code=FILING.code).due_on == D(2022, 4, 19)


def test_filing_overdue_shows_in_the_to_do_list(units, users):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])
    open_rows = deadlines_open(user=users["unit_staff"], today=D(2022, 5, 1))
    assert any(d.rule_code == FILING.code and d.object_id == str(document.pk) for d in open_rows)
    assert not deadlines_open(user=users["unit_staff_b"], today=D(2022, 5, 1)).filter(rule_code=FILING.code).exists()


def test_validity_reminder_six_months_before_expiry(units, users):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])
    codes = lambda day: set(deadlines_open(user=users["unit_staff"], today=day).values_list("rule_code", flat=True))  # noqa: E731
    assert VALIDITY.code not in codes(D(2026, 9, 18))
    assert VALIDITY.code in codes(D(2026, 9, 19))
    not_due = message_pattern(services.EVALUATE_NOT_DUE, until=cn_date(document.valid_until),
                              **{"from": cn_date(services.evaluation_opens_on(document))})
    with pytest.raises(FazhiError, match=not_due):
        services.document_evaluate(user=users["unit_staff"], document=document, evaluated_on=D(2022, 5, 1),
                                   conclusion=EvaluationConclusion.CONTINUE, opinion="继续")


def test_expiry_by_the_system(units, users):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], provisional=True),
                           reviewer=users["legal_office"])
    assert services.documents_expire(today=D(2024, 3, 19)) == []
    [expired] = services.documents_expire(today=D(2024, 3, 20))
    assert expired.pk == document.pk and expired.status == DocumentStatus.EXPIRED
    assert expired.ended_on == D(2024, 3, 20)
    assert deadlines_for_record(document).get(rule_code=VALIDITY.code).completed_on == D(2024, 3, 20)


def test_amending_document_ends_the_old_one(units, users):
    old = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="旧办法"),
                      reviewer=users["legal_office"])
    new = NormativeDocumentFactory(drafting_unit=units["street_a"], title="新办法", amends=old)
    new = to_in_force(new, reviewer=users["legal_office"], published_on=D(2022, 6, 1))
    old.refresh_from_db()
    assert old.status == DocumentStatus.AMENDED and old.ended_on == D(2022, 6, 1)
    assert old.end_reason == services.AMENDED_BY.format(number=new.number, title="新办法")


def test_cleanup_repeals_what_it_decided_to_repeal(units, users):
    legal = users["legal_office"]
    kept = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="保留的"), reviewer=legal)
    repealed = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="废止的"), reviewer=legal)
    with pytest.raises(FazhiError, match=message_pattern(services.CLEANUP_OFFICE_ONLY)):
        services.cleanup_create(user=users["unit_staff"], name="清理", trigger=CleanupTrigger.LAW_CHANGE,
                                basis="法律修改", started_on=D(2022, 9, 1))
    cleanup = services.cleanup_create(user=legal, name="2022年专项清理", trigger=CleanupTrigger.LAW_CHANGE,
                                      basis="《中华人民共和国行政处罚法》修订", started_on=D(2022, 9, 1),
                                      documents=[kept, repealed])
    items = {item.document_id: item for item in cleanup.items.all()}
    services.cleanup_decide(user=legal, item=items[kept.pk], decision=CleanupDecision.KEEP, reason="",
                            decided_on=D(2022, 9, 10))
    with pytest.raises(FazhiError, match=message_pattern(services.CLEANUP_UNDECIDED, n=1, titles="废止的")):
        services.cleanup_publish(user=legal, cleanup=cleanup, published_on=D(2022, 9, 30), summary="……")
    with pytest.raises(FazhiError, match=message_pattern(services.CLEANUP_DECISION_REASON)):
        services.cleanup_decide(user=legal, item=items[repealed.pk], decision=CleanupDecision.REPEAL, reason="",
                                decided_on=D(2022, 9, 10))
    services.cleanup_decide(user=legal, item=items[repealed.pk], decision=CleanupDecision.REPEAL,
                            reason="上位法修改，设定依据已不存在", decided_on=D(2022, 9, 10))
    repealed.refresh_from_db()
    assert repealed.status == DocumentStatus.IN_FORCE  # until the result is published
    cleanup.refresh_from_db()
    services.cleanup_publish(user=legal, cleanup=cleanup, published_on=D(2022, 9, 30), summary="废止1件，保留1件")
    repealed.refresh_from_db()
    kept.refresh_from_db()
    assert repealed.status == DocumentStatus.REPEALED and repealed.ended_on == D(2022, 9, 30)
    assert repealed.end_reason == services.NOTE.format(what="2022年专项清理", reason="上位法修改，设定依据已不存在")
    assert kept.status == DocumentStatus.IN_FORCE


def test_no_future_dates(draft, users):
    tomorrow = clock.today() + dt.timedelta(days=1)
    future = message_pattern(services.DATE_IN_FUTURE, date=cn_date(tomorrow), today=cn_date(clock.today()))
    with pytest.raises(FazhiError, match=future):
        services.document_submit_review(user=users["unit_staff"], document=draft, submitted_on=tomorrow,
                                        no_comment_reason="内部")


def test_history_says_who_did_what_and_why(draft, users):
    to_review(draft, user=users["unit_staff"])
    draft.refresh_from_db()
    services.document_review(user=users["legal_office"], document=draft, opinion=ReviewOpinion.UNLAWFUL,
                             reasons="越权", reviewed_on=D(2022, 3, 8))
    rows = list(draft.history.order_by("history_id"))
    assert [r.status for r in rows] == ["drafting", "review", "drafting"]
    assert rows[1].history_user == users["unit_staff"]
    assert rows[1].history_change_reason == LIFECYCLE.label("submit_review")
    assert rows[2].history_user == users["legal_office"]
    assert rows[2].history_change_reason == services.NOTE.format(what=LIFECYCLE.label("review"),
                                                                 reason=ReviewOpinion.UNLAWFUL.label)


def test_statistics_per_year(units, users):
    legal = users["legal_office"]
    first_time = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=legal)
    services.document_file(user=None, document=first_time, filed_on=D(2022, 4, 1), authority="市政府")
    second = NormativeDocumentFactory(drafting_unit=units["street_a"])
    to_review(second)
    second.refresh_from_db()
    services.document_review(user=legal, document=second, opinion=ReviewOpinion.UNLAWFUL, reasons="越权",
                             reviewed_on=D(2022, 3, 8))
    stats = selectors.yearly_statistics(2022)
    assert (stats.reviewed, stats.lawful_first_time, stats.published, stats.filed_on_time) == (2, 1, 1, 1)
    assert stats.repealed == 0
    assert selectors.yearly_statistics(2021).reviewed == 0


def test_expire_command(units, users):
    from io import StringIO

    from django.core.management import call_command

    from fazhi.normative_documents.management.commands.expire_documents import EXPIRED_TOTAL

    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], provisional=True),
                           reviewer=users["legal_office"])
    out = StringIO()
    call_command("expire_documents", stdout=out)  # today is long after 2024
    document.refresh_from_db()
    assert document.status == DocumentStatus.EXPIRED and EXPIRED_TOTAL.format(count=1) in out.getvalue()


def test_the_filing_authority_is_the_government_above_or_the_units_own(units, users, settings, zone):
    """省政府令第149号 第三条: 各级人民政府及其所属部门分别报上级人民政府和本级人民政府备案."""
    from fazhi.organisation.tests.factories import OrgUnitFactory

    settings.FAZHI_HIGHER_GOVERNMENT = "大连市人民政府"
    government = OrgUnitFactory(zone=zone, kind="leadership", name="开发区管委会", code="LEAD-T")
    units["dept_a"].parent = government
    units["dept_a"].save()
    own = NormativeDocumentFactory(drafting_unit=government, issuer=government)
    departments = NormativeDocumentFactory(drafting_unit=units["dept_a"], issuer=units["dept_a"])
    assert selectors.filing_authority_for(own) == "大连市人民政府"
    assert selectors.filing_authority_for(departments) == "开发区管委会"

"""Major decisions: the five steps, the legality-review gate (第二十五条), lawful skips with reasons."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.tests.messages import message_pattern
from fazhi.major_decisions import selectors, services
from fazhi.major_decisions.constants import MIN_COMMENT_DAYS, SKIPPABLE, DecisionStatus, StepKind, StepState
from fazhi.major_decisions.models import DecisionStep

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


def _prepare(decision, users):
    staff = users["unit_staff"]
    services.step_record(user=staff, decision=decision, kind=StepKind.PUBLIC_PARTICIPATION, started_on=D(2022, 3, 1),
                         completed_on=D(2022, 3, 31), people="公众、居民代表", summary="收到意见12条，采纳8条",
                         files=[SimpleUploadedFile("征求意见公告.txt", "公告".encode())])
    services.step_skip(user=staff, decision=decision, kind=StepKind.EXPERT_ARGUMENTATION,
                       reason="不属于专业性、技术性较强的事项", on=D(2022, 4, 1))
    services.step_record(user=staff, decision=decision, kind=StepKind.RISK_ASSESSMENT, completed_on=D(2022, 4, 10),
                         people="第三方评估机构", summary="风险可控")


def test_only_the_legal_office_makes_the_catalogue(units, users):
    with pytest.raises(FazhiError, match=re.escape(str(services.CATALOGUE_OFFICE_ONLY))):
        services.catalogue_create(user=users["unit_staff"], year=2023, decision_organ=units["legal"])


def test_cannot_discuss_without_a_legality_review(decision, users):
    _prepare(decision, users)
    not_reviewed = message_pattern(services.DISCUSSION_NOT_REVIEWED, state=services.DISCUSSION_REVIEW_NONE)
    with pytest.raises(FazhiError, match=not_reviewed):
        services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                             completed_on=D(2022, 4, 20), outcome="adopted", summary="同意")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_PROCEDURE
    assert not DecisionStep.objects.filter(kind=StepKind.COLLECTIVE_DISCUSSION).exists()


def test_unlawful_review_blocks_and_a_lawful_one_opens_discussion(decision, users):
    _prepare(decision, users)
    legal, staff = users["legal_office"], users["unit_staff"]
    services.step_record(user=legal, decision=decision, kind=StepKind.LEGALITY_REVIEW, completed_on=D(2022, 4, 12),
                         opinion="unlawful", summary="补偿标准无依据")
    unlawful = str(services.DISCUSSION_REVIEW_UNLAWFUL) % {"date": cn_date(D(2022, 4, 12))}
    with pytest.raises(FazhiError, match=message_pattern(services.DISCUSSION_NOT_REVIEWED, state=unlawful)):
        services.step_record(user=staff, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                             completed_on=D(2022, 4, 20), outcome="adopted")
    services.step_record(user=legal, decision=decision, kind=StepKind.LEGALITY_REVIEW, completed_on=D(2022, 4, 18),
                         opinion="lawful_with_changes", summary="已补充依据")
    services.step_record(user=staff, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                         completed_on=D(2022, 4, 20), outcome="adopted", people="管委会常务会议",
                         summary="同意实施改造方案")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED and decision.decided_on == D(2022, 4, 20)
    stats = selectors.catalogue_statistics(2022)
    assert (stats.catalogued, stats.decided, stats.reviewed_before_discussion) == (1, 1, 1)


def test_discussion_needs_every_earlier_step_recorded(decision, users):
    services.step_record(user=users["legal_office"], decision=decision, kind=StepKind.LEGALITY_REVIEW,
                         completed_on=D(2022, 4, 12), opinion="lawful", summary="合法")
    missing = services.step_list([StepKind.PUBLIC_PARTICIPATION, StepKind.EXPERT_ARGUMENTATION,
                                  StepKind.RISK_ASSESSMENT])
    with pytest.raises(FazhiError, match=message_pattern(services.DISCUSSION_STEPS_MISSING, steps=missing)):
        services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                             completed_on=D(2022, 4, 20), outcome="adopted")


def test_review_and_discussion_cannot_be_skipped(decision, users):
    for kind in (StepKind.LEGALITY_REVIEW, StepKind.COLLECTIVE_DISCUSSION):
        refusal = message_pattern(services.STEP_NOT_SKIPPABLE, step=kind.label, why=services.NOT_SKIPPABLE_WHY[kind])
        with pytest.raises(FazhiError, match=refusal):
            services.step_skip(user=users["unit_staff"], decision=decision, kind=kind, reason="赶时间",
                               on=D(2022, 4, 1))


def test_a_skip_needs_a_reason_and_is_recorded(decision, users):
    with pytest.raises(FazhiError, match=message_pattern(services.REASON_REQUIRED)):
        services.step_skip(user=users["unit_staff"], decision=decision, kind=StepKind.RISK_ASSESSMENT, reason=" ",
                           on=D(2022, 4, 1))
    step = services.step_skip(user=users["unit_staff"], decision=decision, kind=StepKind.RISK_ASSESSMENT,
                              reason="不涉及社会稳定、公共安全", on=D(2022, 4, 1))
    assert step.state == StepState.SKIPPED and step.summary == str(SKIPPABLE[StepKind.RISK_ASSESSMENT])
    assert str(SKIPPABLE[StepKind.RISK_ASSESSMENT]).startswith("第二十二条")  # the article that allows it


def test_only_the_legal_office_reviews(decision, users):
    with pytest.raises(FazhiError, match=re.escape(str(services.REVIEW_LEGAL_OFFICE_ONLY))):
        services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.LEGALITY_REVIEW,
                             completed_on=D(2022, 4, 12), opinion="lawful")


def test_short_comment_period_needs_a_reason(decision, users):
    too_short = message_pattern(services.COMMENT_TOO_SHORT, days=10, min=MIN_COMMENT_DAYS)
    with pytest.raises(FazhiError, match=too_short):
        services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.PUBLIC_PARTICIPATION,
                             started_on=D(2022, 3, 1), completed_on=D(2022, 3, 10))
    step = services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.PUBLIC_PARTICIPATION,
                                started_on=D(2022, 3, 1), completed_on=D(2022, 3, 10), shortened_reason="防汛紧急")
    assert step.summary == services.SHORTENED_REASON.format(reason="防汛紧急", summary="").strip()


def test_other_units_staff_cannot_touch_the_decision(decision, users):
    with pytest.raises(PermissionDeniedError):
        services.step_skip(user=users["unit_staff_b"], decision=decision, kind=StepKind.RISK_ASSESSMENT,
                           reason="……", on=D(2022, 4, 1))


def test_evaluation_and_archive_after_the_decision(decision, users):
    staff = users["unit_staff"]
    with pytest.raises(FazhiError, match=re.escape(str(services.NOT_DECIDED % {"title": decision.title}))):
        services.decision_evaluate(user=staff, decision=decision, evaluated_on=D(2022, 12, 1), report="效果良好")
    _prepare(decision, users)
    services.step_record(user=users["legal_office"], decision=decision, kind=StepKind.LEGALITY_REVIEW,
                         completed_on=D(2022, 4, 12), opinion="lawful")
    services.step_record(user=staff, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                         completed_on=D(2022, 4, 20), outcome="adopted", summary="同意")
    decision.refresh_from_db()
    services.decision_evaluate(user=staff, decision=decision, evaluated_on=D(2022, 12, 1), report="效果良好")
    decision.refresh_from_db()
    incomplete = message_pattern(services.ARCHIVE_INCOMPLETE, steps=services.step_list([StepKind.PARTY_REPORT]))
    with pytest.raises(FazhiError, match=incomplete):  # issued decisions were reported (第三十一条)
        services.decision_file_archive(user=staff, decision=decision, archived_on=D(2022, 12, 5), reference="JC-1")
    # After evaluation the decision is long issued.
    with pytest.raises(FazhiError, match=re.escape(str(services.PARTY_REPORT_TOO_EARLY))):
        services.step_record(user=staff, decision=decision, kind=StepKind.PARTY_REPORT, completed_on=D(2022, 4, 21))
    from fazhi.major_decisions.models import MajorDecision

    MajorDecision.objects.filter(pk=decision.pk).update(status=DecisionStatus.DECIDED)
    decision.refresh_from_db()
    services.step_record(user=staff, decision=decision, kind=StepKind.PARTY_REPORT, completed_on=D(2022, 4, 21),
                         people="区党工委会议", summary="同意")
    MajorDecision.objects.filter(pk=decision.pk).update(status=DecisionStatus.EVALUATED)
    decision.refresh_from_db()
    archived = services.decision_file_archive(user=staff, decision=decision, archived_on=D(2022, 12, 5),
                                              reference="JC-2022-01")
    assert archived.status == DecisionStatus.EVALUATED and archived.file_reference == "JC-2022-01"
    evidence = DecisionStep.objects.get(kind=StepKind.PUBLIC_PARTICIPATION).evidence.get()
    assert len(evidence.sha256) == 64 and evidence.original_name == "征求意见公告.txt"


def test_a_decision_is_issued_only_after_the_report_to_the_party_committee(decision, users):
    """第三十一条: 重大行政决策出台前应当按照规定向同级党委请示报告; 第三十二条: then it is published."""
    staff = users["unit_staff"]
    _prepare(decision, users)
    with pytest.raises(FazhiError, match=re.escape(str(services.PARTY_REPORT_TOO_EARLY))):
        services.step_record(user=staff, decision=decision, kind=StepKind.PARTY_REPORT, completed_on=D(2022, 4, 11))
    services.step_record(user=users["legal_office"], decision=decision, kind=StepKind.LEGALITY_REVIEW,
                         completed_on=D(2022, 4, 12), opinion="lawful")
    services.step_record(user=staff, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                         completed_on=D(2022, 4, 20), outcome="adopted", summary="同意")
    decision.refresh_from_db()
    with pytest.raises(FazhiError, match=re.escape(str(services.PARTY_REPORT_MISSING))):
        services.decision_publish(user=staff, decision=decision, published_on=D(2022, 4, 25))
    with pytest.raises(FazhiError, match=re.escape(str(services.PARTY_REPORT_TOO_EARLY))):
        services.step_record(user=staff, decision=decision, kind=StepKind.PARTY_REPORT, completed_on=D(2022, 4, 19))
    refusal = message_pattern(services.STEP_NOT_SKIPPABLE, step=StepKind.PARTY_REPORT.label,
                              why=services.NOT_SKIPPABLE_WHY[StepKind.PARTY_REPORT])
    with pytest.raises(FazhiError, match=refusal):
        services.step_skip(user=staff, decision=decision, kind=StepKind.PARTY_REPORT, reason="无", on=D(2022, 4, 21))
    services.step_record(user=staff, decision=decision, kind=StepKind.PARTY_REPORT, completed_on=D(2022, 4, 22),
                         people="区党工委会议", summary="同意出台")
    decision.refresh_from_db()
    with pytest.raises(FazhiError, match=re.escape(str(services.PARTY_REPORT_TOO_EARLY))):
        services.decision_publish(user=staff, decision=decision, published_on=D(2022, 4, 21))
    assert services.decision_publish(user=staff, decision=decision, published_on=D(2022, 4, 25)).published_on


def test_an_exploratory_reform_goes_to_discussion_with_its_legal_risk_stated(decision, users):
    """第二十五条第二款: 对国家尚无明确规定的探索性改革决策事项，可以明示法律风险，提交决策机关讨论."""
    staff = users["unit_staff"]
    _prepare(decision, users)
    services.step_record(user=users["legal_office"], decision=decision, kind=StepKind.LEGALITY_REVIEW,
                         completed_on=D(2022, 4, 12), opinion="exploratory",
                         summary="国家尚无明确规定；法律风险：可能与将来出台的上位法不一致。")
    step = services.step_record(user=staff, decision=decision, kind=StepKind.COLLECTIVE_DISCUSSION,
                                completed_on=D(2022, 4, 20), outcome="adopted", summary="同意试行")
    assert step.outcome == "adopted"

"""A case's decision: major-decision review (and the declared "other" major decisions), decision, closure."""

import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from fazhi.accounts.tests.factories import UserFactory
from fazhi.core.exceptions import FazhiError
from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.constants import DecisionKind, MajorCriterionKind, MatterKind, RecordKind, StepKind
from fazhi.enforcement.models import EnforcementCase, MajorDecisionReview
from fazhi.enforcement.tests.cases_setup import D, open_case, refusal, staffed_case
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.officers.selectors import CERTIFICATE_EXPIRED
from fazhi.officers.tests.factories import CertificateFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- major decisions and legal review ---------------------------------------------------------


def test_case_is_major_follows_the_enabled_criteria(users, body, criteria):
    entity = MarketEntityFactory()
    person_case = open_case(users["unit_staff"], body)
    entity_case = open_case(users["unit_staff"], body, party_name="", party_id_number="", party_entity=entity)

    assert selectors.case_is_major(person_case, decision_kind=DecisionKind.FINE, fine_amount=5000)
    assert not selectors.case_is_major(person_case, decision_kind=DecisionKind.FINE, fine_amount=4999)
    assert not selectors.case_is_major(entity_case, decision_kind=DecisionKind.FINE, fine_amount=49999)
    assert selectors.case_is_major(entity_case, decision_kind=DecisionKind.FINE, fine_amount=50000)
    assert selectors.case_is_major(entity_case, decision_kind=DecisionKind.LICENCE_REVOCATION)
    assert selectors.case_is_major(entity_case, decision_kind=DecisionKind.CLOSURE)
    assert not selectors.case_is_major(entity_case, decision_kind=DecisionKind.WARNING)

    services.major_criterion_set(user=users["legal_office"], kind=MajorCriterionKind.CLOSURE,
                                 legal_source="行政处罚法 第五十八条", enabled=False)
    assert not selectors.case_is_major(entity_case, decision_kind=DecisionKind.CLOSURE)

    services.case_add_step(user=users["unit_staff"], case=entity_case, kind=StepKind.HEARING,
                           happened_on=D(2022, 4, 1))
    entity_case.refresh_from_db()
    assert selectors.case_major_reasons(entity_case, decision_kind=DecisionKind.WARNING) == [
        MajorCriterionKind.HEARING.label]


def test_fine_criterion_needs_a_threshold(users):
    with pytest.raises(FazhiError) as refused:
        services.major_criterion_set(user=users["legal_office"], kind=MajorCriterionKind.FINE_ENTITY,
                                     legal_source="x")
    assert refused.value.message == str(services.CRITERION_THRESHOLD_REQUIRED) % {
        "kind": "对法人或其他组织处以较大数额罚款"}


def _review(user, case):
    return services.major_review_record(user=user, case=case, reviewed_on=D(2022, 4, 1), approved=True,
                                        opinion="同意", decision_kind=DecisionKind.WARNING)


def test_only_the_bodys_designated_reviewer_records_a_review(users, units, body):
    case = open_case(users["unit_staff"], body)
    for role in ("unit_staff", "admin", "officer", "leader"):  # the body leaves review to the legal office
        with pytest.raises(FazhiError) as refused:
            _review(users[role], case)
        assert refused.value.message == str(permissions.REVIEW_LEGAL_OFFICE_ONLY) % {"body": body}
    # A body that reviews its own decisions (国办发〔2018〕118号 四(十一)): its own unit's staff, not the office.
    own = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道法制审核", legal_reviewer="own_unit")
    own_case = open_case(users["unit_staff"], own)
    users["unit_staff"].legal_qualification_number = "A20192102000007"
    for role in ("legal_office", "unit_staff_b", "officer"):
        with pytest.raises(FazhiError) as refused:
            _review(users[role], own_case)
        assert refused.value.message == str(permissions.REVIEW_OWN_UNIT_ONLY) % {"body": own, "unit": "甲街道"}
    assert not MajorDecisionReview.objects.exists()
    review = _review(users["unit_staff"], own_case)
    assert review.reviewer_qualification == "法律职业资格证书A20192102000007"


def test_a_reviewer_without_a_legal_qualification_is_refused_unless_reviewing_since_before_2021(users, units, body):
    case = open_case(users["unit_staff"], body)
    newcomer = UserFactory(role="legal_office", org_unit=units["legal"], username="newcomer", full_name="新人")
    for since in (None, D(2021, 7, 15), D(2023, 1, 1)):  # 第五十八条第二款 in force from 2021-07-15
        newcomer.legal_review_since = since
        with pytest.raises(FazhiError) as refused:
            _review(newcomer, case)
        assert refused.value.message == str(permissions.REVIEWER_NOT_QUALIFIED) % {"user": "新人"}
    assert not MajorDecisionReview.objects.exists()
    newcomer.legal_review_since = D(2019, 3, 1)
    assert _review(newcomer, case).reviewer_qualification == "2019年3月1日起从事法制审核（行政处罚法2021年修订施行前）"
    # 第五十八条第二款 is about penalty decisions: a permit case's reviewer needs no 法律职业资格.
    newcomer.legal_review_since = None
    permit = open_case(users["unit_staff"], body, kind="permit")
    assert _review(newcomer, permit).reviewer_qualification == ""


def test_review_records_the_legal_review_step(users, body):
    case = open_case(users["unit_staff"], body)
    review = services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 1),
                                          approved=True, opinion="事实清楚，证据确凿，同意。",
                                          decision_kind=DecisionKind.WARNING)
    assert review.reviewer == users["legal_office"]
    assert case.steps.filter(kind=StepKind.LEGAL_REVIEW, happened_on=D(2022, 4, 1)).exists()


def test_decision_needs_two_officers(users, body, officers):
    case = staffed_case(users, body, officers[:1])
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=D(2022, 4, 10), text="警告")
    assert refused.value.message == str(services.DECISION_TOO_FEW_OFFICERS) % {
        "case": case.number, "min": 2, "n": 1, "detail": ""}
    case.refresh_from_db()
    assert case.decided_on is None
    assert not Deadline.objects.exists()


def test_decision_counts_only_officers_whose_certificates_still_hold(users, body, units, officers):
    lapsing = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name="孙三", number="辽X-8",
                                 valid_until=D(2022, 3, 31)).officer
    case = staffed_case(users, body, [officers[0]])
    # Its certificate has run out since: only a 补录 by the legal-affairs office may enter this assignment.
    services.case_assign_officer(user=users["legal_office"], case=case, officer=lapsing, on=D(2022, 3, 2),
                                 back_entry=True)
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=D(2022, 4, 10), text="警告")
    assert re.fullmatch(message_pattern(services.DECISION_TOO_FEW_OFFICERS, case=case.number, min=2, n=1),
                        refused.value.message)
    assert str(CERTIFICATE_EXPIRED) % {"officer": "孙三", "number": "辽X-8", "date": "2022年3月31日"} in (
        refused.value.message)


def test_major_decision_without_review_is_refused(users, body, officers, criteria):
    case = staffed_case(users, body, officers)
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.FINE,
                             fine_amount="8000", decided_on=D(2022, 4, 10), text="罚款8000元")
    assert refused.value.message == str(services.DECISION_MAJOR_NOT_REVIEWED) % {
        "reasons": "对公民处以较大数额罚款（8,000.00元，本区标准为5,000.00元以上）",
        "state": str(services.DECISION_REVIEW_NONE),
    }
    case.refresh_from_db()
    assert (case.decided_on, case.decision_kind, case.fine_amount) == (None, "", None)
    assert not case.steps.filter(kind=StepKind.DECISION).exists()


def test_major_decision_after_a_rejecting_review_is_refused(users, body, officers, criteria):
    case = staffed_case(users, body, officers)
    services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 5), approved=False,
                                 opinion="证据不足", decision_kind=DecisionKind.LICENCE_REVOCATION)
    rejected = str(services.DECISION_REVIEW_REJECTED) % {"date": "2022年4月5日"}
    with pytest.raises(FazhiError, match=message_pattern(services.DECISION_MAJOR_NOT_REVIEWED, state=rejected)):
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.LICENCE_REVOCATION,
                             decided_on=D(2022, 4, 10), text="吊销")


def test_major_decision_after_approval_is_issued(users, body, officers, criteria):
    case = staffed_case(users, body, officers)
    services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 5), approved=True,
                                 opinion="同意", decision_kind=DecisionKind.FINE, fine_amount=8000)
    case = services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.FINE,
                                fine_amount=Decimal("8000"), decided_on=D(2022, 4, 10), text="罚款8000元")
    assert case.decided_on == D(2022, 4, 10)
    assert case.steps.filter(kind=StepKind.DECISION).exists()


def test_review_after_decision_is_refused(users, body, officers):
    case = staffed_case(users, body, officers)
    services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                         decided_on=D(2022, 4, 10), text="警告")
    with pytest.raises(FazhiError) as refused:
        services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 11),
                                     approved=True, opinion="同意", decision_kind=DecisionKind.WARNING)
    assert refused.value.message == str(services.REVIEW_AFTER_DECISION) % {"case": case.number,
                                                                            "date": "2022年4月10日"}


def test_fine_needs_an_amount_and_only_fines_have_one(users, body, officers):
    case = staffed_case(users, body, officers)
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.FINE,
                             decided_on=D(2022, 4, 10), text="罚款")
    assert refused.value.message == str(services.DECISION_FINE_REQUIRED)
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             fine_amount=100, decided_on=D(2022, 4, 10), text="警告")
    assert refused.value.message == str(services.DECISION_FINE_NOT_FINE)


@pytest.mark.parametrize(
    ("kind", "decision", "rule", "due"),
    [
        # 2022-04-01 (Fri); 2 April (Sat) worked, 3–5 April 清明 off: 7 working days → 13 April.
        (MatterKind.PENALTY, DecisionKind.WARNING, "enforcement_publication_permit_penalty", D(2022, 4, 13)),
        (MatterKind.PERMIT, DecisionKind.PERMIT_GRANTED, "enforcement_publication_permit_penalty", D(2022, 4, 13)),
        (MatterKind.COMPULSORY_MEASURE, DecisionKind.DETENTION, "enforcement_publication_other", D(2022, 4, 29)),
    ],
)
def test_decision_starts_the_publication_deadline(users, body, officers, kind, decision, rule, due):
    case = staffed_case(users, body, officers, kind=kind)
    services.case_decide(user=users["unit_staff"], case=case, decision_kind=decision, decided_on=D(2022, 4, 1),
                         text="决定")
    deadline = deadlines_for_record(case).get()
    assert (deadline.rule_code, deadline.due_on) == (rule, due)


def test_decide_twice_is_refused(users, body, officers):
    case = staffed_case(users, body, officers)
    services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                         decided_on=D(2022, 4, 1), text="警告")
    with pytest.raises(FazhiError, match=refusal(services.DECISION_ALREADY, case=case.number, date="2022年4月1日")):
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=D(2022, 4, 2), text="警告")


def test_close_needs_a_decision_and_then_freezes_the_case(users, body, officers):
    case = staffed_case(users, body, officers)
    with pytest.raises(FazhiError) as refused:
        services.case_close(user=users["unit_staff"], case=case, closed_on=D(2022, 5, 1))
    assert refused.value.message == str(services.CLOSE_NOT_DECIDED) % {"case": case.number}
    services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                         decided_on=D(2022, 4, 1), text="警告")
    services.case_close(user=users["unit_staff"], case=case, closed_on=D(2022, 5, 1))
    closure = case.steps.get(kind=StepKind.CLOSURE)
    # The closure step takes its own record; nothing else may be added after closing.
    services.process_record_attach(user=users["unit_staff"], step=closure, kind=RecordKind.WRITTEN,
                                   file=ContentFile(b"closure report", name="c.txt"))
    with pytest.raises(FazhiError, match=refusal(services.CASE_CLOSED, case=case.number, date="2022年5月1日")):
        services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.SERVICE, happened_on=D(2022, 5, 2))
    with pytest.raises(FazhiError, match=refusal(services.CASE_CLOSED, case=case.number, date="2022年5月1日")):
        services.process_record_attach(user=users["unit_staff"], step=case.steps.get(kind=StepKind.FILING),
                                       kind=RecordKind.WRITTEN, file=ContentFile(b"late", name="l.txt"))


def test_a_closed_case_cannot_be_edited_and_a_decided_ones_party_is_locked(users, body, officers):
    case = staffed_case(users, body, officers)
    entity = MarketEntityFactory()
    services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                         decided_on=D(2022, 4, 1), text="警告")
    with pytest.raises(FazhiError) as refused:
        services.case_update(user=users["unit_staff"], case=case, expected_version=case.version,
                             party_entity=entity, party_name="")
    assert refused.value.message == str(services.CASE_PARTY_LOCKED) % {"case": case.number, "date": "2022年4月1日"}
    with pytest.raises(FazhiError):
        services.case_update(user=users["unit_staff"], case=case, expected_version=case.version,
                             party_name="李四")
    # The same party sent back unchanged, and the summary, may still be corrected.
    case = services.case_update(user=users["unit_staff"], case=case, expected_version=case.version,
                                party_name="张三丰", party_id_number=case.party_id_number.lower(),
                                summary="销售过期食品（更正）")
    assert case.summary == "销售过期食品（更正）"
    services.case_close(user=users["unit_staff"], case=case, closed_on=D(2022, 5, 1))
    with pytest.raises(FazhiError) as refused:
        services.case_update(user=users["unit_staff"], case=case, expected_version=case.version, summary="改")
    assert refused.value.message == str(services.CASE_CLOSED) % {"case": case.number, "date": "2022年5月1日"}
    assert EnforcementCase.objects.get(pk=case.pk).summary == "销售过期食品（更正）"


# --- the review covers the decision issued --------------------------------------------------


def test_the_decision_issued_must_be_the_one_reviewed(users, body, officers, criteria):
    case = staffed_case(users, body, officers)
    review = services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 5),
                                          approved=True, opinion="同意", decision_kind=DecisionKind.FINE,
                                          fine_amount="8000")
    assert (review.decision_kind, review.fine_amount) == (DecisionKind.FINE, Decimal("8000"))
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.LICENCE_REVOCATION,
                             decided_on=D(2022, 4, 10), text="吊销")
    assert refused.value.message == str(services.DECISION_KIND_NOT_REVIEWED) % {
        "date": "2022年4月5日", "approved": "罚款", "kind": "吊销许可证件"}
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.FINE,
                             fine_amount="20000", decided_on=D(2022, 4, 10), text="罚款20000元")
    assert refused.value.message == str(services.DECISION_FINE_OVER_REVIEWED) % {
        "date": "2022年4月5日", "approved": "8,000.00", "fine": "20,000.00"}
    case.refresh_from_db()
    assert case.decided_on is None
    # A lower fine than approved is covered by the review.
    case = services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.FINE,
                                fine_amount="6000", decided_on=D(2022, 4, 10), text="罚款6000元")
    assert case.fine_amount == Decimal("6000")


def test_a_review_names_a_valid_proposal(users, body):
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 5),
                                     approved=True, opinion="同意", decision_kind=DecisionKind.FINE)
    assert refused.value.message == str(services.DECISION_FINE_REQUIRED)
    assert not MajorDecisionReview.objects.exists()


# --- "other" major decisions, declared by a person ------------------------------------------


def test_a_declared_major_case_needs_the_review_before_deciding(users, body, officers):
    case = staffed_case(users, body, officers)
    assert not selectors.case_is_major(case, decision_kind=DecisionKind.WARNING)
    for role in ("officer", "leader"):
        with pytest.raises(FazhiError) as refused:
            services.case_declare_major(user=users[role], case=case, declared=True, reason="案情复杂")
        assert refused.value.message == str(services.DECLARE_MAJOR_ROLES_ONLY)
    with pytest.raises(FazhiError) as refused:
        services.case_declare_major(user=users["unit_staff"], case=case, declared=True, reason=" ")
    assert refused.value.message == str(services.REASON_REQUIRED)
    case = services.case_declare_major(user=users["unit_staff"], case=case, declared=True,
                                       reason="涉及多个法律关系，社会影响较大")
    assert case.history.first().history_change_reason == f"{services.MAJOR_DECLARED}：涉及多个法律关系，社会影响较大"
    # Whether or not the catalogue's OTHER row is enabled (there is none here).
    assert selectors.case_major_reasons(case, decision_kind=DecisionKind.WARNING) == [
        f"{MajorCriterionKind.OTHER.label}（涉及多个法律关系，社会影响较大）"]
    with pytest.raises(FazhiError, match=refusal(services.DECISION_MAJOR_NOT_REVIEWED)):
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=D(2022, 4, 10), text="警告")
    services.major_review_record(user=users["legal_office"], case=case, reviewed_on=D(2022, 4, 5), approved=True,
                                 opinion="同意", decision_kind=DecisionKind.WARNING)
    case = services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                decided_on=D(2022, 4, 10), text="警告")
    with pytest.raises(FazhiError) as refused:
        services.case_declare_major(user=users["legal_office"], case=case, declared=False, reason="撤回")
    assert refused.value.message == str(services.DECLARE_MAJOR_AFTER_DECISION) % {
        "case": case.number, "date": "2022年4月10日"}

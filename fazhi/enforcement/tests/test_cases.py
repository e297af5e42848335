"""Cases and the three systems: assignment, records with digests, major-decision review, publication."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from fazhi.accounts.tests.factories import UserFactory
from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.tests.samples import sample
from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.constants import (
    DEFAULT_LARGE_FINE_ENTITY,
    DEFAULT_LARGE_FINE_PERSON,
    CertificateStatus,
    DecisionKind,
    MajorCriterionKind,
    MatterKind,
    OverturnKind,
    RecordKind,
    StepKind,
)
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    DecisionPublication,
    EnforcementCase,
    MajorDecisionReview,
    ProcessRecord,
)
from fazhi.enforcement.tests.factories import (
    CertificateFactory,
    EnforcementBodyFactory,
    EnforcementMatterFactory,
    OfficerFactory,
    fake_id_number,
    far_future,
)
from fazhi.market_entities.tests.factories import MarketEntityFactory

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def body(units):
    return EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合行政执法")


@pytest.fixture
def officers(units):
    first = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name="赵一").officer
    second = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name="钱二").officer
    return first, second


@pytest.fixture
def criteria(db):
    rows = [
        (MajorCriterionKind.FINE_ENTITY, DEFAULT_LARGE_FINE_ENTITY),
        (MajorCriterionKind.FINE_PERSON, DEFAULT_LARGE_FINE_PERSON),
        (MajorCriterionKind.LICENCE_REVOCATION, None),
        (MajorCriterionKind.CLOSURE, None),
        (MajorCriterionKind.HEARING, None),
    ]
    return [services.major_criterion_set(user=None, kind=kind, fine_threshold=threshold,
                                         legal_source="行政处罚法 第五十八条") for kind, threshold in rows]


def open_case(user, body, **fields):
    values = {"kind": MatterKind.PENALTY, "summary": "销售过期食品", "opened_on": D(2022, 3, 1),
              "party_name": "张三丰", "party_id_number": fake_id_number(7)}
    values.update(fields)
    return services.case_open(user=user, body=body, **values)


def staffed_case(users, body, officers, **fields):
    case = open_case(users["unit_staff"], body, **fields)
    for officer in officers:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))
    return case


# --- opening and assigning ------------------------------------------------------------------


def test_open_records_filing_step_and_numbers_the_case(users, body):
    case = open_case(users["unit_staff"], body)
    assert case.number == "STR-A-2022-0001"
    assert list(case.steps.values_list("kind", "happened_on")) == [(StepKind.FILING, D(2022, 3, 1))]
    assert open_case(users["unit_staff"], body).number == "STR-A-2022-0002"


def test_open_takes_kind_from_matter_and_refuses_another_bodys_matter(users, body):
    matter = EnforcementMatterFactory(body=body, kind=MatterKind.PERMIT)
    assert open_case(users["unit_staff"], body, kind="", matter=matter).kind == MatterKind.PERMIT
    foreign = EnforcementMatterFactory(name="别家事项")
    with pytest.raises(FazhiError) as refused:
        open_case(users["unit_staff"], body, matter=foreign)
    assert refused.value.message == str(services.CASE_MATTER_OTHER_BODY) % {"matter": "别家事项", "body": body.name}


def test_open_in_another_unit_is_refused_and_leaves_nothing(users, units):
    other = EnforcementBodyFactory(org_unit=units["street_b"])
    with pytest.raises(PermissionDeniedError):
        open_case(users["unit_staff"], other)
    assert not EnforcementCase.objects.exists()
    assert not CaseStep.objects.exists()


def test_assign_officer_with_valid_certificate(users, body, officers):
    case = open_case(users["unit_staff"], body)
    assignment = services.case_assign_officer(user=users["unit_staff"], case=case, officer=officers[0],
                                              on=D(2022, 3, 2))
    assert assignment.certificate == officers[0].certificates.get()


def test_officer_role_may_assign_and_attach_within_own_unit(users, body, officers):
    case = open_case(users["officer"], body)
    services.case_assign_officer(user=users["officer"], case=case, officer=officers[0], on=D(2022, 3, 2))
    step = case.steps.get()
    record = services.process_record_attach(user=users["officer"], step=step, kind=RecordKind.WRITTEN,
                                            file=ContentFile(b"filing", name="f.txt"))
    assert record.created_by == users["officer"]
    assert record.history.first().history_user == users["officer"]


def test_assigning_an_officer_with_an_expired_certificate_is_refused(users, body, units):
    officer = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name="孙三", number="辽X-7",
                                 valid_from=D(2017, 4, 1), valid_until=D(2022, 2, 28)).officer
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))
    assert refused.value.message == (
        "不能指派孙三承办案件STR-A-2022-0001：孙三的执法证件（编号辽X-7）已于2022年2月28日到期失效。"
        "执法人员须在2022年3月2日持有有效的执法证件（行政处罚法 第四十二条）。"
    )
    assert not CaseOfficer.objects.exists()


@pytest.mark.parametrize(("status", "reason"), [(CertificateStatus.SUSPENDED, "已被暂扣"),
                                                (CertificateStatus.REVOKED, "已被注销")])
def test_assigning_a_suspended_or_revoked_holder_is_refused(users, body, units, status, reason):
    officer = CertificateFactory(officer__org_unit=units["street_a"], status=status).officer
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError, match=reason):
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))


def test_assigning_an_officer_without_certificate_is_refused(users, body, units):
    officer = OfficerFactory(org_unit=units["street_a"], full_name="周无证")
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError, match="周无证没有执法证件"):
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))


def test_assigning_twice_is_refused(users, body, officers):
    case = staffed_case(users, body, officers[:1])
    with pytest.raises(FazhiError) as refused:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officers[0], on=D(2022, 3, 3))
    assert refused.value.message == str(services.ASSIGN_DUPLICATE) % {"officer": "赵一", "case": case.number}


def test_reserved_steps_go_through_their_services(users, body):
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.DECISION, happened_on=D(2022, 4, 1))
    assert refused.value.message == str(services.STEP_RESERVED) % {"step": "决定", "action": "作出决定"}


def test_hearing_step_marks_case_heard(users, body):
    case = open_case(users["unit_staff"], body)
    services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.HEARING, happened_on=D(2022, 4, 1))
    case.refresh_from_db()
    assert case.had_hearing


def test_step_before_filing_is_refused(users, body):
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.INVESTIGATION,
                               happened_on=D(2022, 2, 1))
    assert refused.value.message == str(services.DATE_BEFORE_OPENED) % {"date": "2022年3月1日"}


# --- full-process records -------------------------------------------------------------------


def test_record_is_stored_with_digest_and_size(users, body):
    import hashlib

    case = open_case(users["unit_staff"], body)
    content = "询问笔录：当事人承认……".encode()
    record = services.process_record_attach(user=users["unit_staff"], step=case.steps.get(),
                                            kind=RecordKind.WRITTEN, file=ContentFile(content, name="询问笔录.PDF"))
    assert record.sha256 == hashlib.sha256(content).hexdigest()
    assert record.size == len(content)
    assert record.original_name == "询问笔录.PDF"
    assert record.file.name == f"process_records/{record.sha256[:2]}/{record.sha256}.pdf"
    with record.file.open("rb") as stored:
        assert stored.read() == content
    assert selectors.case_records_verify(case).ok


def test_same_content_is_stored_once(users, body):
    case = open_case(users["unit_staff"], body)
    step = case.steps.get()
    first = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.WRITTEN,
                                           file=ContentFile(sample("photo", "same"), name="a.png"))
    second = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.PHOTO,
                                            file=ContentFile(sample("photo", "same"), name="b.png"))
    assert first.file.name == second.file.name


def test_tampering_with_a_stored_file_is_detected(users, body):
    case = open_case(users["unit_staff"], body)
    step = case.steps.get()
    kept = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.WRITTEN,
                                          file=ContentFile(b"original statement", name="statement.txt"))
    edited = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.PHOTO,
                                            file=ContentFile(sample("photo", "photo"), name="photo.png"))
    with open(edited.file.path, "r+b") as stored:  # someone edits the file on the server
        stored.seek(0)
        stored.write(b"\x89PNG edit ")

    result = selectors.case_records_verify(case)

    assert not result.ok
    assert [check.record_id for check in result.tampered] == [edited.pk]
    assert result.tampered[0].actual_sha256 != edited.sha256
    assert [check.status for check in result.checks if check.record_id == kept.pk] == ["ok"]


def test_missing_file_is_reported(users, body):
    import os

    case = open_case(users["unit_staff"], body)
    record = services.process_record_attach(user=users["unit_staff"], step=case.steps.get(), kind=RecordKind.WRITTEN,
                                            file=ContentFile(b"x", name="x.txt"))
    os.remove(record.file.path)
    result = selectors.case_records_verify(case)
    assert [check.status for check in result.checks] == ["missing"]


def test_reupload_after_tampering_is_stored_anew(users, body):
    case = open_case(users["unit_staff"], body)
    step = case.steps.get()
    first = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.WRITTEN,
                                           file=ContentFile(sample("photo", "content"), name="c.png"))
    with open(first.file.path, "wb") as stored:
        stored.write(b"changed")
    second = services.process_record_attach(user=users["unit_staff"], step=step, kind=RecordKind.PHOTO,
                                            file=ContentFile(sample("photo", "content"), name="c.png"))
    assert second.file.name != first.file.name
    assert [c.status for c in selectors.case_records_verify(case).checks] == ["tampered", "ok"]


def test_empty_file_is_refused(users, body):
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        services.process_record_attach(user=users["unit_staff"], step=case.steps.get(), kind=RecordKind.WRITTEN,
                                       file=ContentFile(b"", name="empty.txt"))
    assert refused.value.message == str(services.RECORD_EMPTY)
    assert not ProcessRecord.objects.exists()


def test_records_of_another_units_case_are_refused(users, units):
    other = open_case(None, EnforcementBodyFactory(org_unit=units["street_b"]))
    with pytest.raises(PermissionDeniedError):
        services.process_record_attach(user=users["officer"], step=other.steps.get(), kind=RecordKind.WRITTEN,
                                       file=ContentFile(b"x", name="x.txt"))


def attach(user, case, kind, record_kinds=(RecordKind.WRITTEN,), on=None):
    step = case.steps.filter(kind=kind).last() or services.case_add_step(user=user, case=case, kind=kind,
                                                                         happened_on=on or D(2022, 3, 5))
    for record_kind in record_kinds:
        services.process_record_attach(user=user, step=step, kind=record_kind,
                                       file=ContentFile(sample(record_kind, f"{case.pk}-{kind}-{record_kind}"),
                                                        name="r.bin"))
    return step


def test_completeness_lists_what_is_missing(users, body):
    user = users["unit_staff"]
    case = open_case(user, body)
    attach(user, case, StepKind.FILING)
    attach(user, case, StepKind.INVESTIGATION, [RecordKind.WRITTEN])

    gaps = selectors.case_completeness(case)

    assert [gap.text for gap in gaps] == ["“调查取证”环节缺少音像记录"]
    attach(user, case, StepKind.INVESTIGATION, [RecordKind.AUDIO_VISUAL])
    assert selectors.case_completeness(case) == []


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
    assert selectors.case_major_reasons(entity_case, decision_kind=DecisionKind.WARNING) == ["经过听证程序"]


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
    assert "目前只有1名" in refused.value.message
    assert "孙三的执法证件（编号辽X-8）已于2022年3月31日到期失效" in refused.value.message


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
    with pytest.raises(FazhiError, match=r"2022年4月5日.*不通过"):
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
    with pytest.raises(FazhiError, match="不能重复作出"):
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
    with pytest.raises(FazhiError, match="已于2022年5月1日结案"):
        services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.SERVICE, happened_on=D(2022, 5, 2))
    with pytest.raises(FazhiError, match="已于2022年5月1日结案"):
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


# --- publication ----------------------------------------------------------------------------


def decided(users, body, officers, text=None, decided_on=None, **fields):
    case = staffed_case(users, body, officers, **fields)
    text = text or (f"当事人张三丰（身份证号码{case.party_id_number}，电话13912345678）销售过期食品，"
                    "依据《食品安全法》第一百二十四条，决定给予警告。")
    return services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                decided_on=decided_on or D(2022, 4, 1), text=text)


def test_publication_redacts_the_persons_data(users, body, officers):
    case = decided(users, body, officers)

    publication = services.decision_publish(user=users["legal_office"], case=case,
                                            published_on=D(2022, 4, 6), back_entry=True)

    for secret in ("张三丰", case.party_id_number, "13912345678"):
        assert secret not in publication.text
        assert secret not in publication.title
    assert "张某" in publication.text and "张某" in publication.title
    assert "《食品安全法》第一百二十四条" in publication.text
    published = list(selectors.portal_publications(year=2022))
    assert published == [publication]


def test_entity_party_keeps_its_registered_name(users, body, officers):
    entity = MarketEntityFactory(name="大连兴海商贸有限公司")
    case = decided(users, body, officers, party_name="", party_id_number="", party_entity=entity,
                   text=f"大连兴海商贸有限公司（{entity.uscc}）法定代表人电话13912345678，给予警告。")
    publication = services.decision_publish(user=users["legal_office"], case=case,
                                            published_on=D(2022, 4, 6), back_entry=True)
    assert "大连兴海商贸有限公司" in publication.title
    assert f"大连兴海商贸有限公司（{entity.uscc}）" in publication.text
    assert "13912345678" not in publication.text


def test_on_time_publication_completes_the_deadline(users, body, officers):
    case = decided(users, body, officers)
    services.decision_publish(user=users["legal_office"], case=case, published_on=D(2022, 4, 13), back_entry=True)
    deadline = deadlines_for_record(case).get()
    assert deadline.completed_on == D(2022, 4, 13)
    assert selectors.case_publication_status(case).status == "on_time"


def test_late_publication_shows_as_late(users, body, officers):
    case = decided(users, body, officers)  # due 2022-04-13
    services.decision_publish(user=users["legal_office"], case=case, published_on=D(2022, 4, 14), back_entry=True)
    status = selectors.case_publication_status(case)
    assert (status.status, status.label, status.due_on) == ("late", "逾期公示", D(2022, 4, 13))
    assert deadlines_for_record(case).get().completed_late


def test_unpublished_after_due_date_is_overdue(users, body, officers):
    case = decided(users, body, officers)
    assert selectors.case_publication_status(case, today=D(2022, 4, 13)).status == "pending"
    assert selectors.case_publication_status(case, today=D(2022, 4, 14)).status == "overdue"
    assert list(selectors.publications_overdue(today=D(2022, 4, 14))) == [case]
    assert list(selectors.publications_overdue(today=D(2022, 4, 13))) == []


def test_on_time_rate(users, body, officers):
    on_time = decided(users, body, officers)
    late = decided(users, body, officers)
    decided(users, body, officers)  # never published: overdue
    decided(users, body, officers, decided_on=D(2022, 12, 29))  # still within its period on 2023-01-04
    services.decision_publish(user=users["legal_office"], case=on_time, published_on=D(2022, 4, 2), back_entry=True)
    services.decision_publish(user=users["legal_office"], case=late, published_on=D(2022, 5, 2), back_entry=True)

    rate = selectors.publication_on_time_rate(start=D(2022, 1, 1), end=D(2022, 12, 31), today=D(2023, 1, 4))

    assert (rate.numerator, rate.denominator) == (1, 3)
    assert rate.percent_text == "33.3%"


def test_publish_twice_or_before_decision_is_refused(users, body, officers):
    case = decided(users, body, officers)
    with pytest.raises(FazhiError) as refused:
        services.decision_publish(user=users["legal_office"], case=case,
                                  published_on=D(2022, 3, 31), back_entry=True)
    assert refused.value.message == str(services.PUBLISH_BEFORE_DECISION) % {"date": "2022年4月1日"}
    services.decision_publish(user=users["legal_office"], case=case, published_on=D(2022, 4, 2), back_entry=True)
    with pytest.raises(FazhiError, match="已于2022年4月2日公示"):
        services.decision_publish(user=users["legal_office"], case=case,
                                  published_on=D(2022, 4, 3), back_entry=True)
    assert DecisionPublication.objects.count() == 1


def test_undecided_case_cannot_be_published(users, body):
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        services.decision_publish(user=users["legal_office"], case=case,
                                  published_on=D(2022, 4, 3), back_entry=True)
    assert refused.value.message == str(services.PUBLISH_NOT_DECIDED) % {"case": case.number}


def test_officer_role_cannot_publish(users, body, officers):
    case = decided(users, body, officers)
    with pytest.raises(PermissionDeniedError):
        services.decision_publish(user=users["officer"], case=case)
    assert deadlines_for_record(case).get().completed_on is None


# --- a decision changed or revoked: withdrawn within 3 working days (行政处罚法 第四十八条第二款) ----------


def _overturn(user, case, on=None, kind=OverturnKind.REVOKED):
    on = on or D(2022, 5, 9)
    return services.decision_overturn_record(user=user, case=case, kind=kind, overturned_on=on,
                                             document="大开复决字〔2022〕3号行政复议决定书")


def test_a_published_decision_revoked_is_withdrawn_within_three_working_days(users, body, officers, set_today):
    case = decided(users, body, officers)
    services.decision_publish(user=users["legal_office"], case=case, published_on=D(2022, 4, 6), back_entry=True)
    set_today(D(2022, 5, 10))
    with pytest.raises(FazhiError) as refused:  # nothing overturned: nothing to withdraw
        services.decision_withdraw(user=users["unit_staff"], case=case, reason="撤销")
    assert refused.value.message == str(services.WITHDRAW_NOT_OVERTURNED)
    _overturn(users["unit_staff"], case)  # Monday 9 May 2022
    deadline = selectors.case_withdrawal_due(case)
    assert deadline.due_on == D(2022, 5, 12)
    assert deadline.rule.unit == PeriodUnit.WORKING_DAYS
    with pytest.raises(FazhiError) as refused:
        services.decision_withdraw(user=users["unit_staff"], case=case, reason="  ")
    assert refused.value.message == str(services.WITHDRAW_REASON_REQUIRED)
    publication = services.decision_withdraw(
        user=users["unit_staff"], case=case, reason="经行政复议，对张三丰的警告决定被撤销（大开复决字〔2022〕3号）。")
    assert publication.withdrawn_on == D(2022, 5, 10)
    assert "张三丰" not in publication.withdrawal_reason and "张某" in publication.withdrawal_reason
    deadline.refresh_from_db()
    assert deadline.completed_on == D(2022, 5, 10)
    with pytest.raises(FazhiError, match="已于2022年5月10日撤回"):
        services.decision_withdraw(user=users["unit_staff"], case=case, reason="再次撤回")


def test_the_withdrawal_deadline_skips_a_holiday(users, body, officers, set_today):
    case = decided(users, body, officers)
    services.decision_publish(user=users["legal_office"], case=case, published_on=D(2022, 4, 6), back_entry=True)
    set_today(D(2022, 5, 1))
    _overturn(users["unit_staff"], case, on=D(2022, 4, 29))  # Friday before 劳动节 (30 April – 4 May 2022)
    # Working days (第八十五条): 5 May, 6 May and Saturday 7 May (a 调休 working day); three calendar days
    # would have ended on 2 May, inside the holiday.
    assert selectors.case_withdrawal_due(case).due_on == D(2022, 5, 7)


def test_a_decision_revoked_before_publication_is_no_longer_published(users, body, officers, set_today):
    case = decided(users, body, officers)
    set_today(D(2022, 4, 8))
    _overturn(users["legal_office"], case, on=D(2022, 4, 8), kind=OverturnKind.CHANGED)
    with pytest.raises(FazhiError) as refused:
        services.decision_publish(user=users["legal_office"], case=case)
    assert refused.value.message == str(services.PUBLISH_OVERTURNED) % {
        "case": case.number, "date": "2022年4月8日", "kind": "变更"}
    assert not DecisionPublication.objects.exists()
    # Its publication period ends there: not overdue, not counted in the on-time rate, nothing to withdraw.
    set_today(D(2022, 6, 1))
    assert selectors.case_publication_status(case).status == "overturned"
    assert list(selectors.publications_overdue()) == []
    assert selectors.publication_on_time_rate(start=D(2022, 1, 1), end=D(2022, 12, 31)).denominator == 0
    assert selectors.case_withdrawal_due(case) is None


def test_an_overturn_needs_a_decision_a_date_after_it_and_a_document(users, body, officers, set_today):
    set_today(D(2022, 5, 10))
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError) as refused:
        _overturn(users["unit_staff"], case)
    assert refused.value.message == str(services.OVERTURN_NOT_DECIDED) % {"case": case.number}
    case = decided(users, body, officers)
    with pytest.raises(FazhiError, match="不能早于决定日期"):
        _overturn(users["unit_staff"], case, on=D(2022, 3, 31))
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        _overturn(users["unit_staff"], case, on=D(2022, 5, 11))
    with pytest.raises(FazhiError) as refused:
        services.decision_overturn_record(user=users["unit_staff"], case=case, kind=OverturnKind.REVOKED,
                                          overturned_on=D(2022, 5, 9), document=" ")
    assert refused.value.message == str(services.OVERTURN_DOCUMENT_REQUIRED)
    with pytest.raises(PermissionDeniedError):
        _overturn(users["officer"], case)
    with pytest.raises(PermissionDeniedError):  # another street's staff
        _overturn(users["unit_staff_b"], case)
    assert not case.overturns.exists()


# --- dates: no pre-dated acts, no back-dated publication ------------------------------------


def test_acts_dated_in_the_future_are_refused(users, body, officers):
    tomorrow = clock.today() + dt.timedelta(days=1)
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        open_case(users["unit_staff"], body, opened_on=tomorrow)
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officers[0], on=tomorrow)
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.INVESTIGATION, happened_on=tomorrow)
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        services.major_review_record(user=users["legal_office"], case=case, reviewed_on=tomorrow, approved=True,
                                     opinion="同意", decision_kind=DecisionKind.WARNING)
    for officer in officers:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=tomorrow, text="警告")
    case = services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                decided_on=D(2022, 4, 1), text="警告")
    with pytest.raises(FazhiError, match="只能记录已经发生的办案活动"):
        services.case_close(user=users["unit_staff"], case=case, closed_on=tomorrow)
    assert case.steps.count() == 2  # filing and decision only


def test_publication_is_dated_today_and_a_back_dated_one_is_refused(users, body, officers):
    case = decided(users, body, officers)
    with pytest.raises(FazhiError) as refused:
        services.decision_publish(user=users["unit_staff"], case=case, published_on=D(2022, 4, 2))
    assert refused.value.message == str(services.PUBLISH_NOT_TODAY) % {
        "today": cn_date(clock.today()), "date": "2022年4月2日"}
    # 补录 of a historical file is the legal-affairs office's, not the unit's.
    with pytest.raises(FazhiError) as refused:
        services.decision_publish(user=users["unit_staff"], case=case, published_on=D(2022, 4, 2), back_entry=True)
    assert refused.value.message == str(services.BACK_ENTRY_LEGAL_OFFICE_ONLY)
    assert not DecisionPublication.objects.filter(case=case).exists()
    publication = services.decision_publish(user=users["unit_staff"], case=case)
    assert publication.published_on == clock.today()
    assert selectors.case_publication_status(case).status == "late"


# --- late entry and 补录 -------------------------------------------------------------------


@pytest.fixture
def lapsed_since(units):
    """Two officers who could act in 2022 but whose certificates ran out at the end of 2022."""
    return [CertificateFactory(officer__org_unit=units["street_a"], officer__full_name=name, number=number,
                               valid_until=D(2022, 12, 31)).officer
            for name, number in (("周五", "辽L-1"), ("吴六", "辽L-2"))]


def test_an_old_assignment_needs_a_certificate_valid_today_unless_entered_as_back_entry(users, body, lapsed_since):
    case = open_case(users["unit_staff"], body)
    officer = lapsed_since[0]
    with pytest.raises(FazhiError) as refused:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))
    today = clock.today()
    assert refused.value.message == str(services.ASSIGN_LATE_ENTRY) % {
        "officer": "周五", "case": case.number, "date": "2022年3月2日", "days": services.LATE_ENTRY_DAYS,
        "today": cn_date(today), "reason": "周五的执法证件（编号辽L-1）已于2022年12月31日到期失效"}
    with pytest.raises(FazhiError) as refused:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2),
                                     back_entry=True)
    assert refused.value.message == str(services.BACK_ENTRY_LEGAL_OFFICE_ONLY)
    with pytest.raises(FazhiError, match=str(services.BACK_ENTRY_LEGAL_OFFICE_ONLY)):
        services.case_assign_officer(user=users["admin"], case=case, officer=officer, on=D(2022, 3, 2),
                                     back_entry=True)
    assert not CaseOfficer.objects.filter(case=case).exists()
    assignment = services.case_assign_officer(user=users["legal_office"], case=case, officer=officer,
                                              on=D(2022, 3, 2), back_entry=True)
    assert assignment.history.first().history_change_reason.startswith("补录")


def test_a_recent_act_may_be_entered_late_by_the_unit(users, body, units):
    today = clock.today()
    officer = CertificateFactory(officer__org_unit=units["street_a"], valid_until=today - dt.timedelta(days=3)).officer
    case = open_case(users["unit_staff"], body, opened_on=today - dt.timedelta(days=20))
    # Within LATE_ENTRY_DAYS: the certificate held on the day of the act is enough.
    services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer,
                                 on=today - dt.timedelta(days=10))
    assert CaseOfficer.objects.filter(case=case, officer=officer).exists()


def test_an_old_decision_needs_officers_valid_today_unless_entered_as_back_entry(users, body, lapsed_since):
    case = open_case(users["unit_staff"], body)
    for officer in lapsed_since:
        services.case_assign_officer(user=None, case=case, officer=officer, on=D(2022, 3, 2), back_entry=True)
    with pytest.raises(FazhiError) as refused:
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=D(2022, 4, 10), text="警告")
    assert "目前只有0名" in refused.value.message
    assert "执法人员还须在录入之日" in refused.value.message
    with pytest.raises(FazhiError, match=str(services.BACK_ENTRY_LEGAL_OFFICE_ONLY)):
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=D(2022, 4, 10), text="警告", back_entry=True)
    case.refresh_from_db()
    assert case.decided_on is None
    case = services.case_decide(user=users["legal_office"], case=case, decision_kind=DecisionKind.WARNING,
                                decided_on=D(2022, 4, 10), text="警告", back_entry=True)
    assert case.decided_on == D(2022, 4, 10)
    assert case.history.first().history_change_reason.startswith("补录")


# --- the acting officer's own certificate ---------------------------------------------------


def test_an_officer_without_a_valid_certificate_today_may_not_act(users, body, officers, units):
    user = users["officer"]
    me = CertificateFactory(officer__org_unit=units["street_a"], officer__user=user, officer__full_name="冯七",
                            number="辽ME-1", valid_until=D(2022, 12, 31)).officer
    case = staffed_case(users, body, officers)
    step = case.steps.get(kind=StepKind.FILING)
    expected = str(services.ACTING_OFFICER_UNCERTIFIED) % {
        "today": cn_date(clock.today()),
        "reason": "冯七的执法证件（编号辽ME-1）已于2022年12月31日到期失效"}
    attempts = [
        lambda: open_case(user, body),
        lambda: services.case_add_step(user=user, case=case, kind=StepKind.INVESTIGATION, happened_on=D(2022, 3, 5)),
        lambda: services.process_record_attach(user=user, step=step, kind=RecordKind.WRITTEN,
                                               file=ContentFile(b"notes", name="n.txt")),
        lambda: services.case_decide(user=user, case=case, decision_kind=DecisionKind.WARNING,
                                     decided_on=D(2022, 4, 1), text="警告"),
    ]
    for attempt in attempts:
        with pytest.raises(FazhiError) as refused:
            attempt()
        assert refused.value.message == expected
    assert EnforcementCase.objects.count() == 1 and case.steps.count() == 1 and not ProcessRecord.objects.exists()
    # Once renewed, the same officer may act.
    CertificateFactory(officer=me, number="辽ME-2", valid_from=D(2023, 1, 1), valid_until=far_future())
    services.case_add_step(user=user, case=case, kind=StepKind.INVESTIGATION, happened_on=D(2022, 3, 5))


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
    assert case.history.first().history_change_reason == "认定为重大执法决定：涉及多个法律关系，社会影响较大"
    # Whether or not the catalogue's OTHER row is enabled (there is none here).
    assert selectors.case_major_reasons(case, decision_kind=DecisionKind.WARNING) == [
        "其他重大执法决定（涉及多个法律关系，社会影响较大）"]
    with pytest.raises(FazhiError, match="须经法制机构审核通过后才能作出"):
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

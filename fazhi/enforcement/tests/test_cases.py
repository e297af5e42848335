"""Cases: opening, assignment, steps, full-process records with digests, completeness, late entry."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.files import FILE_EMPTY
from fazhi.core.tests.messages import message_pattern
from fazhi.core.tests.samples import sample
from fazhi.enforcement import selectors, services
from fazhi.enforcement.constants import DecisionKind, MatterKind, RecordKind, StepKind
from fazhi.enforcement.models import CaseOfficer, CaseStep, EnforcementCase, ProcessRecord
from fazhi.enforcement.selectors.cases import GAP_RECORD_MISSING
from fazhi.enforcement.tests.cases_setup import D, attach, open_case, refusal, staffed_case
from fazhi.enforcement.tests.factories import EnforcementBodyFactory, EnforcementMatterFactory
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.selectors import OFFICER_NO_CERTIFICATE
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, far_future


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
    with pytest.raises(FazhiError, match=refusal(OFFICER_NO_CERTIFICATE, officer="周无证")):
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
    assert refused.value.message == str(services.STEP_RESERVED) % {
        "step": StepKind.DECISION.label, "action": services.cases._RESERVED_STEPS[StepKind.DECISION]}


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
    assert refused.value.message == str(FILE_EMPTY)
    assert not ProcessRecord.objects.exists()


def test_records_of_another_units_case_are_refused(users, units):
    other = open_case(None, EnforcementBodyFactory(org_unit=units["street_b"]))
    with pytest.raises(PermissionDeniedError):
        services.process_record_attach(user=users["officer"], step=other.steps.get(), kind=RecordKind.WRITTEN,
                                       file=ContentFile(b"x", name="x.txt"))



def test_completeness_lists_what_is_missing(users, body):
    user = users["unit_staff"]
    case = open_case(user, body)
    attach(user, case, StepKind.FILING)
    attach(user, case, StepKind.INVESTIGATION, [RecordKind.WRITTEN])

    gaps = selectors.case_completeness(case)

    assert [gap.text for gap in gaps] == [
        str(GAP_RECORD_MISSING) % {"step": StepKind.INVESTIGATION.label, "kind": RecordKind.AUDIO_VISUAL.label}]
    attach(user, case, StepKind.INVESTIGATION, [RecordKind.AUDIO_VISUAL])
    assert selectors.case_completeness(case) == []


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
    assert re.fullmatch(message_pattern(services.DECISION_TOO_FEW_OFFICERS, case=case.number, min=2, n=0),
                        refused.value.message)
    assert re.search(message_pattern(services.LATE_ENTRY_PROBLEM, anchored=False, days=services.LATE_ENTRY_DAYS,
                                     today=cn_date(clock.today())), refused.value.message)
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



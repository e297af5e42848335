"""行政复议 on the respondent's side: the answer in working days, the decision period and its one extension, the
outcome and its closed loop to the enforcement case, the 意见书 and its correction report, permissions, the desk and
the report section."""

import datetime as dt

import pytest

from fazhi.core.dates import DATE_BEFORE
from fazhi.core.exceptions import FazhiError, PermissionDeniedError
from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.constants import DecisionKind, OverturnKind
from fazhi.enforcement.models import DecisionOverturn
from fazhi.enforcement.services.messages import CHALLENGED_CASE_OF_ANOTHER_UNIT
from fazhi.enforcement.tests.cases_setup import refusal, staffed_case
from fazhi.enforcement.tests.conftest import body, officers  # noqa: F401  (fixtures)
from fazhi.reconsideration import permissions, report, selectors, services
from fazhi.reconsideration.constants import Outcome
from fazhi.reconsideration.deadline_rules import ANSWER, DOCUMENT_ANSWER, OPINION_REPORT
from fazhi.reconsideration.lifecycle import Status
from fazhi.reconsideration.tests.factories import reconsideration

D = dt.date


@pytest.fixture
def case(units):
    return reconsideration(units["street_a"], received_on=D(2022, 9, 28))  # before the National Day week


def test_the_answer_is_due_in_ten_working_days_and_five_in_the_simple_procedure(units, case):
    # 行政复议法 第八十八条第二款: 十日 are working days; 1–7 October 2022 were days off (8 and 9 October worked).
    assert ANSWER.unit == DOCUMENT_ANSWER.unit == PeriodUnit.WORKING_DAYS
    assert OPINION_REPORT.unit == PeriodUnit.CALENDAR_DAYS  # 六十日 is not on the list
    assert case.answer_due_on == D(2022, 10, 17)
    assert deadlines_for_record(case).get(rule_code=ANSWER.code).due_on == D(2022, 10, 17)
    simple = reconsideration(units["street_a"], received_on=D(2022, 9, 28), simple_procedure=True)
    assert simple.answer_due_on == D(2022, 10, 10)
    # Accepted 25 September: 60 days (normal) end Thursday 24 November; 30 days (simple) end Tuesday 25 October.
    assert (case.decision_due_on, simple.decision_due_on) == (D(2022, 11, 24), D(2022, 10, 25))


def test_a_late_answer_is_recorded_as_late(users, case):
    services.reconsideration_answer(user=users["unit_staff"], reconsideration=case, answered_on=D(2022, 10, 18))
    case.refresh_from_db()
    assert (case.status, case.answer_on_time) == (Status.ANSWERED, False)
    assert deadlines_for_record(case).get(rule_code=ANSWER.code).completed_on == D(2022, 10, 18)


def test_dates_after_today_or_in_the_wrong_order_are_refused_and_change_nothing(users, units, case, set_today):
    set_today(D(2022, 10, 10))
    for day in (D(2022, 10, 11), D(2022, 9, 27)):
        with pytest.raises(FazhiError):
            services.reconsideration_answer(user=users["unit_staff"], reconsideration=case, answered_on=day)
    case.refresh_from_db()
    assert (case.status, case.answered_on) == (Status.RECEIVED, None)
    with pytest.raises(FazhiError, match=refusal(DATE_BEFORE)):  # the copy before the acceptance
        reconsideration(units["street_a"], received_on=D(2022, 9, 1), accepted_on=D(2022, 9, 2))


def test_one_extension_of_at_most_thirty_days_and_none_in_the_simple_procedure(users, units, case):
    staff = users["unit_staff"]
    assert not permissions.may_extend(staff, case)  # to be answered first
    services.reconsideration_answer(user=staff, reconsideration=case, answered_on=D(2022, 10, 10))
    case.refresh_from_db()
    for day in (D(2022, 11, 24), D(2022, 12, 25)):
        with pytest.raises(FazhiError, match=refusal(services.EXTENSION_OUT_OF_RANGE)):
            services.reconsideration_extend(user=staff, reconsideration=case, extended_to=day)
    services.reconsideration_extend(user=staff, reconsideration=case, extended_to=D(2022, 12, 24))
    case.refresh_from_db()
    assert case.effective_decision_due_on == D(2022, 12, 24)
    assert not permissions.may_extend(staff, case)
    with pytest.raises(FazhiError, match=refusal(services.EXTENDED_ALREADY)):
        services.reconsideration_extend(user=staff, reconsideration=case, extended_to=D(2022, 12, 20))
    simple = reconsideration(units["street_a"], simple_procedure=True)
    services.reconsideration_answer(user=staff, reconsideration=simple, answered_on=D(2022, 3, 3))
    simple.refresh_from_db()
    assert not permissions.may_extend(staff, simple)
    with pytest.raises(FazhiError, match=refusal(services.SIMPLE_NOT_EXTENDED)):
        services.reconsideration_extend(user=staff, reconsideration=simple, extended_to=D(2022, 4, 10))


def test_a_decision_without_an_answer_ends_the_answers_deadline(users, case):
    services.reconsideration_decide(user=users["unit_staff"], reconsideration=case, outcome=Outcome.REVOKED,
                                    document="大政复决字〔2022〕9号", decided_on=D(2022, 11, 1))
    case.refresh_from_db()
    assert (case.status, case.corrected) == (Status.DECIDED, True)
    deadline = deadlines_for_record(case).get(rule_code=ANSWER.code)
    assert deadline.archived_on is not None and deadline.completed_on is None


def test_another_unit_a_leader_and_an_officer_may_not_act(users, case):
    for role in ("unit_staff_b", "leader", "officer"):
        assert not permissions.may_answer(users[role], case)
        assert not permissions.may_receive_opinion(users[role], case)
        with pytest.raises(PermissionDeniedError):
            services.reconsideration_answer(user=users[role], reconsideration=case, answered_on=D(2022, 10, 10))
        with pytest.raises(PermissionDeniedError):
            services.reconsideration_opinion(user=users[role], reconsideration=case, document="意见书")


def test_a_correction_is_recorded_on_the_enforcement_case_reviewed(users, units, body, officers):  # noqa: F811
    enforcement_case = staffed_case(users, body, officers)
    enforcement_case = enforcement.case_decide(
        user=users["unit_staff"], case=enforcement_case, decision_kind=DecisionKind.WARNING, decided_on=D(2022, 4, 1),
        text="依据《食品安全法》第一百二十四条，决定给予警告。")
    with pytest.raises(FazhiError, match=refusal(CHALLENGED_CASE_OF_ANOTHER_UNIT)):
        reconsideration(units["street_b"], received_on=D(2022, 5, 6), enforcement_case=enforcement_case)
    staff = users["unit_staff"]
    case = reconsideration(units["street_a"], received_on=D(2022, 5, 6), enforcement_case=enforcement_case)
    services.reconsideration_decide(user=staff, reconsideration=case, outcome=Outcome.CHANGED,
                                    document="大政复决字〔2022〕11号", decided_on=D(2022, 6, 30))
    overturn = DecisionOverturn.objects.get(case=enforcement_case)
    assert (overturn.kind, overturn.overturned_on) == (OverturnKind.CHANGED, D(2022, 6, 30))
    upheld = reconsideration(units["street_a"], received_on=D(2022, 5, 7), enforcement_case=enforcement_case)
    services.reconsideration_decide(user=staff, reconsideration=upheld, outcome=Outcome.UPHELD,
                                    document="大政复决字〔2022〕12号", decided_on=D(2022, 7, 1))
    assert DecisionOverturn.objects.filter(case=enforcement_case).count() == 1


def test_an_opinion_asks_for_a_correction_report_within_sixty_days(users, case):
    staff = users["unit_staff"]
    assert not permissions.may_report_opinion(staff, case)
    with pytest.raises(FazhiError, match=refusal(services.NO_OPINION)):
        services.reconsideration_opinion_report(user=None, reconsideration=case, report="已纠正")
    services.reconsideration_opinion(user=staff, reconsideration=case, document="大政复意字〔2022〕2号",
                                     received_on=D(2022, 10, 10))
    case.refresh_from_db()
    assert case.opinion_report_due_on == D(2022, 12, 9)  # 60 calendar days (第七十六条)
    assert deadlines_for_record(case).get(rule_code=OPINION_REPORT.code).completed_on is None
    with pytest.raises(FazhiError, match=refusal(services.REPORT_REQUIRED)):
        services.reconsideration_opinion_report(user=staff, reconsideration=case, report=" ")
    services.reconsideration_opinion_report(user=staff, reconsideration=case, report="已重新核定并书面报送",
                                            reported_on=D(2022, 11, 30))
    case.refresh_from_db()
    assert deadlines_for_record(case).get(rule_code=OPINION_REPORT.code).completed_on == D(2022, 11, 30)
    assert not permissions.may_report_opinion(staff, case) and not permissions.may_receive_opinion(staff, case)


def test_the_desk_shows_answers_due_overdue_and_reports_to_make(users, units, case):
    today = D(2022, 10, 18)
    reconsideration(units["street_a"], received_on=D(2022, 10, 13))
    services.reconsideration_opinion(user=None, reconsideration=case, document="意见书", received_on=D(2022, 10, 10))
    tallies = {str(t.title): t.count for t in selectors.work_queue(users["unit_staff"], today)}
    assert tallies == {"待书面答复的行政复议案件": 2, "书面答复已逾期的行政复议案件": 1,
                       "待报送意见书纠正情况的行政复议案件": 1}
    assert selectors.work_queue(users["leader"], today) == []


def test_the_report_counts_cases_and_corrections(users, units, case):
    section = report.report_section(2022)
    assert section.figure("被申请行政复议案件").value == 1 and section.figure("行政复议纠错率").value is None
    other = reconsideration(units["street_a"], received_on=D(2022, 9, 29))
    services.reconsideration_decide(user=None, reconsideration=case, outcome=Outcome.PERFORM, document="决定书",
                                    decided_on=D(2022, 11, 1))
    services.reconsideration_decide(user=None, reconsideration=other, outcome=Outcome.DISMISSED, document="决定书",
                                    decided_on=D(2022, 11, 1))
    section = report.report_section(2022)
    assert [section.figure(label).value for label in ("被申请行政复议案件", "行政复议纠错", "行政复议纠错率")] == \
        [2, 1, 50.0]
    assert report.report_section(2022, unit=units["street_b"]).figure("被申请行政复议案件").value == 0


def test_a_normative_document_reviewed_alongside_is_answered_within_ten_working_days(users, units, case, client):
    from django.urls import reverse

    from fazhi.api.tests.clients import client as api_client
    from fazhi.api.tests.clients import post
    from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_in_force

    draft = NormativeDocumentFactory(drafting_unit=units["dept_a"])
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["dept_a"]))
    staff = users["unit_staff"]
    with pytest.raises(FazhiError, match=refusal(services.NO_DOCUMENT_REVIEW)):
        services.reconsideration_document_answer(user=staff, reconsideration=case)
    with pytest.raises(FazhiError, match=refusal(services.DOCUMENT_NOT_IN_FORCE)):
        services.reconsideration_document_review(user=staff, reconsideration=case, document=draft)
    # Through the API, as the respondent unit: notice on Friday 30 September 2022, before the National Day week.
    response = post(api_client(staff), f"/api/reconsideration/cases/{case.pk}/document-review",
                    {"document": document.pk, "notice_on": "2022-09-30"})
    assert response.status_code == 200, response.content
    assert response.json()["document_answer_due_on"] == "2022-10-19"  # 10 working days (第五十八条、第八十八条第二款)
    case.refresh_from_db()
    deadline = deadlines_for_record(case).get(rule_code=DOCUMENT_ANSWER.code)
    assert (deadline.org_unit, deadline.due_on) == (document.issuer, D(2022, 10, 19))  # the issuing organ's
    assert list(document.reconsideration_reviews.all()) == [case]
    assert not permissions.may_record_document_review(staff, case)
    services.reconsideration_document_answer(user=staff, reconsideration=case, answered_on=D(2022, 10, 18))
    case.refresh_from_db()
    assert deadlines_for_record(case).get(rule_code=DOCUMENT_ANSWER.code).completed_on == D(2022, 10, 18)
    assert not permissions.may_answer_document_review(staff, case)
    client.force_login(staff)
    assert document.title in client.get(reverse("reconsideration:cases:detail", args=[case.pk])).content.decode()


def test_the_written_answer_is_drafted_from_the_case_and_the_enforcement_case(users, units, body, officers,  # noqa: F811
                                                                                client):
    import io

    from django.urls import reverse
    from docx import Document

    from fazhi.enforcement.constants import StepKind
    from fazhi.enforcement.tests.cases_setup import attach

    enforcement_case = staffed_case(users, body, officers)
    attach(users["unit_staff"], enforcement_case, StepKind.INVESTIGATION, on=D(2022, 3, 5))
    enforcement_case = enforcement.case_decide(
        user=users["unit_staff"], case=enforcement_case, decision_kind=DecisionKind.WARNING, decided_on=D(2022, 4, 1),
        text="依据《食品安全法》第一百二十四条，决定给予警告。")
    case = reconsideration(units["street_a"], received_on=D(2022, 5, 6), enforcement_case=enforcement_case,
                           simple_procedure=True, applicant="张三丰")
    url = reverse("reconsideration:answer_draft", args=[case.pk])
    client.force_login(users["unit_staff"])
    response = client.get(url)
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    record = enforcement_case.steps.get(kind=StepKind.INVESTIGATION).records.first()
    for expected in ("行政复议答复书", "申请人：张三丰", case.number, "第五十四条第一款",
                     "2022年5月6日收到行政复议申请书副本", enforcement_case.number, "答复人办理本案的程序",
                     record.original_name, "大连市人民政府"):
        assert expected in text, expected
    client.force_login(users["unit_staff_b"])
    assert client.get(url).status_code == 404

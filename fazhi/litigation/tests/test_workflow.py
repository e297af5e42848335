"""行政诉讼: the defence deadline, hearings and who appeared, the outcome and its closed loop to the enforcement case,
the permissions, the desk and the report section."""

import datetime as dt

import pytest

from fazhi.core.dates import DATE_IN_FUTURE
from fazhi.core.exceptions import FazhiError, PermissionDeniedError
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.constants import DecisionKind, OverturnKind
from fazhi.enforcement.models import DecisionOverturn
from fazhi.enforcement.services.messages import CHALLENGED_CASE_NOT_DECIDED, CHALLENGED_CASE_OF_ANOTHER_UNIT
from fazhi.enforcement.tests.cases_setup import refusal, staffed_case
from fazhi.enforcement.tests.conftest import body, officers  # noqa: F401  (fixtures)
from fazhi.litigation import permissions, report, selectors, services
from fazhi.litigation.constants import Outcome
from fazhi.litigation.deadline_rules import DEFENCE
from fazhi.litigation.lifecycle import LIFECYCLE, Status
from fazhi.litigation.tests.factories import heard, lawsuit

D = dt.date


@pytest.fixture
def litigation(units):
    return lawsuit(units["street_a"], received_on=D(2022, 3, 5))


def test_the_defence_is_due_fifteen_days_after_the_complaint_copy(users, litigation):
    # 5 March 2022 + 15 days = Sunday 20 March: the period ends on the next working day (民法典 第二百零三条).
    assert litigation.defence_due_on == D(2022, 3, 21)
    deadline = deadlines_for_record(litigation).get(rule_code=DEFENCE.code)
    assert (deadline.due_on, deadline.completed_on) == (D(2022, 3, 21), None)
    services.litigation_defend(user=users["unit_staff"], litigation=litigation, filed_on=D(2022, 3, 22))
    litigation.refresh_from_db()
    assert (litigation.status, litigation.defence_on_time) == (Status.DEFENDED, False)  # late, recorded as late
    assert deadlines_for_record(litigation).get().completed_on == D(2022, 3, 22)


def test_dates_after_today_or_before_the_complaint_are_refused_and_change_nothing(users, litigation, set_today):
    set_today(D(2022, 3, 10))
    for day in (D(2022, 3, 11), D(2022, 3, 4)):
        with pytest.raises(FazhiError):
            services.litigation_defend(user=users["unit_staff"], litigation=litigation, filed_on=day)
    litigation.refresh_from_db()
    assert (litigation.status, litigation.defence_filed_on) == (Status.RECEIVED, None)
    with pytest.raises(FazhiError, match=refusal(DATE_IN_FUTURE)):
        lawsuit(litigation.defendant_unit, received_on=D(2022, 3, 11))


def test_a_hearing_records_the_head_or_the_reason_and_the_staff_sent(users, litigation):
    staff = users["unit_staff"]
    services.litigation_defend(user=staff, litigation=litigation, filed_on=D(2022, 3, 10))
    litigation.refresh_from_db()
    cases = [({"head_appeared": True, "head_name": "李主任"}, services.HEAD_DETAILS_REQUIRED),
             ({"head_appeared": False, "absence_reason": "official_duty"}, services.ABSENCE_DETAILS_REQUIRED),
             ({"head_appeared": True, "head_name": "李主任", "head_title": "主任", "absence_reason": "accident"},
              services.ABSENCE_DETAILS_WITH_HEAD)]
    for fields, message in cases:
        with pytest.raises(FazhiError, match=refusal(message)):
            services.litigation_hearing(user=staff, litigation=litigation, hearing_on=D(2022, 4, 1), **fields)
    assert litigation.appearances.count() == 0
    with pytest.raises(FazhiError, match=refusal(services.HEARING_BEFORE_DEFENCE)):
        services.litigation_hearing(user=staff, litigation=litigation, hearing_on=D(2022, 3, 9), head_appeared=True,
                                    head_name="李主任", head_title="主任")
    services.litigation_hearing(user=staff, litigation=litigation, hearing_on=D(2022, 4, 1), head_appeared=False,
                                absence_reason="official_duty", staff_name="张科员")
    assert litigation.appearances.get().staff_name == "张科员"


def test_no_hearing_before_the_defence_and_nothing_after_the_close(users, litigation):
    staff = users["unit_staff"]
    assert LIFECYCLE.actions_from(litigation.status) == ["defend"]
    assert not permissions.may_hear(staff, litigation) and not permissions.may_close(staff, litigation)
    with pytest.raises(FazhiError):
        services.litigation_close(user=staff, litigation=litigation, outcome=Outcome.RULED_WITHDRAWN, document="裁定书")
    litigation = heard(litigation, user=staff)
    services.litigation_close(user=staff, litigation=litigation, outcome=Outcome.RULED_WITHDRAWN,
                              document="（2022）辽0291行初1号行政裁定书", closed_on=D(2022, 5, 1))
    litigation.refresh_from_db()
    assert (litigation.status, litigation.lost) == (Status.CLOSED, False)
    assert LIFECYCLE.actions_from(litigation.status) == []
    with pytest.raises(FazhiError):
        services.litigation_hearing(user=staff, litigation=litigation, hearing_on=D(2022, 5, 2), head_appeared=True,
                                    head_name="李主任", head_title="主任")


def test_another_unit_a_leader_and_an_officer_may_not_act(users, litigation):
    for role in ("unit_staff_b", "leader", "officer"):
        assert not permissions.may_defend(users[role], litigation)
        with pytest.raises(PermissionDeniedError):
            services.litigation_defend(user=users[role], litigation=litigation, filed_on=D(2022, 3, 10))
    with pytest.raises(PermissionDeniedError):
        lawsuit(litigation.defendant_unit, user=users["unit_staff_b"])


def _decided_case(users, body, officers):  # noqa: F811
    case = staffed_case(users, body, officers)
    return enforcement.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                   decided_on=D(2022, 4, 1), text="依据《食品安全法》第一百二十四条，决定给予警告。")


def test_a_lost_case_is_recorded_on_the_enforcement_case_it_judged(users, units, body, officers):  # noqa: F811
    case = _decided_case(users, body, officers)
    staff = users["unit_staff"]
    litigation = heard(lawsuit(units["street_a"], received_on=D(2022, 4, 20), enforcement_case=case), user=staff)
    services.litigation_close(user=staff, litigation=litigation, outcome=Outcome.JUDGED_REVOKED,
                              document="（2022）辽0291行初3号行政判决书", closed_on=D(2022, 6, 1))
    overturn = DecisionOverturn.objects.get(case=case)
    assert (overturn.kind, overturn.overturned_on) == (OverturnKind.REVOKED, D(2022, 6, 1))
    assert litigation.case_number in overturn.note
    dismissed = heard(lawsuit(units["street_a"], received_on=D(2022, 4, 21), enforcement_case=case), user=staff)
    services.litigation_close(user=staff, litigation=dismissed, outcome=Outcome.JUDGED_DISMISSED,
                              document="（2022）辽0291行初4号行政判决书", closed_on=D(2022, 6, 2))
    assert DecisionOverturn.objects.filter(case=case).count() == 1  # a dismissed claim changes nothing


def test_the_enforcement_case_must_be_the_defendants_and_decided(users, units, body, officers):  # noqa: F811
    undecided = staffed_case(users, body, officers)
    with pytest.raises(FazhiError, match=refusal(CHALLENGED_CASE_NOT_DECIDED, case=undecided.number)):
        lawsuit(units["street_a"], enforcement_case=undecided)
    decided = _decided_case(users, body, officers)
    with pytest.raises(FazhiError, match=refusal(CHALLENGED_CASE_OF_ANOTHER_UNIT)):
        lawsuit(units["street_b"], enforcement_case=decided)


def test_an_appeal_names_its_first_instance_of_the_same_defendant(units, litigation):
    with pytest.raises(FazhiError, match=refusal(services.APPEAL_WITHOUT_ORIGINAL)):
        lawsuit(units["street_a"], level="second")
    with pytest.raises(FazhiError, match=refusal(services.APPEAL_OF_ANOTHER_UNIT)):
        lawsuit(units["street_b"], level="second", appealed_from=litigation)
    with pytest.raises(FazhiError, match=refusal(services.APPEAL_OF_FIRST_INSTANCE)):
        lawsuit(units["street_a"], appealed_from=litigation)
    appeal = lawsuit(units["street_a"], level="second", appealed_from=litigation, court="大连市中级人民法院")
    assert list(litigation.later_instances.all()) == [appeal]


def test_the_desk_shows_defences_due_and_overdue(users, units, litigation, set_today):
    set_today(D(2022, 3, 22))
    lawsuit(units["street_a"], received_on=D(2022, 3, 20))
    tallies = {str(t.title): t.count for t in selectors.work_queue(users["unit_staff"], D(2022, 3, 22))}
    assert tallies == {"待提交答辩状的行政诉讼案件": 2, "答辩已逾期的行政诉讼案件": 1}
    assert selectors.work_queue(users["leader"], D(2022, 3, 22)) == []
    assert {str(t.title): t.count for t in selectors.work_queue(users["unit_staff_b"], D(2022, 3, 22))}[
        "待提交答辩状的行政诉讼案件"] == 0


def test_the_report_counts_cases_appearances_and_losses(users, units, litigation):
    section = report.report_section(2022)
    assert section.figure("行政诉讼案件").value == 1
    assert section.figure("行政机关负责人出庭应诉率").value is None  # no hearing yet: nothing to cover
    heard(litigation)
    absent = heard(lawsuit(units["street_a"], received_on=D(2022, 3, 7)), head_appeared=False)
    section = report.report_section(2022)
    assert (section.figure("行政诉讼案件").value, section.figure("行政机关负责人出庭应诉率").value) == (2, 50.0)
    services.litigation_close(user=None, litigation=absent, outcome=Outcome.JUDGED_UNLAWFUL, document="判决书",
                              closed_on=D(2022, 6, 1))
    litigation.refresh_from_db()
    services.litigation_close(user=None, litigation=litigation, outcome=Outcome.MEDIATED, document="调解书",
                              closed_on=D(2022, 6, 1))
    assert report.report_section(2022).figure("行政诉讼败诉率").value == 50.0
    assert report.report_section(2022, unit=units["street_b"]).figure("行政诉讼案件").value == 0
    assert report.report_section(2023).figure("行政诉讼案件").value == 0


def test_a_lawsuit_after_reconsideration_names_the_decided_case_of_its_unit(users, units):
    from fazhi.reconsideration import services as reconsideration_services
    from fazhi.reconsideration.tests.factories import reconsideration

    case = reconsideration(units["street_a"], received_on=D(2022, 3, 1))
    with pytest.raises(FazhiError, match=refusal(services.RECONSIDERATION_NOT_DECIDED, case=case.number)):
        lawsuit(units["street_a"], reconsideration=case)
    reconsideration_services.reconsideration_decide(user=None, reconsideration=case, outcome="upheld",
                                                    document="复议决定书", decided_on=D(2022, 4, 1))
    case.refresh_from_db()
    with pytest.raises(FazhiError, match=refusal(services.RECONSIDERATION_OF_ANOTHER_UNIT)):
        lawsuit(units["street_b"], reconsideration=case, received_on=D(2022, 4, 20))
    litigation = lawsuit(units["street_a"], reconsideration=case, received_on=D(2022, 4, 20))
    assert list(case.lawsuits.all()) == [litigation]


def test_a_judicial_recommendation_from_the_case_is_tracked_in_the_ledger_and_shown_on_the_case(users, litigation,
                                                                                                  client):
    from django.urls import reverse

    from fazhi.api.tests.clients import client as api_client
    from fazhi.api.tests.clients import post
    from fazhi.ledger import services as ledger
    from fazhi.ledger.constants import ItemKind
    from fazhi.ledger.services import LAWSUIT_NOT_JUDICIAL

    fields = {"source": "大连市长兴岛人民法院", "owner_unit": litigation.defendant_unit, "lawsuit": litigation,
              "subject": "关于规范行政处罚程序的司法建议", "received_on": D(2022, 6, 1)}
    with pytest.raises(FazhiError, match=refusal(LAWSUIT_NOT_JUDICIAL)):
        ledger.item_create(user=None, kind=ItemKind.PROCURATORIAL, **fields)
    item = ledger.item_create(user=users["unit_staff"], kind=ItemKind.JUDICIAL, **fields)
    client.force_login(users["unit_staff"])
    page = client.get(reverse("litigation:cases:detail", args=[litigation.pk])).content.decode()
    assert item.number in page and "关于规范行政处罚程序的司法建议" in page
    # Another unit cannot name a lawsuit it does not see (422 on the field, nothing created).
    other = {"kind": "judicial", "source": "法院", "owner_unit": users["unit_staff_b"].org_unit_id,
             "lawsuit": litigation.pk, "subject": "又一份", "received_on": "2022-06-02"}
    response = post(api_client(users["unit_staff_b"]), "/api/ledger/items", other)
    assert response.status_code == 422 and "lawsuit" in response.content.decode()
    assert list(litigation.judicial_recommendations.all()) == [item]


def test_the_loop_back_to_the_enforcement_case_and_its_officers(users, units, body, officers, client):  # noqa: F811
    from django.urls import reverse

    staff = users["unit_staff"]
    case, untouched = _decided_case(users, body, officers), _decided_case(users, body, officers)
    litigation = heard(lawsuit(units["street_a"], received_on=D(2022, 4, 20), enforcement_case=case), user=staff)
    services.litigation_close(user=staff, litigation=litigation, outcome=Outcome.JUDGED_UNLAWFUL,
                              document="（2022）辽0291行初5号行政判决书", closed_on=D(2022, 6, 1))
    client.force_login(staff)
    page = client.get(reverse("litigation:cases:detail", args=[litigation.pk]))
    shown = page.context["challenged_officers"]
    assert page.context["challenged_case"] == case and {officer for officer, _url in shown} == set(officers)
    assert "确认违法" in page.content.decode() and "（2022）辽0291行初5号行政判决书" in page.content.decode()
    listed = client.get(shown[0][1]).content.decode()  # the officer's cases whose decisions were corrected
    assert case.number in listed and untouched.number not in listed
    not_corrected = client.get(reverse("enforcement:cases:list") + "?overturned=0").content.decode()
    assert untouched.number in not_corrected and case.number not in not_corrected
    client.force_login(users["unit_staff_b"])
    assert client.get(shown[0][1]).status_code == 200 and case.number not in client.get(shown[0][1]).content.decode()

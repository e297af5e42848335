"""Publication of a decision, its overturn and withdrawal (行政处罚法 第四十八条), and the dates of acts."""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.enforcement import selectors, services
from fazhi.enforcement.constants import (
    DecisionKind,
    OverturnKind,
    StepKind,
)
from fazhi.enforcement.models import (
    DecisionPublication,
)
from fazhi.enforcement.tests.cases_setup import D, open_case, refusal, staffed_case
from fazhi.market_entities.tests.factories import MarketEntityFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
    late = selectors.PUBLICATION_LABELS["late"]
    assert (status.status, status.label, status.due_on) == ("late", late, D(2022, 4, 13))
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
    with pytest.raises(FazhiError, match=refusal(services.PUBLISH_ALREADY, case=case.number, date="2022年4月2日")):
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
    with pytest.raises(FazhiError, match=refusal(services.WITHDRAW_ALREADY, case=case.number, date="2022年5月10日")):
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
    with pytest.raises(FazhiError, match=refusal(services.OVERTURN_BEFORE_DECISION, date="2022年4月1日")):
        _overturn(users["unit_staff"], case, on=D(2022, 3, 31))
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
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
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
        open_case(users["unit_staff"], body, opened_on=tomorrow)
    case = open_case(users["unit_staff"], body)
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officers[0], on=tomorrow)
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
        services.case_add_step(user=users["unit_staff"], case=case, kind=StepKind.INVESTIGATION, happened_on=tomorrow)
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
        services.major_review_record(user=users["legal_office"], case=case, reviewed_on=tomorrow, approved=True,
                                     opinion="同意", decision_kind=DecisionKind.WARNING)
    for officer in officers:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
        services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                             decided_on=tomorrow, text="警告")
    case = services.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                decided_on=D(2022, 4, 1), text="警告")
    with pytest.raises(FazhiError, match=refusal(services.DATE_IN_FUTURE)):
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



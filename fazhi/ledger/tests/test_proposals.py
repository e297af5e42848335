"""Deputies' suggestions and members' proposals under their body's handling rule: the reply period, a misassigned
item returned within the rule's period and reassigned by the legal-affairs office, the answer graded A/B/C/D with
the rule's meanings, a second round when the deputy or member is not satisfied; pages, API and import."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.api.tests.clients import client as api_client
from fazhi.api.tests.clients import post
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.services import record_create
from fazhi.ledger import selectors, services
from fazhi.ledger.constants import DEPUTY_REPLY_BASIS, AnswerGrade, ItemKind, ItemState, ProposalKind, Satisfaction
from fazhi.ledger.models import HandlingRule, TrackedItem

TODAY = dt.date(2022, 9, 30)
RECEIVED = dt.date(2022, 3, 1)  # a Tuesday


def _rule(kind=ProposalKind.DEPUTY, effective_from=dt.date(2021, 1, 1), **values) -> HandlingRule:
    return record_create(model=HandlingRule, user=None, kind=kind, name=values.pop("name", "区人大代表建议处理办法"),
                         effective_from=effective_from, **values)


def _proposal(unit, kind=ItemKind.DEPUTY, received_on=RECEIVED) -> TrackedItem:
    return services.item_create(user=None, kind=kind, source="区人大常委会代表工作室", owner_unit=unit,
                                subject="关于增设社区停车位的建议", received_on=received_on)


def _refused(call, **kwargs) -> str:
    with pytest.raises(FazhiError) as refused:
        call(**kwargs)
    return refused.value.message


@pytest.fixture
def today(set_today):
    set_today(TODAY)


def test_the_rule_in_force_on_receipt_sets_the_reply_period(units, today):
    assert (_proposal(units["street_a"]).due_on, _proposal(units["street_a"]).due_basis) == (
        dt.date(2022, 6, 1), DEPUTY_REPLY_BASIS)  # no rule recorded: 代表法's three months
    _rule(reply_months=2, name="旧办法")
    _rule(effective_from=dt.date(2022, 4, 1), reply_months=3, name="新办法")
    item = _proposal(units["street_a"])
    assert (item.due_on, item.due_basis) == (dt.date(2022, 5, 5), "旧办法：自交办之日起2个月内答复")  # 1 May: holiday
    assert _proposal(units["street_a"], received_on=dt.date(2022, 4, 6)).due_basis.startswith("新办法")
    # A members' proposal has a default once its body's rule is recorded.
    _rule(kind=ProposalKind.CPPCC, name="区政协提案办理办法", reply_months=3)
    assert _proposal(units["street_a"], kind=ItemKind.CPPCC).due_on == dt.date(2022, 6, 1)


def test_a_misassigned_proposal_is_returned_in_the_rules_period_and_reassigned(units, users, today):
    _rule(return_days=10)
    item = _proposal(units["street_a"])
    staff, legal = users["unit_staff"], users["legal_office"]
    services.co_handler_add(user=staff, item=item, unit=units["dept_a"], assigned_on=dt.date(2022, 3, 2))
    message = _refused(services.item_return, user=staff, item=item, reason="属区住建局职责",
                       returned_on=dt.date(2022, 3, 14))
    assert message == str(services.RETURN_TOO_LATE) % {"date": cn_date(dt.date(2022, 3, 11)),
                                                       "rule": "区人大代表建议处理办法"}
    item = services.item_return(user=staff, item=item, reason="属区住建局职责", returned_on=dt.date(2022, 3, 11))
    assert item.state_on(TODAY) == ItemState.RETURNED
    assert selectors.in_state(TrackedItem.objects.all(), ItemState.RETURNED, TODAY).get() == item
    assert selectors.figures(2022).overdue == 0  # with the legal-affairs office, not overdue at the unit
    assert _refused(services.item_answer, user=staff, item=item, answer="x", grade="A") == str(services.NOT_NOW)
    with pytest.raises(PermissionDeniedError):
        services.item_reassign(user=users["unit_staff_b"], item=item, owner_unit=units["street_b"], reason="x")
    assert _refused(services.item_reassign, user=staff, item=item, owner_unit=units["street_b"],
                    reason="x") == str(services.NOT_NOW)
    assert _refused(services.item_reassign, user=legal, item=item, owner_unit=units["street_a"],
                    reason="x") == str(services.SAME_UNIT)
    assert _refused(services.item_reassign, user=legal, item=item, owner_unit=units["dept_a"], reason="x") == str(
        services.REASSIGN_TO_CO_HANDLER) % {"unit": units["dept_a"]}
    item = services.item_reassign(user=legal, item=item, owner_unit=units["street_b"], reason="经协调由乙街道办理")
    assert (item.owner_unit, item.returned_on, item.state_on(TODAY)) == (units["street_b"], None, ItemState.OVERDUE)
    assert item.history.first().history_change_reason == "改派：经协调由乙街道办理"


def test_the_return_period_may_count_working_days(units, users, today):
    _rule(return_days=7, return_in_working_days=True)
    item = _proposal(units["street_a"])  # 7 working days after Tuesday 1 March: Thursday 10 March
    assert services.return_deadline(HandlingRule.objects.get(), RECEIVED) == dt.date(2022, 3, 10)
    assert _refused(services.item_return, user=None, item=item, reason="x", returned_on=dt.date(2022, 3, 11))
    assert services.item_return(user=None, item=item, reason="x", returned_on=dt.date(2022, 3, 10)).returned_on


def test_only_proposals_are_returned_and_without_a_rule_the_defaults_apply(units, users, today):
    request = services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="某企业",
                                   owner_unit=units["street_a"], subject="咨询", received_on=RECEIVED)
    assert _refused(services.item_return, user=users["unit_staff"], item=request, reason="x") == str(
        services.NOT_NOW)
    item = _proposal(units["street_a"])  # no rule recorded: 10 days, rolled to the next working day
    message = _refused(services.item_return, user=None, item=item, reason="x", returned_on=dt.date(2022, 3, 12))
    assert message == str(services.RETURN_TOO_LATE) % {"date": cn_date(dt.date(2022, 3, 11)),
                                                       "rule": services.DEFAULT_RULE_NAME}
    assert services.item_return(user=None, item=item, reason="x", returned_on=dt.date(2022, 3, 11)).returned_on


def test_a_proposals_answer_is_graded_and_others_are_not(units, today):
    item = _proposal(units["street_a"])
    assert _refused(services.item_answer, user=None, item=item, answer="已答复",
                    answered_on=dt.date(2022, 5, 20)) == str(services.GRADE_REQUIRED)
    item = services.item_answer(user=None, item=item, answer="已答复", answered_on=dt.date(2022, 5, 20),
                                grade=AnswerGrade.B)
    assert (item.grade, item.on_time) == ("B", True)
    request = services.item_create(user=None, kind=ItemKind.JUDICIAL, source="区法院", owner_unit=units["street_a"],
                                   subject="司法建议", received_on=RECEIVED)
    assert _refused(services.item_answer, user=None, item=request, answer="x", grade="A") == str(
        services.GRADE_NOT_USED)


def test_an_unsatisfied_deputy_gets_a_second_answer_within_the_rules_period(units, users, today):
    _rule(second_round_months=1)
    staff = users["unit_staff"]
    item = services.item_answer(user=staff, item=_proposal(units["street_a"]), answer="列入明年计划",
                                answered_on=dt.date(2022, 5, 20), grade=AnswerGrade.C)
    message = _refused(services.item_rate, user=staff, item=item, satisfaction=Satisfaction.UNSATISFIED,
                       rated_on=dt.date(2022, 5, 19))
    assert message == str(services.RATED_OUTSIDE) % {"date": cn_date(dt.date(2022, 5, 20))}
    item = services.item_rate(user=staff, item=item, satisfaction=Satisfaction.UNSATISFIED,
                              rated_on=dt.date(2022, 6, 1))
    message = _refused(services.item_answer_again, user=staff, item=item, answer="x", grade="A",
                       answered_on=dt.date(2022, 5, 31))
    assert message == str(services.ANSWER_BEFORE_RATED) % {"date": cn_date(dt.date(2022, 6, 1))}
    assert item.second_due_on == dt.date(2022, 7, 1) and item.state_on(TODAY) == ItemState.SECOND_ROUND
    assert selectors.in_state(TrackedItem.objects.all(), ItemState.SECOND_ROUND, TODAY).get() == item
    tallies = {str(t.title): t.count for t in selectors.work_queue(staff, TODAY)}
    assert tallies["不满意再次办理的跟踪事项"] == 1
    assert _refused(services.item_rate_again, user=staff, item=item, satisfaction="satisfied") == str(
        services.NOT_NOW)
    item = services.item_answer_again(user=staff, item=item, answer="已协调增设车位30个",
                                      answered_on=dt.date(2022, 6, 28), grade=AnswerGrade.A)
    item = services.item_rate_again(user=staff, item=item, satisfaction=Satisfaction.SATISFIED)
    assert (item.grade, item.second_satisfaction, item.satisfaction) == ("A", "satisfied", "unsatisfied")
    assert item.state_on(TODAY) == ItemState.ON_TIME  # the first answer's timeliness stands
    # An unsatisfied enterprise request has no second round.
    request = services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="某企业",
                                   owner_unit=units["street_a"], subject="咨询", received_on=RECEIVED)
    request = services.item_answer(user=None, item=request, answer="x", answered_on=RECEIVED)
    assert services.item_rate(user=None, item=request, satisfaction=Satisfaction.UNSATISFIED).second_due_on is None


def test_the_answer_form_shows_the_rules_grade_meanings(units, users, client, today):
    _rule(grade_c="因条件限制留作参考或不可行")
    item = _proposal(units["street_a"])
    client.force_login(users["unit_staff"])
    page = client.get(reverse("ledger:items:detail", args=[item.pk])).content.decode()
    assert "C：因条件限制留作参考或不可行" in page and "退回" in page
    response = client.post(reverse("ledger:items:answer", args=[item.pk]),
                           {"answer-answer": "已答复", "answer-answered_on": "2022-05-20", "answer-grade": "C"})
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.grade == "C"


def test_the_legal_office_records_rules_and_units_read_them(users, client, today):
    client.force_login(users["unit_staff"])
    form = {"kind": "cppcc", "name": "区政协提案办理办法", "effective_from": "2022-01-01", "reply_months": 3,
            "return_days": 10, "co_handler_months": 1, "second_round_months": 1, "grade_a": "已解决",
            "grade_b": "正在解决",
            "grade_c": "待以后解决", "grade_d": "留作参考"}
    assert client.post(reverse("ledger:rules:create"), form).status_code == 403
    client.force_login(users["legal_office"])
    response = client.post(reverse("ledger:rules:create"), {**form, "reply_months": 0})
    assert response.status_code == 200 and not HandlingRule.objects.exists()  # at least one month
    assert client.post(reverse("ledger:rules:create"), form).status_code == 302
    client.force_login(users["unit_staff"])
    assert "区政协提案办理办法" in client.get(reverse("ledger:rules:list")).content.decode()


def test_the_api_returns_reassigns_and_answers_again(units, users, today):
    _rule()
    item = _proposal(units["street_a"], received_on=dt.date(2022, 9, 26))
    staff, legal = api_client(users["unit_staff"]), api_client(users["legal_office"])
    response = post(staff, f"/api/ledger/items/{item.pk}/return", {"reason": "属住建局职责", "version": item.version})
    assert response.status_code == 200 and response.json()["state"] == "returned", response.content
    version = response.json()["version"]
    assert post(staff, f"/api/ledger/items/{item.pk}/reassign",
                {"owner_unit": units["street_b"].pk, "reason": "x", "version": version}).status_code == 403
    response = post(legal, f"/api/ledger/items/{item.pk}/reassign",
                    {"owner_unit": units["street_b"].pk, "reason": "经协调", "version": version})
    assert response.status_code == 200 and response.json()["owner_unit"]["id"] == units["street_b"].pk
    other = api_client(users["unit_staff_b"])
    response = post(other, f"/api/ledger/items/{item.pk}/answer",
                    {"answer": "已答复", "grade": "B", "version": response.json()["version"]})
    assert response.json()["grade"] == "B", response.content
    response = post(other, f"/api/ledger/items/{item.pk}/rate",
                    {"satisfaction": "unsatisfied", "version": response.json()["version"]})
    assert response.json()["state"] == "second_round"
    response = post(other, f"/api/ledger/items/{item.pk}/answer-again",
                    {"answer": "再次答复", "grade": "A", "version": response.json()["version"]})
    assert response.status_code == 200 and response.json()["second_answered_on"] == TODAY.isoformat()
    rules = legal.get("/api/ledger/rules").json()["items"]
    assert [rule["name"] for rule in rules] == ["区人大代表建议处理办法"]


def test_a_co_handling_unit_sends_its_views_to_the_lead_unit(units, users, client, today):
    _rule(co_handler_months=1)
    item = _proposal(units["street_a"])
    staff_a, staff_b = users["unit_staff"], users["unit_staff_b"]
    with pytest.raises(PermissionDeniedError):  # street B may not add itself to street A's item
        services.co_handler_add(user=staff_b, item=item, unit=units["street_b"])
    assert _refused(services.co_handler_add, user=staff_a, item=item, unit=units["street_a"]) == str(
        services.CO_HANDLER_IS_OWNER)
    co = services.co_handler_add(user=staff_a, item=item, unit=units["street_b"], assigned_on=dt.date(2022, 3, 2))
    assert co.views_due_on == dt.date(2022, 4, 2) and co.created_by == staff_a
    assert _refused(services.co_handler_add, user=staff_a, item=item, unit=units["street_b"]) == str(
        services.CO_HANDLER_TWICE) % {"unit": units["street_b"]}
    # The co-handling unit sees its record (not the item) and sends its views once; the lead unit cannot.
    assert {str(t.title): t.count for t in selectors.work_queue(staff_b, TODAY)}["会办意见已逾期"] == 1
    with pytest.raises(PermissionDeniedError):
        services.co_handling_views(user=staff_a, co_handling=co, views="越权")
    client.force_login(staff_b)
    page = client.get(reverse("ledger:co_handlings:detail", args=[co.pk])).content.decode()
    assert "关于增设社区停车位的建议" in page and "区人大常委会代表工作室" in page
    assert client.get(reverse("ledger:items:detail", args=[item.pk])).status_code == 404
    response = client.post(reverse("ledger:co_handlings:views", args=[co.pk]),
                           {"views-views": "同意增设，乙街道可协调场地", "views-views_on": "2022-03-20"})
    assert response.status_code == 302
    co.refresh_from_db()
    assert (co.views_on, co.views) == (dt.date(2022, 3, 20), "同意增设，乙街道可协调场地")
    assert _refused(services.co_handling_views, user=staff_b, co_handling=co, views="再次") == str(services.NOT_NOW)
    # The lead unit reads the views on its item's page.
    client.force_login(staff_a)
    assert "同意增设，乙街道可协调场地" in client.get(reverse("ledger:items:detail", args=[item.pk])).content.decode()


def test_the_api_adds_a_co_handler_and_takes_its_views(units, users, today):
    _rule()
    item = _proposal(units["street_a"])
    response = post(api_client(users["unit_staff"]), f"/api/ledger/items/{item.pk}/co-handlers",
                    {"unit": units["street_b"].pk, "version": item.version})
    assert response.status_code == 201, response.content
    co = response.json()
    assert co["item"] == item.pk and co["views_due_on"] == "2022-10-31"  # a month after today (30 September)
    other = api_client(users["unit_staff_b"])
    assert other.get(f"/api/ledger/items/{item.pk}").status_code == 404
    assert [row["subject"] for row in other.get("/api/ledger/co-handlings").json()["items"]] == [item.subject]
    response = post(other, f"/api/ledger/co-handlings/{co['id']}/views", {"views": "同意", "version": co["version"]})
    assert response.status_code == 200 and response.json()["views_on"] == TODAY.isoformat(), response.content
    assert api_client(users["unit_staff"]).get(f"/api/ledger/co-handlings/{co['id']}").status_code == 404
    # The co-handling unit reads what it needs of the proposal; the lead unit reads the views on its item.
    assert (response.json()["lead_unit"], response.json()["content"]) == (str(units["street_a"]), item.content)
    shown = api_client(users["unit_staff"]).get(f"/api/ledger/items/{item.pk}").json()["co_handlings"]
    assert [(row["unit"]["id"], row["views"]) for row in shown] == [(units["street_b"].pk, "同意")]


def test_a_deputys_suggestion_is_extended_to_six_months_at_the_most(units, set_today):
    from fazhi.ledger.registers import TrackedItemRegister
    from fazhi.registers.tabular import write_table

    set_today(dt.date(2022, 4, 1))
    item = services.item_create(user=None, kind=ItemKind.DEPUTY, source="王代表", owner_unit=units["street_a"],
                                subject="关于治理河道的建议", received_on=dt.date(2022, 3, 1))
    # 1 September 2022 (six months after 交办, 代表法 第五十一条第二款) is a Thursday: the latest date allowed.
    refused = _refused(services.item_extend, user=None, item=item, extended_to=dt.date(2022, 9, 2), reason="涉及面广")
    assert refused == services.EXTEND_BEYOND_LAW % {"date": "2022年9月1日"}
    services.item_extend(user=None, item=item, extended_to=dt.date(2022, 9, 1), reason="涉及面广，处理难度大")
    item.refresh_from_db()
    assert item.effective_due_on == dt.date(2022, 9, 1)
    # The import applies the same limit.
    register = TrackedItemRegister()
    row = dict.fromkeys(register.headers, "")
    row.update({"类别": "人大代表建议", "来源": "李代表", "承办单位编码": "STR-A", "事项": "关于增设路灯的建议",
                "收到日期": "2022-03-01", "延期至": "2022-10-01", "延期理由": "难度大"})
    result = register.import_file(write_table(register.headers, [list(row.values())], "xlsx"), "xlsx")
    assert [(error.column, error.message) for error in result.errors] == [
        ("延期至", services.EXTEND_BEYOND_LAW % {"date": "2022年9月1日"})]

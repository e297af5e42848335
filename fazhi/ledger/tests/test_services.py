"""The ledger's services: the default period, an extension that keeps an item from being overdue, the answer's days
and on-time, the rating, the refusals (matched by their message constants) and the unit scope."""

import datetime as dt

import pytest

from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.ledger import selectors, services
from fazhi.ledger.constants import ENTERPRISE_REQUEST_DAYS, ItemKind, Satisfaction

RECEIVED = dt.date(2022, 3, 1)  # a Tuesday: 5 working days later is Tuesday 8 March


@pytest.fixture
def item(units, set_today):
    set_today(dt.date(2022, 3, 31))
    return services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="大连某某有限公司",
                                owner_unit=units["street_a"], subject="合同审查", received_on=RECEIVED)


def _refused(call, **kwargs) -> str:
    with pytest.raises(FazhiError) as refused:
        call(**kwargs)
    return refused.value.message


def test_an_enterprise_request_is_due_in_its_default_working_days(item):
    assert item.due_on == dt.date(2022, 3, 8) and item.due_basis == services.DEFAULT_PERIODS[item.kind].basis
    assert ENTERPRISE_REQUEST_DAYS == 5
    assert item.effective_due_on == item.due_on


def test_a_kind_without_a_default_period_needs_a_due_date_and_its_basis(units, set_today):
    set_today(dt.date(2022, 3, 31))
    values = {"user": None, "kind": ItemKind.CPPCC, "source": "区政协", "owner_unit": units["street_a"],
              "subject": "政协提案", "received_on": RECEIVED}
    assert _refused(services.item_create, **values) == str(services.DUE_REQUIRED)
    assert _refused(services.item_create, **values, due_on=dt.date(2022, 5, 1)) == str(services.DUE_REQUIRED)
    item = services.item_create(**values, due_on=dt.date(2022, 5, 1), due_basis="区政协提案办理办法")
    assert item.due_on == dt.date(2022, 5, 1)


@pytest.mark.parametrize(("kind", "received_on", "due_on"), [
    (ItemKind.JUDICIAL, dt.date(2022, 3, 1), dt.date(2022, 5, 5)),  # 1 May is in the 劳动节 break (1-4 May 2022)
    (ItemKind.PROCURATORIAL, dt.date(2022, 7, 29), dt.date(2022, 9, 29)),
    (ItemKind.PUBLIC_INTEREST, dt.date(2022, 12, 31), dt.date(2023, 2, 28)),  # no 31 February: the month's last day
    (ItemKind.DEPUTY, dt.date(2022, 4, 1), dt.date(2022, 7, 1)),
])
def test_the_oversight_kinds_are_due_in_their_months(units, set_today, kind, received_on, due_on):
    set_today(dt.date(2023, 3, 31))
    item = services.item_create(user=None, kind=kind, source="某机关", owner_unit=units["street_a"],
                                subject="建议", received_on=received_on)
    assert (item.due_on, item.due_basis) == (due_on, services.DEFAULT_PERIODS[kind].basis)
    # A shorter period set by the recommendation itself (an urgent one) is given with its basis instead.
    urgent = services.item_create(user=None, kind=kind, source="某机关", owner_unit=units["street_a"],
                                  subject="建议", received_on=received_on,
                                  due_on=received_on + dt.timedelta(days=15), due_basis="建议书载明十五日内回复")
    assert urgent.due_on == received_on + dt.timedelta(days=15)


def test_an_extended_item_answered_before_its_new_date_is_on_time(item, set_today):
    set_today(dt.date(2022, 3, 8))  # the due date itself: still in time to ask
    services.item_extend(user=None, item=item, extended_to=dt.date(2022, 3, 18), reason="需调取外地材料")
    set_today(dt.date(2022, 3, 31))
    item.refresh_from_db()
    assert item.effective_due_on == dt.date(2022, 3, 18)
    item = services.item_answer(user=None, item=item, answer="已出具法律意见", answered_on=dt.date(2022, 3, 15))
    assert item.days_taken == 14 and item.on_time is True


def test_an_answer_after_the_due_date_is_late(item):
    item = services.item_answer(user=None, item=item, answer="已出具法律意见", answered_on=dt.date(2022, 3, 9))
    assert item.days_taken == 8 and item.on_time is False


def test_extension_refusals(users, item, set_today):
    extend = services.item_extend
    # Once the due date has passed, the item is overdue: it is escalated, not extended.
    message = _refused(extend, user=None, item=item, extended_to=dt.date(2022, 4, 18), reason="理由")
    assert message == str(services.EXTEND_AFTER_DUE) % {"date": cn_date(item.due_on)}
    set_today(dt.date(2022, 3, 7))
    assert _refused(extend, user=None, item=item, extended_to=dt.date(2022, 3, 18), reason=" ") == str(
        services.REASON_REQUIRED)
    message = _refused(extend, user=None, item=item, extended_to=item.due_on, reason="理由")
    assert message == str(services.EXTEND_NOT_LATER) % {"date": cn_date(item.due_on)}
    services.item_extend(user=None, item=item, extended_to=dt.date(2022, 3, 18), reason="需调取外地材料")
    item.refresh_from_db()
    # Once only: a second extension is refused to the unit that handles the item.
    assert _refused(extend, user=users["unit_staff"], item=item, extended_to=dt.date(2022, 3, 25),
                    reason="再次延期") == str(services.NOT_NOW)


def test_answer_refusals(item):
    answer = services.item_answer
    assert _refused(answer, user=None, item=item, answer=" ") == str(services.ANSWER_REQUIRED)
    message = _refused(answer, user=None, item=item, answer="答复", answered_on=dt.date(2022, 2, 28))
    assert message == str(services.ANSWER_BEFORE_RECEIVED) % {"date": cn_date(RECEIVED)}
    message = _refused(answer, user=None, item=item, answer="答复", answered_on=dt.date(2022, 4, 1))
    assert message == str(services.ANSWER_IN_FUTURE) % {"date": cn_date(dt.date(2022, 4, 1))}


def test_rating_follows_the_answer_once(users, item):
    staff = users["unit_staff"]
    assert _refused(services.item_rate, user=staff, item=item, satisfaction=Satisfaction.SATISFIED) == str(
        services.NOT_NOW)
    item = services.item_answer(user=staff, item=item, answer="已答复", answered_on=dt.date(2022, 3, 4))
    item = services.item_rate(user=staff, item=item, satisfaction=Satisfaction.BASIC)
    assert item.satisfaction == Satisfaction.BASIC
    assert _refused(services.item_rate, user=staff, item=item, satisfaction=Satisfaction.SATISFIED) == str(
        services.NOT_NOW)


def test_another_unit_may_not_act_and_does_not_see_the_item(users, item):
    other = users["unit_staff_b"]
    with pytest.raises(PermissionDeniedError):
        services.item_answer(user=other, item=item, answer="越权答复", answered_on=dt.date(2022, 3, 4))
    with pytest.raises(PermissionDeniedError):
        services.item_extend(user=other, item=item, extended_to=dt.date(2022, 4, 18), reason="越权")
    assert not selectors.items_visible(other).filter(pk=item.pk).exists()
    assert selectors.items_visible(users["unit_staff"]).filter(pk=item.pk).exists()
    assert selectors.items_visible(users["leader"]).filter(pk=item.pk).exists()


def test_the_figures_count_answered_on_time_and_satisfied(units, item):
    late = services.item_create(user=None, kind=ItemKind.ENTERPRISE_REQUEST, source="另一企业",
                                owner_unit=units["street_b"], subject="用工咨询", received_on=RECEIVED)
    services.item_answer(user=None, item=item, answer="答复", answered_on=dt.date(2022, 3, 4))
    services.item_answer(user=None, item=late, answer="答复", answered_on=dt.date(2022, 3, 11))
    item.refresh_from_db()
    services.item_rate(user=None, item=item, satisfaction=Satisfaction.SATISFIED)
    figures = selectors.figures(2022, ItemKind.ENTERPRISE_REQUEST)
    assert (figures.received, figures.answered, figures.on_time, figures.rated, figures.satisfied) == (2, 2, 1, 1, 1)
    assert figures.on_time_rate == 50.0 and figures.average_days == 6.5
    assert selectors.figures(2022, ItemKind.ENTERPRISE_REQUEST, units["street_b"]).on_time == 0

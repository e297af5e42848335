"""The deadline pages: what is due, for the units the user may see; and the working-day calculator."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core import clock
from fazhi.deadlines.constants import PROVISIONAL_REASON
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.services import deadline_start
from fazhi.deadlines.statutory_holidays import official_years
from fazhi.deadlines.views import START_OUT_OF_RANGE
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.market_entities.tests.factories import MarketEntityFactory

FIRST_PROVISIONAL = max(official_years()) + 1


def make_deadline(unit, title: str, due_in_days: int) -> Deadline:
    record = MarketEntityFactory(street=unit) if unit.kind == "street" else MarketEntityFactory()
    today = clock.today()
    return Deadline.objects.create(
        rule_code="unregistered_rule", title=title, org_unit=unit,
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
        starts_on=today - dt.timedelta(days=30), due_on=today + dt.timedelta(days=due_in_days),
    )


@pytest.fixture
def deadlines(units):
    return {
        "overdue_a": make_deadline(units["street_a"], "甲街道逾期事项", -3),
        "soon_a": make_deadline(units["street_a"], "甲街道将到期事项", 5),
        "later_a": make_deadline(units["street_a"], "甲街道月底事项", 25),
        "soon_b": make_deadline(units["street_b"], "乙街道将到期事项", 2),
    }


def test_unit_user_sees_only_their_units_open_deadlines(client, users, deadlines):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("deadlines:list")).content.decode()
    assert "甲街道逾期事项" in body and "甲街道将到期事项" in body
    assert "已逾期3天" in body
    assert "乙街道将到期事项" not in body
    assert "甲街道月底事项" not in body  # not due within the default 7 days


def test_days_filter_widens_the_window(client, users, deadlines):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("deadlines:list"), {"days": 30}).content.decode()
    assert "甲街道月底事项" in body


def test_completed_deadlines_are_not_listed(client, users, deadlines):
    deadlines["overdue_a"].completed_on = clock.today()
    deadlines["overdue_a"].save()
    client.force_login(users["unit_staff"])
    assert "甲街道逾期事项" not in client.get(reverse("deadlines:list")).content.decode()


def test_deadline_links_to_its_record(client, users, deadlines):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("deadlines:list")).content.decode()
    assert reverse("market_entities:detail", args=[deadlines["soon_a"].object_id]) in body


def test_calendar_skips_the_national_day_holiday(client, users):
    client.force_login(users["officer"])
    # 2024-09-30 + 5 working days: 10-01..10-07 are off, 10-12 (Sat) is a make-up working day.
    response = client.get(reverse("deadlines:calendar"),
                          {"starts_on": "2024-09-30", "amount": 5, "unit": "working_days"})
    result = response.context["result"]
    assert result.due.due_on == dt.date(2024, 10, 12) and not result.due.provisional
    assert [day for day, _name in result.span.worked_weekend_days] == [dt.date(2024, 10, 12)]
    assert dt.date(2024, 10, 1) in [day for day, _name in result.span.holidays]
    body = response.content.decode()
    assert "国庆节" in body and "暂定" not in body.split('id="calendar-result"')[1].split("</section>")[0]


def test_calendar_counts_a_year_without_a_notice_provisionally_and_says_why(client, users):
    client.force_login(users["officer"])
    year = FIRST_PROVISIONAL + 10
    response = client.get(reverse("deadlines:calendar"),
                          {"starts_on": f"{year}-04-20", "amount": 10, "unit": "working_days"})
    result = response.context["result"]
    assert result.due.provisional_years == (year,)
    assert dt.date(year, 5, 1) in [day for day, _name in result.span.holidays]  # 劳动节, by the 办法
    body = response.content.decode()
    assert "fz-provisional" in body and str(PROVISIONAL_REASON) in body


def test_a_deadline_shows_how_its_due_date_was_counted(client, users, units):
    entity = MarketEntityFactory(street=units["street_a"])
    deadline = deadline_start(rule_code=RESULT_PUBLICATION.code, record=entity, org_unit=units["street_a"],
                              starts_on=dt.date(2024, 9, 26), title="抽查结果公示")
    client.force_login(users["unit_staff"])
    response = client.get(reverse("deadlines:detail", args=[deadline.pk]))
    assert response.status_code == 200
    computation = response.context["computation"]
    assert computation.current and computation.due.due_on == deadline.due_on
    body = response.content.decode()
    for text in ("2024-09-26", "20个工作日", RESULT_PUBLICATION.legal_source, "国庆节", "2024-10-12",
                 "国务院办公厅关于2024年部分节假日安排的通知"):
        assert text in body
    client.force_login(users["unit_staff_b"])
    assert client.get(reverse("deadlines:detail", args=[deadline.pk])).status_code == 404


def test_a_provisional_due_date_is_marked_in_the_list_and_the_export(client, users, units):
    from fazhi.registers.tabular import read_table

    entity = MarketEntityFactory(street=units["street_a"])
    deadline = deadline_start(rule_code=RESULT_PUBLICATION.code, record=entity, org_unit=units["street_a"],
                              starts_on=dt.date(FIRST_PROVISIONAL - 1, 12, 20), title="跨年公示")
    Deadline.objects.filter(pk=deadline.pk).update(remind_on=clock.today())  # in the list today
    client.force_login(users["unit_staff"])
    body = client.get(reverse("deadlines:list")).content.decode()
    row = body.split("跨年公示")[1].split("</tr>")[0]
    assert "fz-provisional" in row and str(PROVISIONAL_REASON) in row
    headers, rows = read_table(client.get(reverse("deadlines:list"), {"format": "xlsx"}).content, "xlsx")
    (_, cells), = rows
    assert cells[headers.index("暂定")].startswith("暂定：")


def test_the_list_exports_what_the_user_sees(client, users, deadlines):
    from fazhi.registers.tabular import read_table

    client.force_login(users["unit_staff"])
    response = client.get(reverse("deadlines:list"), {"days": 7, "format": "xlsx"})
    assert response.status_code == 200
    headers, rows = read_table(response.content, "xlsx")
    titles = [cells[headers.index("事项")] for _, cells in rows]
    assert titles == ["甲街道逾期事项", "甲街道将到期事项"]  # not later ones, not another unit's


@pytest.mark.parametrize("starts_on", ["1999-12-31", "2095-01-04", "9999-12-31"])
def test_calendar_refuses_a_start_day_outside_the_years_it_can_count(client, users, starts_on):
    client.force_login(users["officer"])
    response = client.get(reverse("deadlines:calendar"), {"starts_on": starts_on, "amount": 120, "unit": "months"})
    assert response.status_code == 200 and response.context["result"] is None
    assert str(START_OUT_OF_RANGE) % {"first": 2001, "last": 2089} in response.content.decode()

"""The deadline pages: what is due, for the units the user may see; and the working-day calculator."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from fazhi.deadlines.models import Deadline
from fazhi.market_entities.tests.factories import MarketEntityFactory


def make_deadline(unit, title: str, due_in_days: int) -> Deadline:
    record = MarketEntityFactory(street=unit) if unit.kind == "street" else MarketEntityFactory()
    today = timezone.localdate()
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
    deadlines["overdue_a"].completed_on = timezone.localdate()
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
    assert result["due_on"] == dt.date(2024, 10, 12)
    assert dt.date(2024, 10, 12) in result["workdays"]
    assert "国庆节" in response.content.decode()


def test_calendar_reports_an_unknown_year_in_chinese(client, users):
    client.force_login(users["officer"])
    response = client.get(reverse("deadlines:calendar"),
                          {"starts_on": "2099-01-04", "amount": 5, "unit": "working_days"})
    assert response.context["result"] is None
    assert "尚未录入2099年" in response.content.decode()


def test_the_list_exports_what_the_user_sees(client, users, deadlines):
    from fazhi.registers.tabular import read_table

    client.force_login(users["unit_staff"])
    response = client.get(reverse("deadlines:list"), {"days": 7, "format": "xlsx"})
    assert response.status_code == 200
    headers, rows = read_table(response.content, "xlsx")
    titles = [cells[headers.index("事项")] for _, cells in rows]
    assert titles == ["甲街道逾期事项", "甲街道将到期事项"]  # not later ones, not another unit's

"""The deadline engine: rules registered by modules give records due dates; lists show what is due."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.deadlines.constants import PeriodUnit
from fazhi.deadlines.rules import DeadlineRule, UnknownRuleError, get_rule, register_rule
from fazhi.deadlines.selectors import deadlines_open
from fazhi.deadlines.services import deadline_complete, deadline_start
from fazhi.market_entities.tests.factories import MarketEntityFactory

PUBLICATION = register_rule(DeadlineRule(
    code="test_penalty_publication", name="行政处罚决定公示", legal_source="国办发〔2018〕118号",
    amount=7, unit=PeriodUnit.WORKING_DAYS, trigger="处罚决定作出之日",
))
FILING = register_rule(DeadlineRule(
    code="test_filing", name="规范性文件备案", legal_source="测试依据", amount=30,
    unit=PeriodUnit.CALENDAR_DAYS, trigger="公布之日",
))
REVIEW = register_rule(DeadlineRule(
    code="test_review", name="有效期届满前评估", legal_source="测试依据", amount=6,
    unit=PeriodUnit.MONTHS, trigger="施行之日",
))


EXPIRY = register_rule(DeadlineRule(
    code="test_expiry", name="证件到期", legal_source="测试依据", amount=0, unit=PeriodUnit.ON_DATE,
    trigger="有效期至", remind_days=90,
))


@pytest.fixture
def entity(units):
    return MarketEntityFactory(street=units["street_a"])


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [(PUBLICATION, dt.date(2024, 9, 26), dt.date(2024, 10, 11)),
     (FILING, dt.date(2024, 9, 1), dt.date(2024, 10, 8)),  # 10-01 falls in the National Day week
     (REVIEW, dt.date(2024, 3, 31), dt.date(2024, 9, 30))],
)
def test_due_dates_follow_the_rule_unit(entity, units, rule, start, due):
    deadline = deadline_start(rule_code=rule.code, record=entity, org_unit=units["street_a"], starts_on=start,
                              title="测试事项")
    assert deadline.due_on == due
    assert deadline.record == entity


def test_registering_the_same_code_with_other_terms_is_an_error():
    with pytest.raises(ValueError, match="registered twice"):
        register_rule(DeadlineRule("test_filing", "x", "y", 15, PeriodUnit.CALENDAR_DAYS, "z"))
    with pytest.raises(UnknownRuleError):
        get_rule("no_such_rule")


def test_open_list_has_overdue_and_due_soon_but_not_later_or_done(entity, units, users):
    today = dt.date(2024, 10, 9)
    overdue = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                             starts_on=dt.date(2024, 9, 18), title="逾期")
    soon = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                          starts_on=dt.date(2024, 10, 8), title="将到期")
    later = deadline_start(rule_code=FILING.code, record=entity, org_unit=units["street_a"],
                           starts_on=dt.date(2024, 10, 8), title="较远")
    done = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                          starts_on=dt.date(2024, 9, 18), title="已完成")
    deadline_complete(deadline=done, completed_on=dt.date(2024, 9, 20))
    rows = list(deadlines_open(today=today, within_days=7))
    assert rows == [overdue, soon]
    assert later not in rows
    assert list(deadlines_open(user=users["unit_staff_b"], today=today)) == []
    assert list(deadlines_open(user=users["unit_staff"], today=today)) == [overdue, soon]


def test_cli_lists_overdue_and_due_soon_per_unit(entity, units, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2024, 10, 9))
    deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                   starts_on=dt.date(2024, 9, 18), title="甲街道处罚决定公示")
    deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_b"],
                   starts_on=dt.date(2024, 10, 8), title="乙街道处罚决定公示")
    out = StringIO()
    call_command("deadlines", "--unit", "STR-A", "--within", "30", stdout=out)
    text = out.getvalue()
    assert "已逾期1项" in text and "甲街道处罚决定公示" in text and "国办发〔2018〕118号" in text
    assert "乙街道" not in text
    out = StringIO()
    call_command("deadlines", "--within", "30", stdout=out)
    assert "乙街道处罚决定公示" in out.getvalue() and "即将到期" in out.getvalue()
    with pytest.raises(CommandError, match="找不到机构"):
        call_command("deadlines", "--unit", "NOPE")


def test_a_rule_with_a_lead_time_enters_the_list_that_many_days_early(entity, units):
    expiry = deadline_start(rule_code=EXPIRY.code, record=entity, org_unit=units["street_a"],
                            starts_on=dt.date(2025, 3, 31), title="证件到期")
    assert expiry.due_on == dt.date(2025, 3, 31)  # on the date itself, no roll-over
    assert expiry.remind_on == dt.date(2024, 12, 31)
    assert expiry in deadlines_open(today=dt.date(2024, 12, 31), within_days=7)
    assert expiry not in deadlines_open(today=dt.date(2024, 12, 30), within_days=7)


def test_a_due_date_in_an_unentered_year_is_refused_with_the_calendar_message(entity, units):
    from chinese_calendar import constants as packaged

    from fazhi.deadlines.services import CalendarUnknownError

    last = max(packaged.holidays).year
    with pytest.raises(CalendarUnknownError, match=f"尚未录入{last + 1}年"):
        deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                       starts_on=dt.date(last, 12, 28), title="跨年")

"""The deadline engine: rules registered by modules give records due dates; lists show what is due."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.core import clock
from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.constants import PROVISIONAL_REASON, PeriodUnit
from fazhi.deadlines.management.commands.deadlines import (
    BASIS,
    DUE_SOON,
    PROVISIONAL_DUE,
    PROVISIONAL_NOTE,
    SUMMARY,
    UNIT_NOT_FOUND,
)
from fazhi.deadlines.models import CalendarDay, CalendarYear, DueDateChange
from fazhi.deadlines.rules import DeadlineRule, UnknownRuleError, days_under, get_rule, register_rule
from fazhi.deadlines.selectors import DUE_DATE_CHANGES_SHOWN_DAYS, deadlines_open, due_date_changes
from fazhi.deadlines.services import deadline_complete, deadline_start, deadlines_recount
from fazhi.deadlines.statutory_holidays import official_years
from fazhi.market_entities.tests.factories import MarketEntityFactory

FIRST_PROVISIONAL = max(official_years()) + 1  # the first year without a notice in the installed package
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


def test_cli_lists_overdue_and_due_soon_per_unit(entity, units, set_today):
    set_today(dt.date(2024, 10, 9))
    deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                   starts_on=dt.date(2024, 9, 18), title="甲街道处罚决定公示")
    deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_b"],
                   starts_on=dt.date(2024, 10, 8), title="乙街道处罚决定公示")
    out = StringIO()
    call_command("deadlines", "--unit", "STR-A", "--within", "30", stdout=out)
    text = out.getvalue()
    assert re.search(message_pattern(SUMMARY, anchored=False, today=dt.date(2024, 10, 9), overdue=1, within=30), text)
    assert "甲街道处罚决定公示" in text and BASIS.format(name=PUBLICATION.name, source=PUBLICATION.legal_source) in text
    assert "乙街道" not in text
    out = StringIO()
    call_command("deadlines", "--within", "30", stdout=out)
    assert "乙街道处罚决定公示" in out.getvalue() and f"\n{DUE_SOON}\n" in out.getvalue()
    with pytest.raises(CommandError, match=message_pattern(UNIT_NOT_FOUND, unit="NOPE")):
        call_command("deadlines", "--unit", "NOPE")


def test_cli_marks_a_provisional_due_date(entity, units, set_today):
    set_today(dt.date(FIRST_PROVISIONAL - 1, 12, 28))
    deadline = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                              starts_on=dt.date(FIRST_PROVISIONAL - 1, 12, 28), title="跨年公示")
    out = StringIO()
    call_command("deadlines", "--within", "30", stdout=out)
    assert PROVISIONAL_DUE.format(due=deadline.due_on) in out.getvalue()
    assert PROVISIONAL_NOTE.format(reason=PROVISIONAL_REASON) in out.getvalue()


def test_a_rule_with_a_lead_time_enters_the_list_that_many_days_early(entity, units):
    expiry = deadline_start(rule_code=EXPIRY.code, record=entity, org_unit=units["street_a"],
                            starts_on=dt.date(2025, 3, 31), title="证件到期")
    assert expiry.due_on == dt.date(2025, 3, 31)  # on the date itself, no roll-over
    assert expiry.remind_on == dt.date(2024, 12, 31)
    assert expiry in deadlines_open(today=dt.date(2024, 12, 31), within_days=7)
    assert expiry not in deadlines_open(today=dt.date(2024, 12, 30), within_days=7)


def test_a_due_date_in_a_provisional_year_is_counted_and_marked_not_refused(entity, units):
    starts_on = dt.date(FIRST_PROVISIONAL - 1, 12, 28)
    deadline = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                              starts_on=starts_on, title="跨年")
    assert deadline.due_on.year == FIRST_PROVISIONAL and deadline.provisional
    assert deadline.due_on == working_calendar().add_working_days(starts_on, 7)
    official = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                              starts_on=dt.date(2024, 9, 26), title="年内")
    assert not official.provisional


def test_a_calendar_day_period_is_provisional_only_when_its_end_falls_in_a_provisional_year(entity, units):
    last = FIRST_PROVISIONAL - 1
    inside = deadline_start(rule_code=FILING.code, record=entity, org_unit=units["street_a"],
                            starts_on=dt.date(last, 11, 1), title="年内届满")
    across = deadline_start(rule_code=FILING.code, record=entity, org_unit=units["street_a"],
                            starts_on=dt.date(last, 12, 20), title="跨年届满")
    assert not inside.provisional and across.provisional


def _enter_year(year: int, *days: tuple[dt.date, str]) -> CalendarYear:
    entry = CalendarYear.objects.create(year=year, notice=f"国办发明电〔{year - 1}〕测试号")
    for day, kind in days:
        CalendarDay.objects.create(calendar_year=entry, date=day, kind=kind, name="测试")
    return entry


def test_entering_the_year_recounts_open_deadlines_in_history_and_tells_their_unit(entity, units, users):
    year = FIRST_PROVISIONAL
    start = dt.date(year - 1, 12, 31)
    moving = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                            starts_on=start, title="将顺延")
    staying = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_b"],
                             starts_on=dt.date(year, 6, 30), title="日期不变")
    done = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                          starts_on=start, title="已完成")
    deadline_complete(deadline=done, completed_on=dt.date(year, 1, 4))
    elsewhere = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                               starts_on=dt.date(2024, 9, 26), title="他年")
    before = moving.due_on
    first_working_day = working_calendar().add_working_days(start, 1)
    _enter_year(year, (first_working_day, "holiday"))  # the notice gives one more day off in the period

    changes = deadlines_recount(years={year}, reason=f"录入{year}年节假日安排")

    moving.refresh_from_db()
    staying.refresh_from_db()
    assert moving.due_on == working_calendar().add_working_days(start, 7) > before
    assert not moving.provisional and not staying.provisional
    assert {change.deadline for change in changes} == {moving, staying, done}
    moved = next(change for change in changes if change.deadline == moving)
    assert (moved.due_before, moved.due_after, moved.provisional_before, moved.provisional_after) == (
        before, moving.due_on, True, False)
    assert moved.moved and not next(change for change in changes if change.deadline == staying).moved
    assert moving.history.first().history_change_reason == f"录入{year}年节假日安排"
    done.refresh_from_db()
    elsewhere.refresh_from_db()
    # Done, but counted provisionally: counted again (whether it was met on time depends on it).
    assert not done.provisional and done.version == 3
    assert elsewhere.version == 1
    # Only the responsible unit (and zone-wide roles) see the change on their home page.
    assert list(due_date_changes(user=users["unit_staff"])) == [moved]
    assert list(due_date_changes(user=users["unit_staff_b"])) == [
        change for change in changes if change.deadline == staying]
    assert len(due_date_changes(user=users["legal_office"])) == 2  # not the done one
    later = clock.today() + dt.timedelta(days=DUE_DATE_CHANGES_SHOWN_DAYS + 1)
    assert not due_date_changes(user=users["legal_office"], today=later).exists()  # shown for two weeks
    assert deadlines_recount(reason="再次计算") == []  # nothing left to change


def test_a_recount_applies_the_period_the_deadline_started_with(entity, units):
    start = dt.date(FIRST_PROVISIONAL - 1, 12, 20)
    deadline = deadline_start(rule_code=FILING.code, record=entity, org_unit=units["street_a"], starts_on=start,
                              title="备案", amount=15)
    assert deadline.period_amount == 15
    _enter_year(FIRST_PROVISIONAL)
    deadlines_recount(reason="录入")
    deadline.refresh_from_db()
    assert deadline.due_on == working_calendar().add_calendar_days(start, 15)  # not the rule's 30 days


def test_a_failed_recount_changes_nothing(entity, units, monkeypatch):
    from fazhi.deadlines import services

    start = dt.date(FIRST_PROVISIONAL - 1, 12, 28)
    rows = [deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"], starts_on=start,
                           title=f"期限{n}") for n in range(2)]
    _enter_year(FIRST_PROVISIONAL)
    real_create, calls = services.record_create, []

    def fail_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(services, "record_create", fail_on_the_second)
    with pytest.raises(RuntimeError):
        deadlines_recount(reason="录入")
    for row in rows:
        row.refresh_from_db()
        assert row.provisional and row.version == 1
    assert not DueDateChange.objects.exists()


def test_a_period_ending_in_late_december_waits_on_next_years_notice_which_may_set_it(entity, units):
    last = FIRST_PROVISIONAL - 1
    start = dt.date(last, 12, 18)
    deadline = deadline_start(rule_code=PUBLICATION.code, record=entity, org_unit=units["street_a"],
                              starts_on=start, title="年末公示")
    assert deadline.due_on.year == last and deadline.provisional  # ends after 12-25: next year's notice may move it
    # The notice makes the last Friday of the year a day off, worked on a Saturday in January (as 2019's did).
    friday = max(dt.date(last, 12, d) for d in range(25, 32) if dt.date(last, 12, d).weekday() == 4)
    _enter_year(FIRST_PROVISIONAL, (friday, "holiday"))
    deadlines_recount(years={FIRST_PROVISIONAL}, reason="录入")
    deadline.refresh_from_db()
    assert not deadline.provisional
    assert deadline.due_on == working_calendar().add_working_days(start, 7)


@pytest.mark.parametrize(("law", "amount", "unit", "article"), [
    ("行政处罚法", 3, PeriodUnit.WORKING_DAYS, "第八十五条"),  # 第四十八条第二款: withdraw within 三日
    ("行政处罚法", 15, PeriodUnit.CALENDAR_DAYS, ""),
    ("行政许可法", 20, PeriodUnit.WORKING_DAYS, "第八十二条"),  # every period of the law
    ("行政强制法", 10, PeriodUnit.WORKING_DAYS, "第六十九条"),
    ("行政强制法", 30, PeriodUnit.CALENDAR_DAYS, ""),
    ("行政复议法", 10, PeriodUnit.WORKING_DAYS, "第八十八条"),  # 第四十八条: the respondent answers in 十日
    ("行政复议法", 60, PeriodUnit.CALENDAR_DAYS, ""),
    ("行政诉讼法", 15, PeriodUnit.CALENDAR_DAYS, ""),  # no such clause: natural days
])
def test_n_days_are_working_days_where_the_law_says_so(law, amount, unit, article):
    found_unit, source = days_under(law, amount)
    assert found_unit == unit and (article in source if article else source == "")


def test_a_three_day_period_under_the_penalty_law_skips_the_weekend(entity, units):
    unit, source = days_under("行政处罚法", 3)
    rule = register_rule(DeadlineRule(code="test_withdraw", name="撤回处罚决定信息",
                                      legal_source=f"第四十八条第二款；{source}", amount=3, unit=unit,
                                      trigger="决定被变更、撤销之日"))
    friday = dt.date(2024, 11, 8)
    deadline = deadline_start(rule_code=rule.code, record=entity, org_unit=units["street_a"], starts_on=friday,
                              title="撤回")
    assert deadline.due_on == dt.date(2024, 11, 13)  # Mon, Tue, Wed: three working days, not Monday

"""The working-day calendar, checked against the State Council's published arrangements."""

import datetime as dt

import pytest
from chinese_calendar import constants as packaged
from hypothesis import given
from hypothesis import strategies as st

from fazhi.deadlines.calendar import UnknownYearError, WorkingCalendar, add_months
from fazhi.deadlines.calendar_source import holiday_name, working_calendar
from fazhi.deadlines.models import CalendarDay, CalendarYear
from fazhi.deadlines.selectors import calendar_year_missing

D = dt.date


@pytest.fixture
def cal(db) -> WorkingCalendar:
    return working_calendar()


def test_known_years_cover_2018_to_the_latest_published(cal):
    assert set(range(2018, 2027)) <= cal.known_years


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2024, 10, 1), False),  # 国庆节 (国办发明电〔2023〕7号)
        (D(2024, 9, 29), True),  # Sunday worked in lieu (调休上班)
        (D(2024, 10, 12), True),  # Saturday worked in lieu
        (D(2024, 2, 12), False),  # 春节, a Monday
        (D(2022, 4, 2), True),  # Saturday worked before 清明节 2022
        (D(2024, 10, 9), True),  # ordinary Wednesday
        (D(2024, 10, 13), False),  # ordinary Sunday
    ],
)
def test_is_working_day_follows_the_notices(cal, day, working):
    assert cal.is_working_day(day) is working


def test_add_working_days_skips_the_national_day_week_and_counts_the_makeup_sunday(cal):
    assert cal.add_working_days(D(2024, 9, 27), 1) == D(2024, 9, 29)
    assert cal.add_working_days(D(2024, 9, 30), 1) == D(2024, 10, 8)
    # 7 working days after a penalty decision on 2024-09-26 (国办发〔2018〕118号 publication period).
    assert cal.add_working_days(D(2024, 9, 26), 7) == D(2024, 10, 11)


def test_calendar_day_periods_roll_past_holidays(cal):
    # 民法典 第二百零三条: a period ending on a holiday ends on the next working day.
    assert cal.add_calendar_days(D(2024, 9, 16), 15) == D(2024, 10, 8)
    assert cal.add_calendar_days(D(2024, 9, 1), 15) == D(2024, 9, 18)  # 9-16 and 9-17: 中秋节
    assert cal.add_calendar_days(D(2024, 9, 2), 15) == D(2024, 9, 18)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [(D(2024, 1, 31), 1, D(2024, 2, 29)), (D(2023, 1, 31), 1, D(2023, 2, 28)), (D(2024, 3, 15), 6, D(2024, 9, 15)),
     (D(2024, 11, 30), 3, D(2025, 2, 28)), (D(2024, 5, 31), -1, D(2024, 4, 30))],
)
def test_add_months_uses_the_last_day_when_the_month_is_shorter(start, months, end):
    assert add_months(start, months) == end


@given(st.dates(D(2018, 1, 1), D(2026, 11, 1)), st.integers(0, 30))  # stays inside the known years
def test_working_days_between_inverts_add_working_days(day, days):
    cal = WorkingCalendar(frozenset(packaged.holidays), frozenset(packaged.workdays), frozenset(range(2004, 2027)))
    end = cal.add_working_days(day, days)
    assert cal.working_days_between(day, end) == days
    assert days == 0 or cal.is_working_day(end)


# The first year the packaged data do not cover (2027 with chinesecalendar 1.11).
NEXT = max(packaged.holidays).year + 1


def test_unknown_year_is_a_clear_error(cal):
    with pytest.raises(UnknownYearError) as error:
        cal.is_working_day(D(NEXT, 1, 4))
    assert f"尚未录入{NEXT}年的法定节假日和调休安排" in str(error.value)
    with pytest.raises(UnknownYearError):
        cal.add_working_days(D(NEXT - 1, 12, 28), 10)  # runs into the unknown year


def test_admin_entered_year_extends_the_calendar_in_every_process_at_once(db):
    assert NEXT not in working_calendar().known_years
    CalendarYear.objects.create(year=NEXT, notice="国办发明电〔测试〕号")
    new_years_day = D(NEXT, 1, 1)
    saturday = next(D(NEXT, 2, d) for d in range(1, 8) if D(NEXT, 2, d).weekday() == 5)
    CalendarDay.objects.create(date=new_years_day, kind="holiday", name="元旦")
    CalendarDay.objects.create(date=saturday, kind="workday", name="春节")
    cal = working_calendar()  # no cache clearing: the tables' change is seen
    assert cal.is_working_day(new_years_day) is False
    assert cal.is_working_day(saturday) is True
    assert holiday_name(new_years_day) == "元旦"


def test_packaged_holiday_names_are_chinese(db):
    assert holiday_name(D(2024, 10, 1)) == "国庆节"


def test_the_year_to_enter_is_this_one_if_unknown_else_next_one_from_november(db):
    last = max(working_calendar().known_years)
    assert calendar_year_missing(D(last, 10, 31)) is None  # next year's notice is not due yet
    assert calendar_year_missing(D(last, 11, 1)) == last + 1
    assert calendar_year_missing(D(last + 1, 1, 4)) == last + 1  # now no deadline into this year can be counted
    CalendarYear.objects.create(year=last + 1, notice="国办发明电〔测试〕号")
    assert calendar_year_missing(D(last, 12, 1)) is None
    assert calendar_year_missing(D(last + 1, 11, 1)) == last + 2

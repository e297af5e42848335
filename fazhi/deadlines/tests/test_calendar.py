"""The working-day calendar, checked against the State Council's published arrangements."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.deadlines.calendar import WorkingCalendar, add_months
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.models import CalendarDay, CalendarYear
from fazhi.deadlines.selectors import calendar_year_to_enter
from fazhi.deadlines.statutory_holidays import OUT_OF_RANGE_BASIS, official_years, package_arrangement

D = dt.date
# The first year the installed package has no notice for, and a stretch of provisional years after it.
FIRST_PROVISIONAL = max(official_years()) + 1
PROVISIONAL_YEARS = range(FIRST_PROVISIONAL, FIRST_PROVISIONAL + 40)
# 全国年节及纪念日放假办法 (2024年修订) 第二条: the holidays of all citizens, by the package's names.
STATUTORY = {"元旦", "农历除夕", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}


@pytest.fixture
def cal(db) -> WorkingCalendar:
    return working_calendar()


def test_official_years_cover_2018_to_the_latest_published(cal):
    assert set(range(2018, 2027)) <= official_years()
    assert all(cal.is_official(year) for year in range(2018, 2027))
    assert not cal.is_official(FIRST_PROVISIONAL)


def test_every_day_of_2018_to_2026_agrees_with_chinesecalendar():
    """The two sources of the official arrangements, day by day (docs/decisions/0012)."""
    import chinese_calendar

    calendar = WorkingCalendar(package_arrangement)
    day, disagreements = D(2018, 1, 1), []
    while day <= D(2026, 12, 31):
        if calendar.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day += dt.timedelta(days=1)
    assert disagreements == []


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
        (D(2026, 1, 2), False),  # 元旦 2026, by 调休
        (D(2026, 1, 4), True),  # the Sunday worked for it
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


@given(st.dates(D(2018, 1, 1), D(2080, 12, 1)), st.integers(0, 40))
def test_working_days_between_inverts_add_working_days_in_any_year(day, days):
    cal = WorkingCalendar(package_arrangement)
    end = cal.add_working_days(day, days)
    assert cal.working_days_between(day, end) == days
    assert days == 0 or cal.is_working_day(end)
    span = cal.span(day, end)
    assert span.working_days == days
    assert len(span.weekends) + len(span.holidays) + days == (end - day).days


@pytest.mark.parametrize("year", PROVISIONAL_YEARS)
def test_a_provisional_year_has_the_statutory_holidays_and_their_in_lieu_days_but_no_tiaoxiu(year):
    """放假办法 第二条 (13 days) and 第六条 (a holiday on a Saturday or Sunday gives a weekday off)."""
    arrangement = package_arrangement(year)
    assert not arrangement.official
    assert arrangement.days_worked == frozenset()  # no 调休 without the year's notice
    for day in (D(year, 1, 1), D(year, 5, 1), D(year, 5, 2), D(year, 10, 1), D(year, 10, 2), D(year, 10, 3)):
        assert not arrangement.is_working_day(day)
    holidays = [(day, name) for day, names in arrangement.names.items() for name in names.split("; ")]
    statutory = [(day, name) for day, name in holidays if name in STATUTORY]
    in_lieu = [(day, name) for day, name in holidays if name.endswith("（补假）")]
    assert len(statutory) + len(in_lieu) == len(holidays)
    assert len(statutory) == 13  # by name: two holidays on one day (中秋节 on 国庆节) are two
    assert {name for _day, name in statutory} == STATUTORY
    assert len(in_lieu) == sum(day.weekday() >= 5 for day, _name in statutory)
    assert all(day.weekday() < 5 for day, _name in in_lieu)


def test_a_day_in_a_provisional_year_is_counted_not_refused(cal):
    start = D(FIRST_PROVISIONAL - 1, 12, 20)
    due = cal.add_working_days(start, 20)
    assert due.year == FIRST_PROVISIONAL
    assert cal.provisional_years(start, due) == (FIRST_PROVISIONAL,)
    assert not cal.is_working_day(D(FIRST_PROVISIONAL, 1, 1))  # 元旦 is skipped even before the notice


def test_an_entered_year_is_official_and_its_days_override_in_every_process_at_once(db):
    year = FIRST_PROVISIONAL
    assert not working_calendar().is_official(year)
    entry = CalendarYear.objects.create(year=year, notice="国办发明电〔测试〕号")
    new_years_day = D(year, 1, 1)
    saturday = next(D(year, 2, d) for d in range(1, 8) if D(year, 2, d).weekday() == 5)
    CalendarDay.objects.create(calendar_year=entry, date=D(year, 1, 2), kind="holiday", name="元旦")
    CalendarDay.objects.create(calendar_year=entry, date=saturday, kind="workday", name="春节调休上班")
    cal = working_calendar()  # no cache clearing: the tables' change is seen
    assert cal.is_official(year)
    assert cal.year(year).basis == "国办发明电〔测试〕号"
    assert cal.is_working_day(new_years_day) is False  # the package's statutory day stays
    assert cal.is_working_day(D(year, 1, 2)) is False
    assert cal.is_working_day(saturday) is True
    assert cal.year(year).names[saturday] == "春节调休上班"


def test_holiday_names_are_chinese(cal):
    assert cal.year(2024).names[D(2024, 10, 1)] == "国庆节"
    assert cal.year(2026).names[D(2026, 1, 2)].startswith("休息日")


def test_the_year_to_enter_is_this_one_while_provisional_else_next_one_from_november(db):
    last = FIRST_PROVISIONAL - 1
    assert calendar_year_to_enter(D(last, 10, 31)) is None  # next year's notice is not due yet
    assert calendar_year_to_enter(D(last, 11, 1)) == last + 1
    assert calendar_year_to_enter(D(last + 1, 1, 4)) == last + 1  # still provisional in its own year
    CalendarYear.objects.create(year=last + 1, notice="国办发明电〔测试〕号")
    assert calendar_year_to_enter(D(last, 12, 1)) is None
    assert calendar_year_to_enter(D(last + 1, 11, 1)) == last + 2


def test_the_last_days_of_december_wait_on_the_next_years_notice():
    """A notice may set days of the December before its year (2019's: 2018-12-29 worked, 12-31 off)."""
    cal = WorkingCalendar(package_arrangement)
    last = FIRST_PROVISIONAL - 1
    assert cal.provisional_years(D(last, 12, 1), D(last, 12, 24)) == ()
    assert cal.provisional_years(D(last, 12, 20), D(last, 12, 25)) == (FIRST_PROVISIONAL,)
    assert cal.provisional_years(D(2018, 12, 20), D(2018, 12, 31)) == ()  # 2019's notice is known
    assert not cal.is_working_day(D(2018, 12, 31)) and cal.is_working_day(D(2018, 12, 29))


@pytest.mark.parametrize("year", [1949, 2101, 9999])
def test_a_year_the_calendar_cannot_count_is_weekends_only_and_marked(year):
    cal = WorkingCalendar(package_arrangement)
    assert not cal.is_official(year) and cal.year(year).basis == OUT_OF_RANGE_BASIS
    start = D(year, 3, 2)
    assert cal.provisional_years(start, cal.add_working_days(start, 5)) == (year,)


def test_an_edit_is_seen_even_when_the_clock_went_back(db, set_today):
    """The calendar's cache follows the history ids, not the change times (a demo restarted on an earlier day)."""
    entry = CalendarYear.objects.create(year=FIRST_PROVISIONAL, notice="测试")
    day = D(FIRST_PROVISIONAL, 3, 3)
    set_today(D(2031, 1, 2))
    row = CalendarDay.objects.create(calendar_year=entry, date=day, kind="holiday", name="测试")
    assert working_calendar().is_working_day(day) is False
    set_today(D(2027, 1, 4))
    row.kind = "workday"
    row.save()
    assert working_calendar().is_working_day(day) is True

"""A year's official arrangement entered on the admin page, and `fazhi calendar`: recount, status, warnings."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines import admin as calendar_admin
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.management.commands import calendar as calendar_command
from fazhi.deadlines.models import DAY_OUTSIDE_NOTICE, CalendarDay, CalendarYear, Deadline, DueDateChange
from fazhi.deadlines.services import deadline_start
from fazhi.deadlines.statutory_holidays import notice_title, official_years, package_arrangement
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.market_entities.tests.factories import MarketEntityFactory

YEAR = max(official_years()) + 1  # the first year without a notice in the installed package
START = dt.date(YEAR - 1, 12, 24)


@pytest.fixture
def provisional_deadline(units):
    entity = MarketEntityFactory(street=units["street_a"])
    return deadline_start(rule_code=RESULT_PUBLICATION.code, record=entity, org_unit=units["street_a"],
                          starts_on=START, title="抽查结果公示（跨年）")


def _year_form(**days) -> dict:
    """The admin's add form for a year: the notice, and day rows in the inline."""
    rows = list(days.values())
    data = {"year": YEAR, "notice": f"国办发明电〔{YEAR - 1}〕9号",
            "days-TOTAL_FORMS": str(len(rows)), "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000"}
    for n, (day, kind, name) in enumerate(rows):
        data.update({f"days-{n}-date": day.isoformat(), f"days-{n}-kind": kind, f"days-{n}-name": name})
    return data


def recounted(n: int, moved: int) -> str:
    return str(calendar_admin.RECOUNTED) % {"n": n, "moved": moved}


def test_entering_the_years_arrangement_recounts_and_the_unit_sees_the_move(client, users, provisional_deadline):
    before = provisional_deadline.due_on
    first_day = working_calendar().next_working_day(dt.date(YEAR, 1, 2))  # inside the 20 working days
    client.force_login(users["admin"])
    page = client.get(reverse("admin:deadlines_calendaryear_add") + f"?year={YEAR}").content.decode()
    assert re.search(message_pattern(calendar_admin.NOTICE_HELP, anchored=False, year=YEAR), page)
    assert f"{YEAR}-01-01 元旦" in page  # the package's statutory day, by its name
    response = client.post(reverse("admin:deadlines_calendaryear_add"),
                           _year_form(extra=(first_day, "holiday", "元旦调休")), follow=True)
    assert recounted(1, 1) in response.content.decode()
    entry = CalendarYear.objects.get(year=YEAR)
    assert entry.created_by == users["admin"] and entry.days.get().created_by == users["admin"]
    provisional_deadline.refresh_from_db()
    assert provisional_deadline.due_on > before and not provisional_deadline.provisional
    change = DueDateChange.objects.get()
    entered = str(calendar_admin.YEAR_ENTERED) % {"year": YEAR, "notice": f"国办发明电〔{YEAR - 1}〕9号"}
    assert change.reason == calendar_admin.RECOUNT_BY.format(who=users["admin"].display_name, what=entered)

    client.force_login(users["unit_staff"])  # the responsible unit
    home = client.get(reverse("web:home")).content.decode()
    assert 'id="due-date-changes"' in home and provisional_deadline.due_on.isoformat() in home
    client.force_login(users["unit_staff_b"])
    assert 'id="due-date-changes"' not in client.get(reverse("web:home")).content.decode()


def test_a_day_outside_the_year_is_refused_and_nothing_is_saved(client, users, provisional_deadline):
    client.force_login(users["admin"])
    response = client.post(reverse("admin:deadlines_calendaryear_add"),
                           _year_form(wrong=(dt.date(YEAR + 1, 1, 1), "holiday", "元旦")))
    assert response.status_code == 200
    assert str(DAY_OUTSIDE_NOTICE) % {"date": f"{YEAR + 1}-01-01", "year": YEAR} in response.content.decode()
    assert not CalendarYear.objects.exists() and not CalendarDay.objects.exists()
    provisional_deadline.refresh_from_db()
    assert provisional_deadline.provisional and provisional_deadline.version == 1


def test_the_administrator_is_warned_from_november_while_next_year_is_provisional(client, users, set_today):
    set_today(dt.date(YEAR - 1, 10, 31))
    client.force_login(users["admin"])
    assert 'id="calendar-year-to-enter"' not in client.get(reverse("web:home")).content.decode()
    set_today(dt.date(YEAR - 1, 11, 1))
    client.force_login(users["admin"])
    home = client.get(reverse("web:home")).content.decode()
    assert 'id="calendar-year-to-enter"' in home and f"?year={YEAR}" in home
    client.force_login(users["unit_staff"])  # others see 暂定 on their due dates, not the task
    assert 'id="calendar-year-to-enter"' not in client.get(reverse("web:home")).content.decode()


def test_calendar_status_says_official_or_provisional_and_who_entered(users, provisional_deadline, set_today):
    set_today(dt.date(YEAR - 1, 12, 28))
    out = StringIO()
    call_command("calendar", "status", stdout=out)
    text = out.getvalue()
    line = calendar_command.YEAR_LINE
    official = message_pattern(line, year=YEAR - 1, state=calendar_command.OFFICIAL,
                               basis=package_arrangement(YEAR - 1).basis, who="")
    assert package_arrangement(YEAR - 1).basis.startswith(notice_title(YEAR - 1))
    assert any(re.fullmatch(official, shown) for shown in text.splitlines())
    assert line.format(year=YEAR, state=calendar_command.PROVISIONAL, basis=calendar_command.NO_NOTICE, who="",
                       waiting=calendar_command.WAITING.format(n=1)) in text.splitlines()
    CalendarYear.objects.create(year=YEAR + 1, notice="国办发明电〔测试〕号", created_by=users["admin"])
    out = StringIO()
    call_command("calendar", "status", "--from", str(YEAR + 1), "--to", str(YEAR + 1), stdout=out)
    entered = re.compile(message_pattern(calendar_command.ENTERED, anchored=False, who=users["admin"].display_name))
    year_line = message_pattern(line, year=YEAR + 1, state=calendar_command.OFFICIAL, basis="国办发明电〔测试〕号",
                                who=entered, waiting="")
    assert re.fullmatch(year_line, out.getvalue().splitlines()[1])


def test_calendar_refresh_recounts_after_the_calendar_changed_outside_the_admin(provisional_deadline):
    # As after a package update that carries the year's notice: the data change, nobody saved a form.
    CalendarYear.objects.create(year=YEAR, notice="随 holidays 包更新")
    out = StringIO()
    call_command("calendar", "refresh", stdout=out)
    assert re.search(message_pattern(calendar_command.REFRESHED, anchored=False, changed=1), out.getvalue())
    assert not Deadline.objects.get(pk=provisional_deadline.pk).provisional
    out = StringIO()
    call_command("calendar", "refresh", stdout=out)
    assert calendar_command.REFRESHED.format(changed=0, moved=0) in out.getvalue()


def test_an_entered_years_year_cannot_be_changed(client, users):
    entry = CalendarYear.objects.create(year=YEAR, notice="国办发明电〔测试〕号", created_by=users["admin"])
    client.force_login(users["admin"])
    url = reverse("admin:deadlines_calendaryear_change", args=[entry.pk])
    data = {**_year_form(), "year": YEAR + 8, "expected_version": entry.version}
    assert client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.year == YEAR and entry.notice == f"国办发明电〔{YEAR - 1}〕9号"


def test_changing_one_day_in_the_admin_recounts_its_deadlines(client, users, provisional_deadline):
    entry = CalendarYear.objects.create(year=YEAR, notice="国办发明电〔测试〕号")
    day = CalendarDay.objects.create(calendar_year=entry, date=dt.date(YEAR, 1, 1), kind="holiday", name="元旦")
    from fazhi.deadlines.services import deadlines_recount

    deadlines_recount(years={YEAR}, reason="录入")
    provisional_deadline.refresh_from_db()
    official_due = provisional_deadline.due_on
    inside = working_calendar().next_working_day(dt.date(YEAR, 1, 4))
    client.force_login(users["admin"])
    response = client.post(reverse("admin:deadlines_calendarday_change", args=[day.pk]), {
        "calendar_year": entry.pk, "date": inside.isoformat(), "kind": "holiday", "name": "更正",
        "expected_version": day.version}, follow=True)
    assert re.search(message_pattern(calendar_admin.RECOUNTED, anchored=False, moved=1), response.content.decode())
    provisional_deadline.refresh_from_db()
    # 元旦 stays off (the package's statutory day), and one more day off inside the period moves the due date.
    assert provisional_deadline.due_on == working_calendar().add_working_days(START, 20) > official_due


def test_a_due_date_is_not_typed_in_the_admin(client, users, provisional_deadline):
    """Deadlines are the platform's bookkeeping: shown in the admin, never changed there."""
    client.force_login(users["admin"])
    url = reverse("admin:deadlines_deadline_change", args=[provisional_deadline.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "改名", "org_unit": provisional_deadline.org_unit_id,
                                 "due_on": "2099-01-01", "completed_on": "",
                                 "expected_version": provisional_deadline.version})
    assert response.status_code == 403
    provisional_deadline.refresh_from_db()
    assert provisional_deadline.title != "改名" and provisional_deadline.due_on.year == YEAR


def test_a_year_entered_without_any_day_is_saved_with_a_warning(client, users):
    client.force_login(users["admin"])
    response = client.post(reverse("admin:deadlines_calendaryear_add"), _year_form(), follow=True)
    assert CalendarYear.objects.filter(year=YEAR).exists()
    assert str(calendar_admin.NO_DAYS_ENTERED) % {"year": YEAR} in response.content.decode()
    response = client.post(reverse("admin:deadlines_calendaryear_add"),
                           {**_year_form(extra=(dt.date(YEAR + 1, 2, 1), "workday", "")), "year": YEAR + 1},
                           follow=True)
    assert not re.search(message_pattern(calendar_admin.NO_DAYS_ENTERED, anchored=False), response.content.decode())

"""A provisional due date in a real browser: marked 暂定 with its reason, explained, and recounted when the
administrator enters the year's arrangement."""

import datetime as dt

import pytest

from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.deadlines.calendar_source import working_calendar
from fazhi.deadlines.constants import PROVISIONAL_REASON
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.services import deadline_start
from fazhi.deadlines.statutory_holidays import official_years
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.market_entities.tests.factories import MarketEntityFactory

pytestmark = pytest.mark.browser
YEAR = max(official_years()) + 1  # no notice in the installed package


@pytest.fixture
def provisional(transactional_db, units, set_today):
    set_today(dt.date(YEAR - 1, 12, 28))
    UserFactory(username="browser_staff", role="unit_staff", org_unit=units["street_a"])
    UserFactory(username="browser_admin", role="admin", org_unit=units["legal"])
    entity = MarketEntityFactory(street=units["street_a"])
    return deadline_start(rule_code=RESULT_PUBLICATION.code, record=entity, org_unit=units["street_a"],
                          starts_on=dt.date(YEAR - 1, 12, 28), title="抽查结果公示（跨年）")


def test_a_provisional_due_date_is_marked_explained_and_recounted(provisional, login, live_server):
    page = login("browser_staff", PASSWORD)
    page.goto(f"{live_server.url}/deadlines/?days=60")
    badge = page.locator("tr", has_text="抽查结果公示（跨年）").locator(".fz-provisional")
    assert badge.inner_text() == "暂定"
    assert badge.get_attribute("title") == str(PROVISIONAL_REASON)

    page.locator("tr", has_text="抽查结果公示（跨年）").get_by_role("link", name=provisional.due_on.isoformat()).click()
    page.wait_for_load_state()
    computation = page.locator("#computation").inner_text()
    assert "20个工作日" in computation and f"{YEAR}-01-01 元旦" in computation
    assert "暂定" in computation and "国务院办公厅关于" in computation

    # The administrator enters the year: one more day off inside the period, as a notice might give.
    extra = working_calendar().next_working_day(dt.date(YEAR, 1, 5))
    page.context.clear_cookies()
    page = login("browser_admin", PASSWORD)
    page.goto(f"{live_server.url}/admin/deadlines/calendaryear/add/?year={YEAR}")
    page.fill("input[name=notice]", f"国办发明电〔{YEAR - 1}〕9号")
    page.fill("input[name=days-0-date]", extra.isoformat())
    page.select_option("select[name=days-0-kind]", "holiday")
    page.fill("input[name=days-0-name]", "测试调休")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert "其中1项到期日改变" in page.content()

    moved = Deadline.objects.get(pk=provisional.pk)
    assert moved.due_on > provisional.due_on and not moved.provisional
    page.context.clear_cookies()
    page = login("browser_staff", PASSWORD)
    changes = page.locator("#due-date-changes").inner_text()
    assert provisional.due_on.isoformat() in changes and moved.due_on.isoformat() in changes

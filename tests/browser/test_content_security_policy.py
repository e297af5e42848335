"""Under the Content-Security-Policy the real pages load without a single refusal, and still work."""

import datetime as dt

import pytest

from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.core import clock
from fazhi.deadlines.services import deadline_start
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.officers.tests.factories import CertificateFactory

pytestmark = pytest.mark.browser

PAGES = ["/", "/deadlines/?days=90", "/deadlines/calendar/?starts_on=2026-09-30&amount=5&unit=working_days",
         "/market-entities/", "/enforcement/bodies/", "/normative-documents/documents/", "/inspections/plans/",
         "/admin/", "/admin/deadlines/calendaryear/add/", "/admin/market_entities/marketentity/",
         "/api/docs", "/portal/", "/portal/enforcement/", "/portal/normative-documents/"]


@pytest.fixture
def zone_with_records(transactional_db, units):
    """A deadline, and a published decision (the portal then offers its year to choose)."""
    UserFactory(username="browser_admin", role="admin", org_unit=units["legal"])
    entity = MarketEntityFactory(street=units["street_a"])
    body = EnforcementBodyFactory(org_unit=units["street_a"])
    today = clock.today()
    case = enforcement.case_open(user=None, body=body, kind="penalty", summary="无证经营",
                                 opened_on=today - dt.timedelta(days=10), party_name="某公司")
    for name in ("赵一", "钱二"):
        officer = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name=name).officer
        enforcement.case_assign_officer(user=None, case=case, officer=officer, on=today - dt.timedelta(days=9))
    enforcement.case_decide(user=None, case=case, decision_kind="warning", decided_on=today, text="决定给予警告。")
    enforcement.decision_publish(user=None, case=case)
    return deadline_start(rule_code=RESULT_PUBLICATION.code, record=entity, org_unit=units["street_a"],
                          starts_on=dt.date(2026, 12, 20), title="公示")


def test_pages_load_without_a_policy_refusal(zone_with_records, login, live_server):
    page = login("browser_admin", PASSWORD)
    refusals = []
    page.on("console", lambda message: refusals.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text else None)
    page.on("pageerror", lambda error: refusals.append(f"{page.url}: {error}"))
    for path in [*PAGES, f"/deadlines/{zone_with_records.pk}/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        page.wait_for_load_state("networkidle")
    assert refusals == []


def test_the_portals_year_still_submits_on_change(zone_with_records, page, live_server):
    page.goto(f"{live_server.url}/portal/enforcement/")
    select = page.locator("select#year")
    assert select.locator("option").count() == 2  # 全部, and this year
    with page.expect_navigation():
        select.select_option(index=1)
    assert "year=" in page.url

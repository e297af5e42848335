"""告知承诺 checks and business visits on a street officer's phone (issue 18: phone-friendly visit and 核查 entry)."""

import datetime as dt

import pytest

from fazhi.accounts.tests.factories import PASSWORD
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.permits import services
from fazhi.permits.constants import CheckMethod, CheckResult, CommitmentKind, DecisionForm, ReformMode, VisitKind
from fazhi.permits.models import CreditRecord, Visit
from fazhi.permits.tests import factories

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DAY = dt.date(2022, 3, 1)


@pytest.fixture
def phone(transactional_db, users, login, set_today):
    set_today(dt.date(2022, 3, 15))
    page = login(users["unit_staff"].username, PASSWORD)
    page.set_viewport_size(PHONE)
    return page


def _fits(page) -> bool:
    page.wait_for_load_state("networkidle")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_false_commitment_is_recorded_on_a_phone(phone, users, units, live_server):
    _edition, matters = factories.catalogue()
    case = factories.case(units["street_a"], [matters[ReformMode.COMMITMENT]], entity=MarketEntityFactory(),
                          received_on=DAY)
    services.case_record_commitment(user=None, case=case, commitment_kind=CommitmentKind.MET_NOW,
                                    commitment_text="承诺符合条件")
    case.refresh_from_db()
    services.case_decide(user=None, case=case, decision_form=DecisionForm.LICENCE, decided_on=DAY)
    draw = services.check_draw_commit(user=users["unit_staff"], org_unit=units["street_a"], period_from=DAY,
                                      period_to=DAY, source_labels=["福彩3D开奖号码"])
    check = services.check_draw_reveal(user=users["unit_staff"], draw=draw, sources=[[3, 1, 4]]).checks.get()

    phone.goto(f"{live_server.url}/permits/checks/{check.pk}/")
    assert _fits(phone)
    form = phone.locator("#result form")
    form.locator("select[name=result-method]").select_option(CheckMethod.ONSITE)
    form.locator("select[name=result-result]").select_option(CheckResult.FALSE)
    form.locator("input[name=result-checked_on]").fill("2022-03-15")
    form.locator("textarea[name=result-finding]").fill("实地核查无经营场所")
    form.locator("button[type=submit]").click()
    phone.wait_for_load_state()
    check.refresh_from_db()
    assert (check.result, check.method) == (CheckResult.FALSE, CheckMethod.ONSITE)
    assert check.checked_on == dt.date(2022, 3, 15)
    assert CreditRecord.objects.get(commitment_check=check).case == case
    assert _fits(phone)


def test_a_visit_is_logged_on_a_phone(phone, units, live_server):
    firm = MarketEntityFactory(street=units["street_a"])
    phone.goto(f"{live_server.url}/permits/visits/new/")
    assert _fits(phone)
    phone.locator("select[name=org_unit]").select_option(str(units["street_a"].pk))
    phone.locator("select[name=kind]").select_option(VisitKind.STREET)
    phone.locator("input[name=visited_on]").fill("2022-03-15")
    phone.locator("input[name=visitor]").fill("王科长")
    phone.locator("select[name=entity]").select_option(str(firm.pk))
    phone.locator("textarea[name=issues]").fill("反映办证材料多")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_load_state()
    visit = Visit.objects.get()
    assert (visit.visitor, visit.entity, visit.visited_on) == ("王科长", firm, dt.date(2022, 3, 15))
    assert _fits(phone)

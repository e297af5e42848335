"""On a 390-pixel phone the pages fit the screen: nothing pushes the page wider than the phone."""

import pytest

from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.market_entities.tests.factories import MarketEntityFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def zone_on_a_phone(transactional_db, units, page):
    UserFactory(username="phone_staff", role="unit_staff", org_unit=units["street_a"])
    # A long unbroken name, as a code or a pasted hash would be.
    EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队" + "0" * 80)
    MarketEntityFactory(street=units["street_a"])
    page.set_viewport_size(PHONE)
    return page


def _page_width(page) -> int:
    page.wait_for_load_state("networkidle")
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", ["/portal/", "/portal/enforcement/", "/portal/inspections/",
                                  "/portal/normative-documents/"])
def test_the_public_pages_fit_a_phone(zone_on_a_phone, live_server, path):
    zone_on_a_phone.goto(f"{live_server.url}{path}")
    assert _page_width(zone_on_a_phone) <= PHONE["width"]


def test_the_working_pages_fit_a_phone(zone_on_a_phone, login, live_server):
    page = login("phone_staff", PASSWORD)
    for path in ("/", "/deadlines/", "/market-entities/", "/enforcement/bodies/"):
        page.goto(f"{live_server.url}{path}")
        assert _page_width(page) <= PHONE["width"], path

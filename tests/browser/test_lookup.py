"""Type-ahead in a real browser: typing part of a name in the party's search box offers the matching
entities, and the chosen one is saved with the case."""

import pytest

from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.market_entities.tests.factories import MarketEntityFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def many_parties(transactional_db, units, settings):
    settings.FAZHI_SELECT_LOOKUP_OVER = 5
    EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    UserFactory(username="lookup_officer", role="officer", org_unit=units["street_a"])
    MarketEntityFactory.create_batch(10, street=units["street_a"])
    return MarketEntityFactory(street=units["street_a"], name="长兴岛渔港冷链有限公司")


def test_a_party_is_found_by_typing_and_saved(many_parties, login, live_server):
    page = login("lookup_officer", PASSWORD)
    page.goto(f"{live_server.url}/enforcement/cases/new/")
    select = page.locator("select[name=party_entity]")
    assert select.locator("option").count() == 1  # only the empty choice until the user types
    page.locator("[data-lookup-for=id_party_entity]").fill("冷链")
    select.locator("option", has_text="长兴岛渔港冷链有限公司").wait_for(state="attached")
    assert select.locator("option").count() == 2  # the one match, not the ten others
    select.select_option(label="长兴岛渔港冷链有限公司")
    page.locator("select[name=body]").select_option(label="甲街道综合执法队")
    page.locator("select[name=kind]").select_option(index=1)
    page.locator("textarea[name=summary], input[name=summary]").fill("冷库未经许可使用")
    page.locator("input[name=opened_on]").fill("2022-03-01")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    case = EnforcementCase.objects.get()
    assert case.party_entity == many_parties
    assert "/enforcement/cases/new/" not in page.url

"""A printed page is the content only: no menu, no buttons, no forms to act."""

import datetime as dt

import pytest

from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.enforcement import services

pytestmark = pytest.mark.browser


def test_a_case_prints_without_the_menu_and_the_forms(transactional_db, units, login, live_server):
    from fazhi.enforcement.tests.factories import EnforcementBodyFactory

    UserFactory(username="print_staff", role="unit_staff", org_unit=units["street_a"])
    case = services.case_open(user=None, body=EnforcementBodyFactory(org_unit=units["street_a"]), kind="penalty",
                              summary="占道经营", opened_on=dt.date(2022, 3, 1), party_name="某公司")
    page = login("print_staff", PASSWORD)
    page.goto(f"{live_server.url}/enforcement/cases/{case.pk}/")
    assert page.locator("header").is_visible() and any(form.is_visible() for form in page.locator("form").all())
    page.emulate_media(media="print")
    assert not page.locator("header").is_visible()
    assert not any(form.is_visible() for form in page.locator("form").all())
    assert page.get_by_text("占道经营").first.is_visible()

"""The enforcement case page and the public disclosure page, in a real browser."""

import datetime as dt

import pytest

from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.enforcement import services
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number, far_future

pytestmark = pytest.mark.browser
PARTY_ID = fake_id_number(901)


@pytest.fixture
def case(transactional_db, units):
    body = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    able = OfficerFactory(org_unit=units["street_a"], full_name="刘一")
    CertificateFactory(officer=able, valid_from=dt.date(2020, 1, 1), valid_until=far_future())
    lapsed = OfficerFactory(org_unit=units["street_a"], full_name="过期者")
    CertificateFactory(officer=lapsed, number="辽EXPIRED01", valid_from=dt.date(2017, 1, 1),
                       valid_until=dt.date(2021, 12, 31))
    UserFactory(username="browser_officer", role="officer", org_unit=units["street_a"])
    return services.case_open(user=None, body=body, kind="penalty", summary="无证经营", opened_on=dt.date(2022, 3, 1),
                              party_name="张三丰", party_id_number=PARTY_ID)


def test_assigning_an_officer_whose_certificate_lapsed_is_refused_on_the_page(case, login, live_server):
    page = login("browser_officer", PASSWORD)
    page.goto(f"{live_server.url}/enforcement/cases/{case.pk}/")
    form = page.locator("#assign form")
    form.locator("select[name=assign-officer]").select_option(label="过期者")
    form.locator("input[name=assign-on]").fill("2022-03-05")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "已于2021年12月31日到期失效" in page.content()
    assert case.assignments.count() == 0


def test_public_disclosure_needs_no_login_and_shows_no_id_numbers(case, page, live_server):
    page.goto(f"{live_server.url}/portal/enforcement/")
    assert "/accounts/login/" not in page.url
    text = page.content()
    assert "甲街道综合执法队" in text
    assert "刘一" in text  # officers are public: name and certificate number
    assert PARTY_ID not in text
    assert "张三丰" not in text

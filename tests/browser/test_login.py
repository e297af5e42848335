"""Login, lock-out and logout in a real browser."""

import pytest
from django.conf import settings

from fazhi.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(transactional_db, units):
    return UserFactory(username="browser_staff", full_name="浏览器测试员", role="unit_staff",
                       org_unit=units["street_a"])


def test_login_shows_the_home_page_and_logout_returns_to_login(staff, login, live_server):
    page = login("browser_staff", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert "浏览器测试员" in page.content()
    page.locator(".dropdown-toggle", has_text="浏览器测试员").click()
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/accounts/login/**")


def test_wrong_password_is_refused_with_a_message(staff, login):
    page = login("browser_staff", "wrong-password")
    assert "/accounts/login/" in page.url
    assert "用户名或密码" in page.content()


def test_account_is_locked_after_repeated_failures_even_with_the_right_password(staff, login):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login("browser_staff", "wrong-password")
    page = login("browser_staff", PASSWORD)
    assert "锁定" in page.content()
    assert "浏览器测试员" not in page.content()

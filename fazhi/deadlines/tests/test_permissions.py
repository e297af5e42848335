"""Who enters a year's holiday arrangement: one rule, which the home page's reminder reads."""

import pytest

from fazhi.deadlines import permissions


@pytest.mark.parametrize(("role", "allowed"), {"admin": True, "legal_office": False, "unit_staff": False,
                                               "officer": False, "leader": False}.items())
def test_who_enters_the_calendar(users, role, allowed):
    assert permissions.may_enter_calendar(users[role]) is allowed

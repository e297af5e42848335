"""Shared fixtures: a small zone with two units of each kind and one user per role; the platform's date."""

import datetime as dt

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests check results, not speed: no per-example deadline (Hypothesis' 200 ms default failed a
# redaction test once on a loaded 2-core machine). Speed is measured in bench/, never in a test.
hypothesis_settings.register_profile("fazhi", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("fazhi")


@pytest.fixture(autouse=True)
def _fresh_role_cache():
    # role_permissions is cached per process; models are fixed, so one clear per test is enough.
    from fazhi.core.roles import keeper_permissions, role_permissions
    from fazhi.deadlines.calendar_source import working_calendar

    role_permissions.cache_clear()
    keeper_permissions.cache_clear()
    working_calendar.cache_clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for attackers, not for a test suite creating many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def set_today(time_machine):
    """Set the platform's date for this test: `set_today(date)`; time runs on from 09:00 that day.

    The one way a test chooses the day (fazhi.core.clock reads it); `make test-dates` runs the suite with
    the whole process's clock set instead (FAZHI_CLOCK).
    """
    from django.conf import settings

    from fazhi.core.clock import parse_clock

    def move(day: dt.date) -> dt.date:
        time_machine.move_to(parse_clock(day.isoformat(), settings.TIME_ZONE), tick=True)
        return day

    return move


@pytest.fixture
def zone(db):
    from fazhi.organisation.tests.factories import ZoneFactory

    return ZoneFactory()


@pytest.fixture
def units(zone):
    """Two departments and two streets: unit A and unit B are each other's 'other unit'."""
    from fazhi.organisation.tests.factories import OrgUnitFactory

    return {
        "dept_a": OrgUnitFactory(zone=zone, kind="department", name="市场监督管理局", code="DEPT-A"),
        "dept_b": OrgUnitFactory(zone=zone, kind="department", name="住房和城乡建设局", code="DEPT-B"),
        "street_a": OrgUnitFactory(zone=zone, kind="street", name="甲街道", code="STR-A"),
        "street_b": OrgUnitFactory(zone=zone, kind="street", name="乙街道", code="STR-B"),
        "legal": OrgUnitFactory(zone=zone, kind="department", name="司法局", code="DEPT-SFJ"),
    }


@pytest.fixture
def users(units):
    from fazhi.accounts.tests.factories import UserFactory

    return {
        "admin": UserFactory(role="admin", org_unit=units["legal"], username="admin"),
        "legal_office": UserFactory(role="legal_office", org_unit=units["legal"], username="legal",
                                    legal_qualification_number="A20182102000001"),
        "unit_staff": UserFactory(role="unit_staff", org_unit=units["street_a"], username="staff_a"),
        "unit_staff_b": UserFactory(role="unit_staff", org_unit=units["street_b"], username="staff_b"),
        "officer": UserFactory(role="officer", org_unit=units["street_a"], username="officer_a"),
        "leader": UserFactory(role="leader", org_unit=units["legal"], username="leader"),
    }

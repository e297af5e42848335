"""Fixtures for the API tests: one record per unit for each resource, and a logged-in client per role."""

import datetime as dt
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from fazhi.core import clock

# Every role in the shared `users` fixture; unit_staff and officer work in street A, unit_staff_b in street B.
ROLES = ("admin", "legal_office", "unit_staff", "unit_staff_b", "officer", "leader")


class ApiClient(Client):
    """A test client that sends JSON bodies."""

    def post_json(self, path: str, data, **extra):
        return self.post(path, json.dumps(data), content_type="application/json", **extra)

    def patch_json(self, path: str, data, **extra):
        return self.patch(path, json.dumps(data), content_type="application/json", **extra)


@pytest.fixture
def client_for(users):
    """`client_for("leader")`: a client logged in as that role's user."""

    def make(role: str, **kwargs) -> ApiClient:
        client = ApiClient(**kwargs)
        client.force_login(users[role])
        return client

    return make


@pytest.fixture
def anonymous():
    return ApiClient()


@pytest.fixture
def entities(units):
    """One market entity in street A and one in street B."""
    from fazhi.market_entities.tests.factories import MarketEntityFactory

    return {
        "a": MarketEntityFactory(street=units["street_a"], name="甲街道测试有限公司", risk_class="A", industry="C"),
        "b": MarketEntityFactory(street=units["street_b"], name="乙街道测试有限公司", risk_class="D", industry="F"),
    }


def make_deadline(*, org_unit, record, due_in_days: int, title: str = "测试期限", completed: bool = False):
    from fazhi.core.services import record_create
    from fazhi.deadlines.models import Deadline

    today = clock.today()
    return record_create(
        model=Deadline, user=None, rule_code="api_test_rule", title=title, org_unit=org_unit,
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
        starts_on=today - dt.timedelta(days=10), due_on=today + dt.timedelta(days=due_in_days),
        completed_on=today if completed else None,
    )


@pytest.fixture
def deadlines(units, entities):
    """One open deadline due in 3 days for street A and one for street B."""
    return {
        "a": make_deadline(org_unit=units["street_a"], record=entities["a"], due_in_days=3, title="甲街道期限"),
        "b": make_deadline(org_unit=units["street_b"], record=entities["b"], due_in_days=3, title="乙街道期限"),
    }


@pytest.fixture
def records(units, users, entities, deadlines):
    """For each resource of the API, its record owned by street A and by street B."""
    return {
        "org-units": {"a": units["street_a"], "b": units["street_b"]},
        "users": {"a": users["unit_staff"], "b": users["unit_staff_b"]},
        "market-entities": entities,
        "deadlines": deadlines,
    }

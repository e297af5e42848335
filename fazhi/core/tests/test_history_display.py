"""The history shows values as the record's page does: labels, names, 是/否, local times (issue 16 item 22)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.tests.factories import UserFactory
from fazhi.core.audit import NO, YES, history_entries
from fazhi.core.services import record_update
from fazhi.inspections import services as inspection_services
from fazhi.inspections.models import InspectionPlan
from fazhi.inspections.tests.factories import InspectionItemFactory
from fazhi.market_entities.constants import Industry
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory


@pytest.fixture
def staff(units):
    return UserFactory(role="unit_staff", org_unit=units["dept_a"], username="history_staff")


@pytest.fixture
def plan(units, staff):
    today = dt.date(2026, 3, 2)
    return inspection_services.plan_create(
        user=staff, items=[InspectionItemFactory(org_unit=units["dept_a"])], title="抽查计划",
        lead_unit=units["dept_a"], starts_on=today, ends_on=today + dt.timedelta(days=60),
        inspection_date=today + dt.timedelta(days=14), industries=["I", "L"], entity_types=[],
        **{f"ratio_{risk}": Decimal("0.1") for risk in "abcd"},
    )


def _changes(entry) -> dict[str, tuple[str, str]]:
    return {change.field: (change.old, change.new) for change in entry.changes}


def _change_plan(plan, staff, **changes):
    return inspection_services.plan_update(user=staff, plan=plan, expected_version=plan.version, **changes)


INFO, LEASING, MANUFACTURING = Industry.I.label, Industry.L.label, Industry.C.label


def _label(model, field: str) -> str:
    """The field's name as the history shows it: its verbose_name."""
    return str(model._meta.get_field(field).verbose_name)


def test_a_list_of_choices_shows_its_labels_on_the_record_page(client, plan, staff):
    _change_plan(plan, staff, industries=["C"], lead_seat=True)
    client.force_login(staff)

    page = client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()

    history = page[page.index('id="history-title"'):]
    assert f"{INFO}、{LEASING}</span> → <span class=\"fz-change-new\">{MANUFACTURING}" in history
    assert "[&#x27;" not in history and "['I'" not in history
    lead_seat = _label(InspectionPlan, "lead_seat")
    assert f"{lead_seat}：<span class=\"fz-change-old\">{NO}</span> → <span class=\"fz-change-new\">{YES}" in history


def test_the_api_history_shows_the_same_labels(client, plan, staff):
    _change_plan(plan, staff, industries=["C"])
    client.force_login(staff)

    rows = client.get(f"/api/inspections/plans/{plan.pk}/history").json()

    changes = {c["field"]: (c["old"], c["new"]) for c in rows[0]["changes"]}
    assert changes[_label(InspectionPlan, "industries")] == (f"{INFO}、{LEASING}", MANUFACTURING)
    created = {c["field"]: c["new"] for c in rows[-1]["changes"]}
    assert created[_label(InspectionPlan, "industries")] == f"{INFO}、{LEASING}"
    assert _label(InspectionPlan, "entity_types") not in created  # an empty list is no value, as on the page


def test_a_code_no_longer_offered_stays_readable(plan, staff):
    _change_plan(plan, staff, industries=["I", "Z9"])

    changes = _changes(history_entries(plan)[0])

    assert changes[_label(InspectionPlan, "industries")] == (f"{INFO}、{LEASING}", f"{INFO}、Z9")


def test_a_link_reads_as_the_linked_records_name(users, units):
    entity = MarketEntityFactory(street=units["street_a"])
    record_update(record=entity, user=users["legal_office"], expected_version=entity.version, street=units["street_b"])

    changes = _changes(history_entries(entity)[0])

    assert changes[_label(MarketEntity, "street")] == (units["street_a"].name, units["street_b"].name)


def test_a_time_reads_in_local_time_as_on_the_page(users, units):
    entity = MarketEntityFactory(street=units["street_a"])
    at = timezone.make_aware(dt.datetime(2026, 3, 1, 8, 30))
    record_update(record=entity, user=users["legal_office"], expected_version=entity.version, archived_on=at)

    changes = _changes(history_entries(entity)[0])

    assert changes[_label(MarketEntity, "archived_on")] == ("—", "2026-03-01 08:30")

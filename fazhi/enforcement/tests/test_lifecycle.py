"""The status tables of fazhi.enforcement.lifecycle are the ones the services apply: every move a table allows
is accepted by the service, every other one refused, and the tables name the models' statuses."""

import pytest

from fazhi.core.exceptions import FazhiError
from fazhi.enforcement import constants, lifecycle, services
from fazhi.enforcement.forms import InspectionStatusForm
from fazhi.enforcement.tests.factories import SpecialInspectionFactory

pytestmark = pytest.mark.django_db

PAIRS = {
    "inspection": [(s, a) for s in lifecycle.INSPECTION.statuses for a in (r.action for r in
                                                                           lifecycle.INSPECTION.transitions)],
}


@pytest.mark.parametrize(("table", "choices"), [
    (lifecycle.INSPECTION, constants.InspectionStatus),
])
def test_the_tables_name_the_models_statuses(table, choices):
    assert set(table.statuses) == set(choices.values)


@pytest.mark.parametrize(("status", "action"), PAIRS["inspection"])
def test_special_inspection_moves(status, action, users):
    inspection = SpecialInspectionFactory(status=status)
    target = lifecycle.INSPECTION.rule(action).target
    move = lambda: services.special_inspection_status_set(  # noqa: E731
        user=users["legal_office"], inspection=inspection, status=target)
    if lifecycle.INSPECTION.allows(status, action, {lifecycle.KEEPER}):
        assert move().status == target
    else:
        with pytest.raises(FazhiError):
            move()


@pytest.mark.parametrize("status", list(lifecycle.INSPECTION.statuses))
def test_the_stage_form_offers_the_stages_the_table_leads_to(status, users):
    inspection = SpecialInspectionFactory(status=status)
    form = InspectionStatusForm(prefix="status", record=inspection, user=users["legal_office"])
    offered = [value for value, _ in form.fields["status"].choices]
    assert offered == [lifecycle.INSPECTION.rule(action).target for action in lifecycle.INSPECTION.actions_from(status)]

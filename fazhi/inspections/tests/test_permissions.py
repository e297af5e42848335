"""fazhi/inspections/permissions.py, per role, for a record of the user's own unit and one of another unit.

The expectations are written from the rules, not read from the code: a leader or the legal-affairs office
approves a plan; the legal-affairs office alone voids a draw; the other steps of a plan are taken by those who
may change it (its lead department's staff, the legal-affairs office, the administrator); a result is entered by
the task's team, the staff of a department taking part or the legal-affairs office, until it is published.
"""

import pytest

from fazhi.accounts.tests.factories import UserFactory
from fazhi.core.roles import Role
from fazhi.inspections import permissions
from fazhi.inspections.constants import TaskStatus
from fazhi.inspections.tests.factories import make_task
from fazhi.officers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db

OWN, OTHER = "own", "other"
NOBODY = dict.fromkeys(Role, (False, False))
# Who may change a plan (the permission pairs of fazhi.core.roles with InspectionPlan's unit scope).
CHANGERS = {**NOBODY, Role.ADMIN: (True, True), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (True, False)}
PLAN_RULES = {
    permissions.may_approve: {**NOBODY, Role.LEADER: (True, True), Role.LEGAL_OFFICE: (True, True)},
    permissions.may_edit_plan: CHANGERS,
    permissions.may_publish: CHANGERS,
    permissions.may_commit: CHANGERS,
    permissions.may_reveal: CHANGERS,
    permissions.may_publish_results: CHANGERS,
    permissions.may_void: {**NOBODY, Role.LEGAL_OFFICE: (True, True)},
}
# An officer enters the results of their own team's tasks only (see test_a_team_member_records_their_task).
RESULT_RULE = {**NOBODY, Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (True, False)}
TASK_RULES = {permissions.may_record_result: RESULT_RULE, permissions.may_attach_record: RESULT_RULE}
RECUSAL_RULE = {**NOBODY, Role.ADMIN: (True, True), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (True, False)}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(units):
    """A task (with its plan and a recusal) of department A and one of department B; a user of every role in A."""
    officers = {key: OfficerFactory(org_unit=units[f"dept_{key[-1]}"], user=UserFactory(
        role=Role.OFFICER, org_unit=units[f"dept_{key[-1]}"], username=f"team_{key}")) for key in ("on_a", "on_b")}
    tasks = {OWN: make_task(lead_unit=units["dept_a"], officer=officers["on_a"]),
             OTHER: make_task(lead_unit=units["dept_b"], officer=officers["on_b"])}
    people = {role: UserFactory(role=role, org_unit=units["dept_a"], username=f"a_{role}") for role in Role}
    return {"tasks": tasks, "people": people, "officers": officers}


def _answers(may, people, records) -> dict:
    return {role: (may(user, records[OWN]), may(user, records[OTHER])) for role, user in people.items()}


@pytest.mark.parametrize("may", list(PLAN_RULES), ids=lambda may: may.__name__)
def test_each_plan_action_per_role(world, may):
    plans = {where: task.plan for where, task in world["tasks"].items()}
    assert _answers(may, world["people"], plans) == PLAN_RULES[may]
    assert may(None, plans[OWN]) and may(None, plans[OTHER])  # the system (a loader)


@pytest.mark.parametrize("may", list(TASK_RULES), ids=lambda may: may.__name__)
def test_each_task_action_per_role(world, may):
    assert _answers(may, world["people"], world["tasks"]) == TASK_RULES[may]
    assert may(None, world["tasks"][OWN])


@pytest.mark.parametrize("may", list(TASK_RULES), ids=lambda may: may.__name__)
def test_a_team_member_records_their_task_and_no_other(world, may):
    member = world["officers"]["on_a"].user
    assert (may(member, world["tasks"][OWN]), may(member, world["tasks"][OTHER])) == (True, False)


@pytest.mark.parametrize("may", list(TASK_RULES), ids=lambda may: may.__name__)
def test_a_published_result_is_fixed_for_everyone(world, may):
    task = world["tasks"][OWN]
    task.status = TaskStatus.PUBLISHED
    assert not any(may(user, task) for user in [*world["people"].values(), world["officers"]["on_a"].user, None])
    assert permissions.in_result_team(world["people"][Role.LEGAL_OFFICE], task)  # who, whatever the status


def test_declaring_a_recusal_per_role(world):
    recusals = {OWN: world["officers"]["on_a"].recusals.get(), OTHER: world["officers"]["on_b"].recusals.get()}
    assert _answers(permissions.may_declare_recusal, world["people"], recusals) == RECUSAL_RULE
    assert permissions.may_declare_recusal(None, recusals[OTHER])

"""Who may do what with a major decision (permissions.py), per role, on an own-unit and an other-unit record.

Written from the rules: the undertaking unit's staff record their own decisions' steps; the legal-affairs office
(and the administrator) every unit's; the legality review is the office's staff's only (第二十五条、第二十八条);
the catalogue is kept by the office (第三条第三款); officers and leaders only read; the platform (None) may act.
"""

import pytest

from fazhi.core.roles import Role
from fazhi.major_decisions import permissions, services
from fazhi.major_decisions.constants import StepKind

USERS = {Role.ADMIN: "admin", Role.LEGAL_OFFICE: "legal_office", Role.UNIT_STAFF: "unit_staff",
         Role.OFFICER: "officer", Role.LEADER: "leader"}

# (own-unit record, other-unit record) per role; "own" is unit_staff's and officer's unit (street A).
CHANGERS = {Role.ADMIN: (True, True), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (True, False),
            Role.OFFICER: (False, False), Role.LEADER: (False, False)}
REVIEWERS = {Role.ADMIN: (False, False), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (False, False),
             Role.OFFICER: (False, False), Role.LEADER: (False, False)}
OFFICE = {Role.ADMIN: True, Role.LEGAL_OFFICE: True, Role.UNIT_STAFF: False, Role.OFFICER: False,
          Role.LEADER: False}

DECISION_RULES = {
    permissions.may_update: CHANGERS,
    permissions.may_step: CHANGERS,
    permissions.may_skip: CHANGERS,
    permissions.may_discuss: CHANGERS,
    permissions.may_report_to_party: CHANGERS,
    permissions.may_publish: CHANGERS,
    permissions.may_evaluate: CHANGERS,
    permissions.may_archive_file: CHANGERS,
    permissions.may_review: REVIEWERS,
}


@pytest.fixture
def decisions(units):
    catalogue = services.catalogue_create(user=None, year=2022, decision_organ=units["legal"])
    return tuple(services.decision_add(user=None, catalogue=catalogue, title=f"{unit}停车场建设",
                                       undertaking_unit=units[unit]) for unit in ("street_a", "street_b"))


@pytest.mark.parametrize("may", list(DECISION_RULES), ids=lambda may: may.__name__)
def test_each_decision_action_per_role(may, decisions, users):
    own, other = decisions
    found = {role: (may(users[name], own), may(users[name], other)) for role, name in USERS.items()}
    assert found == DECISION_RULES[may]
    assert may(None, own) and may(None, other)  # the platform


@pytest.mark.parametrize("may", [permissions.may_create_catalogue, permissions.may_publish_catalogue],
                         ids=lambda may: may.__name__)
def test_the_catalogue_is_the_legal_offices(may, decisions, users):
    catalogue = decisions[0].catalogue
    assert {role: may(users[name], catalogue) for role, name in USERS.items()} == OFFICE
    assert may(None, catalogue)


def test_each_kind_of_step_is_recorded_by_whoever_may_take_its_action():
    assert permissions.step_permission(StepKind.LEGALITY_REVIEW) is permissions.may_review
    assert permissions.step_permission(StepKind.COLLECTIVE_DISCUSSION) is permissions.may_discuss
    assert permissions.step_permission(StepKind.PARTY_REPORT) is permissions.may_report_to_party
    for kind in (StepKind.PUBLIC_PARTICIPATION, StepKind.EXPERT_ARGUMENTATION, StepKind.RISK_ASSESSMENT):
        assert permissions.step_permission(kind) is permissions.may_step

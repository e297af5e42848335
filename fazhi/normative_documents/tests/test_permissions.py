"""Who may do what with a normative document (permissions.py), per role, on an own-unit and an other-unit record.

Written from the rules: the drafting unit's staff act on their own unit's drafts; the legal-affairs office
(and the administrator for it) on every unit's; the legality review is the office's staff's only
(国办发〔2018〕115号); officers and leaders only read; the platform (user None) may act.
"""

import pytest

from fazhi.core.roles import Role
from fazhi.normative_documents import permissions
from fazhi.normative_documents.models import Cleanup
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory

# The users fixture's user of each role; "own" is a record of unit_staff's and officer's unit (street A).
USERS = {Role.ADMIN: "admin", Role.LEGAL_OFFICE: "legal_office", Role.UNIT_STAFF: "unit_staff",
         Role.OFFICER: "officer", Role.LEADER: "leader"}

# (own-unit record, other-unit record) per role.
CHANGERS = {Role.ADMIN: (True, True), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (True, False),
            Role.OFFICER: (False, False), Role.LEADER: (False, False)}
OFFICE = {Role.ADMIN: (True, True), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (False, False),
          Role.OFFICER: (False, False), Role.LEADER: (False, False)}
REVIEWERS = {Role.ADMIN: (False, False), Role.LEGAL_OFFICE: (True, True), Role.UNIT_STAFF: (False, False),
             Role.OFFICER: (False, False), Role.LEADER: (False, False)}
NOBODY = {role: (False, False) for role in USERS}

DOCUMENT_RULES = {
    # The drafting unit's acts (or the office's for it).
    permissions.may_update: CHANGERS,
    permissions.may_open_comment: CHANGERS,
    permissions.may_comment: CHANGERS,
    permissions.may_respond: CHANGERS,
    permissions.may_submit_review: CHANGERS,
    permissions.may_fair_competition_review: CHANGERS,
    permissions.may_deliberate: CHANGERS,
    permissions.may_file: CHANGERS,
    permissions.may_evaluate: CHANGERS,
    permissions.may_abandon: CHANGERS,
    # The legal-affairs office's.
    permissions.may_mark_market: OFFICE,
    permissions.may_publish: OFFICE,
    permissions.may_amend: OFFICE,
    permissions.may_repeal: OFFICE,
    permissions.may_review: REVIEWERS,
    # The platform's alone.
    permissions.may_expire: NOBODY,
}
CLEANUP_RULES = (permissions.may_create_cleanup, permissions.may_add_to_cleanup, permissions.may_decide_cleanup,
                 permissions.may_publish_cleanup)


@pytest.fixture
def documents(units):
    return (NormativeDocumentFactory(drafting_unit=units["street_a"]),
            NormativeDocumentFactory(drafting_unit=units["street_b"]))


@pytest.mark.parametrize("may", list(DOCUMENT_RULES), ids=lambda may: may.__name__)
def test_each_document_action_per_role(may, documents, users):
    own, other = documents
    found = {role: (may(users[name], own), may(users[name], other)) for role, name in USERS.items()}
    assert found == DOCUMENT_RULES[may]
    assert may(None, own) and may(None, other)  # the platform


def test_the_other_units_staff_may_act_on_their_own_draft_only(documents, users):
    own, other = documents
    staff_b = users["unit_staff_b"]
    assert permissions.may_submit_review(staff_b, other) and not permissions.may_submit_review(staff_b, own)


@pytest.mark.parametrize("may", CLEANUP_RULES, ids=lambda may: may.__name__)
def test_cleanups_are_the_legal_offices(may, users):
    cleanup = Cleanup()
    found = {role: may(users[name], cleanup) for role, name in USERS.items()}
    assert found == {role: office[0] for role, office in OFFICE.items()}
    assert may(None, cleanup)


def test_actor_kinds_follow_role_and_scope(documents, users):
    own, other = documents
    assert permissions.actor(None, own) == "system"
    assert permissions.actor(users["legal_office"], other) == "legal_office"
    assert permissions.actor(users["admin"], other) == "legal_office"
    assert permissions.actor(users["unit_staff"], own) == "drafting_unit"
    assert permissions.actor(users["unit_staff"], other) is None
    assert permissions.actor(users["leader"], own) is None

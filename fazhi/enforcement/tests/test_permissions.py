"""Each rule of fazhi.enforcement.permissions, for each role, on a record of the user's own unit and of another.

The expected answers are written from the rules (the role's permission pairs in fazhi.core.roles, the
body's designated reviewer, the legal-affairs office's own tasks), not computed from the functions.
The users are the shared `users` fixture: unit staff and the officer work in street A; the
legal-affairs office, the administrator and the leader in the 司法局. "own" is a record of street A,
"other" one of street B (for the legal-affairs office and the administrator, both are another unit's).
"""

import datetime as dt

import pytest

from fazhi.enforcement import permissions
from fazhi.enforcement.constants import LegalReviewer
from fazhi.enforcement.models import Rectification, UnitInspection
from fazhi.enforcement.tests.factories import CaseFactory, EnforcementBodyFactory, SpecialInspectionFactory

pytestmark = pytest.mark.django_db

ROLES = ("admin", "legal_office", "unit_staff", "officer", "leader")

# (own unit, other unit) for admin, legal_office, unit_staff, officer, leader.
CHANGERS = {"admin": (True, True), "legal_office": (True, True), "unit_staff": (True, False),
            "officer": (False, False), "leader": (False, False)}
# Officers may add and change their unit's cases, their steps, assignments and records.
CASE_WORKERS = {**CHANGERS, "officer": (True, False)}
LEGAL_OFFICE_ONLY = {"admin": (False, False), "legal_office": (True, True), "unit_staff": (False, False),
                     "officer": (False, False), "leader": (False, False)}
ZONE_WIDE = {"admin": (True, True), "legal_office": (True, True), "unit_staff": (False, False),
             "officer": (False, False), "leader": (False, False)}

EXPECTED = {
    # record: which of the records below the rule is asked about
    "may_assign_officer": ("case", CASE_WORKERS),
    "may_add_step": ("case", CASE_WORKERS),
    "may_upload_record": ("case", CASE_WORKERS),
    "may_decide": ("case", CASE_WORKERS),
    "may_close": ("case", CASE_WORKERS),
    # Publication, its withdrawal and the record of an overturn: not the officers' to do.
    "may_publish": ("case", CHANGERS),
    "may_withdraw": ("case", CHANGERS),
    "may_record_overturn": ("case", CHANGERS),
    "may_declare_major": ("case", CHANGERS),
    # The body designated the legal-affairs office (the default) as its reviewer.
    "may_review": ("case", LEGAL_OFFICE_ONLY),
    "may_enter_back_files": ("case", LEGAL_OFFICE_ONLY),
    # A special inspection is the legal-affairs office's campaign (zone-wide: no unit of its own).
    "may_add_unit": ("inspection", ZONE_WIDE),
    "may_set_status": ("inspection", ZONE_WIDE),
    "may_self_check": ("unit_inspection", CHANGERS),
    "may_record_on_site": ("unit_inspection", ZONE_WIDE),
    "may_add_rectification": ("unit_inspection", CHANGERS),
    "may_complete_rectification": ("rectification", CHANGERS),
}


def _records(unit, inspection, *, reviewer=LegalReviewer.LEGAL_OFFICE) -> dict:
    body = EnforcementBodyFactory(org_unit=unit, legal_reviewer=reviewer)
    unit_inspection = UnitInspection.objects.create(inspection=inspection, org_unit=unit)
    return {
        "case": CaseFactory(body=body),
        "inspection": inspection,
        "unit_inspection": unit_inspection,
        "rectification": Rectification.objects.create(unit_inspection=unit_inspection, problem="未公示",
                                                      due_on=dt.date(2022, 12, 1)),
    }


@pytest.fixture
def records(units):
    inspection = SpecialInspectionFactory()
    return {"own": _records(units["street_a"], inspection), "other": _records(units["street_b"], inspection)}


def test_every_rule_is_covered():
    rules = {name for name in dir(permissions) if name.startswith("may_")}
    assert rules == set(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_rule_for_role(rule, role, users, records):
    kind, table = EXPECTED[rule]
    may = getattr(permissions, rule)
    user = users[role]
    got = (may(user, records["own"][kind]), may(user, records["other"][kind]))
    assert got == table[role]


@pytest.mark.parametrize("rule", sorted(set(EXPECTED) - {"may_review"}))
def test_the_system_may(rule, records):
    kind, _ = EXPECTED[rule]
    assert getattr(permissions, rule)(None, records["own"][kind]) is True


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", (False, False)), ("legal_office", (False, False)), ("unit_staff", (True, False)),
    ("officer", (False, False)), ("leader", (False, False)),
])
def test_review_by_the_bodys_own_unit(role, expected, users, units):
    """A body that reviews its own decisions: its unit's staff review, not the legal-affairs office."""
    own = CaseFactory(body=EnforcementBodyFactory(org_unit=units["street_a"], legal_reviewer=LegalReviewer.OWN_UNIT))
    other = CaseFactory(body=EnforcementBodyFactory(org_unit=units["street_b"],
                                                    legal_reviewer=LegalReviewer.OWN_UNIT))
    user = users[role]
    assert (permissions.may_review(user, own), permissions.may_review(user, other)) == expected



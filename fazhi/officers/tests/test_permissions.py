"""Each rule of fazhi.officers.permissions, for each role, on a record of the user's own unit and of another.

The expected answers are written from the rules (the role's permission pairs in fazhi.core.roles, the
legal-affairs office's own tasks), not computed from the functions. The users are the shared `users` fixture:
unit staff and the officer work in street A; the legal-affairs office, the administrator and the leader in the
司法局. "own" is a record of street A, "other" one of street B (for the legal-affairs office and the
administrator, both are another unit's).
"""

import datetime as dt

import pytest

from fazhi.officers import permissions
from fazhi.officers.constants import ExamKind
from fazhi.officers.models import CertificateApplication, ExamResult
from fazhi.officers.tests.factories import CertificateFactory, ExamFactory, OfficerFactory, TrainingFactory

pytestmark = pytest.mark.django_db

ROLES = ("admin", "legal_office", "unit_staff", "officer", "leader")

# (own unit, other unit) for admin, legal_office, unit_staff, officer, leader.
CHANGERS = {"admin": (True, True), "legal_office": (True, True), "unit_staff": (True, False),
            "officer": (False, False), "leader": (False, False)}
ZONE_WIDE = {"admin": (True, True), "legal_office": (True, True), "unit_staff": (False, False),
             "officer": (False, False), "leader": (False, False)}

EXPECTED = {
    # record: which of the records below the rule is asked about
    "may_issue_certificate": ("officer", ZONE_WIDE),
    "may_suspend_certificate": ("certificate", ZONE_WIDE),
    "may_reinstate_certificate": ("certificate", ZONE_WIDE),
    "may_revoke_certificate": ("certificate", ZONE_WIDE),
    "may_approve_application": ("application", CHANGERS),
    "may_reject_application": ("application", CHANGERS),
    "may_add_attendance": ("training", CHANGERS),
    "may_record_result": ("exam", CHANGERS),
    # Those who keep the register read ID numbers in full, whatever the officer's unit.
    "may_see_officer_personal_data": ("officer", {"admin": (True, True), "legal_office": (True, True),
                                                  "unit_staff": (True, True), "officer": (False, False),
                                                  "leader": (False, False)}),
}


def _records(unit) -> dict:
    officer = OfficerFactory(org_unit=unit)
    exam = ExamFactory(organiser=unit)
    result = ExamResult.objects.create(exam=exam, officer=officer, score=80)
    return {
        "officer": officer,
        "certificate": CertificateFactory(officer=officer),
        "application": CertificateApplication.objects.create(officer=officer, kind=ExamKind.NEW_OFFICER,
                                                             exam_result=result, applied_on=dt.date(2022, 7, 1)),
        "training": TrainingFactory(organiser=unit),
        "exam": exam,
    }


@pytest.fixture
def records(units):
    return {"own": _records(units["street_a"]), "other": _records(units["street_b"])}


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


@pytest.mark.parametrize("rule", sorted(set(EXPECTED) - {"may_see_officer_personal_data"}))
def test_the_system_may(rule, records):
    kind, _ = EXPECTED[rule]
    assert getattr(permissions, rule)(None, records["own"][kind]) is True


def test_an_officer_sees_their_own_data(users, units):
    me = OfficerFactory(org_unit=units["street_a"], user=users["officer"])
    colleague = OfficerFactory(org_unit=units["street_a"])
    assert permissions.may_see_officer_personal_data(users["officer"], me)
    assert not permissions.may_see_officer_personal_data(users["officer"], colleague)

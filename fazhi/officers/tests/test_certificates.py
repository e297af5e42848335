"""Officers and certificates: issue with expiry reminder, suspend/revoke, who may act when."""

import datetime as dt

import pytest

from fazhi.core.exceptions import FazhiError, PermissionDeniedError
from fazhi.core.tests.messages import message_pattern
from fazhi.core.validators import ID_CHECK_CHARACTER
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.officers import selectors, services
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.models import EnforcementCertificate
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number

D = dt.date


FROM, UNTIL = D(2020, 1, 1), D(2022, 12, 31)


def issue(user, officer, number="辽2102000001", valid_from=FROM, valid_until=UNTIL):
    return services.certificate_issue(user=user, officer=officer, number=number, issuer="大连市人民政府",
                                      area="长兴岛经济技术开发区", field="市场监管", valid_from=valid_from,
                                      valid_until=valid_until)


@pytest.fixture
def officer(units):
    return OfficerFactory(org_unit=units["street_a"], full_name="李执法")


def test_officer_create_validates_and_keeps_id_number(users, units):
    number = fake_id_number(42)
    officer = services.officer_create(user=users["unit_staff"], org_unit=units["street_a"], full_name=" 王五 ",
                                      id_number=number.lower(), phone="13800001111", account=users["officer"])
    assert officer.full_name == "王五"
    assert officer.id_number == number
    assert officer.user == users["officer"]
    assert officer.history.first().history_user == users["unit_staff"]


def test_officer_create_refuses_a_bad_id_number(users, units):
    from django.core.exceptions import ValidationError

    good = fake_id_number(1)
    wrong = good[:17] + ("1" if good[17] == "0" else "0")
    with pytest.raises(ValidationError, match=message_pattern(ID_CHECK_CHARACTER, anchored=False, actual=wrong[17])):
        services.officer_create(user=users["unit_staff"], org_unit=units["street_a"], full_name="王五",
                                id_number=wrong)


def test_issue_starts_expiry_deadline_with_reminder_lead_time(users, officer, settings):
    settings.FAZHI_CERTIFICATE_REMINDER_DAYS = 90
    certificate = issue(users["legal_office"], officer)

    deadline = deadlines_for_record(certificate).get()
    assert deadline.rule_code == "enforcement_certificate_expiry"
    assert deadline.due_on == D(2022, 12, 31)
    assert deadline.remind_on == D(2022, 12, 31) - dt.timedelta(days=90)
    assert deadline.org_unit == officer.org_unit
    assert "李执法" in deadline.title


def test_reminder_lead_time_comes_from_settings(users, officer, settings):
    settings.FAZHI_CERTIFICATE_REMINDER_DAYS = 30
    certificate = issue(users["legal_office"], officer)
    assert deadlines_for_record(certificate).get().remind_on == D(2022, 12, 1)


def test_renewal_completes_the_earlier_certificates_reminder(users, officer):
    old = issue(users["legal_office"], officer)
    issue(users["legal_office"], officer, number="辽2102000002", valid_from=D(2023, 2, 1), valid_until=D(2027, 1, 31))
    deadline = deadlines_for_record(old).get()
    assert deadline.completed_on == D(2023, 2, 1)
    assert deadline.completed_late  # renewed after it ran out: a lapse


@pytest.mark.parametrize("role", ["unit_staff", "officer", "leader"])
def test_only_the_legal_office_issues_certificates(users, officer, role):
    with pytest.raises(FazhiError) as refused:
        issue(users[role], officer)
    assert refused.value.message == str(services.CERTIFICATE_ISSUER_ONLY)
    assert not EnforcementCertificate.objects.exists()
    assert not Deadline.objects.exists()


def test_duplicate_number_leaves_nothing_behind(users, officer):
    from django.core.exceptions import ValidationError

    issue(users["legal_office"], officer)
    with pytest.raises(ValidationError):
        issue(users["legal_office"], officer, valid_from=D(2023, 1, 1), valid_until=D(2025, 1, 1))
    assert EnforcementCertificate.objects.count() == 1
    assert Deadline.objects.count() == 1


def test_valid_certificate_by_date(officer):
    certificate = CertificateFactory(officer=officer, valid_from=D(2020, 1, 1), valid_until=D(2022, 6, 30))
    assert selectors.officer_valid_certificate(officer, D(2022, 6, 30)) == certificate
    assert selectors.officer_valid_certificate(officer, D(2022, 7, 1)) is None
    assert selectors.officer_valid_certificate(officer, D(2019, 12, 31)) is None


def test_suspend_and_reinstate(users, officer):
    certificate = CertificateFactory(officer=officer)
    services.certificate_suspend(user=users["legal_office"], certificate=certificate, reason="涉嫌违法执法，暂扣待查")
    assert selectors.officer_valid_certificate(officer, D(2022, 6, 1)) is None
    assert certificate.history.first().history_change_reason.startswith("暂扣")

    with pytest.raises(FazhiError) as twice:
        services.certificate_suspend(user=users["legal_office"], certificate=certificate, reason="再次")
    assert twice.value.message == str(services.CERTIFICATE_ALREADY_SUSPENDED) % {"number": certificate.number}

    services.certificate_reinstate(user=users["legal_office"], certificate=certificate, reason="查无问题")
    assert selectors.officer_valid_certificate(officer, D(2022, 6, 1)) == certificate


def test_revoke_is_final_and_closes_reminder(users, officer):
    certificate = issue(users["legal_office"], officer, valid_until=D(2030, 1, 1))
    services.certificate_revoke(user=users["legal_office"], certificate=certificate, reason="调离执法岗位",
                                revoked_on=D(2022, 5, 1))
    assert certificate.status == CertificateStatus.REVOKED
    assert deadlines_for_record(certificate).get().completed_on == D(2022, 5, 1)
    with pytest.raises(FazhiError) as refused:
        services.certificate_reinstate(user=users["legal_office"], certificate=certificate, reason="误操作")
    assert refused.value.message == str(services.CERTIFICATE_ALREADY_REVOKED) % {"number": certificate.number}


def test_status_change_needs_a_reason(users, officer):
    certificate = CertificateFactory(officer=officer)
    with pytest.raises(FazhiError) as refused:
        services.certificate_suspend(user=users["legal_office"], certificate=certificate, reason=" ")
    assert refused.value.message == str(services.REASON_REQUIRED)


def test_unit_staff_cannot_suspend(users, officer):
    certificate = CertificateFactory(officer=officer)
    with pytest.raises(FazhiError) as refused:
        services.certificate_suspend(user=users["unit_staff"], certificate=certificate, reason="x")
    assert refused.value.message == str(services.CERTIFICATE_ISSUER_ONLY)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("none", "李执法没有执法证件"),
        ("expired", "李执法的执法证件（编号C-1）已于2022年3月31日到期失效"),
        ("suspended", "李执法的执法证件（编号C-1）已被暂扣"),
        ("revoked", "李执法的执法证件（编号C-1）已被注销"),
        ("future", "李执法的执法证件（编号C-1）自2022年9月1日起才生效"),
    ],
)
def test_certificate_problem_says_why(officer, setup, expected):
    dates = {"expired": (D(2019, 4, 1), D(2022, 3, 31)), "future": (D(2022, 9, 1), D(2027, 8, 31))}
    if setup != "none":
        valid_from, valid_until = dates.get(setup, (D(2020, 1, 1), D(2025, 12, 31)))
        status = {"suspended": CertificateStatus.SUSPENDED, "revoked": CertificateStatus.REVOKED}.get(
            setup, CertificateStatus.VALID)
        CertificateFactory(officer=officer, number="C-1", valid_from=valid_from, valid_until=valid_until,
                           status=status)
    assert selectors.officer_certificate_problem(officer, D(2022, 6, 1)) == expected


def test_archived_officer_may_not_act(users, officer):
    from fazhi.core.services import record_archive

    CertificateFactory(officer=officer)
    record_archive(record=officer, user=users["legal_office"], reason="调离")
    assert selectors.officer_valid_certificate(officer, D(2022, 6, 1)) is None
    assert selectors.officer_certificate_problem(officer, D(2022, 6, 1)) == (
        str(selectors.OFFICER_ARCHIVED) % {"officer": "李执法"})


def test_officers_eligible_is_the_pool_on_a_date(units):
    holding = CertificateFactory(officer__org_unit=units["dept_a"]).officer
    CertificateFactory(officer__org_unit=units["dept_a"], valid_until=D(2021, 12, 31))
    CertificateFactory(officer__org_unit=units["dept_a"], status=CertificateStatus.SUSPENDED)
    CertificateFactory(officer__org_unit=units["dept_b"])
    assert list(selectors.officers_eligible(on=D(2022, 6, 1), org_unit=units["dept_a"])) == [holding]
    assert selectors.officers_eligible(on=D(2022, 6, 1)).count() == 2


def test_expiring_and_expired_lists(units, officer):
    today = D(2026, 11, 26)
    soon = CertificateFactory(officer=officer, valid_until=today + dt.timedelta(days=60))
    later_holder = CertificateFactory(valid_until=today + dt.timedelta(days=200)).officer
    renewed = CertificateFactory(valid_until=today + dt.timedelta(days=30))
    CertificateFactory(officer=renewed.officer, valid_from=today, valid_until=today + dt.timedelta(days=1800))
    lapsed = CertificateFactory(valid_until=today - dt.timedelta(days=1))

    assert list(selectors.certificates_expiring(today=today)) == [soon]
    assert list(selectors.certificates_expiring(today=today, within_days=365).values_list("officer", flat=True)) \
        == [officer.pk, later_holder.pk]
    assert list(selectors.certificates_expired(today=today)) == [lapsed]


def test_expiring_list_is_scoped_to_the_users_unit(users, units, officer):
    today = D(2026, 11, 26)
    CertificateFactory(officer=officer, valid_until=today + dt.timedelta(days=10))
    CertificateFactory(officer__org_unit=units["street_b"], valid_until=today + dt.timedelta(days=10))
    assert selectors.certificates_expiring(today=today, user=users["unit_staff"]).count() == 1
    assert selectors.certificates_expiring(today=today, user=users["legal_office"]).count() == 2


def test_unit_staff_may_not_issue_via_generic_create(users, officer):
    from fazhi.core.services import record_create

    with pytest.raises(PermissionDeniedError):
        record_create(model=EnforcementCertificate, user=users["unit_staff"], officer=officer, number="X",
                      issuer="x", area="x", field="x", valid_from=D(2022, 1, 1), valid_until=D(2023, 1, 1))



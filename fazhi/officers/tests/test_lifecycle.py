"""The status tables of fazhi.officers.lifecycle are the ones the services apply: every move a table allows
is accepted by the service, every other one refused, and the tables name the models' statuses."""

import datetime as dt

import pytest

from fazhi.core.exceptions import FazhiError
from fazhi.officers import constants, lifecycle, services
from fazhi.officers.models import CertificateApplication, ExamResult
from fazhi.officers.tests.factories import CertificateFactory, ExamFactory, OfficerFactory, far_future

pytestmark = pytest.mark.django_db

PAIRS = {
    "certificate": [(s, a) for s in lifecycle.CERTIFICATE.statuses for a in ("suspend", "reinstate", "revoke")],
    "application": [(s, a) for s in lifecycle.APPLICATION.statuses for a in ("approve", "reject")],
}


@pytest.mark.parametrize(("table", "choices"), [
    (lifecycle.CERTIFICATE, constants.CertificateStatus),
    (lifecycle.APPLICATION, constants.ApplicationStatus),
])
def test_the_tables_name_the_models_statuses(table, choices):
    assert set(table.statuses) == set(choices.values)


@pytest.mark.parametrize(("status", "action"), PAIRS["certificate"])
def test_certificate_moves(status, action, users):
    certificate = CertificateFactory(status=status)
    service = {"suspend": services.certificate_suspend, "reinstate": services.certificate_reinstate,
               "revoke": services.certificate_revoke}[action]
    move = lambda: service(user=users["legal_office"], certificate=certificate, reason="依法处理")  # noqa: E731
    if lifecycle.CERTIFICATE.allows(status, action, {lifecycle.KEEPER}):
        assert move().status == lifecycle.CERTIFICATE.rule(action).target
    else:
        with pytest.raises(FazhiError):
            move()


@pytest.mark.parametrize(("status", "action"), PAIRS["application"])
def test_application_moves(status, action, users, units):
    officer = OfficerFactory(org_unit=units["street_a"])
    exam = ExamFactory(organiser=units["street_a"])
    result = ExamResult.objects.create(exam=exam, officer=officer, score=80)
    application = CertificateApplication.objects.create(officer=officer, kind=exam.kind, exam_result=result,
                                                        applied_on=dt.date(2022, 7, 1), status=status)
    user = users["legal_office"]
    if action == "approve":
        def move():
            return services.certificate_application_approve(
                user=user, application=application, number="辽LC-0001", issuer="大连市人民政府", area="长兴岛",
                field="市场监管", valid_from=dt.date(2022, 8, 1), valid_until=far_future())
    else:
        def move():
            return services.certificate_application_reject(user=user, application=application, reason="材料不全")
    if lifecycle.APPLICATION.allows(status, action, {lifecycle.KEEPER}):
        assert move().status == lifecycle.APPLICATION.rule(action).target
    else:
        with pytest.raises(FazhiError):
            move()

"""The status tables of fazhi.enforcement.lifecycle are the ones the services apply: every move a table allows
is accepted by the service, every other one refused, and the tables name the models' statuses."""

import datetime as dt

import pytest

from fazhi.core.exceptions import FazhiError
from fazhi.enforcement import constants, lifecycle, services
from fazhi.enforcement.forms import InspectionStatusForm
from fazhi.enforcement.models import CertificateApplication, ExamResult
from fazhi.enforcement.tests.factories import (
    CertificateFactory,
    ExamFactory,
    OfficerFactory,
    SpecialInspectionFactory,
    far_future,
)

pytestmark = pytest.mark.django_db

PAIRS = {
    "inspection": [(s, a) for s in lifecycle.INSPECTION.statuses for a in (r.action for r in
                                                                           lifecycle.INSPECTION.transitions)],
    "certificate": [(s, a) for s in lifecycle.CERTIFICATE.statuses for a in ("suspend", "reinstate", "revoke")],
    "application": [(s, a) for s in lifecycle.APPLICATION.statuses for a in ("approve", "reject")],
}


@pytest.mark.parametrize(("table", "choices"), [
    (lifecycle.INSPECTION, constants.InspectionStatus),
    (lifecycle.CERTIFICATE, constants.CertificateStatus),
    (lifecycle.APPLICATION, constants.ApplicationStatus),
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


@pytest.mark.parametrize("status", list(lifecycle.INSPECTION.statuses))
def test_the_stage_form_offers_the_stages_the_table_leads_to(status, users):
    inspection = SpecialInspectionFactory(status=status)
    form = InspectionStatusForm(prefix="status", record=inspection, user=users["legal_office"])
    offered = [value for value, _ in form.fields["status"].choices]
    assert offered == [lifecycle.INSPECTION.rule(action).target for action in lifecycle.INSPECTION.actions_from(status)]

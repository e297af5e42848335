"""Training sessions, exams, certificate applications and the year's statistics."""

import datetime as dt

import pytest

from fazhi.core.exceptions import FazhiError
from fazhi.core.tests.messages import message_pattern
from fazhi.officers import selectors, services
from fazhi.officers.constants import ApplicationStatus, CertificateStatus, ExamKind
from fazhi.officers.models import CertificateApplication, EnforcementCertificate, TrainingAttendance
from fazhi.officers.tests.factories import CertificateFactory, ExamFactory, OfficerFactory, TrainingFactory

D = dt.date


@pytest.fixture
def officer(units):
    return OfficerFactory(org_unit=units["dept_a"], full_name="吴新")


def test_training_and_attendance(users, units, officer):
    training = services.training_record(user=users["legal_office"], organiser=units["legal"], topic="通用法律知识",
                                        held_on=D(2022, 6, 15), hours="6.5", trainer="司法局 王老师")
    services.attendance_add(user=users["legal_office"], training=training, officer=officer)
    with pytest.raises(FazhiError) as refused:
        services.attendance_add(user=users["legal_office"], training=training, officer=officer)
    assert refused.value.message == str(services.ATTENDANCE_DUPLICATE) % {"officer": "吴新"}
    assert TrainingAttendance.objects.count() == 1


def test_exam_result_score_is_checked(users, units, officer):
    exam = services.exam_record(user=users["legal_office"], organiser=units["legal"], held_on=D(2022, 6, 16),
                                kind=ExamKind.NEW_OFFICER)
    with pytest.raises(FazhiError) as refused:
        services.exam_result_record(user=users["legal_office"], exam=exam, officer=officer, score="101")
    assert refused.value.message == str(services.EXAM_SCORE_INVALID)
    result = services.exam_result_record(user=users["legal_office"], exam=exam, officer=officer, score="60")
    assert result.passed
    with pytest.raises(FazhiError, match=message_pattern(services.EXAM_RESULT_DUPLICATE, officer=officer.full_name)):
        services.exam_result_record(user=users["legal_office"], exam=exam, officer=officer, score=70)


def test_failed_exam_cannot_lead_to_an_application(users, units, officer):
    exam = ExamFactory(organiser=units["legal"], pass_mark=60)
    result = services.exam_result_record(user=None, exam=exam, officer=officer, score="59.5")
    with pytest.raises(FazhiError) as refused:
        services.certificate_application_submit(user=users["legal_office"], exam_result=result,
                                                applied_on=D(2022, 6, 20))
    assert refused.value.message == str(services.APPLICATION_EXAM_FAILED) % {
        "officer": "吴新", "score": "59.5", "pass_mark": "60"}
    assert not CertificateApplication.objects.exists()


def test_application_approval_issues_the_certificate(users, units, officer):
    exam = ExamFactory(organiser=units["legal"], kind=ExamKind.RENEWAL)
    result = services.exam_result_record(user=None, exam=exam, officer=officer, score=88)
    application = services.certificate_application_submit(user=users["legal_office"], exam_result=result,
                                                           applied_on=D(2022, 6, 20))
    assert application.kind == ExamKind.RENEWAL
    duplicate = message_pattern(services.APPLICATION_DUPLICATE, status=ApplicationStatus.APPLIED.label)
    with pytest.raises(FazhiError, match=duplicate):
        services.certificate_application_submit(user=users["legal_office"], exam_result=result,
                                                applied_on=D(2022, 6, 21))

    services.certificate_application_approve(
        user=users["legal_office"], application=application, number="辽2102220001", issuer="大连市人民政府",
        area="长兴岛经济技术开发区", field="市场监管", valid_from=D(2022, 7, 1), valid_until=D(2027, 6, 30))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.certificate.officer == officer
    with pytest.raises(FazhiError) as refused:
        services.certificate_application_reject(user=users["legal_office"], application=application, reason="x")
    assert refused.value.message == str(services.APPLICATION_NOT_PENDING) % {"status": "已核发"}


def test_unit_staff_cannot_approve_an_application(users, units):
    officer = OfficerFactory(org_unit=units["street_a"])
    result = services.exam_result_record(user=None, exam=ExamFactory(organiser=units["legal"]), officer=officer,
                                         score=90)
    application = services.certificate_application_submit(user=users["unit_staff"], exam_result=result,
                                                           applied_on=D(2022, 6, 20))
    with pytest.raises(FazhiError) as refused:
        services.certificate_application_approve(
            user=users["unit_staff"], application=application, number="N-1", issuer="x", area="x", field="x",
            valid_from=D(2022, 7, 1), valid_until=D(2027, 6, 30))
    assert refused.value.message == str(services.CERTIFICATE_ISSUER_ONLY)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED
    assert not EnforcementCertificate.objects.exists()


def test_rejection_keeps_the_reason(users, units, officer):
    result = services.exam_result_record(user=None, exam=ExamFactory(organiser=units["legal"]), officer=officer,
                                         score=90)
    application = services.certificate_application_submit(user=None, exam_result=result, applied_on=D(2022, 6, 20))
    services.certificate_application_reject(user=users["legal_office"], application=application,
                                            reason="非在编在岗人员")
    assert application.history.first().history_change_reason == services.APPLICATION_REJECTED_REASON.format(
        reason="非在编在岗人员")
    # A rejected application does not block a new one on the same result.
    services.certificate_application_submit(user=None, exam_result=result, applied_on=D(2022, 7, 1))


def test_training_statistics(units):
    first = TrainingFactory(organiser=units["legal"], held_on=D(2022, 6, 15))
    second = TrainingFactory(organiser=units["legal"], held_on=D(2022, 11, 10))
    TrainingFactory(organiser=units["legal"], held_on=D(2021, 11, 10))  # another year
    trainees = [OfficerFactory(org_unit=units["dept_a"]) for _ in range(3)]
    for officer in trainees:
        services.attendance_add(user=None, training=first, officer=officer)
    services.attendance_add(user=None, training=second, officer=trainees[0])
    exam = ExamFactory(organiser=units["legal"], held_on=D(2022, 6, 16), training=first)
    for officer, score in zip(trainees, (90, 59, 60), strict=True):
        services.exam_result_record(user=None, exam=exam, officer=officer, score=score)

    stats = selectors.training_statistics(2022)

    assert (stats.sessions, stats.attendances, stats.trainees, stats.exams) == (2, 4, 3, 1)
    assert (stats.exam_sittings, stats.passed) == (3, 2)
    assert stats.pass_rate.percent_text == "66.7%"


def test_lapsed_and_renewed_officers(units):
    def holder(*periods, status=CertificateStatus.VALID):
        officer = OfficerFactory(org_unit=units["dept_a"])
        for valid_from, valid_until in periods:
            CertificateFactory(officer=officer, valid_from=valid_from, valid_until=valid_until, status=status)
        return officer

    renewed = holder((D(2017, 5, 1), D(2022, 4, 30)), (D(2022, 12, 1), D(2027, 11, 30)))
    lapsed_only = holder((D(2017, 5, 1), D(2022, 4, 30)))
    renewed_in_time = holder((D(2017, 5, 1), D(2022, 4, 30)), (D(2022, 4, 1), D(2027, 3, 31)))
    lapsed_before = holder((D(2015, 1, 1), D(2020, 12, 31)), (D(2022, 3, 1), D(2027, 2, 28)))
    holder((D(2015, 1, 1), D(2020, 12, 31)), (D(2021, 3, 1), D(2026, 2, 28)))  # lapse ended in 2021
    holder((D(2021, 1, 1), D(2025, 12, 31)), status=CertificateStatus.REVOKED)  # revoked, not lapsed

    stats = selectors.training_statistics(2022)

    assert set(stats.lapsed_officers) == {renewed, lapsed_only, lapsed_before}
    assert set(stats.renewed_officers) == {renewed, lapsed_before}
    assert renewed_in_time not in stats.lapsed_officers

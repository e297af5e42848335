"""The IDOR walk's records of this app (tests/test_idor_pages.py): one of each model with pages, owned by
street B."""

import datetime as dt

from fazhi.officers import services
from fazhi.officers.models import CertificateApplication, EnforcementCertificate, Exam, Officer, Training
from fazhi.officers.tests.factories import CertificateFactory, ExamFactory, OfficerFactory, TrainingFactory


def other_units_records(units, users) -> dict:
    street_b = units["street_b"]
    officer = OfficerFactory(org_unit=street_b)
    exam = ExamFactory(organiser=street_b, held_on=dt.date(2022, 6, 16))
    result = services.exam_result_record(user=None, exam=exam, officer=officer, score=90)
    return {
        Officer: officer,
        EnforcementCertificate: CertificateFactory(officer=officer),
        Training: TrainingFactory(organiser=street_b),
        Exam: exam,
        CertificateApplication: services.certificate_application_submit(
            user=None, exam_result=result, applied_on=dt.date(2022, 7, 1)),
    }

"""The officers' pages: who sees which list, masking of personal data, certificate status today,
service-backed creation, and the sub-records shown on a record's page."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import AccessLog
from fazhi.core.tests.messages import message_pattern
from fazhi.core.validators import ID_CHECK_CHARACTER, mask_id_number, mask_phone
from fazhi.deadlines.models import Deadline
from fazhi.officers import services
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.models import EnforcementCertificate, Officer
from fazhi.officers.tests.factories import (
    CertificateFactory,
    ExamFactory,
    OfficerFactory,
    TrainingFactory,
    fake_id_number,
)
from fazhi.web.tests.workbooks import workbook_sheets

T, F = True, False
ROLES = ("admin", "legal_office", "unit_staff", "officer", "leader")
# Which list each role may open, written out from the roles' design (models' ROLE_ACTIONS).
LISTS = {
    "officers:officers:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "officers:certificates:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "officers:trainings:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "officers:exams:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "officers:applications:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "officers:training_statistics": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
}
# Who may open the create page (add permission).
CREATE = {
    "officers:officers:create": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": F},
    # Certificates are issued by the legal-affairs office only.
    "officers:certificates:create": {"admin": T, "legal_office": T, "unit_staff": F, "officer": F, "leader": F},
}

TODAY = clock.today()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", list(LISTS))
def test_lists_open_only_for_roles_that_may_read_them(client, users, url_name, role):
    client.force_login(users[role])
    response = client.get(reverse(url_name))
    assert response.status_code == (200 if LISTS[url_name][role] else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", list(CREATE))
def test_create_pages_open_only_for_roles_that_may_add(client, users, url_name, role):
    client.force_login(users[role])
    response = client.get(reverse(url_name))
    assert response.status_code == (200 if CREATE[url_name][role] else 403)


def test_the_pages_keep_their_paths_under_enforcement():
    """The pages moved from enforcement with their URLs: bookmarks and links keep working."""
    assert reverse("officers:officers:list") == "/enforcement/officers/"
    assert reverse("officers:certificates:detail", args=[7]) == "/enforcement/certificates/7/"
    assert reverse("officers:applications:list") == "/enforcement/certificate-applications/"
    assert reverse("officers:trainings:list") == "/enforcement/trainings/"
    assert reverse("officers:exams:list") == "/enforcement/exams/"
    assert reverse("officers:training_statistics") == "/enforcement/training-statistics/"


@pytest.fixture
def officer_a(units):
    return OfficerFactory(org_unit=units["street_a"], full_name="王执法", id_number="210281198001010014",
                          phone="13912345678")


def test_anonymous_visitors_are_sent_to_login(client, officer_a):
    response = client.get(reverse("officers:officers:detail", args=[officer_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_officer_list_masks_id_number_and_phone(client, users, officer_a):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("officers:officers:list")).content.decode()
    assert "王执法" in body
    assert officer_a.id_number not in body and officer_a.phone not in body
    assert mask_id_number(officer_a.id_number) in body and mask_phone(officer_a.phone) in body


def test_officer_detail_shows_full_data_and_logs_the_view(client, users, officer_a):
    client.force_login(users["unit_staff"])
    before = AccessLog.objects.filter(object_id=str(officer_a.pk),
                                      content_type=ContentType.objects.get_for_model(Officer)).count()
    body = client.get(reverse("officers:officers:detail", args=[officer_a.pk])).content.decode()
    assert officer_a.id_number in body and officer_a.phone in body
    logged = AccessLog.objects.filter(object_id=str(officer_a.pk),
                                      content_type=ContentType.objects.get_for_model(Officer))
    assert logged.count() == before + 1
    assert logged.first().user == users["unit_staff"]


@pytest.mark.parametrize(("role", "full"), [("unit_staff", True), ("legal_office", True), ("officer", False),
                                            ("leader", False)])
def test_an_officers_id_number_and_phone_are_masked_for_colleagues_and_leaders(client, users, officer_a, role, full):
    """The unit's staff and the legal office keep the register; a colleague or a leader needs no more than a name."""
    client.force_login(users[role])
    body = client.get(reverse("officers:officers:detail", args=[officer_a.pk])).content.decode()
    assert (officer_a.id_number in body, officer_a.phone in body) == (full, full)
    assert full or (mask_id_number(officer_a.id_number) in body and mask_phone(officer_a.phone) in body)
    assert AccessLog.objects.filter(object_id=str(officer_a.pk), user=users[role]).exists()  # logged either way


@pytest.mark.parametrize(("role", "full"), [("unit_staff", True), ("legal_office", True), ("officer", False),
                                            ("leader", False)])
def test_the_officers_export_is_masked_like_the_page(client, users, officer_a, role, full):
    client.force_login(users[role])
    sheets = workbook_sheets(client.get(reverse("officers:officers:export")))
    cells = {str(cell) for rows in sheets.values() for row in rows for cell in row if cell is not None}
    assert (officer_a.id_number in cells, officer_a.phone in cells) == (full, full)
    assert "王执法" in cells


def test_an_officer_sees_their_own_data_in_full(client, users, officer_a):
    officer_a.user = users["officer"]
    officer_a.save()
    client.force_login(users["officer"])
    body = client.get(reverse("officers:officers:detail", args=[officer_a.pk])).content.decode()
    assert officer_a.id_number in body and officer_a.phone in body


def test_officer_list_is_scoped_to_the_own_unit(client, users, units, officer_a):
    other = OfficerFactory(org_unit=units["street_b"], full_name="乙街道执法员")
    client.force_login(users["officer"])
    body = client.get(reverse("officers:officers:list")).content.decode()
    assert "王执法" in body and other.full_name not in body
    assert client.get(reverse("officers:officers:detail", args=[other.pk])).status_code == 404


def test_creating_an_officer_validates_the_id_number(client, users, units):
    client.force_login(users["unit_staff"])
    data = {"org_unit": units["street_a"].pk, "full_name": "李新", "id_number": "210281198001010015",
            "phone": "13900000000", "position": "科员"}
    response = client.post(reverse("officers:officers:create"), data)
    assert response.status_code == 200
    assert re.search(message_pattern(ID_CHECK_CHARACTER, anchored=False, actual="5"), response.content.decode())
    assert not Officer.objects.filter(full_name="李新").exists()

    data["id_number"] = fake_id_number(4242)
    response = client.post(reverse("officers:officers:create"), data)
    officer = Officer.objects.get(full_name="李新")
    assert response.status_code == 302 and response["Location"] == reverse("officers:officers:detail",
                                                                           args=[officer.pk])
    assert officer.created_by == users["unit_staff"]


def test_unit_staff_cannot_create_an_officer_in_another_unit(client, users, units):
    client.force_login(users["unit_staff"])
    data = {"org_unit": units["street_b"].pk, "full_name": "越权", "id_number": fake_id_number(4343),
            "phone": "", "position": ""}
    response = client.post(reverse("officers:officers:create"), data)
    assert response.status_code == 200
    assert not Officer.objects.filter(full_name="越权").exists()


@pytest.mark.parametrize(("valid_from", "valid_until", "status", "shown", "days"), [
    (TODAY - dt.timedelta(days=100), TODAY + dt.timedelta(days=30), "valid", "有效", "30天"),
    (TODAY - dt.timedelta(days=800), TODAY - dt.timedelta(days=5), "valid", "已过期", "已过期5天"),
    (TODAY - dt.timedelta(days=100), TODAY + dt.timedelta(days=30), "suspended", "暂扣", None),
    (TODAY - dt.timedelta(days=100), TODAY + dt.timedelta(days=30), "revoked", "已注销", None),
])
def test_certificate_list_shows_the_status_on_today_and_days_to_expiry(
        client, users, officer_a, valid_from, valid_until, status, shown, days):
    certificate = CertificateFactory(officer=officer_a, number="辽TEST0001", valid_from=valid_from,
                                     valid_until=valid_until, status=status)
    client.force_login(users["leader"])
    response = client.get(reverse("officers:certificates:list"))
    row = next(r for r in response.context["rows"] if r["record"].pk == certificate.pk)
    cells = [c["value"] for c in row["cells"]]
    assert cells[6] == shown
    assert cells[7] == (days or "—")
    detail = client.get(reverse("officers:certificates:detail", args=[certificate.pk])).content.decode()
    assert shown in detail


def test_issuing_a_certificate_on_the_page_starts_its_expiry_reminder(client, users, officer_a):
    client.force_login(users["legal_office"])
    data = {"officer": officer_a.pk, "number": "辽NEW0001", "issuer": "大连市人民政府", "area": "开发区",
            "field": "市场监管", "valid_from": "2024-01-01", "valid_until": "2029-12-31"}
    response = client.post(reverse("officers:certificates:create"), data)
    assert response.status_code == 302
    certificate = EnforcementCertificate.objects.get(number="辽NEW0001")
    reminder = Deadline.objects.get(content_type=ContentType.objects.get_for_model(certificate),
                                    object_id=str(certificate.pk))
    assert reminder.due_on == dt.date(2029, 12, 31)


def test_suspending_a_certificate_needs_the_legal_office(client, users, officer_a):
    certificate = CertificateFactory(officer=officer_a)
    url = reverse("officers:certificates:suspend", args=[certificate.pk])
    client.force_login(users["unit_staff"])
    assert client.post(url, {"suspend-reason": "违规执法"}).status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID

    client.force_login(users["legal_office"])
    response = client.post(url, {"suspend-reason": "违规执法"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    # Twice is refused with the service's words, on the page, and changes nothing.
    response = client.post(url, {"suspend-reason": "再次暂扣"})
    assert response.status_code == 200
    assert str(services.CERTIFICATE_ALREADY_SUSPENDED) % {"number": certificate.number} in response.content.decode()
    assert EnforcementCertificate.objects.get(pk=certificate.pk).version == certificate.version


def test_training_page_records_attendances(client, users, units, officer_a):
    training = TrainingFactory(organiser=units["street_a"], topic="行政处罚法专题培训")
    client.force_login(users["unit_staff"])
    url = reverse("officers:trainings:attend", args=[training.pk])
    assert client.post(url, {"attend-officer": officer_a.pk}).status_code == 302
    page = client.get(reverse("officers:trainings:detail", args=[training.pk])).content.decode()
    assert "王执法" in page and "共1人次" in page
    listed = client.get(reverse("officers:trainings:list"))
    row = next(r for r in listed.context["rows"] if r["record"].pk == training.pk)
    assert row["cells"][-1]["value"] == "1"


def test_exam_page_shows_results_with_pass_or_fail(client, users, units, officer_a):
    exam = ExamFactory(organiser=units["street_a"], pass_mark=60)
    other = OfficerFactory(org_unit=units["street_a"], full_name="赵考生")
    services.exam_result_record(user=None, exam=exam, officer=officer_a, score=85)
    client.force_login(users["unit_staff"])
    response = client.post(reverse("officers:exams:result", args=[exam.pk]),
                           {"result-officer": other.pk, "result-score": "59.5"})
    assert response.status_code == 302
    page = client.get(reverse("officers:exams:detail", args=[exam.pk]))
    body = page.content.decode()
    assert "参考2人，合格1人，合格率50.0%" in body
    verdicts = {r.officer.full_name: r.passed for r in page.context["results"]}
    assert verdicts == {"王执法": True, "赵考生": False}


def test_applying_for_a_certificate_needs_a_passed_exam(client, users, units, officer_a):
    exam = ExamFactory(organiser=units["street_a"], pass_mark=60, held_on=dt.date(2022, 6, 16))
    failed = services.exam_result_record(user=None, exam=exam, officer=officer_a, score=40)
    client.force_login(users["unit_staff"])
    response = client.post(reverse("officers:applications:create"),
                           {"exam_result": failed.pk, "applied_on": "2022-07-01"})
    assert response.status_code == 200
    failed_message = message_pattern(services.APPLICATION_EXAM_FAILED, anchored=False, officer=officer_a.full_name,
                                     score=re.compile(r"40(\.0)?"), pass_mark=re.compile(r"60(\.0)?"))
    assert re.search(failed_message, response.content.decode())
    assert not officer_a.certificate_applications.exists()


def test_training_statistics_for_a_year(client, users, units, officer_a):
    training = TrainingFactory(organiser=units["street_a"], held_on=dt.date(2022, 5, 1))
    TrainingFactory(organiser=units["street_a"], held_on=dt.date(2021, 5, 1))
    services.attendance_add(user=None, training=training, officer=officer_a)
    client.force_login(users["leader"])
    response = client.get(reverse("officers:training_statistics"), {"year": "2022"})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.year, stats.sessions, stats.attendances) == (2022, 1, 1)
    body = response.content.decode()
    assert "2022年执法培训考试统计" in body
    assert '<option value="2021"' in body and '<option value="2022" selected' in body
    # Without a (valid) year: the latest year with trainings, not an empty current year.
    bad = client.get(reverse("officers:training_statistics"), {"year": "abc"})
    assert bad.status_code == 200 and bad.context["year"] == 2022
    assert client.get(reverse("officers:training_statistics")).context["year"] == 2022
    # The same figures as Excel.
    figures = workbook_sheets(client.get(reverse("officers:training_statistics"),
                                         {"year": "2022", "format": "xlsx"}))["指标"]
    assert ["培训期数", 1] in figures and ["参训人次", 1] in figures
    assert workbook_sheets(client.get(reverse("officers:training_statistics"),
                                      {"year": "2021", "format": "xlsx"}))["指标"][2] == ["参训人次", 0]

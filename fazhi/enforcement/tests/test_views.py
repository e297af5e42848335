"""The enforcement pages: who sees which list, masking of personal data, certificate status today,
service-backed creation, and the sub-records shown on a record's page."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import AccessLog
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.deadlines.models import Deadline
from fazhi.enforcement import services
from fazhi.enforcement.constants import CertificateStatus
from fazhi.enforcement.models import (
    EnforcementCase,
    EnforcementCertificate,
    MajorCriterion,
    Officer,
    SpecialInspection,
)
from fazhi.enforcement.tests.factories import (
    CertificateFactory,
    EnforcementBodyFactory,
    ExamFactory,
    OfficerFactory,
    SpecialInspectionFactory,
    TrainingFactory,
    fake_id_number,
)
from fazhi.web.tests.workbooks import workbook_sheets

T, F = True, False
ROLES = ("admin", "legal_office", "unit_staff", "officer", "leader")
# Which list each role may open, written out from the roles' design (models' ROLE_ACTIONS).
LISTS = {
    "enforcement:bodies:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:matters:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:officers:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:certificates:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:trainings:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:exams:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:applications:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:criteria:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:cases:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    # Officers take no part in the special inspections of their units.
    "enforcement:inspections:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": T},
    "enforcement:unit_inspections:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F,
                                          "leader": T},
    "enforcement:rectifications:list": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F,
                                        "leader": T},
    "enforcement:training_statistics": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": T},
    "enforcement:indicators": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": T},
}
# Who may open the create page (add permission).
CREATE = {
    "enforcement:bodies:create": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": F},
    "enforcement:officers:create": {"admin": T, "legal_office": T, "unit_staff": T, "officer": F, "leader": F},
    # Certificates are issued by the legal-affairs office only.
    "enforcement:certificates:create": {"admin": T, "legal_office": T, "unit_staff": F, "officer": F,
                                        "leader": F},
    "enforcement:criteria:create": {"admin": T, "legal_office": T, "unit_staff": F, "officer": F, "leader": F},
    "enforcement:cases:create": {"admin": T, "legal_office": T, "unit_staff": T, "officer": T, "leader": F},
    "enforcement:inspections:create": {"admin": T, "legal_office": T, "unit_staff": F, "officer": F,
                                       "leader": F},
}

TODAY = clock.today()


@pytest.fixture
def officer_a(units):
    return OfficerFactory(org_unit=units["street_a"], full_name="王执法", id_number="210281198001010014",
                          phone="13912345678")


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


def test_menu_has_an_enforcement_group(client, users):
    client.force_login(users["officer"])
    menu = client.get(reverse("web:home")).context["nav_menu"]
    group = next(item for item in menu if item["label"] == "行政执法")
    names = [child["url_name"] for child in group["children"]]
    assert "enforcement:cases:list" in names and "enforcement:officers:list" in names
    assert "enforcement:inspections:list" not in names  # officers do not open special inspections
    page = client.get(reverse("enforcement:cases:list"))
    group = next(item for item in page.context["nav_menu"] if item["label"] == "行政执法")
    assert group["active"]
    assert [c["url_name"] for c in group["children"] if c["active"]] == ["enforcement:cases:list"]


def test_anonymous_visitors_are_sent_to_login(client, officer_a):
    response = client.get(reverse("enforcement:officers:detail", args=[officer_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# ----- personal data -----


def test_officer_list_masks_id_number_and_phone(client, users, officer_a):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("enforcement:officers:list")).content.decode()
    assert "王执法" in body
    assert officer_a.id_number not in body and officer_a.phone not in body
    assert mask_id_number(officer_a.id_number) in body and mask_phone(officer_a.phone) in body


def test_officer_detail_shows_full_data_and_logs_the_view(client, users, officer_a):
    client.force_login(users["unit_staff"])
    before = AccessLog.objects.filter(object_id=str(officer_a.pk),
                                      content_type=ContentType.objects.get_for_model(Officer)).count()
    body = client.get(reverse("enforcement:officers:detail", args=[officer_a.pk])).content.decode()
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
    body = client.get(reverse("enforcement:officers:detail", args=[officer_a.pk])).content.decode()
    assert (officer_a.id_number in body, officer_a.phone in body) == (full, full)
    assert full or (mask_id_number(officer_a.id_number) in body and mask_phone(officer_a.phone) in body)
    assert AccessLog.objects.filter(object_id=str(officer_a.pk), user=users[role]).exists()  # logged either way


@pytest.mark.parametrize(("role", "full"), [("unit_staff", True), ("legal_office", True), ("officer", False),
                                            ("leader", False)])
def test_the_officers_export_is_masked_like_the_page(client, users, officer_a, role, full):
    client.force_login(users[role])
    sheets = workbook_sheets(client.get(reverse("enforcement:officers:export")))
    cells = {str(cell) for rows in sheets.values() for row in rows for cell in row if cell is not None}
    assert (officer_a.id_number in cells, officer_a.phone in cells) == (full, full)
    assert "王执法" in cells


def test_an_officer_sees_their_own_data_in_full(client, users, officer_a):
    officer_a.user = users["officer"]
    officer_a.save()
    client.force_login(users["officer"])
    body = client.get(reverse("enforcement:officers:detail", args=[officer_a.pk])).content.decode()
    assert officer_a.id_number in body and officer_a.phone in body


def test_officer_list_is_scoped_to_the_own_unit(client, users, units, officer_a):
    other = OfficerFactory(org_unit=units["street_b"], full_name="乙街道执法员")
    client.force_login(users["officer"])
    body = client.get(reverse("enforcement:officers:list")).content.decode()
    assert "王执法" in body and other.full_name not in body
    assert client.get(reverse("enforcement:officers:detail", args=[other.pk])).status_code == 404


def test_creating_an_officer_validates_the_id_number(client, users, units):
    client.force_login(users["unit_staff"])
    data = {"org_unit": units["street_a"].pk, "full_name": "李新", "id_number": "210281198001010015",
            "phone": "13900000000", "position": "科员"}
    response = client.post(reverse("enforcement:officers:create"), data)
    assert response.status_code == 200
    assert "校验位错误" in response.content.decode()
    assert not Officer.objects.filter(full_name="李新").exists()

    data["id_number"] = fake_id_number(4242)
    response = client.post(reverse("enforcement:officers:create"), data)
    officer = Officer.objects.get(full_name="李新")
    assert response.status_code == 302 and response["Location"] == reverse("enforcement:officers:detail",
                                                                           args=[officer.pk])
    assert officer.created_by == users["unit_staff"]


def test_unit_staff_cannot_create_an_officer_in_another_unit(client, users, units):
    client.force_login(users["unit_staff"])
    data = {"org_unit": units["street_b"].pk, "full_name": "越权", "id_number": fake_id_number(4343),
            "phone": "", "position": ""}
    response = client.post(reverse("enforcement:officers:create"), data)
    assert response.status_code == 200
    assert not Officer.objects.filter(full_name="越权").exists()


# ----- certificates -----


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
    response = client.get(reverse("enforcement:certificates:list"))
    row = next(r for r in response.context["rows"] if r["record"].pk == certificate.pk)
    cells = [c["value"] for c in row["cells"]]
    assert cells[6] == shown
    assert cells[7] == (days or "—")
    detail = client.get(reverse("enforcement:certificates:detail", args=[certificate.pk])).content.decode()
    assert shown in detail


def test_issuing_a_certificate_on_the_page_starts_its_expiry_reminder(client, users, officer_a):
    client.force_login(users["legal_office"])
    data = {"officer": officer_a.pk, "number": "辽NEW0001", "issuer": "大连市人民政府", "area": "开发区",
            "field": "市场监管", "valid_from": "2024-01-01", "valid_until": "2029-12-31"}
    response = client.post(reverse("enforcement:certificates:create"), data)
    assert response.status_code == 302
    certificate = EnforcementCertificate.objects.get(number="辽NEW0001")
    reminder = Deadline.objects.get(content_type=ContentType.objects.get_for_model(certificate),
                                    object_id=str(certificate.pk))
    assert reminder.due_on == dt.date(2029, 12, 31)


def test_suspending_a_certificate_needs_the_legal_office(client, users, officer_a):
    certificate = CertificateFactory(officer=officer_a)
    url = reverse("enforcement:certificates:suspend", args=[certificate.pk])
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
    assert "已处于暂扣状态" in response.content.decode()
    assert EnforcementCertificate.objects.get(pk=certificate.pk).version == certificate.version


# ----- training and exams -----


def test_training_page_records_attendances(client, users, units, officer_a):
    training = TrainingFactory(organiser=units["street_a"], topic="行政处罚法专题培训")
    client.force_login(users["unit_staff"])
    url = reverse("enforcement:trainings:attend", args=[training.pk])
    assert client.post(url, {"attend-officer": officer_a.pk}).status_code == 302
    page = client.get(reverse("enforcement:trainings:detail", args=[training.pk])).content.decode()
    assert "王执法" in page and "共1人次" in page
    listed = client.get(reverse("enforcement:trainings:list"))
    row = next(r for r in listed.context["rows"] if r["record"].pk == training.pk)
    assert row["cells"][-1]["value"] == "1"


def test_exam_page_shows_results_with_pass_or_fail(client, users, units, officer_a):
    exam = ExamFactory(organiser=units["street_a"], pass_mark=60)
    other = OfficerFactory(org_unit=units["street_a"], full_name="赵考生")
    services.exam_result_record(user=None, exam=exam, officer=officer_a, score=85)
    client.force_login(users["unit_staff"])
    response = client.post(reverse("enforcement:exams:result", args=[exam.pk]),
                           {"result-officer": other.pk, "result-score": "59.5"})
    assert response.status_code == 302
    page = client.get(reverse("enforcement:exams:detail", args=[exam.pk]))
    body = page.content.decode()
    assert "参考2人，合格1人，合格率50.0%" in body
    verdicts = {r.officer.full_name: r.passed for r in page.context["results"]}
    assert verdicts == {"王执法": True, "赵考生": False}


def test_applying_for_a_certificate_needs_a_passed_exam(client, users, units, officer_a):
    exam = ExamFactory(organiser=units["street_a"], pass_mark=60, held_on=dt.date(2022, 6, 16))
    failed = services.exam_result_record(user=None, exam=exam, officer=officer_a, score=40)
    client.force_login(users["unit_staff"])
    response = client.post(reverse("enforcement:applications:create"),
                           {"exam_result": failed.pk, "applied_on": "2022-07-01"})
    assert response.status_code == 200
    assert "未达到合格分数" in response.content.decode()
    assert not officer_a.certificate_applications.exists()


# ----- criteria, inspections -----


def test_only_the_legal_office_edits_the_major_decision_catalogue(client, users):
    criterion = MajorCriterion.objects.create(kind="licence_revocation", legal_source="行政处罚法 第五十八条")
    client.force_login(users["unit_staff"])
    edit = reverse("enforcement:criteria:edit", args=[criterion.pk])
    assert client.post(edit, {"kind": "licence_revocation", "legal_source": "改", "enabled": "",
                              "version": 1}).status_code == 404
    client.force_login(users["legal_office"])
    response = client.post(reverse("enforcement:criteria:create"),
                           {"kind": "fine_entity", "fine_threshold": "", "legal_source": "辽宁省规定",
                            "enabled": "on"})
    assert response.status_code == 200
    assert "须填写大于0的罚款金额下限" in response.content.decode()
    response = client.post(reverse("enforcement:criteria:create"),
                           {"kind": "fine_entity", "fine_threshold": "50000", "legal_source": "辽宁省规定",
                            "enabled": "on"})
    assert response.status_code == 302
    assert MajorCriterion.objects.get(kind="fine_entity").fine_threshold == 50000


def test_special_inspection_with_units_and_indicators(client, users, units):
    client.force_login(users["legal_office"])
    response = client.post(reverse("enforcement:inspections:create"), {
        "name": "2022年三项制度专项检查", "year": 2022, "checklist": "执法公示\n全过程记录",
        "starts_on": "2022-08-01", "ends_on": "2022-12-31", "org_units": [units["street_a"].pk, units["street_b"].pk],
    })
    assert response.status_code == 302
    inspection = SpecialInspection.objects.get(name="2022年三项制度专项检查")
    assert inspection.unit_inspections.count() == 2
    page = client.get(reverse("enforcement:inspections:detail", args=[inspection.pk])).content.decode()
    assert "甲街道" in page and "乙街道" in page and "全过程记录" in page

    client.force_login(users["unit_staff"])
    indicators = client.get(reverse("enforcement:indicators"), {"inspection": inspection.pk})
    assert [ui.org_unit for ui, _ in indicators.context["rows"]] == [units["street_a"]]
    assert "执法决定按时公示率" in indicators.content.decode()
    assert 'id="export-statistics"' in indicators.content.decode()
    # The Excel file has the page's rows: the own unit only, the same figures.
    sheet = workbook_sheets(client.get(reverse("enforcement:indicators"),
                                       {"inspection": inspection.pk, "format": "xlsx"}))["单位指标"]
    assert sheet[0][:2] == ["单位", "执法决定按时公示率"]
    [(_, shown)] = indicators.context["rows"]
    published = shown.publication_on_time
    assert len(sheet) == 2 and sheet[1][0] == "甲街道"
    assert sheet[1][1] == f"{published.percent_text}（{published.numerator}/{published.denominator}）"


def test_on_site_check_is_the_legal_offices(client, users, units):
    inspection = SpecialInspectionFactory()
    unit_inspection = services.unit_inspection_add(user=None, inspection=inspection, org_unit=units["street_a"])
    client.force_login(users["unit_staff"])
    self_check = reverse("enforcement:unit_inspections:self_check", args=[unit_inspection.pk])
    on_site = reverse("enforcement:unit_inspections:on_site", args=[unit_inspection.pk])
    assert client.post(self_check, {"self_check-checked_on": "2022-09-01",
                                    "self_check-report": "已对照清单自查"}).status_code == 302
    assert client.post(on_site, {"on_site-checked_on": "2022-10-01",
                                 "on_site-findings": "越权"}).status_code == 403
    unit_inspection.refresh_from_db()
    assert unit_inspection.self_check_report == "已对照清单自查" and unit_inspection.findings == ""


def test_training_statistics_for_a_year(client, users, units, officer_a):
    training = TrainingFactory(organiser=units["street_a"], held_on=dt.date(2022, 5, 1))
    TrainingFactory(organiser=units["street_a"], held_on=dt.date(2021, 5, 1))
    services.attendance_add(user=None, training=training, officer=officer_a)
    client.force_login(users["leader"])
    response = client.get(reverse("enforcement:training_statistics"), {"year": "2022"})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.year, stats.sessions, stats.attendances) == (2022, 1, 1)
    body = response.content.decode()
    assert "2022年执法培训考试统计" in body
    assert '<option value="2021"' in body and '<option value="2022" selected' in body
    # Without a (valid) year: the latest year with trainings, not an empty current year.
    bad = client.get(reverse("enforcement:training_statistics"), {"year": "abc"})
    assert bad.status_code == 200 and bad.context["year"] == 2022
    assert client.get(reverse("enforcement:training_statistics")).context["year"] == 2022
    # The same figures as Excel.
    figures = workbook_sheets(client.get(reverse("enforcement:training_statistics"),
                                         {"year": "2022", "format": "xlsx"}))["指标"]
    assert ["培训期数", 1] in figures and ["参训人次", 1] in figures
    assert workbook_sheets(client.get(reverse("enforcement:training_statistics"),
                                      {"year": "2021", "format": "xlsx"}))["指标"][2] == ["参训人次", 0]


def test_case_created_on_the_page_gets_a_number_and_a_filing_step(client, users, units):
    body = EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合执法队")
    client.force_login(users["officer"])
    response = client.post(reverse("enforcement:cases:create"), {
        "body": body.pk, "number": "", "kind": "penalty", "matter": "", "party_entity": "",
        "party_name": "张三", "party_id_number": "", "summary": "占道经营", "opened_on": "2022-04-01",
    })
    assert response.status_code == 302
    case = EnforcementCase.objects.get(summary="占道经营")
    assert case.number.startswith(f"{units['street_a'].code}-2022-")
    assert list(case.steps.values_list("kind", flat=True)) == ["filing"]


def test_editing_a_criterion_goes_through_the_service_rules(client, users):
    criterion = services.major_criterion_set(user=None, kind="fine_entity", legal_source="辽宁省规定",
                                             fine_threshold=50000)
    edit = reverse("enforcement:criteria:edit", args=[criterion.pk])
    client.force_login(users["legal_office"])
    data = {"kind": "hearing", "fine_threshold": "", "legal_source": "辽宁省规定", "enabled": "on",
            "version": criterion.version, "change_reason": ""}
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "须填写大于0的罚款金额下限" in response.content.decode()
    criterion.refresh_from_db()
    assert (criterion.fine_threshold, criterion.version) == (50000, 1)

    data["fine_threshold"] = "80000"
    assert client.post(edit, data).status_code == 302
    criterion.refresh_from_db()
    # The kind is not editable: the same criterion, with its new threshold.
    assert (criterion.kind, criterion.fine_threshold, criterion.version) == ("fine_entity", 80000, 2)
    assert not MajorCriterion.objects.filter(kind="hearing").exists()

    stale = client.post(edit, {**data, "fine_threshold": "90000"})  # still version 1
    assert "该记录已被他人修改" in stale.content.decode()
    criterion.refresh_from_db()
    assert criterion.fine_threshold == 80000


def test_a_case_edit_corrects_the_party_and_summary_only(client, users, units):
    body = EnforcementBodyFactory(org_unit=units["street_a"])
    case = services.case_open(user=None, body=body, kind="penalty", summary="占道经营", opened_on=dt.date(2022, 4, 1),
                              party_name="张三")
    other_body = EnforcementBodyFactory(org_unit=units["street_a"])
    client.force_login(users["officer"])
    edit = reverse("enforcement:cases:edit", args=[case.pk])
    assert set(client.get(edit).context["form"].fields) == {
        "party_entity", "party_name", "party_id_number", "summary", "version", "change_reason"}
    response = client.post(edit, {"party_entity": "", "party_name": "张三", "party_id_number": fake_id_number(11),
                                  "summary": "占道经营（更正）", "body": other_body.pk, "kind": "permit",
                                  "version": case.version, "change_reason": "补录身份证号码"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.summary, case.body, case.kind) == ("占道经营（更正）", body, "penalty")
    assert case.party_id_number == fake_id_number(11)

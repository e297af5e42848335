"""Import/export of training attendances and exam results (through the services, all or
nothing, unit scope), and the page exports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core.models import AccessLog
from fazhi.core.tests.messages import message_pattern
from fazhi.officers.models import ExamResult, Officer, TrainingAttendance
from fazhi.officers.registers import DUPLICATE_PERSON, EVENT_NOT_FOUND, EVENT_OF_OTHER_UNIT, OFFICER_NAME_MISMATCH
from fazhi.officers.tests.factories import ExamFactory, OfficerFactory, TrainingFactory, fake_id_number
from fazhi.registers.base import VERSION_HEADER, get_register
from fazhi.registers.tabular import TOO_MANY_ROWS, TableFormatError, read_table
from fazhi.registers.tests.helpers import csv_bytes, xlsx_bytes

ATTENDANCE_HEADERS = ["培训主题", "培训日期", "参训人员身份证号码", "参训人员姓名"]
RESULT_HEADERS = ["考试日期", "考试类别", "考生身份证号码", "考生姓名", "成绩"]
ID_1, ID_2, ID_3 = fake_id_number(301), fake_id_number(302), fake_id_number(303)


@pytest.fixture
def people(units):
    return {
        "钱一": OfficerFactory(org_unit=units["street_a"], id_number=ID_1, full_name="钱一"),
        "孙二": OfficerFactory(org_unit=units["street_a"], id_number=ID_2, full_name="孙二"),
        "李三": OfficerFactory(org_unit=units["street_b"], id_number=ID_3, full_name="李三"),
    }


@pytest.fixture
def trainings(units):
    return {
        "a": TrainingFactory(organiser=units["street_a"], topic="行政处罚法培训", held_on=dt.date(2022, 6, 15)),
        "b": TrainingFactory(organiser=units["street_b"], topic="行政许可法培训", held_on=dt.date(2022, 9, 1)),
    }


@pytest.fixture
def exams(units):
    return {
        "a": ExamFactory(organiser=units["street_a"], held_on=dt.date(2022, 6, 16), kind="new_officer"),
        "b": ExamFactory(organiser=units["street_b"], held_on=dt.date(2022, 9, 2), kind="renewal"),
    }


def attendance_rows() -> list[list[str]]:
    return [
        ["行政处罚法培训", "2022-06-15", ID_1, "钱一"],
        ["行政处罚法培训", "2022-06-15", ID_2.lower(), "孙二"],
        ["行政许可法培训", "2022-09-01", ID_3, "李三"],
    ]


def result_rows() -> list[list[str]]:
    return [
        ["2022-06-16", "新上岗人员资格考试", ID_1, "钱一", "86"],
        ["2022-06-16", "新上岗人员资格考试", ID_2, "孙二", "52.5"],
        ["2022-09-02", "证件过期人员换证考试", ID_3, "李三", "90"],
    ]


@pytest.mark.parametrize(("name", "headers"), [("training_attendances", ATTENDANCE_HEADERS),
                                               ("exam_results", RESULT_HEADERS)])
def test_templates_have_the_chinese_headers(units, name, headers):
    assert read_table(get_register(name).template("csv"), "csv")[0] == headers


def test_attendances_round_trip_through_the_service(people, trainings, users):
    register = get_register("training_attendances")
    result = register.import_file(xlsx_bytes(ATTENDANCE_HEADERS, attendance_rows()), "xlsx",
                                  user=users["legal_office"])
    assert result.ok, result.errors
    assert result.created == 3
    attendance = TrainingAttendance.objects.get(officer__full_name="孙二")
    assert attendance.training == trainings["a"]
    assert attendance.created_by == users["legal_office"]

    exported = register.export("xlsx", user=users["legal_office"])
    headers, rows = read_table(exported, "xlsx")
    assert headers == [*ATTENDANCE_HEADERS, VERSION_HEADER]
    expected = [[*row[:2], row[2].upper(), row[3]] for row in attendance_rows()]
    assert sorted(cells[:-1] for _, cells in rows) == sorted(expected)

    again = register.import_file(exported, "xlsx", user=users["legal_office"])
    assert (again.created, again.updated, again.unchanged, again.error_count) == (0, 0, 3, 0)
    assert TrainingAttendance.objects.count() == 3


def test_one_bad_attendance_row_imports_nothing(people, trainings, users):
    rows = attendance_rows()
    rows[1][0] = "不存在的培训"
    rows[2][3] = "王五"  # the ID number is 李三's
    rows.append(["行政处罚法培训", "2022-06-15", ID_1, "钱一"])  # same as row 2
    result = get_register("training_attendances").import_file(csv_bytes(ATTENDANCE_HEADERS, rows), "csv",
                                                              user=users["legal_office"])
    assert [(e.row, e.column) for e in result.errors] == [(3, "培训主题"), (4, "参训人员姓名"),
                                                          (5, "参训人员身份证号码")]
    assert [e.message for e in result.errors] == [
        EVENT_NOT_FOUND.format(event="培训", text="不存在的培训 2022-06-15", model="执法培训"),
        OFFICER_NAME_MISMATCH, DUPLICATE_PERSON.format(row=2, event="培训")]
    assert str(result.errors[0]).startswith("第3行“培训主题”列：")
    assert not TrainingAttendance.objects.exists()


def test_the_attendance_import_keeps_to_the_import_limits(people, trainings, users, settings):
    settings.FAZHI_IMPORT_MAX_ROWS = 2
    with pytest.raises(TableFormatError, match=message_pattern(TOO_MANY_ROWS, limit=2)):
        get_register("training_attendances").import_file(csv_bytes(ATTENDANCE_HEADERS, attendance_rows()), "csv",
                                                         user=users["legal_office"])
    assert not TrainingAttendance.objects.exists()


def test_unit_staff_import_attendances_of_their_own_units_trainings_only(people, trainings, users):
    register = get_register("training_attendances")
    result = register.import_file(csv_bytes(ATTENDANCE_HEADERS, attendance_rows()), "csv",
                                  user=users["unit_staff"])
    assert [(e.row, e.column) for e in result.errors] == [(4, "培训主题")]
    assert result.errors[0].message == EVENT_OF_OTHER_UNIT.format(unit="甲街道", event="培训")
    assert not TrainingAttendance.objects.exists()
    assert register.import_file(csv_bytes(ATTENDANCE_HEADERS, attendance_rows()[:2]), "csv",
                                user=users["unit_staff"]).ok
    assert TrainingAttendance.objects.count() == 2
    # The other unit's staff see (and export) only their own trainings' attendances.
    TrainingAttendance.objects.create(training=trainings["b"], officer=people["李三"])
    _, rows = read_table(register.export("csv", user=users["unit_staff_b"]), "csv")
    assert [cells[3] for _, cells in rows] == ["李三"]


def test_exam_results_round_trip_through_the_service(people, exams, users):
    register = get_register("exam_results")
    result = register.import_file(csv_bytes(RESULT_HEADERS, result_rows()), "csv", user=users["legal_office"])
    assert result.ok, result.errors
    assert result.created == 3
    failed = ExamResult.objects.get(officer__full_name="孙二")
    assert (failed.exam, failed.score, failed.passed) == (exams["a"], Decimal("52.5"), False)

    exported = register.export("csv", user=users["legal_office"])
    headers, rows = read_table(exported, "csv")
    assert headers == [*RESULT_HEADERS, VERSION_HEADER]
    assert {cells[3]: cells[4] for _, cells in rows} == {"钱一": "86.0", "孙二": "52.5", "李三": "90.0"}
    again = register.import_file(exported, "csv", user=users["legal_office"])
    assert (again.created, again.unchanged, again.error_count) == (0, 3, 0)


def test_a_recorded_score_is_not_changed_by_import_and_bad_rows_import_nothing(people, exams, users):
    register = get_register("exam_results")
    assert register.import_file(csv_bytes(RESULT_HEADERS, result_rows()[:1]), "csv", user=users["legal_office"]).ok
    rows = result_rows()
    rows[0][4] = "95"  # recorded as 86
    rows[1][4] = "120"  # the service refuses scores over 100
    rows[2][1] = "年度考试"  # not a kind
    result = register.import_file(csv_bytes(RESULT_HEADERS, rows), "csv", user=users["legal_office"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "成绩"), (4, "考试类别")]
    assert "已登记为“86.0”" in result.errors[0].message
    assert ExamResult.objects.count() == 1
    # The score the service refuses is reported with its row too, and nothing is written.
    result = register.import_file(csv_bytes(RESULT_HEADERS, [result_rows()[2], rows[1]]), "csv",
                                  user=users["legal_office"])
    assert [(e.row, e.column) for e in result.errors] == [(3, "考生身份证号码")]
    assert "0到100" in result.errors[0].message
    assert ExamResult.objects.count() == 1


def test_unit_staff_import_results_of_their_own_units_exams_only(people, exams, users):
    register = get_register("exam_results")
    result = register.import_file(csv_bytes(RESULT_HEADERS, result_rows()), "csv", user=users["unit_staff_b"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "考试日期"), (3, "考试日期")]
    assert not ExamResult.objects.exists()
    assert register.import_file(csv_bytes(RESULT_HEADERS, result_rows()[2:]), "csv", user=users["unit_staff_b"]).ok


def officer_export_logs():
    return AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(Officer), object_id="*")


def test_training_and_exam_pages_export_their_attendances_and_results(client, people, trainings, exams, users):
    TrainingAttendance.objects.create(training=trainings["a"], officer=people["钱一"])
    TrainingAttendance.objects.create(training=trainings["b"], officer=people["李三"])
    ExamResult.objects.create(exam=exams["a"], officer=people["孙二"], score=70)
    client.force_login(users["unit_staff"])
    response = client.get(reverse("officers:trainings:export"))
    assert response.status_code == 200
    headers, rows = read_table(response.content, "xlsx")
    assert headers[:4] == ATTENDANCE_HEADERS
    assert [cells[3] for _, cells in rows] == ["钱一"]  # the own unit's trainings only
    response = client.get(reverse("officers:exams:export"))
    assert response.status_code == 200
    _, rows = read_table(response.content, "xlsx")
    assert [cells[3] for _, cells in rows] == ["孙二"]
    assert officer_export_logs().filter(user=users["unit_staff"]).count() == 2
    # The list pages offer the export.
    page = client.get(reverse("officers:trainings:list")).content.decode()
    assert reverse("officers:trainings:export") in page


@pytest.mark.parametrize("namespace", ["officers", "certificates", "trainings", "exams", "applications"])
def test_no_officers_page_offers_an_export_that_answers_403(client, users, namespace):
    from fazhi.records.pages import all_pages

    url = reverse(f"officers:{namespace}:export")  # every list exports (as a register or as shown)
    pages = next(p for p in all_pages() if p.namespace == f"officers:{namespace}")
    assert pages.exports
    client.force_login(users["legal_office"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")

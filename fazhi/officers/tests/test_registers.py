"""Import and export of the officers' and certificates' registers: Chinese headers, keys, ID numbers checked,
all-or-nothing, and a round trip that changes nothing."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.core.tests.messages import message_pattern
from fazhi.core.validators import ID_CHECK_CHARACTER
from fazhi.deadlines.models import Deadline
from fazhi.officers.models import EnforcementCertificate, Officer
from fazhi.officers.tests.factories import OfficerFactory, fake_id_number
from fazhi.registers.base import NO_IMPORT_PERMISSION, VERSION_HEADER, get_register
from fazhi.registers.tabular import read_table
from fazhi.registers.tests.helpers import csv_bytes, xlsx_bytes

HEADERS = {
    "officers": ["身份证号码", "姓名", "所属单位编码", "职务", "手机号码"],
    "certificates": ["证件编号", "持证人身份证号码", "发证机关", "执法区域", "执法类别", "有效期起", "有效期至",
                     "状态"],
}
ID_1, ID_2, ID_3 = fake_id_number(101), fake_id_number(102), fake_id_number(103)


@pytest.mark.parametrize("name", list(HEADERS))
def test_templates_have_the_chinese_headers(units, name):
    assert read_table(get_register(name).template("csv"), "csv")[0] == HEADERS[name]


def bad_check(id_number: str) -> str:
    return id_number[:17] + ("1" if id_number[17] != "1" else "2")


def officer_rows() -> list[list[str]]:
    return [
        [ID_1, "钱一", "STR-A", "队长", "13800000011"],
        [ID_2, "孙二", "STR-A", "", ""],
        [ID_3, "李三", "STR-B", "科员", "13800000013"],
    ]


def test_officers_round_trip(units, users):
    register = get_register("officers")
    result = register.import_file(csv_bytes(HEADERS["officers"], officer_rows()), "csv", user=users["admin"])
    assert result.ok, result.errors
    assert result.created == 3
    assert Officer.objects.get(id_number=ID_3).org_unit == units["street_b"]

    exported = register.export("xlsx", user=users["admin"])
    headers, rows = read_table(exported, "xlsx")
    assert headers == [*HEADERS["officers"], VERSION_HEADER]
    assert sorted(cells[:-1] for _, cells in rows) == sorted(officer_rows())

    again = register.import_file(exported, "xlsx", user=users["admin"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert {o.version for o in Officer.objects.all()} == {1}


def test_one_bad_id_number_imports_nothing(units, users):
    rows = officer_rows()
    rows[1][0] = bad_check(ID_2)
    result = get_register("officers").import_file(csv_bytes(HEADERS["officers"], rows), "csv", user=users["admin"])
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "身份证号码")]
    assert re.match(message_pattern(ID_CHECK_CHARACTER, actual=bad_check(ID_2)[17]), result.errors[0].message)
    assert not Officer.objects.exists()
    assert not Officer.history.exists()


def test_id_number_typing_slips_are_forgiven(units, users):
    first17 = ID_1[:17]
    from fazhi.core.validators import id_number_check_character

    with_x = next(f"{first17[:14]}{n:03d}" for n in range(1000)
                  if id_number_check_character(f"{first17[:14]}{n:03d}") == "X")
    typed = f" {with_x}x ".replace("1", "１", 1)  # full-width digit, lower-case x, spaces
    result = get_register("officers").import_file(
        csv_bytes(HEADERS["officers"], [[typed, "周四", "STR-A", "", ""]]), "csv", user=users["admin"])
    assert result.ok, result.errors
    assert Officer.objects.get(full_name="周四").id_number == with_x + "X"


def test_unit_staff_import_officers_of_their_own_unit_only(units, users):
    register = get_register("officers")
    result = register.import_file(csv_bytes(HEADERS["officers"], officer_rows()), "csv", user=users["unit_staff"])
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(4, "所属单位编码")]
    assert not Officer.objects.exists()
    own = officer_rows()[:2]
    assert register.import_file(csv_bytes(HEADERS["officers"], own), "csv", user=users["unit_staff"]).ok
    assert Officer.objects.count() == 2


def certificate_rows() -> list[list]:
    return [
        ["辽2102000101", ID_1.lower(), "大连市人民政府", "长兴岛经济技术开发区", "市场监管", "2021-03-01", "2026-02-28",
         ""],
        ["辽2102000102", ID_2, "大连市人民政府", "长兴岛经济技术开发区", "综合执法", dt.date(2019, 1, 1),
         dt.date(2023, 12, 31), "暂扣"],
    ]


def test_certificates_import_by_the_holders_id_number_and_round_trip(units, users):
    for id_number, name in ((ID_1, "钱一"), (ID_2, "孙二")):
        OfficerFactory(org_unit=units["street_a"], id_number=id_number, full_name=name)
    register = get_register("certificates")
    result = register.import_file(xlsx_bytes(HEADERS["certificates"], certificate_rows()), "xlsx",
                                  user=users["legal_office"])
    assert result.ok, result.errors
    first = EnforcementCertificate.objects.get(number="辽2102000101")
    assert (first.officer.full_name, first.valid_until, first.status) == ("钱一", dt.date(2026, 2, 28), "valid")
    second = EnforcementCertificate.objects.get(number="辽2102000102")
    assert second.status == "suspended"
    assert second.history.first().history_user == users["legal_office"]
    # Issued through the service: each has its expiry reminder, like one issued on the page.
    reminder = Deadline.objects.get(content_type=ContentType.objects.get_for_model(first), object_id=str(first.pk))
    assert reminder.due_on == dt.date(2026, 2, 28)

    exported = register.export("csv", user=users["legal_office"])
    again = register.import_file(exported, "csv", user=users["legal_office"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_certificate_dates_and_holder_are_checked(units, users):
    OfficerFactory(org_unit=units["street_a"], id_number=ID_1)
    rows = certificate_rows()
    rows[0][6] = "2020-01-01"  # before valid_from
    rows[1][1] = ID_3  # no such officer
    result = get_register("certificates").import_file(
        csv_bytes(HEADERS["certificates"], [[str(c) for c in r] for r in rows]), "csv", user=users["legal_office"])
    assert {(e.row, e.column) for e in result.errors} == {(2, "有效期至"), (3, "持证人身份证号码")}
    assert not EnforcementCertificate.objects.exists()


def test_only_the_legal_office_imports_certificates(units, users):
    OfficerFactory(org_unit=units["street_a"], id_number=ID_1)
    rows = [[str(c) for c in certificate_rows()[0]]]
    result = get_register("certificates").import_file(csv_bytes(HEADERS["certificates"], rows), "csv",
                                                      user=users["unit_staff"])
    assert not result.ok
    assert result.errors[0].message == NO_IMPORT_PERMISSION.format(title="执法证件名册")
    assert not EnforcementCertificate.objects.exists()

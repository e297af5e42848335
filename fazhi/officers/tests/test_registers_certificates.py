"""The certificate register keeps the certificate rules: an import issues new certificates
through the service and corrects the issuer, area and field of existing ones, but never
changes their status, dates or holder; its export (full ID numbers) is logged."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core.models import AccessLog
from fazhi.deadlines.models import Deadline
from fazhi.officers import services
from fazhi.officers.models import EnforcementCertificate, Officer
from fazhi.officers.registers import CERTIFICATE_HOLDER_FIXED, CERTIFICATE_ISSUED_ONLY
from fazhi.officers.tests.factories import OfficerFactory, fake_id_number
from fazhi.registers.base import VERSION_HEADER, get_register
from fazhi.registers.tabular import read_table

ID_1, ID_2 = fake_id_number(201), fake_id_number(202)


@pytest.fixture
def issued(units, users):
    """Two certificates issued through the service: one suspended, one expired."""
    first = OfficerFactory(org_unit=units["street_a"], id_number=ID_1, full_name="钱一")
    second = OfficerFactory(org_unit=units["street_b"], id_number=ID_2, full_name="孙二")
    user = users["legal_office"]
    suspended = services.certificate_issue(
        user=user, officer=first, number="辽2102000201", issuer="大连市人民政府", area="长兴岛经济技术开发区",
        field="市场监管", valid_from=dt.date(2021, 3, 1), valid_until=dt.date(2030, 2, 28))
    suspended = services.certificate_suspend(user=user, certificate=suspended, reason="涉嫌违纪")
    expired = services.certificate_issue(
        user=user, officer=second, number="辽2102000202", issuer="大连市人民政府", area="长兴岛经济技术开发区",
        field="综合执法", valid_from=dt.date(2018, 1, 1), valid_until=dt.date(2022, 12, 31))
    return {"suspended": suspended, "expired": expired}


def exported(user) -> tuple[list[str], dict[str, list[str]]]:
    headers, rows = read_table(get_register("certificates").export("csv", user=user), "csv")
    return headers, {cells[0]: cells for _, cells in rows}


def reimport(headers, rows, user):
    from fazhi.registers.tests.helpers import csv_bytes

    return get_register("certificates").import_file(csv_bytes(headers, rows), "csv", user=user)


def test_a_suspended_certificate_cannot_be_made_valid_by_import(issued, users):
    user = users["legal_office"]
    headers, rows = exported(user)
    row = rows["辽2102000201"]
    row[headers.index("状态")] = "有效"
    result = reimport(headers, list(rows.values()), user)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(2, "状态")]  # exported latest expiry first
    message = str(result.errors[0])
    assert CERTIFICATE_ISSUED_ONLY in message and "“暂扣”" in message and "“有效”" in message
    assert message.startswith("第") and "“状态”列" in message
    assert EnforcementCertificate.objects.get(number="辽2102000201").status == "suspended"


def test_an_expired_certificate_cannot_be_extended_by_import(issued, users):
    user = users["legal_office"]
    headers, rows = exported(user)
    row = rows["辽2102000202"]
    row[headers.index("有效期至")] = "2027-12-31"
    row[headers.index("发证机关")] = "大连市司法局"  # a correction in the same file: refused with it
    result = reimport(headers, list(rows.values()), user)
    assert [e.column for e in result.errors] == ["有效期至"]
    assert result.errors[0].message.startswith(CERTIFICATE_ISSUED_ONLY) and "2022-12-31" in result.errors[0].message
    certificate = EnforcementCertificate.objects.get(number="辽2102000202")
    assert (certificate.valid_until, certificate.issuer, certificate.version) == (dt.date(2022, 12, 31),
                                                                                  "大连市人民政府", 1)
    reminders = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(certificate),
                                        object_id=str(certificate.pk))
    assert [d.due_on for d in reminders] == [dt.date(2022, 12, 31)]


def test_the_start_date_and_the_holder_are_fixed_too(issued, users):
    user = users["legal_office"]
    headers, rows = exported(user)
    rows["辽2102000201"][headers.index("有效期起")] = "2020-03-01"
    rows["辽2102000202"][headers.index("持证人身份证号码")] = ID_1
    result = reimport(headers, list(rows.values()), user)
    assert sorted(e.column for e in result.errors) == ["持证人身份证号码", "有效期起"]
    holder = next(e for e in result.errors if e.column == "持证人身份证号码")
    assert holder.message.startswith(CERTIFICATE_HOLDER_FIXED) and "孙二" in holder.message


def test_other_columns_still_import_and_unchanged_rows_stay(issued, users):
    user = users["legal_office"]
    headers, rows = exported(user)
    assert headers[-1] == VERSION_HEADER
    rows["辽2102000201"][headers.index("发证机关")] = "大连市司法局"
    rows["辽2102000201"][headers.index("执法区域")] = "长兴岛"
    rows["辽2102000202"][headers.index("执法类别")] = "城市管理"
    rows["辽2102000202"][headers.index("状态")] = ""  # blank: keeps the status
    result = reimport(headers, list(rows.values()), user)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 2, 0)
    first = EnforcementCertificate.objects.get(number="辽2102000201")
    assert (first.issuer, first.area, first.status) == ("大连市司法局", "长兴岛", "suspended")
    second = EnforcementCertificate.objects.get(number="辽2102000202")
    assert (second.field, second.status, second.valid_until) == ("城市管理", "valid", dt.date(2022, 12, 31))
    again = get_register("certificates").import_file(
        get_register("certificates").export("csv", user=user), "csv", user=user)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_new_certificates_are_still_issued_with_their_reminder(issued, users):
    from fazhi.registers.tests.helpers import csv_bytes

    officer = OfficerFactory(id_number=fake_id_number(203), full_name="李三")
    headers, rows = exported(users["legal_office"])
    new = ["辽2102000203", officer.id_number, "大连市人民政府", "长兴岛经济技术开发区", "市场监管", "2023-01-01",
           "2028-12-31", "", ""]
    result = get_register("certificates").import_file(csv_bytes(headers, [*rows.values(), new]), "csv",
                                                      user=users["legal_office"])
    assert result.ok, result.errors
    assert (result.created, result.unchanged) == (1, 2)
    certificate = EnforcementCertificate.objects.get(number="辽2102000203")
    assert Deadline.objects.filter(content_type=ContentType.objects.get_for_model(certificate),
                                   object_id=str(certificate.pk), due_on=dt.date(2028, 12, 31)).exists()


def officer_exports():
    return AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(Officer), object_id="*")


def test_the_certificate_page_export_is_logged_as_personal_data(client, issued, users):
    client.force_login(users["legal_office"])
    response = client.get(reverse("officers:certificates:export"))
    assert response.status_code == 200
    log = officer_exports().get()
    assert (log.user, log.path) == (users["legal_office"], reverse("officers:certificates:export"))
    assert "2条" in log.object_repr


def test_the_certificate_command_line_export_is_logged(issued, users):
    get_register("certificates").export("csv", user=users["legal_office"])
    assert officer_exports().get().path == "fazhi export certificates"
    get_register("certificates").export("csv")  # the system itself: no user to log
    assert officer_exports().count() == 1

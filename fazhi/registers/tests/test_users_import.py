"""Importing the 用户名册: accounts arrive without a password anyone knows."""

import pytest

from fazhi.accounts.models import User
from fazhi.accounts.tests.factories import PASSWORD
from fazhi.registers.base import NO_IMPORT_PERMISSION, NOT_YES_OR_NO, RowError
from fazhi.registers.tabular import read_table
from fazhi.registers.tests.helpers import csv_bytes, xlsx_bytes

HEADERS = ["用户名", "姓名", "所属单位编码", "角色", "手机号码", "是否启用"]


def test_template_headers(user_register):
    assert read_table(user_register.template("csv"), "csv")[0] == HEADERS


def test_imported_accounts_have_unusable_passwords(user_register, users):
    rows = [["zhangsan", "张三", "STR-A", "单位工作人员", "13800000001", "是"],
            ["lisi", "李四", "DEPT-A", "执法人员", "", ""]]
    result = user_register.import_file(csv_bytes(HEADERS, rows, "gb18030"), "csv", user=users["admin"])

    assert result.ok, result.errors
    for username in ("zhangsan", "lisi"):
        account = User.objects.get(username=username)
        assert not account.has_usable_password()
        assert account.is_active  # an empty 是否启用 means the default: enabled
        assert account.created_by == users["admin"]
    assert User.objects.get(username="lisi").org_unit.code == "DEPT-A"


def test_phone_typed_as_a_number_in_excel_is_read_as_the_digits(user_register):
    data = xlsx_bytes(HEADERS, [["wangwu", "王五", "STR-B", "单位工作人员", 13800000002, "否"]])
    result = user_register.import_file(data, "xlsx")
    assert result.ok, result.errors
    account = User.objects.get(username="wangwu")
    assert (account.phone, account.is_active) == ("13800000002", False)


def test_an_imported_administrator_gets_the_admin_site_like_one_saved_by_hand(user_register):
    result = user_register.import_file(csv_bytes(HEADERS, [["root2", "管理员二", "", "系统管理员", "", ""]]), "csv")
    assert result.ok, result.errors
    assert User.objects.get(username="root2").is_staff


def test_reimport_changes_the_role_but_keeps_the_password(user_register, users):
    rows = [["staff_a", users["unit_staff"].full_name, "STR-A", "执法人员", "", "是"]]
    result = user_register.import_file(csv_bytes(HEADERS, rows), "csv", user=users["admin"])
    assert (result.created, result.updated) == (0, 1)
    account = User.objects.get(username="staff_a")
    assert account.role == "officer"
    assert account.check_password(PASSWORD)
    assert account.version == 2
    assert account.history.first().history_user == users["admin"]


def test_bad_cells_are_named(user_register):
    rows = [["bad name!", "某人", "NO-SUCH", "科长", "12345", "也许"]]
    result = user_register.import_file(csv_bytes(HEADERS, rows), "csv")
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "用户名"), (2, "所属单位编码"), (2, "角色"), (2, "手机号码"), (2, "是否启用"),
    ]  # in the order of the columns, as the clerk reads the row
    assert result.errors[4] == RowError(2, "是否启用", NOT_YES_OR_NO.format(text="也许"))
    assert not User.objects.filter(full_name="某人").exists()


@pytest.mark.parametrize("role", ["unit_staff", "legal_office", "officer", "leader"])
def test_only_administrators_import_accounts(user_register, users, role):
    # A clerk must not be able to make themselves, or anyone in their unit, an administrator.
    unit = users[role].org_unit.code
    rows = [[users[role].username, "提权", unit, "系统管理员", "", "是"],
            ["newcomer", "新人", unit, "系统管理员", "", ""]]
    result = user_register.import_file(csv_bytes(HEADERS, rows), "csv", user=users[role])
    assert result.errors == [RowError(0, "", NO_IMPORT_PERMISSION.format(title=user_register.title))]
    assert User.objects.get(username=users[role].username).role == role
    assert not User.objects.filter(username="newcomer").exists()


def test_export_never_contains_password_hashes(user_register, users):
    data = user_register.export("csv").decode("utf-8-sig")
    assert "pbkdf2" not in data and "argon2" not in data
    assert "staff_a" in data


def test_export_then_import_changes_nothing(user_register, users):
    User.objects.filter(username="staff_a").update(phone="13800000003", is_active=False)
    before = list(User.objects.order_by("pk").values_list())
    result = user_register.import_file(user_register.export("xlsx"), "xlsx", user=users["admin"])
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(users))
    assert list(User.objects.order_by("pk").values_list()) == before

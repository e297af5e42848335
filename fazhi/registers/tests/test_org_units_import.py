"""Importing the 机构名册: parents may be defined earlier in the same file."""

import re

import pytest

from fazhi.core.tests.messages import message_pattern
from fazhi.organisation.models import PARENT_LOOP, OrgUnit
from fazhi.registers.base import (
    DATABASE_REFUSED,
    DUPLICATE_VALUE,
    NO_IMPORT_PERMISSION,
    NOT_FOUND,
    VALUE_TAKEN,
    RowError,
)
from fazhi.registers.tabular import read_table
from fazhi.registers.tests.helpers import csv_bytes, xlsx_bytes

HEADERS = ["机构编码", "名称", "简称", "类型", "上级机构编码", "排序", "维护市场主体名录"]


def org_snapshot() -> list[tuple]:
    return [*OrgUnit.objects.order_by("pk").values_list(), ("history", OrgUnit.history.count())]


def test_template_headers(org_register):
    headers, _ = read_table(org_register.template("csv"), "csv")
    assert headers == HEADERS


def test_parent_defined_earlier_in_the_same_file(org_register, users):
    rows = [
        ["STR-C", "丙街道", "丙街", "街道", "", "30"],
        ["STR-C-1", "丙街道综合执法队", "", "街道", "STR-C", ""],
        ["STR-C-1-1", "第一中队", "", "街道", "STR-C-1", ""],
        ["DEPT-A-1", "市场监管所", "", "区直部门", "DEPT-A", ""],  # parent already in the database
    ]
    result = org_register.import_file(csv_bytes(HEADERS, rows), "csv", user=users["admin"])

    assert result.ok, result.errors
    assert result.created == 4
    leaf = OrgUnit.objects.get(code="STR-C-1-1")
    assert (leaf.parent.code, leaf.parent.parent.code) == ("STR-C-1", "STR-C")
    assert OrgUnit.objects.get(code="DEPT-A-1").parent.code == "DEPT-A"
    assert leaf.created_by == users["admin"]
    assert leaf.history.get().history_user == users["admin"]


def test_dry_run_with_parents_in_the_file_writes_nothing(org_register):
    before = org_snapshot()
    rows = [["STR-C", "丙街道", "", "街道", "", ""], ["STR-C-1", "丙街道执法队", "", "街道", "STR-C", ""]]
    result = org_register.import_file(csv_bytes(HEADERS, rows), "csv", dry_run=True)
    assert result.ok, result.errors
    assert result.created == 2
    assert org_snapshot() == before


def test_parent_defined_later_in_the_file_is_refused_with_its_row(org_register):
    rows = [["STR-C-1", "丙街道执法队", "", "街道", "STR-C", ""], ["STR-C", "丙街道", "", "街道", "", ""]]
    result = org_register.import_file(csv_bytes(HEADERS, rows), "csv")
    not_found = NOT_FOUND.format(text="STR-C", model=OrgUnit._meta.verbose_name)
    assert result.errors == [RowError(2, "上级机构编码", not_found)]
    assert not OrgUnit.objects.filter(code__startswith="STR-C").exists()


def test_empty_sort_order_takes_the_default_and_numbers_typed_as_numbers_are_read(org_register):
    data = xlsx_bytes(HEADERS, [["STR-C", "丙街道", None, "街道", None, None],
                                ["STR-D", "丁街道", None, "街道", None, 40]])
    result = org_register.import_file(data, "xlsx")
    assert result.ok, result.errors
    assert dict(OrgUnit.objects.filter(code__in=["STR-C", "STR-D"]).values_list("code", "sort_order")) == {
        "STR-C": 100, "STR-D": 40,
    }


def test_a_sort_order_that_is_not_a_number_is_reported(org_register):
    result = org_register.import_file(csv_bytes(HEADERS, [["STR-C", "丙街道", "", "街道", "", "第一"]]), "csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, "排序")]


def test_two_units_with_the_same_name_in_one_file_are_reported_not_crashed(org_register):
    rows = [["STR-C", "丙街道", "", "街道", "", ""], ["STR-D", "丙街道", "", "街道", "", ""]]
    result = org_register.import_file(csv_bytes(HEADERS, rows), "csv")
    assert [(e.row, e.column) for e in result.errors] == [(3, "名称")]
    assert result.errors[0].message == DUPLICATE_VALUE.format(value="丙街道", row=2)
    assert not OrgUnit.objects.filter(code__in=["STR-C", "STR-D"]).exists()


def test_a_name_already_used_by_another_unit_is_reported(org_register, units):
    result = org_register.import_file(csv_bytes(HEADERS, [["STR-C", "甲街道", "", "街道", "", ""]]), "csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, "名称")]
    assert units["street_a"].name == "甲街道"
    assert result.errors[0].message == VALUE_TAKEN.format(value="甲街道", model=OrgUnit._meta.verbose_name,
                                                          other=units["street_a"].code)


def test_a_unit_may_take_a_name_another_unit_gave_up_earlier_in_the_file(org_register, units):
    rows = [["DEPT-B", "建设局", "", "区直部门", "", ""], ["DEPT-A", "住房和城乡建设局", "", "区直部门", "", ""]]
    result = org_register.import_file(csv_bytes(HEADERS, rows), "csv")
    assert result.ok, result.errors
    assert OrgUnit.objects.get(code="DEPT-A").name == "住房和城乡建设局"


def test_two_units_swapping_names_is_refused_cleanly_and_nothing_is_written(org_register, units):
    # The database checks each saved row, so a swap needs a third, temporary name.
    before = org_snapshot()
    rows = [["DEPT-A", "住房和城乡建设局", "", "区直部门", "", ""],
            ["DEPT-B", "市场监督管理局", "", "区直部门", "", ""]]
    result = org_register.import_file(csv_bytes(HEADERS, rows), "csv")
    assert re.fullmatch(message_pattern(DATABASE_REFUSED), result.errors[0].message)
    assert org_snapshot() == before


def test_a_unit_cannot_become_its_own_parent(org_register, units):
    result = org_register.import_file(csv_bytes(HEADERS, [["DEPT-A", "市场监督管理局", "", "区直部门", "DEPT-A", ""]]),
                                      "csv")
    assert result.errors == [RowError(2, "上级机构编码", str(PARENT_LOOP))]


def test_export_then_import_changes_nothing(org_register, units):
    OrgUnit.objects.filter(code="STR-A").update(parent=units["dept_a"], short_name="甲街")
    before = org_snapshot()
    result = org_register.import_file(org_register.export("xlsx"), "xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert org_snapshot() == before


@pytest.mark.parametrize("role", ["unit_staff", "officer", "leader"])
def test_only_zone_wide_roles_change_the_org_chart(org_register, users, role):
    before = org_snapshot()
    result = org_register.import_file(csv_bytes(HEADERS, [["STR-C", "丙街道", "", "街道", "", ""]]), "csv",
                                      user=users[role])
    assert result.errors == [RowError(0, "", NO_IMPORT_PERMISSION.format(title=org_register.title))]
    assert org_snapshot() == before

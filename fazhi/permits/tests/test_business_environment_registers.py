"""Import/export of the business-environment registers (pairings, visits, the legal service team), keyed by the
numbers the platform gives: a new row leaves 编号 empty, an export imports back unchanged, a bad file writes
nothing and names the row, column and reason."""

import datetime as dt

import pytest

from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.permits import services
from fazhi.permits.constants import VisitKind
from fazhi.permits.models import Commendation, Pairing, ServiceTeamMember, Visit
from fazhi.permits.registers import CommendationRegister, PairingRegister, ServiceTeamRegister, VisitRegister
from fazhi.registers.base import NO_SUCH_NUMBER, NOT_FOUND, OWN_UNIT_ONLY
from fazhi.registers.tabular import write_table

TODAY = dt.date(2022, 6, 30)


@pytest.fixture
def firms(db, set_today):
    set_today(TODAY)
    return [MarketEntityFactory() for _ in range(3)]


def _import(register, rows, **kwargs):
    return register.import_file(write_table(register.headers, rows, "xlsx"), "xlsx", **kwargs)


def _messages(result) -> dict[tuple[int, str], str]:
    return {(e.row, e.column): e.message for e in result.errors}


def test_new_rows_get_numbers_and_an_export_imports_back_unchanged(units, firms):
    register = PairingRegister()
    result = _import(register, [["", "2022", "王主任", "管委会副主任", firms[0].uscc, "DEPT-SFJ"],
                                ["", "2022", "李主任", "", firms[1].uscc, "DEPT-SFJ"]], source="包联.xlsx")
    assert result.ok and result.created == 2, [str(e) for e in result.errors]
    assert sorted(Pairing.objects.values_list("number", flat=True)) == ["BL2022-00001", "BL2022-00002"]
    made = services.pairing_create(user=None, org_unit=units["legal"], year=2022, leader_name="张主任",
                                   entity=firms[2])
    assert made.number == "BL2022-00003"  # the page and the import count on from the same numbers
    again = register.import_file(register.export("xlsx"), "xlsx")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_row_updates_the_record_its_number_names(units, firms):
    member = services.member_create(user=None, org_unit=units["legal"], name="赵律师", affiliation="某律师事务所",
                                    joined_on=dt.date(2022, 3, 1))
    register = ServiceTeamRegister()
    result = _import(register, [[member.number, "赵律师", "另一律师事务所", "合同", "", "2022-03-01", "DEPT-SFJ"]])
    assert result.ok and result.updated == 1, [str(e) for e in result.errors]
    member.refresh_from_db()
    assert member.affiliation == "另一律师事务所" and member.version == 2
    assert member.history.first().history_change_reason == "导入"


def test_a_number_the_platform_did_not_give_is_refused_and_nothing_is_written(units, firms):
    register = ServiceTeamRegister()
    result = _import(register, [["", "钱律师", "某所", "", "", "2022-03-01", "DEPT-SFJ"],
                                ["FWT2022-00099", "孙律师", "某所", "", "", "2022-03-01", "DEPT-SFJ"]])
    assert not result.ok
    assert _messages(result) == {(3, "编号"): NO_SUCH_NUMBER.format(model="法律服务团成员", key="FWT2022-00099")}
    assert not ServiceTeamMember.objects.exists()


def test_visits_follow_the_visit_pages_rules(units, firms):
    pairing = services.pairing_create(user=None, org_unit=units["legal"], year=2022, leader_name="王主任",
                                      entity=firms[0])
    register = VisitRegister()
    pairing_visit = ["", "DEPT-SFJ", "领导包联走访", "2022-05-10", "王主任", pairing.number, "", "用地手续"]
    street_visit = ["", "STR-A", "街道走访", "2022-05-11", "甲街道走访组", "", firms[1].uscc, ""]
    no_firm = ["", "STR-A", "街道走访", "2022-05-12", "甲街道走访组", "", "", ""]
    no_pairing = ["", "DEPT-SFJ", "领导包联走访", "2022-05-12", "李主任", "", "", ""]
    tomorrow = ["", "STR-A", "街道走访", "2022-07-01", "甲街道走访组", "", firms[1].uscc, ""]
    result = _import(register, [pairing_visit, street_visit, no_firm, no_pairing, tomorrow])
    assert set(_messages(result)) == {(4, "走访企业统一社会信用代码"), (5, "包联编号"), (6, "走访日期")}
    assert not Visit.objects.exists()
    result = _import(register, [pairing_visit, street_visit])
    assert result.ok and result.created == 2, [str(e) for e in result.errors]
    visit = Visit.objects.get(kind=VisitKind.PAIRING)
    assert visit.entity == firms[0] and visit.pairing == pairing  # the paired firm, though its cell was empty


def test_a_pairing_with_visits_keeps_its_firm(units, firms):
    pairing = services.pairing_create(user=None, org_unit=units["legal"], year=2022, leader_name="王主任",
                                      entity=firms[0])
    register = PairingRegister()
    moved = [pairing.number, "2022", "王主任", "", firms[1].uscc, "DEPT-SFJ"]
    assert _import(register, [moved], dry_run=True).ok  # no visits yet: a correction is allowed
    services.visit_create(user=None, org_unit=units["legal"], kind=VisitKind.PAIRING, visited_on=dt.date(2022, 5, 1),
                          visitor="王主任", pairing=pairing)
    result = _import(register, [moved])
    assert set(_messages(result)) == {(2, "包联企业统一社会信用代码")}
    pairing.refresh_from_db()
    assert pairing.entity == firms[0]


def test_a_unit_imports_only_its_own_records(users, units, firms):
    register = ServiceTeamRegister()
    result = _import(register, [["", "钱律师", "某所", "", "", "2022-03-01", "STR-B"]], user=users["unit_staff"])
    assert not result.ok and OWN_UNIT_ONLY.format(unit=units["street_a"].name) in _messages(result).values()
    assert not ServiceTeamMember.objects.exists()


def test_a_commendation_lists_its_firms_in_one_cell(units, firms):
    register = CommendationRegister()
    codes = f"{firms[0].uscc}；{firms[1].uscc}, {firms[0].uscc}"
    result = _import(register, [["", "2022年度表彰大会", "2022-06-20", "DEPT-SFJ", codes]])
    assert result.ok and result.created == 1, [str(e) for e in result.errors]
    commendation = Commendation.objects.get()
    assert set(commendation.firms.all()) == set(firms[:2])
    assert commendation.firm_names == "、".join(sorted(str(firm) for firm in firms[:2]))
    again = register.import_file(register.export("xlsx"), "xlsx")
    assert again.ok and again.unchanged == 1, [str(e) for e in again.errors]
    result = _import(register, [[commendation.number, "2022年度表彰大会", "2022-06-20", "DEPT-SFJ",
                                 f"{firms[2].uscc}；{firms[0].uscc}"]])
    assert result.ok and result.updated == 1, [str(e) for e in result.errors]
    commendation.refresh_from_db()
    assert set(commendation.firms.all()) == {firms[0], firms[2]} and str(firms[2]) in commendation.firm_names
    assert str(firms[2]) in commendation.history.first().firm_names  # the history shows the new list
    result = _import(register, [[commendation.number, "2022年度表彰大会", "2022-06-20", "DEPT-SFJ",
                                 f"{firms[1].uscc}；91210200XXXXXXXXXX"]])
    assert _messages(result) == {(2, "受表彰企业统一社会信用代码"): NOT_FOUND.format(
        text="91210200XXXXXXXXXX", model="市场主体")}
    assert set(commendation.firms.all()) == {firms[0], firms[2]}

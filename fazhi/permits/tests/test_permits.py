"""Cases, the catalogue in force, the disguised-approval check, statistics, the report section and the import."""

import datetime as dt
import re

import pytest
from django.db import transaction

from fazhi.core.exceptions import FazhiError, PermissionDeniedError
from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines.models import Deadline
from fazhi.permits import permissions, report, selectors, services
from fazhi.permits.constants import DecisionForm, DocumentKind, ReformMode
from fazhi.permits.lifecycle import LIFECYCLE, Status
from fazhi.permits.models import CatalogueEntry, PermitCase
from fazhi.permits.registers import CatalogueRegister
from fazhi.permits.tests import factories
from fazhi.registers.tabular import read_table, write_table


@pytest.fixture
def catalogue(units):
    return factories.catalogue()


def test_the_catalogue_in_force_is_the_latest_edition_effective_on_the_day(catalogue):
    edition, matters = catalogue
    later, _ = factories.catalogue(document_number="辽政发〔2022〕9号", effective_on=dt.date(2022, 6, 1),
                                   matters={ReformMode.OPTIMIZED: ReformMode.COMMITMENT})
    assert selectors.edition_in_force(dt.date(2021, 6, 30)) is None
    assert selectors.edition_in_force(dt.date(2022, 5, 31)) == edition
    assert selectors.edition_in_force(dt.date(2022, 6, 1)) == later
    history = selectors.mode_history(matters[ReformMode.OPTIMIZED])
    assert [(e.edition, e.mode) for e in history] == [(edition, ReformMode.OPTIMIZED), (later, ReformMode.COMMITMENT)]


def test_an_abolished_matter_is_refused_with_the_basis(units, catalogue):
    edition, matters = catalogue
    with pytest.raises(FazhiError) as refused:
        factories.case(units["street_a"], [matters[ReformMode.ABOLISHED]])
    entry = CatalogueEntry.objects.get(edition=edition, matter=matters[ReformMode.ABOLISHED])
    assert re.match(message_pattern(services.MATTER_ABOLISHED, matter=entry.matter.name, edition=str(edition),
                                    basis=entry.basis, measures=entry.measures), refused.value.message)
    assert not PermitCase.objects.exists()


def test_a_case_before_any_catalogue_is_refused(units, catalogue):
    with pytest.raises(FazhiError, match="没有施行中的"):
        factories.case(units["street_a"], [catalogue[1][ReformMode.FILING]], received_on=dt.date(2021, 1, 4))


def test_one_window_case_counts_working_days_and_starts_the_deadline(units, catalogue):
    _, matters = catalogue
    case = factories.case(units["street_a"], [matters[ReformMode.OPTIMIZED], matters[ReformMode.COMMITMENT]],
                          received_on=dt.date(2022, 9, 29))
    assert case.lines.count() == 2 and case.statutory_days == 20 and case.promised_days == 5
    # 20 working days after 2022-09-29: 09-30, the worked 10-08 and 10-09 (国庆 10-01..07 off), 15 in 10-10..28,
    # 10-31 and 11-01.
    assert case.statutory_due_on == dt.date(2022, 11, 1)
    assert Deadline.objects.get(object_id=str(case.pk)).due_on == case.statutory_due_on


def test_the_case_walks_its_lifecycle_and_is_judged_on_time(users, units, catalogue):
    _, matters = catalogue
    staff = users["unit_staff"]
    case = factories.case(units["street_a"], [matters[ReformMode.OPTIMIZED]], user=staff)
    services.case_start(user=staff, case=case)
    services.case_extend(user=staff, case=case, reason="需现场核查，负责人已批准")
    with pytest.raises(FazhiError, match="延长过"):
        services.case_extend(user=staff, case=case, reason="再次")
    services.case_exclude(user=staff, case=case, days=5, reason="检验检测")
    case.refresh_from_db()
    assert case.extended_days == 10 and case.excluded_days == 5
    services.case_decide(user=staff, case=case, decision_form=DecisionForm.LICENCE, decided_on=dt.date(2022, 4, 8))
    case.refresh_from_db()
    assert case.status == Status.GRANTED and case.on_time and not case.within_promise
    # 2022-03-02..04-08: 22 in March, 04-01, the worked Saturday 04-02, 04-06..08 (清明 04-03..05 off) = 27; 5 excluded.
    assert case.working_days_used == 27 - 5
    assert LIFECYCLE.actions_from(case.status) == []
    with pytest.raises(FazhiError, match="办结（准予）"):
        services.case_withdraw(user=staff, case=case, reason="晚了")
    assert Deadline.objects.get(object_id=str(case.pk), archived_on__isnull=True).completed_on == case.decided_on


def test_another_unit_and_a_leader_may_not_handle_the_case(users, units, catalogue):
    case = factories.case(units["street_a"], [catalogue[1][ReformMode.OPTIMIZED]])
    for role in ("unit_staff_b", "leader", "officer"):
        assert not permissions.may_decide(users[role], case)
        with pytest.raises(PermissionDeniedError):
            services.case_decide(user=users[role], case=case, decision_form=DecisionForm.LICENCE)
    assert permissions.may_decide(users["legal_office"], case)


def test_a_filing_case_demanding_an_approval_document_is_flagged(users, units, catalogue):
    _, matters = catalogue
    staff = users["unit_staff"]
    case = factories.case(units["street_a"], [matters[ReformMode.FILING]], user=staff)
    services.case_demand(user=staff, case=case, name="备案表", kind=DocumentKind.INFORMATIVE)
    case.refresh_from_db()
    assert not case.disguised_approval
    services.case_demand(user=staff, case=case, name="消防安全检查合格证", kind=DocumentKind.APPROVAL)
    case.refresh_from_db()
    assert case.disguised_approval and "消防安全检查合格证" in case.disguised_reasons
    assert "国办函〔2022〕110号" in case.disguised_reasons


def test_a_filing_case_decided_as_an_approval_is_flagged(users, units, catalogue):
    _, matters = catalogue
    staff = users["unit_staff"]
    filed = factories.case(units["street_a"], [matters[ReformMode.FILING]], user=staff)
    services.case_decide(user=staff, case=filed, decision_form=DecisionForm.FILING_RECEIPT,
                         decided_on=dt.date(2022, 3, 1))
    refused = factories.case(units["street_a"], [matters[ReformMode.FILING]], user=staff)
    services.case_decide(user=staff, case=refused, decision_form=DecisionForm.REFUSAL, decided_on=dt.date(2022, 3, 2))
    filed.refresh_from_db()
    refused.refresh_from_db()
    assert not filed.disguised_approval
    assert refused.disguised_approval and refused.status == Status.REFUSED
    assert "不予许可决定书" in refused.disguised_reasons


def test_a_receipt_cannot_close_an_approval(users, units, catalogue):
    case = factories.case(units["street_a"], [catalogue[1][ReformMode.OPTIMIZED]])
    with pytest.raises(FazhiError, match="备案回执只用于"):
        services.case_decide(user=users["unit_staff"], case=case, decision_form=DecisionForm.FILING_RECEIPT,
                             decided_on=dt.date(2022, 3, 2))


def test_an_approval_document_for_the_licence_matter_of_a_one_window_case_is_not_flagged(users, units, catalogue):
    _, matters = catalogue
    staff = users["unit_staff"]
    case = factories.case(units["street_a"], [matters[ReformMode.FILING], matters[ReformMode.OPTIMIZED]], user=staff)
    optimized = case.lines.get(mode=ReformMode.OPTIMIZED)
    services.case_demand(user=staff, case=case, name="现场核查报告", kind=DocumentKind.APPROVAL, line=optimized)
    case.refresh_from_db()
    assert not case.disguised_approval


def test_statistics_and_the_report_follow_the_records(users, units, catalogue):
    _, matters = catalogue
    section = report.report_section(2022)
    assert [section.figure(label).value for label in ("直接取消审批", "审批改备案", "实行告知承诺", "优化审批服务")] \
        == [1, 1, 1, 1]
    assert section.figure("合计办件").value == 0 and section.figure("按时办结率").value is None
    case = factories.case(units["street_a"], [matters[ReformMode.FILING], matters[ReformMode.COMMITMENT]])
    services.case_decide(user=None, case=case, decision_form=DecisionForm.LICENCE, decided_on=dt.date(2022, 3, 3))
    section = report.report_section(2022)
    assert section.figure("办理审批改为备案事项").value == 1 and section.figure("实行告知承诺许可事项").value == 1
    assert section.figure("合计办件").value == 2 and section.figure("按时办结率").value == 100.0
    assert section.figure("合计办件").records().count() == 2
    stats = selectors.statistics(2022)
    assert stats.cases == 1 and stats.row(ReformMode.FILING).average_days == 2.0
    assert report.report_section(2022, unit=units["street_b"]).figure("合计办件").value == 0


def _rows(data: bytes) -> list[list[str]]:
    _, rows = read_table(data, "xlsx")
    return [cells[:-1] for _, cells in rows]  # without 记录版本


def test_export_then_import_gives_the_same_catalogue(units):
    register = CatalogueRegister()
    with transaction.atomic():
        factories.catalogue(org_unit=units["dept_a"])
        factories.catalogue(document_number="辽政发〔2022〕9号", effective_on=dt.date(2022, 6, 1),
                            matters={ReformMode.OPTIMIZED: ReformMode.COMMITMENT}, name="清单（2022年版）")
        exported = register.export("xlsx")
        transaction.set_rollback(True)
    assert not CatalogueEntry.objects.exists()
    result = register.import_file(exported, "xlsx", source="清单.xlsx")
    assert result.ok and result.created == 8, [str(e) for e in result.errors]
    assert _rows(register.export("xlsx")) == _rows(exported)
    again = register.import_file(register.export("xlsx"), "xlsx")
    assert again.ok and again.unchanged == 8 and again.created == 0


def test_an_import_with_bad_rows_writes_nothing_and_names_row_column_and_reason(units, users):
    register = CatalogueRegister()
    row = ["清单", "辽政发〔2021〕1号", "2021-07-01", "A1", "事项一", "依据", "县级（含开发区）", "市场监管部门",
           "DEPT-A", "审批改为备案", "举措", "监管", "20", "5"]
    bad_mode = [*row[:3], "A2", "事项二", *row[5:9], "改成审批", *row[10:]]
    bad_unit = [*row[:3], "A3", "事项三", *row[5:8], "NOPE", *row[9:]]
    other_date = [row[0], row[1], "2021-08-01", "A4", *row[4:]]
    data = write_table(register.headers, [row, bad_mode, bad_unit, other_date, row], "xlsx")
    result = register.import_file(data, "xlsx")
    assert not result.ok
    errors = {(e.row, e.column) for e in result.errors}
    assert {(3, "改革方式"), (4, "办理单位编码"), (5, "发布文号"), (6, "事项编码")} <= errors
    assert not CatalogueEntry.objects.exists()
    assert not register.import_file(write_table(register.headers, [row], "xlsx"), "xlsx",
                                    user=users["unit_staff"]).ok

"""Work never waits for next year's holiday notice.

On a day in late December before the next year's notice, and on a day years after the last notice the
platform knows, an inspection result, an enforcement decision and its publication, and a normative
document's publication are all accepted, their due dates counted provisionally and marked 暂定; entering
the year's arrangement counts them again as official.
"""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.deadlines.constants import PROVISIONAL_REASON
from fazhi.deadlines.models import CalendarYear, DueDateChange
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.deadlines.services import deadlines_recount
from fazhi.deadlines.statutory_holidays import official_years
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.constants import DecisionKind, MatterKind
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.inspections import services as inspections
from fazhi.inspections.constants import TaskResult
from fazhi.inspections.tests.scenario import drawn_plan, setting  # noqa: F401
from fazhi.normative_documents import selectors as document_selectors
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_in_force
from fazhi.officers.tests.factories import CertificateFactory

LAST_OFFICIAL = max(official_years())
DAYS = {
    "late December, next year's notice not out": dt.date(LAST_OFFICIAL, 12, 28),
    "years after the last notice": dt.date(LAST_OFFICIAL + 5, 1, 2),
}


def _decided_case(users, units, today: dt.date, summary: str):
    body = EnforcementBodyFactory(org_unit=units["street_a"])
    case = enforcement.case_open(user=users["unit_staff"], body=body, kind=MatterKind.PENALTY, summary=summary,
                                 opened_on=today - dt.timedelta(days=20), party_name="张三丰")
    for name in ("赵一", "钱二"):
        officer = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name=name).officer
        enforcement.case_assign_officer(user=users["unit_staff"], case=case, officer=officer,
                                        on=today - dt.timedelta(days=19))
    return enforcement.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                   decided_on=today, text="依据《食品安全法》第一百二十四条，决定给予警告。")


@pytest.mark.parametrize("today", DAYS.values(), ids=DAYS.keys())
def test_records_are_accepted_with_provisional_due_dates_and_the_notice_recounts_them(
        request, db, client, set_today, settings, tmp_path, today):
    settings.MEDIA_ROOT = tmp_path
    set_today(today)
    scene = request.getfixturevalue("setting")  # built on the day set, like everything below
    users, units = request.getfixturevalue("users"), request.getfixturevalue("units")

    plan, _draw = drawn_plan(scene)
    task = plan.tasks.first()
    inspections.task_record_result(user=task.team.first().officer.user, task=task, result=TaskResult.NO_PROBLEM,
                                   inspected_on=today)
    published_case = _decided_case(users, units, today, "销售过期食品")
    publication = enforcement.decision_publish(user=users["unit_staff"], case=published_case)
    waiting_case = _decided_case(users, units, today, "无证经营")
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["dept_a"]), published_on=today,
                           reviewer=users["legal_office"])

    result_due = deadlines_for_record(task).get()
    status = enforcement_selectors.case_publication_status(published_case)
    waiting = enforcement_selectors.case_publication_status(waiting_case)
    filing = document_selectors.filing_status(document)
    assert result_due.provisional and waiting.due_provisional and filing.due_provisional
    assert status.due_provisional and publication.published_on == today and status.status == "on_time"
    # Every page and API response that shows those due dates says 暂定, with the reason.
    client.force_login(users["legal_office"])
    filing_due = deadlines_for_record(document).get(rule_code="normative_filing")
    for name, pk, deadline in (("inspections:tasks:detail", task.pk, result_due),
                               ("enforcement:cases:detail", waiting_case.pk, deadlines_for_record(waiting_case).get()),
                               ("normative_documents:documents:detail", document.pk, filing_due),
                               ("deadlines:detail", result_due.pk, None)):
        page = client.get(reverse(name, args=[pk])).content.decode()
        assert "fz-provisional" in page and str(PROVISIONAL_REASON) in page, name
        assert deadline is None or reverse("deadlines:detail", args=[deadline.pk]) in page, name  # how counted
    assert client.get(f"/api/deadlines/{result_due.pk}").json()["provisional"] is True
    assert client.get(f"/api/enforcement/cases/{waiting_case.pk}").json()["publication_due_provisional"] is True
    assert client.get(f"/api/normative-documents/{document.pk}").json()["filing_due_provisional"] is True

    provisional_years = {year for year in range(today.year, today.year + 2) if year not in official_years()}
    for year in provisional_years:
        CalendarYear.objects.create(year=year, notice=f"国办发明电〔{year - 1}〕测试号")
    changes = deadlines_recount(years=provisional_years, reason="录入节假日安排")

    result_due.refresh_from_db()
    assert not result_due.provisional
    assert not enforcement_selectors.case_publication_status(waiting_case).due_provisional
    assert not document_selectors.filing_status(document).due_provisional
    # Every one counted provisionally was counted again, the published case's (done) too: whether it was
    # published on time depends on it.
    recounted = {change.deadline for change in changes}
    assert {result_due, *deadlines_for_record(waiting_case), *deadlines_for_record(published_case),
            filing_due} <= recounted
    assert not enforcement_selectors.case_publication_status(published_case).due_provisional
    assert DueDateChange.objects.count() == len(changes)

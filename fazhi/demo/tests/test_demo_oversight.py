"""The demo zone's 司法监督 figures (seed report 五(二): 收到司法建议2份、检察建议4份，全部按时按要求进行办理) are
computed from its ledger items, and follow a change of those records."""

import datetime as dt
from io import StringIO

from django.core.management import call_command

from fazhi.ledger import report, services
from fazhi.ledger.constants import ItemKind
from fazhi.ledger.models import HandlingRule, TrackedItem
from fazhi.litigation import report as litigation_report
from fazhi.litigation import services as litigation_services
from fazhi.litigation.constants import Outcome
from fazhi.litigation.lifecycle import Status
from fazhi.litigation.models import AdministrativeLitigation
from fazhi.reconsideration import report as reconsideration_report
from fazhi.reconsideration.models import Reconsideration


def _values(year=2022) -> list:
    section = report.report_section(year)
    return [section.figure(label).value for label in ("收到司法建议", "收到检察建议", "司法建议、检察建议按时办理率")]


def test_2022_recommendation_figures_match_the_seed(demo):
    assert _values() == [2, 4, 100.0]
    assert HandlingRule.objects.count() == 2  # the deputies' and the members' bodies


def test_an_overdue_recommendation_lowers_the_rate(demo, set_today):
    set_today(dt.date(2022, 11, 1))
    item = services.item_create(user=None, kind=ItemKind.JUDICIAL, source="大连市中级人民法院",
                                owner_unit=TrackedItem.objects.first().owner_unit, subject="又一份司法建议",
                                received_on=dt.date(2022, 10, 10))
    assert _values() == [3, 4, 100.0]  # not yet due (12 December)
    set_today(dt.date(2023, 2, 28))
    assert _values() == [3, 4, round(100 * 6 / 7, 2)]  # overdue unanswered counts against the rate
    services.item_answer(user=None, item=item, answer="已回复", answered_on=dt.date(2023, 1, 20))
    assert _values() == [3, 4, round(100 * 6 / 7, 2)]  # answered late


def test_loading_again_adds_nothing(demo):
    models = (TrackedItem, AdministrativeLitigation, Reconsideration)
    before = [model.objects.count() for model in models]
    call_command("demo", entities=20, force=True, stdout=StringIO())
    assert [model.objects.count() for model in models] == before


def _lawsuit_values(year=2022) -> list:
    section = litigation_report.report_section(year)
    return [section.figure(label).value for label in ("行政诉讼案件", "行政机关负责人出庭应诉率", "行政诉讼败诉率")]


def test_2022_lawsuits_match_the_seed_and_follow_the_records(demo):
    # 14 cases (seed 五(四)); 13 heard, the head at 11; 13 closed, one judged unlawful (the demo's own outcomes).
    assert _lawsuit_values() == [14, round(100 * 11 / 13, 2), round(100 / 13, 2)]
    open_case = AdministrativeLitigation.objects.get(status=Status.DEFENDED)
    litigation_services.litigation_close(user=None, litigation=open_case, outcome=Outcome.JUDGED_REVOKED,
                                         document="判决书", closed_on=dt.date(2023, 3, 1))
    assert _lawsuit_values() == [14, round(100 * 11 / 13, 2), round(100 * 2 / 14, 2)]


def test_2022_reconsiderations_are_counted_from_the_records(demo):
    section = reconsideration_report.report_section(2022)
    assert [section.figure(label).value for label in ("被申请行政复议案件", "行政复议纠错", "行政复议纠错率")] == \
        [4, 1, 25.0]

"""The demo zone's 证照分离 figures (seed report 二(二)) are computed from its records."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from fazhi.permits import report
from fazhi.permits.constants import ReformMode
from fazhi.permits.models import PermitCase


@pytest.fixture(scope="module")
def _demo_zone(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", entities=20, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_zone, db):
    pass


def test_2022_permit_figures_match_the_seed(demo):
    # Seed 二(二): 直接取消审批6项、审批改备案3项、实行告知承诺11项、优化审批服务40项，办理审批改为备案事项92件、
    # 实行告知承诺许可事项238件、优化准入服务许可事项370件，合计700件.
    section = report.report_section(2022)
    values = [section.figure(label).value for label in (
        "直接取消审批", "审批改备案", "实行告知承诺", "优化审批服务", "办理审批改为备案事项", "实行告知承诺许可事项",
        "优化准入服务许可事项", "合计办件")]
    assert values == [6, 3, 11, 40, 92, 238, 370, 700]
    assert section.figure("按时办结率").value == 100.0
    assert PermitCase.objects.filter(received_on__year=2022).count() == 680  # 20 一件事 cases hold two matters
    assert not PermitCase.objects.filter(disguised_approval=True).exists()
    assert section.figure("审批改备案").records().filter(mode=ReformMode.FILING).count() == 3

"""The demo zone's 证照分离 figures (seed report 二(二)) are computed from its records."""



from fazhi.permits import report, selectors, services
from fazhi.permits.constants import ReformMode
from fazhi.permits.models import PermitCase, ServiceTeamMember


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


def test_2022_business_environment_figures_match_the_seed(demo):
    # Seed 二(二): 表彰企业68家；领导包联企业走访全覆盖；部门、街道走访企业100余次；组建法律服务团.
    section = report.report_section(2022)
    assert section.figure("受表彰企业").value == 68 == section.figure("受表彰企业").records().count()
    coverage = section.figure("领导包联走访覆盖率")
    assert coverage.value == 100.0 and coverage.records().count() == coverage.of().count() > 0
    visits = section.figure("部门、街道走访企业")
    assert visits.value == visits.records().count() > 100
    requests = section.figure("企业法律服务诉求按期答复率")
    assert requests.value == round(100 * requests.records().count() / requests.of().count(), 2)
    assert ServiceTeamMember.objects.active().exists()


def test_2022_commitment_checks_are_drawn_done_and_one_false_goes_to_enforcement(demo):
    section = report.report_section(2022)
    checked = section.figure("告知承诺核查")
    assert checked.value == checked.records().count() > 0
    false = section.figure("核查发现承诺不实")
    assert false.value == 1
    check = false.records().get()
    assert check.enforcement_case is not None and check.credit_record.case == check.case
    draw = check.draw
    assert services.check_draw_verify(draw).match
    assert selectors.statistics(2022).checked == checked.value

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fazhi.core.modules import INSPECTIONS, MenuItem, Module, WorkTally


def has_officer_record(user) -> bool:
    """The menu's 我的检查任务 is for users who are law-enforcement officers."""
    return getattr(user, "is_authenticated", False) and hasattr(user, "officer")


def work_queue(user, today) -> list[WorkTally]:
    """The officer's inspection tasks not yet inspected."""
    from django.urls import reverse

    from fazhi.inspections.constants import TaskStatus
    from fazhi.inspections.selectors import tasks_of_officer

    pending = tasks_of_officer(user).filter(status=TaskStatus.PENDING).count()
    return [WorkTally(_("我的待检查任务"), pending, reverse("inspections:my_tasks"), html_id="pending-inspections",
                      tone="warning")]


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    verbose_name = _("双随机、一公开")
    fazhi_module = Module(
        order=90, url_prefix="inspections/", urls="fazhi.inspections.urls",
        api_prefix="/inspections", api_router="fazhi.inspections.api:router",
        api_matrix="fazhi.inspections.tests.test_api",
        menu=(
            MenuItem(_("我的检查任务"), "inspections:my_tasks", check=has_officer_record, group=INSPECTIONS,
                     order=300),
            MenuItem(_("抽查计划"), "inspections:plans:list", "inspections.inspectionplan", group=INSPECTIONS,
                     order=310),
            MenuItem(_("抽查任务"), "inspections:tasks:list", "inspections.inspectiontask", group=INSPECTIONS,
                     order=320),
            MenuItem(_("随机抽查事项清单"), "inspections:items:list", "inspections.inspectionitem",
                     group=INSPECTIONS, order=330),
            MenuItem(_("抽查工作细则"), "inspections:rules:list", "inspections.inspectionrules", group=INSPECTIONS,
                     order=340),
            MenuItem(_("执法检查人员名录库"), "inspections:inspector_pool", "inspections.inspectionplan",
                     group=INSPECTIONS, order=350),
            MenuItem(_("回避申报"), "inspections:recusals:list", "inspections.recusal", group=INSPECTIONS,
                     order=360),
            MenuItem(_("联席会议"), "inspections:meetings:list", "inspections.jointmeeting", group=INSPECTIONS,
                     order=370),
            MenuItem(_("联席会议记录"), "inspections:meeting_records:list", "inspections.jointmeetingrecord",
                     group=INSPECTIONS, order=380),
            MenuItem(_("抽查统计"), "inspections:statistics", "inspections.inspectionplan", group=INSPECTIONS,
                     order=390),
        ),
        work_queue="fazhi.inspections.apps:work_queue",
        idor_records="fazhi.inspections.tests.idor:other_units_records",
        report_section="fazhi.inspections.report:report_section",
    )

    def ready(self) -> None:
        from fazhi.inspections import deadline_rules  # noqa: F401  (register the statutory periods)

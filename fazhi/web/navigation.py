"""The navigation menu: only modules that exist, only entries the user may open."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import perm_name


def can_import_any(user) -> bool:
    """True when the user may import into at least one register."""
    from fazhi.registers.base import REGISTERS

    return any(
        r.importable and user.has_perm(perm_name(r.model, "add")) for r in REGISTERS.values()
    )


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str | None = None  # any of view_all / view_own_unit of this "app.model"
    check: Callable | None = None  # or any other test of the user
    group: str | None = None  # items of one group are shown together under its name

    def visible_to(self, user) -> bool:
        if self.check is not None:
            return self.check(user)
        if self.permission is None:
            return True
        app, model = self.permission.split(".")
        return user.has_perm(f"{app}.view_all_{model}") or user.has_perm(f"{app}.view_own_unit_{model}")


ENFORCEMENT = _("行政执法")
DECISIONS = _("依法决策")  # seed report 三: 持续提高依法决策水平
INSPECTIONS = _("双随机、一公开")
BASE_DATA = _("基础数据")


def has_officer_record(user) -> bool:
    return getattr(user, "is_authenticated", False) and hasattr(user, "officer")

MENU = [
    MenuItem(_("工作台"), "web:home"),
    MenuItem(_("期限提醒"), "deadlines:list", "deadlines.deadline"),
    MenuItem(_("执法案件"), "enforcement:cases:list", "enforcement.enforcementcase", group=ENFORCEMENT),
    MenuItem(_("执法主体"), "enforcement:bodies:list", "enforcement.enforcementbody", group=ENFORCEMENT),
    MenuItem(_("执法事项清单"), "enforcement:matters:list", "enforcement.enforcementmatter", group=ENFORCEMENT),
    MenuItem(_("执法人员"), "enforcement:officers:list", "enforcement.officer", group=ENFORCEMENT),
    MenuItem(_("执法证件"), "enforcement:certificates:list", "enforcement.enforcementcertificate",
             group=ENFORCEMENT),
    MenuItem(_("执法证件申领"), "enforcement:applications:list", "enforcement.certificateapplication",
             group=ENFORCEMENT),
    MenuItem(_("执法培训"), "enforcement:trainings:list", "enforcement.training", group=ENFORCEMENT),
    MenuItem(_("执法资格考试"), "enforcement:exams:list", "enforcement.exam", group=ENFORCEMENT),
    MenuItem(_("培训考试统计"), "enforcement:training_statistics", "enforcement.training", group=ENFORCEMENT),
    MenuItem(_("重大执法决定目录"), "enforcement:criteria:list", "enforcement.majorcriterion", group=ENFORCEMENT),
    MenuItem(_("三项制度专项检查"), "enforcement:inspections:list", "enforcement.specialinspection",
             group=ENFORCEMENT),
    MenuItem(_("单位检查"), "enforcement:unit_inspections:list", "enforcement.unitinspection", group=ENFORCEMENT),
    MenuItem(_("整改事项"), "enforcement:rectifications:list", "enforcement.rectification", group=ENFORCEMENT),
    MenuItem(_("单位指标"), "enforcement:indicators", "enforcement.unitinspection", group=ENFORCEMENT),
    MenuItem(_("我的检查任务"), "inspections:my_tasks", check=has_officer_record, group=INSPECTIONS),
    MenuItem(_("抽查计划"), "inspections:plans:list", "inspections.inspectionplan", group=INSPECTIONS),
    MenuItem(_("抽查任务"), "inspections:tasks:list", "inspections.inspectiontask", group=INSPECTIONS),
    MenuItem(_("随机抽查事项清单"), "inspections:items:list", "inspections.inspectionitem", group=INSPECTIONS),
    MenuItem(_("抽查工作细则"), "inspections:rules:list", "inspections.inspectionrules", group=INSPECTIONS),
    MenuItem(_("执法检查人员名录库"), "inspections:inspector_pool", "inspections.inspectionplan",
             group=INSPECTIONS),
    MenuItem(_("回避申报"), "inspections:recusals:list", "inspections.recusal", group=INSPECTIONS),
    MenuItem(_("联席会议"), "inspections:meetings:list", "inspections.jointmeeting", group=INSPECTIONS),
    MenuItem(_("联席会议记录"), "inspections:meeting_records:list", "inspections.jointmeetingrecord",
             group=INSPECTIONS),
    MenuItem(_("抽查统计"), "inspections:statistics", "inspections.inspectionplan", group=INSPECTIONS),
    MenuItem(_("行政规范性文件"), "normative_documents:documents:list", "normative_documents.normativedocument",
             group=DECISIONS),
    MenuItem(_("规范性文件清理"), "normative_documents:cleanups:list", "normative_documents.cleanup", group=DECISIONS),
    MenuItem(_("规范性文件统计"), "normative_documents:statistics", "normative_documents.normativedocument",
             group=DECISIONS),
    MenuItem(_("重大行政决策"), "major_decisions:decisions:list", "major_decisions.majordecision", group=DECISIONS),
    MenuItem(_("重大行政决策目录"), "major_decisions:catalogues:list", "major_decisions.decisioncatalogue",
             group=DECISIONS),
    MenuItem(_("法律顾问"), "legal_advisors:advisors:list", "legal_advisors.legaladvisor", group=DECISIONS),
    MenuItem(_("法律顾问聘用合同"), "legal_advisors:contracts:list", "legal_advisors.advisorcontract", group=DECISIONS),
    MenuItem(_("法律顾问覆盖情况"), "legal_advisors:coverage", "legal_advisors.advisorcontract", group=DECISIONS),
    MenuItem(_("市场主体"), "market_entities:list", "market_entities.marketentity", group=BASE_DATA),
    MenuItem(_("机构"), "organisation:list", "organisation.orgunit", group=BASE_DATA),
    MenuItem(_("用户"), "accounts:list", "accounts.user", group=BASE_DATA),
    MenuItem(_("数据导入"), "registers:index", check=can_import_any, group=BASE_DATA),
    MenuItem(_("工作日计算"), "deadlines:calendar", group=BASE_DATA),
]


def _entry(item: MenuItem) -> dict:
    return {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name,
            "namespace": item.url_name.rsplit(":", 1)[0]}


def menu_for(user) -> list[dict]:
    """The user's menu; a group is one entry whose `children` are its items (at its first item's place)."""
    menu: list[dict] = []
    groups: dict[str, dict] = {}
    for item in MENU:
        if not item.visible_to(user):
            continue
        if item.group is None:
            menu.append(_entry(item))
            continue
        group = groups.get(item.group)
        if group is None:
            group = groups[item.group] = {"label": item.group, "url": "", "url_name": "", "namespace": "",
                                          "children": []}
            menu.append(group)
        group["children"].append(_entry(item))
    return menu

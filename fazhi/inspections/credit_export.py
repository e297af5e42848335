"""Published results in the layout of the national enterprise credit publicity system (抽查检查信息).

企业信息公示暂行条例 (国务院令第777号修订) 第六条 has the market regulator publish what it produces through
the 国家企业信用信息公示系统 and 第七条 lets the other departments publish there; 国发〔2019〕5号 二(四) names it
for 双随机 results. The columns follow
the fields that system shows for a random-inspection result (检查实施机关, 类型, 日期, 结果);
provinces' upload templates add their own headers around these, so the layout is kept here, once.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from fazhi.inspections.models import InspectionTask

CREDIT_COLUMNS = (
    _("统一社会信用代码"), _("企业名称"), _("检查实施机关"), _("检查类型"), _("检查日期"), _("检查结果"),
    _("抽查计划编号"), _("抽查计划名称"), _("抽查任务编号"), _("抽查事项"), _("公示日期"),
)


def inspection_kind(task: InspectionTask, joint: bool) -> str:
    return str(_("部门联合双随机抽查") if joint else _("双随机抽查"))


def _cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula (=, +, -, @ at the start; OWASP CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def credit_rows(tasks) -> Iterable[list[str]]:
    """One row per published task; the departments of a joint plan are listed lead first."""
    rows = tasks.select_related("plan", "plan__lead_unit", "entity").prefetch_related(
        "plan__departments", "plan__items").order_by("published_on", "number")
    for task in rows.iterator(chunk_size=2000):
        plan = task.plan
        others = [d.name for d in plan.departments.all() if d.pk != plan.lead_unit_id]
        yield [_cell(value) for value in (
            task.entity.uscc, task.entity.name, "、".join([plan.lead_unit.name, *others]),
            inspection_kind(task, bool(others)), task.inspected_on.isoformat() if task.inspected_on else "",
            task.get_result_display(), plan.number, plan.title, task.number,
            "；".join(item.name for item in plan.items.all()),
            task.published_on.isoformat() if task.published_on else "",
        )]

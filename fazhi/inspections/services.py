"""Writes of 双随机、一公开: plans, the two-step draw (commit, then reveal), task results, publication.

Each function is keyword-only, takes the acting `user` (None: the system, e.g. the demo loader),
runs in one transaction and raises FazhiError with a message from this module when it refuses,
so a refusal — an infeasible draw included — leaves the data as it was.
"""

import datetime as dt
import itertools
import re
import secrets
import unicodedata
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, StaleRecordError, cn_date, refuse
from fazhi.core.files import store_record_file
from fazhi.core.services import record_create, record_transition, record_update
from fazhi.deadlines.services import deadline_start, deadlines_complete_for
from fazhi.enforcement.constants import RecordKind
from fazhi.inspections import engine, lifecycle, permissions
from fazhi.inspections.constants import (
    DRAW_RECORD_FOLDER,
    DrawMethod,
    DrawStatus,
    PlanStatus,
    TaskResult,
    TaskStatus,
)
from fazhi.inspections.deadline_rules import RESULT_PUBLICATION
from fazhi.inspections.engine import commitlog
from fazhi.inspections.models import (
    RATIO_FIELDS,
    CommitmentLogEntry,
    Draw,
    InspectionItem,
    InspectionPlan,
    InspectionRules,
    InspectionTask,
    Recusal,
    TaskInspector,
    TaskRecord,
)
from fazhi.inspections.selectors import (
    plan_conflicts,
    plan_exempt_codes,
    plan_inspectors,
    plan_pool,
    plan_units,
)
from fazhi.market_entities.models import MarketEntity
from fazhi.officers.selectors import certificates_valid_on
from fazhi.organisation.constants import OrgUnitKind
from fazhi.organisation.models import OrgUnit
from fazhi.registers.bulk import insert_rows, insert_rows_with_history, rows_by_key

# --- messages (what the user reads; tests assert on them) -----------------------------------

PLAN_NOT_DRAFT = _("计划“%(plan)s”已%(status)s，不能再修改；如需调整请另行制定计划。")
PLAN_NO_ITEMS = _("计划须至少包含一项抽查事项。")
PLAN_DEPARTMENT_WITHOUT_ITEM = _("参与部门%(unit)s没有列入本计划的抽查事项：联合抽查的每个参与部门"
                                 "都须有本部门的抽查事项。")
PLAN_ITEM_OUTSIDE = _("抽查事项“%(item)s”属于%(unit)s，该部门未参与本计划：请把它列为参与部门，或去掉该事项。")
PLAN_RATIO_OUT_OF_BOUNDS = _("%(risk)s类抽查比例%(ratio)s超出抽查事项“%(item)s”规定的范围（%(low)s～%(high)s）。")
PLAN_UNIT_KIND = _("%(field)s须是%(kind)s：%(units)s不是。")
PLAN_UNIT_ARCHIVED = _("%(field)s不能选已撤销的机构：%(units)s。")
PLAN_ITEM_ARCHIVED = _("%(field)s不能选已归档的事项：%(items)s。")
APPROVER_ONLY = _("抽查计划由领导或法制机构审批。")
DRAW_SOURCES_REQUIRED = _("请至少列出一个将在抽取时公开的随机源（如某日某彩票的开奖号码，或见证人的秘密数）。")
DRAW_PUBLIC_SOURCE_REQUIRED = _("至少需要一个由第三方在冻结名录之后公开的随机源，如“福利彩票双色球2026-12-01开奖号码”"
                                "（写明来源和开奖日期）：只有见证人的秘密数时，见证人或知道秘密数的人在冻结时就能算出结果，"
                                "最后公开秘密数的人还可以不公开、迫使重新摇号。")
DRAW_SOURCE_PRIVATE_UNSEALED = _("第%(n)d个随机源“%(label)s”是见证人的秘密数，须先封存："
                                 "请在该行末尾写上见证人算出的封存值。")
DRAW_SOURCE_UNDATED = _("第%(n)d个随机源“%(label)s”未封存，又没有写明公开日期。未封存的随机源须是由第三方在冻结名录之后"
                        "公开的数（如福利彩票某日开奖号码），请写明来源和开奖日期（如2026-12-01）；见证人的秘密数须封存。")
DRAW_SOURCE_BAD_DATE = _("第%(n)d个随机源“%(label)s”中的日期%(date)s不存在，请核对开奖日期。")
DRAW_SOURCE_DATES = _("第%(n)d个随机源“%(label)s”写了%(count)d个日期：请只写开奖日期。")
DRAW_SOURCE_NOT_AFTER = _("第%(n)d个随机源“%(label)s”的公开日期%(date)s不在冻结名录（%(committed)s）之后："
                          "公开随机源须在冻结之后（最早次日）才开奖，否则冻结时结果已可推算。")
DRAW_SOURCE_AFTER_INSPECTION = _("第%(n)d个随机源“%(label)s”的公开日期%(date)s晚于检查日期%(inspection)s："
                                 "抽取须在检查日期当天或之前完成。")
DRAW_SECRET_SHORT = _("第%(n)d个随机源“%(label)s”是封存的秘密数，但不含%(digits)d位以上的数："
                      "这样的秘密数可由封存值逐一试出，冻结时就能算出抽取结果。请由法制机构作废本次摇号，见证人用%(digits)d位以上的随机数重新封存后再冻结名录。")
DRAW_LOG_MISMATCH = _("本次摇号的承诺哈希与承诺值登记簿中的条目不符（或登记簿中没有该条目）：冻结后的数据可能被改动，"
                      "不能抽取。请由法制机构核查并作废本次摇号。")
DRAW_POOL_EMPTY = _("按计划的筛选条件，检查对象名录中没有可抽取的主体。")
DRAW_NO_INSPECTORS = _("检查日期%(date)s，计划各部门没有持有效执法证的检查人员。")
DRAW_CAPACITY = _("检查人员不足：将抽取%(tasks)d户，每组%(team)d人，共需%(seats)d人次；%(inspectors)d名检查人员"
                  "每人最多%(cap)d项，只能承担%(capacity)d人次。可增加检查人员、提高每人任务上限或降低抽取比例。")
DRAW_DEPARTMENTS = _("联合抽查要求每组成员来自不同部门：每组%(team)d人，但只有%(departments)d个部门有检查人员。")
DRAW_NOT_EVERY_OUTCOME = _("按现有检查人员，有的抽取结果将无法组成检查组，须在冻结时排除这种可能。%(reason)s"
                           "可增加检查人员、提高每人任务上限或降低抽取比例。")
DRAW_SOURCE_COUNT = _("随机源数量不符：抽取前公布了%(expected)d个随机源，现在给出了%(given)d个。")
DRAW_SOURCE_EMPTY = _("第%(n)d个随机源“%(label)s”没有数字。")
DRAW_SEAL_FORMAT = _("第%(n)d个随机源“%(label)s”的封存值“%(seal)s”不是64位十六进制数（SHA-256）。"
                     "封存值是秘密数写成“各数从小到大、每个数后加‘.’、最后加‘/’”的文本（如 271828./）的SHA-256，"
                     "见证人可用 fazhi draw seal 或 sha256sum 自行算出，见《抽取算法》第2节。")
DRAW_SEAL_WITHOUT_SOURCE = _("第%(n)d个封存值没有对应的随机源说明。")
DRAW_INSPECTOR_LAPSED = _("名录冻结后，检查人员（执法证%(certificate)s）在检查日不再持有有效执法证。"
                          "请由法制机构作废本次摇号后重新冻结名录。")
# The page says that nothing was changed (web/workflow.py); the reason says only why (issue 16 item 22: it
# showed "“抽取”未完成，未作任何修改：抽取未完成，未作任何修改：…").
DRAW_ENGINE = _("抽取算法不接受此输入：%(reason)s")
DRAW_VOID_REASON = _("请填写作废原因。")
DRAW_NONE = _("计划“%(plan)s”尚未冻结名录，不能抽取。")
DRAW_OTHER_OPEN = _("计划“%(plan)s”含有相同的抽查事项，已冻结名录但尚未抽取：请先完成该计划的抽取，"
                    "再冻结本计划的名录（否则同一主体可能因同一事项被重复抽中）。")
DRAW_OTHER_STALE = _("计划“%(plan)s”含有相同的抽查事项，已冻结名录，但其检查日期%(date)s已过、不能再抽取："
                     "请由法制机构作废该次摇号，再冻结本计划的名录。")
PLAN_TOO_LATE = _("检查日期%(date)s已过，不能再%(action)s：检查人员的执法证按检查日期核验。%(remedy)s")
NEW_DATE = _("请修改检查日期后再报批。")
NEW_PLAN = _("请另行制定计划，重新确定检查日期。")
VOID_THEN_NEW_PLAN = _("请由法制机构作废本次摇号，另行制定计划。")
DRAW_NOTHING = _("按计划的抽查比例，本次抽取数为0户：请调整抽查比例或筛选条件。")
DRAW_ENTITY_GONE = _("名录冻结后，检查对象名录中找不到以下主体：%(codes)s。请核实后由法制机构作废本次摇号。")
VOID_LEGAL_OFFICE_ONLY = _("摇号只能由法制机构作废：随机源公开后抽取结果即可推算，由抽取部门自行作废有重新摇号之嫌。")
TASK_NOT_TEAM = _("只有本任务检查组的成员、参与部门的工作人员或法制机构可以录入检查结果。")
TASK_PUBLISHED = _("任务%(task)s的结果已于%(date)s公示，不能再修改。")
TASK_FUTURE = _("检查日期不能晚于今天。")
TASK_BEFORE_DRAW = _("检查日期不能早于抽取日期%(date)s。")
TASK_FINDINGS_REQUIRED = _("检查结果为“%(result)s”时，请填写检查情况。")
PUBLISH_NOTHING = _("计划“%(plan)s”没有待公示的检查结果。")


class NotInTeamError(PermissionDeniedError):
    """Only the task's team, the departments' staff and the legal-affairs office enter results."""

    def __init__(self):
        FazhiError.__init__(self, str(TASK_NOT_TEAM))

def _on(user, day: dt.date | None) -> dt.date:
    """The date a step is stamped with: today, unless the system enters history (the demo, a migration).

    A person cannot back-date an approval or a publication: on-time figures depend on these dates.
    """
    return day if user is None and day is not None else clock.today()


def _now(user, at: dt.datetime | None) -> dt.datetime:
    return at if user is None and at is not None else clock.now()

def _step(table, record, action: str, actors, result: str | None = None) -> str:
    """The status `record` takes after `action` by `actors`, by the lifecycle `table` (lifecycle.py);
    refused with the table's message when the record's status (or the actor) does not allow it."""
    try:
        return lifecycle.transition(table, record.status, action, actors, result)
    except lifecycle.TransitionError as error:
        raise FazhiError(str(error)) from error


def _plan_step(user, plan: InspectionPlan, action: str, result: str | None = None) -> str:
    """The plan's status after `action` by `user` (lifecycle.LIFECYCLE); refused in a status it does not allow."""
    return _step(lifecycle.LIFECYCLE, plan, action, permissions.plan_actors(user, plan), result)


def ratio_text(value: Decimal) -> str:
    """A ratio as the decimal string the draw record commits (no trailing zeros): 0.0300 -> "0.03"."""
    return format(Decimal(value).normalize(), "f")


def raise_no_draw(plan: InspectionPlan) -> None:
    raise refuse(DRAW_NONE, plan=plan.title)


# --- the registers ----------------------------------------------------------------------------


@transaction.atomic
def recusal_declare(*, user, officer, entity, reason: str, declared_on: dt.date, note: str = "") -> Recusal:
    """申报回避: `officer` is never sent to inspect `entity` (the draw keeps the pair apart)."""
    recusal = Recusal(officer=officer, entity=entity, reason=reason, note=note, declared_on=declared_on)
    if not permissions.may_declare_recusal(user, recusal):
        raise PermissionDeniedError()
    # `reason` is a field of the record here (回避事由), not the reason for the change: passed as values.
    return record_create(model=Recusal, user=user, values={"officer": officer, "entity": entity, "reason": reason,
                                                           "note": note, "declared_on": declared_on})


# --- plans ------------------------------------------------------------------------------------


def _next_plan_number(plan: InspectionPlan) -> str:
    """The plan number "<year>-<lead department>-<n>", one above the highest taken.

    Two people drafting plans of one department at once get consecutive numbers: the second waits
    here for the first to finish (the department's row is locked on PostgreSQL; on SQLite a writing
    transaction holds the whole database from its start, settings.SQLITE_OPTIONS).
    """
    # no_key: inserts that merely point at the department (users, items, seats) need not wait for it
    list(type(plan.lead_unit).objects.select_for_update(no_key=True).filter(pk=plan.lead_unit.pk).values_list("pk"))
    prefix = f"{plan.starts_on.year}-{plan.lead_unit.code}-"
    suffixes = (n.removeprefix(prefix) for n in InspectionPlan.objects.filter(number__startswith=prefix)
                .values_list("number", flat=True))
    return f"{prefix}{max((int(n) for n in suffixes if n.isascii() and n.isdigit()), default=0) + 1:03d}"


def _check_plan_contents(plan: InspectionPlan) -> None:
    items = list(plan.items.select_related("org_unit"))
    if not items:
        raise refuse(PLAN_NO_ITEMS)
    units = {u.pk for u in plan_units(plan)}
    contributing = {item.org_unit_id for item in items}
    for unit in plan_units(plan)[1:]:
        if unit.pk not in contributing:
            raise refuse(PLAN_DEPARTMENT_WITHOUT_ITEM, unit=unit.name)
    for item in items:
        if item.org_unit_id not in units:
            raise refuse(PLAN_ITEM_OUTSIDE, item=item.name, unit=item.org_unit)
        for risk, name in RATIO_FIELDS.items():
            ratio = getattr(plan, name)
            if not item.ratio_min <= ratio <= item.ratio_max:
                raise refuse(PLAN_RATIO_OUT_OF_BOUNDS, risk=risk, ratio=ratio_text(ratio), item=item.name,
                              low=ratio_text(item.ratio_min), high=ratio_text(item.ratio_max))


# The kind of organisation unit each of a plan's unit fields takes: a plan is led and joined by departments
# (部门联合抽查), and its pool may be limited to streets.
PLAN_UNIT_KINDS = {"lead_unit": OrgUnitKind.DEPARTMENT, "departments": OrgUnitKind.DEPARTMENT,
                   "streets": OrgUnitKind.STREET}


def plan_unit_choices(field: str):
    """The units a plan's `field` (lead_unit, departments, streets) may take: active, of the field's kind."""
    return OrgUnit.objects.filter(kind=PLAN_UNIT_KINDS[field], archived_on__isnull=True)


def plan_item_choices():
    """The items a plan may list: those of 一单 not archived."""
    return InspectionItem.objects.active().select_related("org_unit")


def _plan_field_label(field: str) -> str:
    return str(InspectionPlan._meta.get_field(field).verbose_name)


def _check_plan_choices(**chosen) -> None:
    """Refuse, naming the field, a unit of the wrong kind or archived, or an archived item (lead_unit=...,
    departments=[...], streets=[...], items=[...]; a field left out or None is not checked)."""
    for field, kind in PLAN_UNIT_KINDS.items():
        value = chosen.get(field)
        if value is None:
            continue
        units = [value] if field == "lead_unit" else list(value)
        wrong = [unit for unit in units if unit.kind != kind]
        if wrong:
            raise ValidationError({field: PLAN_UNIT_KIND % {"field": _plan_field_label(field), "kind": kind.label,
                                                            "units": "、".join(unit.name for unit in wrong)}})
        gone = [unit for unit in units if unit.is_archived]
        if gone:
            raise ValidationError({field: PLAN_UNIT_ARCHIVED % {"field": _plan_field_label(field),
                                                                "units": "、".join(unit.name for unit in gone)}})
    gone = [item for item in chosen.get("items") or () if item.is_archived]
    if gone:
        raise ValidationError({"items": PLAN_ITEM_ARCHIVED % {"field": _plan_field_label("items"),
                                                              "items": "、".join(item.name for item in gone)}})


def _rules_defaults(lead_unit) -> dict:
    """A new plan starts from the lead department's 一细则 (its ratios, team size, cap, exemption)."""
    rules = InspectionRules.objects.active().filter(org_unit=lead_unit).first()
    if rules is None:
        return {}
    defaults = {name: getattr(rules, name) for name in RATIO_FIELDS.values()}
    defaults.update(team_size=rules.min_team_size, max_tasks_per_inspector=rules.max_tasks_per_inspector,
                    exempt_days=rules.exempt_days)
    return defaults


def _composition(lead_unit, departments, items, streets) -> str:
    """The plan's many-to-many links as one line of text, for its history (see InspectionPlan.composition)."""
    others = "、".join(sorted(d.name for d in departments if d.pk != lead_unit.pk)) or "—"
    return (f"参与部门：{others}；抽查事项：{'、'.join(sorted(i.code for i in items)) or '—'}；"
            f"街道：{'、'.join(sorted(s.name for s in streets)) or '不限'}")


@transaction.atomic
def plan_create(*, user, items, departments=(), streets=(), **fields) -> InspectionPlan:
    """Draft a plan; ratios and team rules not given come from the lead department's 一细则."""
    lead_unit = fields["lead_unit"]
    _check_plan_choices(lead_unit=lead_unit, departments=departments, streets=streets, items=items)
    for name, value in _rules_defaults(lead_unit).items():
        if fields.get(name) is None:
            fields[name] = value
    plan = InspectionPlan(**fields)
    plan.number = _next_plan_number(plan)
    plan = record_create(model=InspectionPlan, user=user, number=plan.number,
                         composition=_composition(lead_unit, departments, items, streets), **fields)
    plan.departments.set([d for d in departments if d.pk != lead_unit.pk])
    plan.items.set(items)
    plan.streets.set(streets)
    _check_plan_contents(plan)
    return plan


@transaction.atomic
def plan_update(*, user, plan: InspectionPlan, expected_version: int, reason: str = "", items=None,
                departments=None, streets=None, **changes) -> InspectionPlan:
    """Change a draft plan (approved plans are fixed: their draw may already be committed)."""
    if not lifecycle.may_take(lifecycle.LIFECYCLE, plan.status, "edit"):
        raise refuse(PLAN_NOT_DRAFT, plan=plan.title, status=plan.get_status_display())
    if not permissions.may_edit_plan(user, plan):
        raise PermissionDeniedError()
    _check_plan_choices(lead_unit=changes.get("lead_unit"), departments=departments, streets=streets, items=items)
    changes["composition"] = _composition(
        changes.get("lead_unit", plan.lead_unit),
        plan.departments.all() if departments is None else departments,
        plan.items.all() if items is None else items, plan.streets.all() if streets is None else streets)
    plan = record_update(record=plan, user=user, expected_version=expected_version, reason=reason, **changes)
    if departments is not None:
        plan.departments.set([d for d in departments if d.pk != plan.lead_unit_id])
    if items is not None:
        plan.items.set(items)
    if streets is not None:
        plan.streets.set(streets)
    _check_plan_contents(plan)
    return plan


@transaction.atomic
def plan_approve(*, user, plan: InspectionPlan, approved_on: dt.date | None = None) -> InspectionPlan:
    """审批: a leader or the legal-affairs office approves a draft plan."""
    if not permissions.may_approve(user, plan):
        raise refuse(APPROVER_ONLY)
    status = _plan_step(user, plan, "approve")
    approved_on = _on(user, approved_on)
    _require_by_inspection_date(plan, approved_on, _("批准"), NEW_DATE)  # still a draft: its date can change
    _check_plan_contents(plan)
    return record_transition(record=plan, user=user, expected_version=plan.version, reason="审批抽查计划",
                             status=status, approved_by=user, approved_on=approved_on)


@transaction.atomic
def plan_publish(*, user, plan: InspectionPlan, published_on: dt.date | None = None) -> InspectionPlan:
    """公布: the approved plan goes on the portal (国发〔2019〕5号: 抽查计划向社会公开)."""
    if not permissions.may_publish(user, plan):
        raise PermissionDeniedError()
    status = _plan_step(user, plan, "publish")
    published_on = _on(user, published_on)
    _require_by_inspection_date(plan, published_on, _("公布"), NEW_PLAN)
    return record_transition(record=plan, user=user, expected_version=plan.version, reason="公布抽查计划",
                             status=status, published_on=published_on)


# --- the draw: commit, then reveal ------------------------------------------------------------


def _quota_total(pool: dict[str, list[str]], exempt: set[str], ratios: dict[str, str]) -> int:
    counts = {stratum: len(codes) - len(exempt.intersection(codes)) for stratum, codes in pool.items()}
    return sum(engine.quotas(counts, {s: ratios.get(s, "0") for s in counts}).values())


def expected_tasks(plan: InspectionPlan) -> int:
    """How many entities the plan's draw would take now (hashrank quotas over today's pool)."""
    pool = plan_pool(plan)
    in_pool = set().union(*pool.values())
    exempt = {code for code in plan_exempt_codes(plan) if code in in_pool}
    return _quota_total(pool, exempt, {risk: ratio_text(getattr(plan, name)) for risk, name in RATIO_FIELDS.items()})


def _check_capacity(plan: InspectionPlan, tasks: int, inspectors, joint: bool) -> None:
    """Refuse at commit what can never be assigned (the reveal checks the rest, e.g. recusals)."""
    if not inspectors:
        raise refuse(DRAW_NO_INSPECTORS, date=cn_date(plan.inspection_date))
    seats = tasks * plan.team_size
    capacity = len(inspectors) * plan.max_tasks_per_inspector
    if seats > capacity:
        raise refuse(DRAW_CAPACITY, tasks=tasks, team=plan.team_size, seats=seats, inspectors=len(inspectors),
                      cap=plan.max_tasks_per_inspector, capacity=capacity)
    departments = {i.department_code for i in inspectors}
    if joint and len(departments) < plan.team_size:
        raise refuse(DRAW_DEPARTMENTS, team=plan.team_size, departments=len(departments))


def _check_every_outcome(record: dict, tasks: int) -> None:
    """Refuse at the commit an input some draw of which could not be staffed (docs/draw-algorithm.md 5.3):
    with assignment version 2, which finds teams whenever any exist, the reveal then never fails for want
    of a team, whatever the sources."""
    parameters = record["parameters"]
    exempt = set(record["exempt"])
    try:
        engine.assignment.check_every_draw(
            tasks, [i["id"] for i in record["inspectors"]], [i["department"] for i in record["inspectors"]],
            [pair for pair in record["conflicts"] if pair[1] not in exempt], team_size=parameters["team_size"],
            max_tasks=parameters["max_tasks_per_inspector"], mix_departments=parameters["mix_departments"],
            lead_department=parameters.get("lead_department"))
    except engine.DrawError as error:
        raise refuse(DRAW_NOT_EVERY_OUTCOME, reason=str(error)) from error


def _pseudonyms(inspectors: list) -> tuple[dict[str, str], str, str]:
    """A random token per inspector for the published record, the salt, and the hash committing to both.

    The record is public and holds the recusal pairs and the teams: with certificate numbers it
    would tell everyone which officer has a relative at which company, and who is coming to
    inspect. The token -> certificate map stays with the draw; its salted hash is committed in
    the parameters, so an auditor given the map and the salt can check it was not changed.
    """
    tokens: dict[str, str] = {}
    for inspector in inspectors:
        token = secrets.token_hex(5).upper()
        while token in tokens:
            token = secrets.token_hex(5).upper()
        tokens[token] = inspector.certificate
    salt = secrets.token_hex(16)
    return tokens, salt, inspector_map_sha256(tokens, salt)


def inspector_map_sha256(tokens: dict[str, str], salt: str) -> str:
    """SHA-256 of the salt, a newline, then "token\tcertificate\n" for each token in sorted order."""
    text = salt + "\n" + "".join(f"{t}\t{tokens[t]}\n" for t in sorted(tokens))
    return engine.canonical.sha256_hex(text.encode("utf-8"))


def draw_input(plan: InspectionPlan, method: str, source_labels: list[str],
               source_seals: list[str] = ()) -> tuple[dict, list, dict, str]:
    """The record's inputs as frozen now (pool, exemptions, inspectors, recusals, parameters),
    with the inspectors under per-draw tokens; returns (record, inspectors, tokens, salt)."""
    pool = plan_pool(plan)
    in_pool = set().union(*pool.values())
    exempt = [code for code in plan_exempt_codes(plan) if code in in_pool]
    inspectors = plan_inspectors(plan)
    tokens, salt, map_hash = _pseudonyms(inspectors)
    token_of = {certificate: token for token, certificate in tokens.items()}
    joint = plan.departments.exclude(pk=plan.lead_unit_id).exists()
    ratios = {risk: ratio_text(getattr(plan, name)) for risk, name in RATIO_FIELDS.items()}
    parameters = {
        "plan": plan.number, "inspection_date": plan.inspection_date.isoformat(),
        "items": sorted(plan.items.values_list("code", flat=True)), "exempt_days": plan.exempt_days,
        "team_size": plan.team_size, "max_tasks_per_inspector": plan.max_tasks_per_inspector,
        "mix_departments": joint, "inspector_map_sha256": map_hash,
    }
    if joint and plan.lead_seat:  # every team's first seat from the lead department (a joint plan's choice)
        parameters["lead_department"] = plan.lead_unit.code
    # Both methods draw per risk class (rfc3797 version 2, docs/draw-algorithm.md 3.2): each class its ratio.
    parameters["ratios"] = {s: ratios.get(s, "0") for s in pool}
    record_pool = pool
    record = {
        "format": engine.canonical.FORMAT, "format_version": engine.canonical.FORMAT_VERSION,
        "method": {"name": method, "version": engine.canonical.METHODS[method]},
        "title": plan.title, "pool": record_pool, "exempt": exempt, "parameters": parameters,
        "inspectors": [{"id": token_of[i.certificate], "department": i.department_code} for i in inspectors],
        # Only recusals that can matter: an entity outside the pool is never drawn.
        "conflicts": [[token_of[certificate], uscc] for certificate, uscc in plan_conflicts(inspectors)
                      if uscc in in_pool],
        "sources": [{"label": label, "seal": seal} if seal else {"label": label}
                    for label, seal in zip(source_labels, source_seals or [""] * len(source_labels), strict=True)],
    }
    return record, inspectors, tokens, salt


def _write_json(folder: str, name: str, record: dict) -> tuple[str, str]:
    """Store a record as UTF-8 JSON under `folder`; returns the stored name and its SHA-256."""
    # Compact: indented JSON of a million-entity pool took 6 s; compact_json writes it in about 0.25 s.
    data = (engine.canonical.compact_json(record) + "\n").encode("utf-8")
    stored = default_storage.save(f"{folder}/{name}", ContentFile(data))
    return stored, engine.canonical.sha256_hex(data)


@contextmanager
def _removed_on_failure(name: str):
    """Delete a file just stored if the rest of the step fails (the transaction undoes the rows)."""
    try:
        yield
    except BaseException:
        default_storage.delete(name)
        raise


def _claim(model, record, **state) -> None:
    """Take the row for this step before any heavy work: a second, overlapping request waits here,
    then finds the state changed and is refused instead of failing halfway (a conditional UPDATE
    locks the row on PostgreSQL and the database on SQLite)."""
    if not model.objects.filter(pk=record.pk, **state).update(modified_on=clock.now()):
        raise StaleRecordError(record)


def _other_open_draw(plan: InspectionPlan) -> InspectionPlan | None:
    """A plan on one of the same items whose draw is committed but not yet revealed.

    Exemptions are computed at commit from the tasks that exist; two such plans could otherwise
    both draw the same entity for the same item.
    """
    return (InspectionPlan.objects.filter(status=PlanStatus.COMMITTED, items__in=plan.items.all())
            .exclude(pk=plan.pk).distinct().first())


@transaction.atomic
def draw_commit(*, user, plan: InspectionPlan, source_labels: list[str], source_seals: list[str] = (),
                method: str = DrawMethod.HASHRANK, at: dt.datetime | None = None) -> Draw:
    """Freeze the pool and parameters, and publish their commitment before the sources are known.

    `source_seals`: for each source in order, the seal of a witness's secret (engine.commit.seal_of:
    the witness computes it and keeps the secret), or "" for a public source such as a lottery.
    """
    if not permissions.may_commit(user, plan):
        raise PermissionDeniedError()
    status = _plan_step(user, plan, "commit")
    _claim(InspectionPlan, plan, status=PlanStatus.PUBLISHED)
    labels, seals = _sources_committed(source_labels, source_seals)
    DrawMethod(method)
    committed_on = _now(user, at)
    _require_by_inspection_date(plan, timezone.localdate(committed_on), _("冻结名录"), NEW_PLAN)
    _check_sources(plan, labels, seals, timezone.localdate(committed_on))
    other = _other_open_draw(plan)
    if other is not None and other.inspection_date < timezone.localdate(committed_on):
        raise refuse(DRAW_OTHER_STALE, plan=other.title, date=cn_date(other.inspection_date))
    if other is not None:
        raise refuse(DRAW_OTHER_OPEN, plan=other.title)
    record, inspectors, tokens, salt = draw_input(plan, method, labels, seals)
    pool = record["pool"]
    if not any(pool.values()):
        raise refuse(DRAW_POOL_EMPTY)
    exempt = set(record["exempt"])
    tasks = _quota_total(pool, exempt, record["parameters"]["ratios"])
    if not tasks:
        raise refuse(DRAW_NOTHING)
    _check_capacity(plan, tasks, inspectors, record["parameters"]["mix_departments"])
    _check_every_outcome(record, tasks)
    try:
        commitment = engine.commitment(record)
    except engine.DrawError as error:
        raise refuse(DRAW_ENGINE, reason=str(error)) from error
    record["commitment"] = commitment
    stored, _digest = _write_json(DRAW_RECORD_FOLDER, f"{plan.number}-{commitment['commit_sha256'][:16]}-input.json",
                                  record)
    with _removed_on_failure(stored):
        counts = {stratum: len(codes) for stratum, codes in sorted(pool.items())}
        draw = record_create(
            model=Draw, user=user, plan=plan, method=method, method_version=record["method"]["version"],
            status=DrawStatus.COMMITTED, source_labels=labels, source_seals=seals,
            pool_counts=counts, exempt_count=len(exempt), inspector_count=len(inspectors),
            conflict_count=len(record["conflicts"]), commit_sha256=commitment["commit_sha256"],
            committed_on=committed_on, input_file=stored, inspector_tokens=tokens, inspector_salt=salt,
        )
        _log_commitment(draw)
        record_transition(record=plan, user=user, expected_version=plan.version, reason="冻结名录并公布承诺值",
                          status=status)
    return draw


def _log_commitment(draw: Draw) -> CommitmentLogEntry:
    """Append the draw's commit hash to the commitment log, chained to the entry before (engine.commitlog).

    Issue 16 (audit, item 12): the hash is then kept outside the draw's own row, in a published chain that
    a recomputed draw cannot join without changing every later entry and the head others have kept.
    The last entry is locked; two commits at once would both take the next position, and the unique
    position and previous hash let only one of them in (the other's transaction fails and writes nothing).
    """
    last = CommitmentLogEntry.objects.select_for_update().order_by("-position").first()
    entry = commitlog.next_entry(last.as_entry() if last else None,
                                 committed_at=timezone.localtime(draw.committed_on).isoformat(timespec="seconds"),
                                 plan=draw.plan.number, commit_sha256=draw.commit_sha256)
    return CommitmentLogEntry.objects.create(
        position=entry.position, draw=draw, committed_at=entry.committed_at, plan_number=entry.plan,
        commit_sha256=entry.commit_sha256, previous_sha256=entry.previous_sha256, entry_sha256=entry.entry_sha256)


def _check_logged(draw: Draw) -> None:
    """The draw's commit hash is the one its log entry holds, and the entry hashes to what it says."""
    entry = CommitmentLogEntry.objects.filter(draw=draw).first()
    if entry is None or entry.commit_sha256 != draw.commit_sha256 or entry.entry_sha256 != commitlog.entry_sha256(
            entry.position, entry.committed_at, entry.plan_number, entry.commit_sha256, entry.previous_sha256):
        raise refuse(DRAW_LOG_MISMATCH)


def _sources_committed(labels: list[str], seals: list[str]) -> tuple[list[str], list[str]]:
    """The labels without blank ones, and a seal (lowercase hex, or "") for each; refused if a seal is malformed."""
    pairs = [((label or "").strip(), (seal or "").strip().lower())
             for label, seal in itertools.zip_longest(labels, seals, fillvalue="")]
    for n, (label, seal) in enumerate(pairs, start=1):
        if seal and not label:
            raise refuse(DRAW_SEAL_WITHOUT_SOURCE, n=n)
    pairs = [(label, seal) for label, seal in pairs if label]
    if not pairs:
        raise refuse(DRAW_SOURCES_REQUIRED)
    for n, (label, seal) in enumerate(pairs, start=1):
        if seal and not engine.commit.SEAL.fullmatch(seal):
            raise refuse(DRAW_SEAL_FORMAT, n=n, label=label, seal=seal[:80])
    return [label for label, _seal in pairs], [seal for _label, seal in pairs]


# A source written like "2026-12-01", "2026年12月1日", "2026/12/1" or "2026.12.1" (digits read after NFKC).
SOURCE_DATE = re.compile(r"(?<![0-9])([0-9]{4})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})(?![0-9])")
# A label naming a witness's secret: it must be sealed whatever date it names.
PRIVATE_SOURCE_WORDS = ("见证", "秘密")


def _check_sources(plan: InspectionPlan, labels: list[str], seals: list[str], committed_on: dt.date) -> None:
    """A draw needs a source fixed by a third party after the commit, and every private source sealed.

    Issue 16 (audit, item 10): with only witnesses' secrets, unsealed, the last to reveal could try values
    until the outcome suited them. A source without a seal is therefore taken as a public one (a lottery's
    draw): its label must name its date, after the commit day and by the inspection date. A witness's
    secret is sealed (docs/draw-algorithm.md, section 2). At least one public source.
    """
    public = 0
    for n, (label, seal) in enumerate(zip(labels, seals, strict=True), start=1):
        if seal:
            continue
        if any(word in label for word in PRIVATE_SOURCE_WORDS):
            raise refuse(DRAW_SOURCE_PRIVATE_UNSEALED, n=n, label=label)
        dates = SOURCE_DATE.findall(unicodedata.normalize("NFKC", label))
        if not dates:
            raise refuse(DRAW_SOURCE_UNDATED, n=n, label=label)
        if len(dates) > 1:
            raise refuse(DRAW_SOURCE_DATES, n=n, label=label, count=len(dates))
        try:
            day = dt.date(*map(int, dates[0]))
        except ValueError as error:
            raise refuse(DRAW_SOURCE_BAD_DATE, n=n, label=label, date="-".join(dates[0])) from error
        if day <= committed_on:
            raise refuse(DRAW_SOURCE_NOT_AFTER, n=n, label=label, date=cn_date(day), committed=cn_date(committed_on))
        if day > plan.inspection_date:
            raise refuse(DRAW_SOURCE_AFTER_INSPECTION, n=n, label=label, date=cn_date(day),
                          inspection=cn_date(plan.inspection_date))
        public += 1
    if not public:
        raise refuse(DRAW_PUBLIC_SOURCE_REQUIRED)


def _require_by_inspection_date(plan: InspectionPlan, day: dt.date, action, remedy) -> None:
    """Approval, publication and both steps of the draw are taken by the inspection date: the teams
    are drawn from officers whose certificates are valid on that day (行政处罚法 第四十二条: only
    qualified officers enforce), which says nothing of an officer sent after it."""
    if day > plan.inspection_date:
        raise refuse(PLAN_TOO_LATE, date=cn_date(plan.inspection_date), action=str(action), remedy=str(remedy))


def _read_json(name: str) -> dict:
    with default_storage.open(name, "rb") as stored:
        return engine.canonical.loads(stored.read().decode("utf-8"))


def _parse_sources(draw: Draw, sources) -> list[list[int]]:
    try:
        parsed = engine.parse_sources(sources) if isinstance(sources, str) else [list(s) for s in sources]
    except ValueError as error:  # e.g. a number of thousands of digits
        raise refuse(DRAW_ENGINE, reason=str(error)) from error
    if len(parsed) != len(draw.source_labels):
        raise refuse(DRAW_SOURCE_COUNT, expected=len(draw.source_labels), given=len(parsed))
    for n, (numbers, label) in enumerate(zip(parsed, draw.source_labels, strict=True), start=1):
        if not numbers:
            raise refuse(DRAW_SOURCE_EMPTY, n=n, label=label)
    return parsed


def _check_secrets(draw: Draw, numbers: list[list[int]]) -> None:
    """A sealed secret that is what was sealed must be long (engine.SECRET_MIN_DIGITS): a short one could be
    found from its seal before the reveal (issue 16, audit item 11). A mistyped secret is left to the seal check."""
    for n, (label, seal, given) in enumerate(zip(draw.source_labels, draw.seals_by_source, numbers, strict=True),
                                             start=1):
        if seal and engine.seal_of(given) == seal and engine.secret_too_short(given):
            raise refuse(DRAW_SECRET_SHORT, n=n, label=label, digits=engine.SECRET_MIN_DIGITS)


@transaction.atomic
def draw_reveal(*, user, draw: Draw, sources, at: dt.datetime | None = None) -> Draw:
    """Enter the published source numbers, run the draw, store the record, create the tasks and teams.

    `sources`: one list of numbers per committed source label, or the text of a seeds file.
    Everything the draw depends on comes from the frozen input; live data is only read to map
    its tokens and codes back to records, and a mismatch is refused with its reason.
    """
    plan = draw.plan
    if not permissions.may_reveal(user, plan):
        raise PermissionDeniedError()
    actors = permissions.plan_actors(user, plan)
    draw_status = _step(lifecycle.DRAW_LIFECYCLE, draw, "reveal", actors)
    plan_status = _step(lifecycle.LIFECYCLE, plan, "reveal", actors)
    _claim(Draw, draw, status=DrawStatus.COMMITTED, version=draw.version)
    drawn_on = _now(user, at)
    _require_by_inspection_date(plan, timezone.localdate(drawn_on), _("抽取"), VOID_THEN_NEW_PLAN)
    _check_logged(draw)
    numbers = _parse_sources(draw, sources)
    _check_secrets(draw, numbers)
    record = _read_json(draw.input_file.name)
    record["sources"] = [{**source, "numbers": n} for source, n in zip(record["sources"], numbers, strict=True)]
    seats_of = _committed_inspectors(plan, draw, record)
    try:
        done = engine.run(record)
    except engine.DrawError as error:
        raise refuse(DRAW_ENGINE, reason=str(error)) from error
    if done["commitment"]["commit_sha256"] != draw.commit_sha256:
        raise refuse(DRAW_ENGINE, reason=str(_("抽取输入与公布的承诺值不符。")))
    entities = _committed_entities([t["entity"] for t in done["result"]["tasks"]])
    stored, digest = _write_json(DRAW_RECORD_FOLDER, f"{plan.number}-{draw.commit_sha256[:16]}-record.json", done)
    with _removed_on_failure(stored):
        tasks = _create_tasks(user, draw, done, seats_of, entities, drawn_on)
        draw = record_transition(record=draw, user=user, expected_version=draw.version, reason="公开随机源并抽取",
                                 status=draw_status, sources=numbers, drawn_on=drawn_on,
                                 record_file=stored, record_sha256=digest, task_count=tasks,
                                 quotas=done["result"].get("quotas") or {"": tasks})
        record_transition(record=plan, user=user, expected_version=plan.version, reason="完成抽取",
                          status=plan_status)
    return draw


def _committed_inspectors(plan: InspectionPlan, draw: Draw, record: dict) -> dict[str, tuple[int, int]]:
    """Token -> (officer id, department id) of the committed inspectors, by their certificate numbers.

    Refused if a committed certificate is no longer valid on the inspection date (revoked,
    suspended since) or the draw's token map no longer matches its committed hash.
    """
    tokens = draw.inspector_tokens
    if inspector_map_sha256(tokens, draw.inspector_salt) != record["parameters"].get("inspector_map_sha256"):
        raise refuse(DRAW_ENGINE, reason=str(_("检查人员编号对照表与抽取前承诺的不符。")))
    units = {unit.code: unit.pk for unit in plan_units(plan)}
    valid = certificates_valid_on(numbers=list(tokens.values()), on=plan.inspection_date)
    seats: dict[str, tuple[int, int]] = {}
    for inspector in record["inspectors"]:
        certificate = tokens.get(inspector["id"])
        if certificate not in valid:
            raise refuse(DRAW_INSPECTOR_LAPSED, certificate=certificate or inspector["id"])
        seats[inspector["id"]] = (valid[certificate], units[inspector["department"]])
    return seats


def _committed_entities(codes: list[str]) -> dict[str, tuple[int, str]]:
    """USCC -> (entity id, risk class) for the drawn codes; a code changed since the commit is found
    through the register's history (the code it had then)."""
    found: dict[str, tuple[int, str]] = rows_by_key(MarketEntity, "uscc", codes, ["id", "risk_class"])
    missing = [code for code in codes if code not in found]
    if missing:
        renamed = dict(MarketEntity.history.filter(uscc__in=missing).values_list("uscc", "id"))
        risks = dict(MarketEntity.objects.filter(pk__in=renamed.values()).values_list("pk", "risk_class"))
        found.update((code, (pk, risks[pk])) for code, pk in renamed.items() if pk in risks)
    gone = [code for code in codes if code not in found]
    if gone:
        raise refuse(DRAW_ENTITY_GONE, codes="、".join(gone[:10]))
    return found


def _create_tasks(user, draw: Draw, record: dict, seats_of: dict[str, tuple[int, int]],
                  entities: dict[str, tuple[int, str]], now: dt.datetime) -> int:
    plan = draw.plan
    result = record["result"]
    if isinstance(result.get("selected"), dict):  # rfc3797 version 2 lists selections, hashrank codes
        stratum_of = {code if isinstance(code, str) else code["member"]: stratum
                      for stratum, codes in result["selected"].items() for code in codes}
    else:
        stratum_of = {}
    stamp = {"created_by_id": getattr(user, "pk", None), "modified_by_id": getattr(user, "pk", None),
             "created_on": now, "plan_id": plan.pk, "draw_id": draw.pk, "status": TaskStatus.PENDING}
    task_rows = []
    for sequence, row in enumerate(result["tasks"], start=1):
        entity_id, risk = entities[row["entity"]]
        task_rows.append({"number": f"{plan.number}-{sequence:05d}", "entity_id": entity_id, "sequence": sequence,
                          "stratum": stratum_of.get(row["entity"], risk)})
    # Hundreds of thousands of rows for a large joint plan: written as plain rows with their history.
    task_ids = insert_rows_with_history(task_rows, InspectionTask, common=stamp, key="number", user=user,
                                        reason="摇号生成任务", date=now)
    seats = [{"task_id": task_id, "position": position, "officer_id": seats_of[token][0],
              "department_id": seats_of[token][1]}
             for task_id, row in zip(task_ids, result["tasks"], strict=True)
             for position, token in enumerate(row["team"], start=1)]
    insert_rows(seats, TaskInspector, common={})
    return len(task_ids)


@transaction.atomic
def draw_void(*, user, draw: Draw, reason: str) -> Draw:
    """作废 a committed draw before its reveal (e.g. an inspector's certificate was revoked).

    Only the legal-affairs office voids, never the department that drew: once the sources are
    public the outcome can be computed from the published input, and a void by the drawing
    department would let it draw again until it liked the result. Voids stay on the portal.
    """
    plan = draw.plan
    if not permissions.may_void(user, plan):
        raise refuse(VOID_LEGAL_OFFICE_ONLY)
    actors = permissions.plan_actors(user, plan)
    draw_status = _step(lifecycle.DRAW_LIFECYCLE, draw, "void", actors)
    plan_status = _step(lifecycle.LIFECYCLE, plan, "void", actors)
    if not reason.strip():
        raise refuse(DRAW_VOID_REASON)
    draw = record_transition(record=draw, user=user, expected_version=draw.version, reason=f"作废：{reason}"[:100],
                             status=draw_status, void_reason=reason.strip()[:200])
    record_transition(record=plan, user=user, expected_version=plan.version, reason="摇号作废，计划回到已公布",
                      status=plan_status)
    return draw


# --- tasks: results, records, publication -----------------------------------------------------


def _result_refusal(user, task: InspectionTask) -> FazhiError:
    """Why `user` may not enter `task`'s result or records (permissions.may_record_result said no)."""
    if not permissions.in_result_team(user, task):
        return NotInTeamError()
    return refuse(TASK_PUBLISHED, task=task.number, date=cn_date(task.published_on))


@transaction.atomic
def task_record_result(*, user, task: InspectionTask, result: str, inspected_on: dt.date, findings: str = "",
                       expected_version: int | None = None, recorded_on: dt.date | None = None) -> InspectionTask:
    """Enter (or correct, until published) the result of an inspection; starts the 20-working-day clock."""
    if not permissions.may_record_result(user, task):
        raise _result_refusal(user, task)
    TaskResult(result)
    recorded_on = _on(user, recorded_on)
    if inspected_on > recorded_on:
        raise refuse(TASK_FUTURE)
    drawn_on = timezone.localdate(task.draw.drawn_on) if task.draw.drawn_on else task.plan.starts_on
    if inspected_on < drawn_on:
        raise refuse(TASK_BEFORE_DRAW, date=cn_date(drawn_on))
    if result != TaskResult.NO_PROBLEM and not findings.strip():
        raise refuse(TASK_FINDINGS_REQUIRED, result=TaskResult(result).label)
    first = task.status == TaskStatus.PENDING
    # Who enters it was checked above (permissions.may_record_result, the same table).
    status = _step(lifecycle.TASK_LIFECYCLE, task, "record_result", {lifecycle.Actor.RESULT_TEAM})
    task = record_transition(
        record=task, user=user, expected_version=task.version if expected_version is None else expected_version,
        reason="录入检查结果" if first else "更正检查结果", result=result, findings=findings.strip(),
        inspected_on=inspected_on, status=status,
        completed_on=recorded_on if first else task.completed_on,
    )
    if first:
        # 企业信息公示暂行条例 (国务院令第777号修订) 第六条: 自产生之日起 — the result exists from the day of the
        # inspection.
        deadline_start(rule_code=RESULT_PUBLICATION.code, record=task, org_unit=task.plan.lead_unit,
                       starts_on=inspected_on, title=f"公示抽查结果：{task.entity.name}（{task.number}）")
    return task


TASK_RECORD_FOLDER = "inspection_records"


@transaction.atomic
def task_record_attach(*, user, task: InspectionTask, kind: str, file, original_name: str = "") -> TaskRecord:
    """Store a full-process record of the inspection with its SHA-256 (later tampering is detectable)."""
    if not permissions.may_attach_record(user, task):
        raise _result_refusal(user, task)
    RecordKind(kind)
    # Stored once by digest (docs/decisions/0009): one photo attached to two tasks is one file.
    stored = store_record_file(file, original_name, kind=kind, folder=TASK_RECORD_FOLDER,
                               storage=TaskRecord._meta.get_field("file").storage)
    record = TaskRecord(task=task, kind=kind, file=stored.name, original_name=stored.original_name,
                        size=stored.size, sha256=stored.sha256, created_by=user, modified_by=user)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def results_publish(*, user, plan: InspectionPlan, published_on: dt.date | None = None) -> int:
    """一公开: publish every completed, unpublished result of the plan; the plan completes when all are."""
    if not permissions.may_publish_results(user, plan):
        raise PermissionDeniedError()
    actors = permissions.plan_actors(user, plan)
    _step(lifecycle.LIFECYCLE, plan, "publish_results", actors, lifecycle.PublishOutcome.SOME)  # its status allows
    published_on = _on(user, published_on)
    ready = list(plan.tasks.active().filter(status=TaskStatus.COMPLETED).select_related("entity"))
    if not ready:
        raise refuse(PUBLISH_NOTHING, plan=plan.title)
    for task in ready:
        record_transition(record=task, user=user, expected_version=task.version, reason="公示抽查结果",
                          status=_step(lifecycle.TASK_LIFECYCLE, task, "publish", actors), published_on=published_on)
        deadlines_complete_for(record=task, rule_code=RESULT_PUBLICATION.code, completed_on=published_on)
    if not plan.tasks.active().exclude(status=TaskStatus.PUBLISHED).exists():
        record_transition(record=plan, user=user, expected_version=plan.version, reason="全部结果已公示",
                          status=_step(lifecycle.LIFECYCLE, plan, "publish_results", actors,
                                       lifecycle.PublishOutcome.ALL))
    return len(ready)

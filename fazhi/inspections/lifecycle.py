"""The lifecycles of 双随机、一公开, declared with the core Lifecycle type. No Django.

国发〔2019〕5号 (部门联合"双随机、一公开"监管): a plan of random inspections is drawn up, approved and made public
(抽查计划向社会公开); the inspected entities and the inspectors are then drawn at random in two steps (the pool
is frozen and its commitment published before the random sources are known, then the sources are entered and
the draw runs: docs/draw-algorithm.md); the results are published within 20 working days (企业信息公示暂行条例
第六条) and the plan is complete when all of them are.

Plan statuses (constants.PlanStatus holds the same values and labels):
  draft → approved → published → committed (pool frozen, draw not yet run) → drawn → completed;
  a committed draw voided by the legal-affairs office sends the plan back to published.
  `edit` leaves a draft plan a draft; `publish_results` leaves the plan drawn until every result is public.

Draw statuses (constants.DrawStatus): committed → drawn | voided.
Task statuses (constants.TaskStatus): pending → completed (the result entered, and corrected until it is
published) → published.

The services (fazhi.inspections.services) ask these tables before every status change; permissions.py maps
users to the actor kinds below.
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition
from fazhi.core.lifecycle import TransitionError as TransitionError  # the services catch lifecycle.TransitionError


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHED = "published"
    COMMITTED = "committed"
    DRAWN = "drawn"
    COMPLETED = "completed"


class DrawStatus(StrEnum):
    COMMITTED = "committed"
    DRAWN = "drawn"
    VOIDED = "voided"


class TaskStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    PUBLISHED = "published"


class Actor(StrEnum):
    """Who acts, as the lifecycles see it (permissions.plan_actors / task_actors map users to these)."""

    PLAN_UNIT = "plan_unit"  # those who may change the plan: its lead department's staff, the legal-affairs office
    APPROVER = "approver"  # 审批: a leader or the legal-affairs office, not the department that drafted the plan
    LEGAL_OFFICE = "legal_office"  # 法制机构: voids a committed draw
    RESULT_TEAM = "result_team"  # enter a task's result: its team, the departments' staff, the legal-affairs office
    SYSTEM = "system"  # the platform itself: the demo loader, a migration


class PublishOutcome(StrEnum):
    """What publishing a plan's results leaves: some results still to publish, or none."""

    SOME = "some"
    ALL = "all"


PLAN_STATUS_LABELS = {
    PlanStatus.DRAFT: "拟定", PlanStatus.APPROVED: "已批准", PlanStatus.PUBLISHED: "已公布",
    PlanStatus.COMMITTED: "名录已冻结，待摇号", PlanStatus.DRAWN: "已抽取", PlanStatus.COMPLETED: "已完成",
}
DRAW_STATUS_LABELS = {DrawStatus.COMMITTED: "已冻结名录并公布承诺值", DrawStatus.DRAWN: "已抽取",
                      DrawStatus.VOIDED: "已作废"}
TASK_STATUS_LABELS = {TaskStatus.PENDING: "待检查", TaskStatus.COMPLETED: "已检查", TaskStatus.PUBLISHED: "已公示"}

ACTOR_LABELS = {Actor.PLAN_UNIT: "计划的牵头部门或法制机构", Actor.APPROVER: "领导或法制机构",
                Actor.LEGAL_OFFICE: "法制机构", Actor.RESULT_TEAM: "检查组成员、参与部门的工作人员或法制机构",
                Actor.SYSTEM: ""}

_UNIT = frozenset({Actor.PLAN_UNIT, Actor.SYSTEM})
_DRAFT = frozenset({PlanStatus.DRAFT})
# A result is entered, and corrected, until it is published (then it is fixed).
_OPEN_TASK = frozenset({TaskStatus.PENDING, TaskStatus.COMPLETED})

PLAN_LIFECYCLE = Lifecycle(
    noun="抽查计划",
    statuses=PLAN_STATUS_LABELS,
    actor_labels=ACTOR_LABELS,
    final=frozenset({PlanStatus.COMPLETED}),
    transitions=(
        # Only a draft changes: once approved its draw may be committed on what was approved.
        Transition("edit", _DRAFT, PlanStatus.DRAFT, _UNIT, "修改计划"),
        Transition("approve", _DRAFT, PlanStatus.APPROVED, frozenset({Actor.APPROVER, Actor.SYSTEM}), "审批"),
        # 国发〔2019〕5号: 抽查计划向社会公开.
        Transition("publish", frozenset({PlanStatus.APPROVED}), PlanStatus.PUBLISHED, _UNIT, "公布"),
        # The draw's first step: the pool, exemptions, inspectors and parameters frozen, their commitment published.
        Transition("commit", frozenset({PlanStatus.PUBLISHED}), PlanStatus.COMMITTED, _UNIT, "冻结名录"),
        # The second step: the published sources entered, the draw run, the tasks and teams created.
        Transition("reveal", frozenset({PlanStatus.COMMITTED}), PlanStatus.DRAWN, _UNIT, "抽取"),
        # Only the legal-affairs office voids: once the sources are public the outcome can be computed.
        Transition("void", frozenset({PlanStatus.COMMITTED}), PlanStatus.PUBLISHED,
                   frozenset({Actor.LEGAL_OFFICE, Actor.SYSTEM}), "作废摇号"),
        # 一公开: the plan completes when every result is published.
        Transition("publish_results", frozenset({PlanStatus.DRAWN}), None, _UNIT, "公示检查结果",
                   targets=((PublishOutcome.SOME, PlanStatus.DRAWN), (PublishOutcome.ALL, PlanStatus.COMPLETED))),
    ),
)

# The plan's workflow: the module's main lifecycle.
LIFECYCLE = PLAN_LIFECYCLE

DRAW_LIFECYCLE = Lifecycle(
    noun="摇号",
    statuses=DRAW_STATUS_LABELS,
    actor_labels=ACTOR_LABELS,
    final=frozenset({DrawStatus.DRAWN, DrawStatus.VOIDED}),
    transitions=(
        Transition("reveal", frozenset({DrawStatus.COMMITTED}), DrawStatus.DRAWN, _UNIT, "抽取"),
        Transition("void", frozenset({DrawStatus.COMMITTED}), DrawStatus.VOIDED,
                   frozenset({Actor.LEGAL_OFFICE, Actor.SYSTEM}), "作废"),
    ),
)

TASK_LIFECYCLE = Lifecycle(
    noun="抽查任务",
    statuses=TASK_STATUS_LABELS,
    actor_labels=ACTOR_LABELS,
    final=frozenset({TaskStatus.PUBLISHED}),
    transitions=(
        Transition("record_result", _OPEN_TASK, TaskStatus.COMPLETED, frozenset({Actor.RESULT_TEAM, Actor.SYSTEM}),
                   "录入检查结果"),
        # A record of the inspection is attached while its result may still change; the status stays.
        Transition("attach_record", _OPEN_TASK, None, frozenset({Actor.RESULT_TEAM, Actor.SYSTEM}), "上传检查记录",
                   targets=tuple((s, s) for s in sorted(_OPEN_TASK))),
        # Published with the plan's other completed results (publish_results).
        Transition("publish", frozenset({TaskStatus.COMPLETED}), TaskStatus.PUBLISHED, _UNIT, "公示检查结果"),
    ),
)

# The acts that leave the status as it is: transition() gives back the status the record is in.
STAYS = frozenset({"edit", "attach_record"})


def may_take(lifecycle: Lifecycle, current: str, action: str) -> bool:
    """The table allows `action` on a record in `current` (whoever takes it)."""
    return action in lifecycle.actions_from(current)


def transition(lifecycle: Lifecycle, current: str, action: str, actors, result: str | None = None) -> str:
    """The status after `action` taken by `actors` on a record in `current`; TransitionError if not allowed."""
    if action in STAYS and lifecycle.rule(action).target is None:
        result = current
    return lifecycle.transition(current, action, actors, result)

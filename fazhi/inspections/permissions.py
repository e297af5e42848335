"""Who may do what in 双随机、一公开: one function per action, `may_<action>(user, record) -> bool`.

The services call these and refuse (so the pages, the API and the command line are held to the same rule),
the pages show an action's button only when its function says yes, and the API answers 403 from it
(docs/decisions/0013). `user` None is the system (the demo loader, a migration): allowed wherever the
services allowed it before. Beyond these rules, the permission pairs of the roles (fazhi.core.roles) and the
unit scopes of the models (InspectionPlan.UNIT_FIELD...) apply as everywhere.

Who takes each step is the lifecycle's table (lifecycle.py): a plan action is allowed to a user who is one of
the actor kinds its row names (`plan_actors`). When a step may be taken is the table's too, and the services
refuse it with the table's message; the plan's may_<action> leave the status to them (the API answers a step
in the wrong status 400 with that message, not 403), while a task's result, fixed once published, is refused
here (`may_record_result`).
"""

from collections.abc import Callable

from fazhi.core.models import perm_name
from fazhi.core.roles import Role
from fazhi.core.services import may_change
from fazhi.inspections import lifecycle
from fazhi.inspections.lifecycle import Actor
from fazhi.inspections.models import InspectionPlan, InspectionTask, Recusal

# 审批: a plan is approved by a leader or by the legal-affairs office, not by the department that drafted it.
PLAN_APPROVERS = (Role.LEADER, Role.LEGAL_OFFICE)


def _role(user) -> str | None:
    return getattr(user, "role", None)


# ----- the actor kinds of the lifecycle -----

def _plan_actor_tests() -> dict[str, Callable]:
    return {
        Actor.SYSTEM: lambda user, plan: user is None,
        Actor.PLAN_UNIT: lambda user, plan: user is not None and may_change(plan, user),
        Actor.APPROVER: lambda user, plan: _role(user) in PLAN_APPROVERS,
        Actor.LEGAL_OFFICE: lambda user, plan: _role(user) == Role.LEGAL_OFFICE,
    }


def plan_actors(user, plan: InspectionPlan) -> set[str]:
    """The actor kinds of the plan lifecycle `user` (None: the system) acts as for `plan`."""
    return {actor for actor, test in _plan_actor_tests().items() if test(user, plan)}


def _plan_actor(user, plan: InspectionPlan, action: str) -> bool:
    """`user` is one of the actor kinds the table names for `action` (each kind tested only as needed)."""
    tests = _plan_actor_tests()
    return any(tests[actor](user, plan) for actor in sorted(lifecycle.LIFECYCLE.rule(action).actors))


# ----- plans and their draw -----

def may_edit_plan(user, plan: InspectionPlan) -> bool:
    """Change a draft plan: those who may change it (its lead department's staff, the legal-affairs office)."""
    return _plan_actor(user, plan, "edit")


def may_approve(user, plan: InspectionPlan) -> bool:
    """审批: a leader or the legal-affairs office (services.APPROVER_ONLY)."""
    return _plan_actor(user, plan, "approve")


def may_publish(user, plan: InspectionPlan) -> bool:
    """公布 the approved plan on the portal: those who may change it."""
    return _plan_actor(user, plan, "publish")


def may_commit(user, plan: InspectionPlan) -> bool:
    """冻结名录 (the draw's first step): those who may change the plan."""
    return _plan_actor(user, plan, "commit")


def may_reveal(user, plan: InspectionPlan) -> bool:
    """Enter the sources and draw (the second step): those who may change the plan."""
    return _plan_actor(user, plan, "reveal")


def may_void(user, plan: InspectionPlan) -> bool:
    """作废 a committed draw: the legal-affairs office only (services.VOID_LEGAL_OFFICE_ONLY: once the sources
    are public the outcome can be computed, and a void by the drawing department would let it draw again)."""
    return _plan_actor(user, plan, "void")


def may_publish_results(user, plan: InspectionPlan) -> bool:
    """一公开: publish the plan's completed results: those who may change the plan."""
    return _plan_actor(user, plan, "publish_results")


# ----- tasks -----

def in_result_team(user, task: InspectionTask) -> bool:
    """Whether `user` is among those who enter a task's results (services.TASK_NOT_TEAM): the task's team,
    staff of a department taking part (who can see the task), the legal-affairs office, and the system."""
    if user is None or _role(user) == Role.LEGAL_OFFICE:
        return True
    if getattr(user, "is_authenticated", False) and task.team.filter(officer__user=user).exists():
        return True
    return _role(user) == Role.UNIT_STAFF and InspectionTask.objects.visible_to(user).filter(pk=task.pk).exists()


def _task_step(user, task: InspectionTask, action: str) -> bool:
    """The task lifecycle lets `user` take `action` on `task` now (its status first: no query for a published
    task)."""
    if not lifecycle.may_take(lifecycle.TASK_LIFECYCLE, task.status, action):
        return False
    actors = {Actor.SYSTEM} if user is None else {Actor.RESULT_TEAM} if in_result_team(user, task) else set()
    return lifecycle.TASK_LIFECYCLE.allows(task.status, action, actors)


def may_record_result(user, task: InspectionTask) -> bool:
    """Enter or correct the result: those who enter results, until it is published (then it is fixed:
    services.TASK_PUBLISHED). The task lifecycle's record_result row says both."""
    return _task_step(user, task, "record_result")


def may_attach_record(user, task: InspectionTask) -> bool:
    """Upload a full-process record of the inspection: as for the result (the attach_record row)."""
    return _task_step(user, task, "attach_record")


# ----- the registers -----

def may_declare_recusal(user, recusal: Recusal) -> bool:
    """申报回避 for an officer: those who may add recusals, for an officer of their own unit unless they may
    change recusals zone-wide (the legal-affairs office)."""
    if user is None:
        return True
    if not user.has_perm(perm_name(Recusal, "add")):
        return False
    if user.has_perm(perm_name(Recusal, "change_all")):
        return True
    return bool(user.org_unit_id) and recusal.officer.org_unit_id == user.org_unit_id

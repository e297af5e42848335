"""The status machines of enforcement, declared with the core Lifecycle type. No Django.

Who may take an action is fazhi.enforcement.permissions' to say (the services ask it first); these
tables say when: from which status an action may be taken and to which it leads. The services ask
`transition()` before every status change and write the status it returns.

- A 三项制度 special inspection goes through its stages in order, one at a time:
  planned → self_check → on_site → rectifying → closed.

A case has no status field: its course (opened, decided, closed, published, overturned, withdrawn) is
read from its dates and sub-records, and each service checks its own step.
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition
from fazhi.core.lifecycle import TransitionError as TransitionError  # the services catch lifecycle.TransitionError

# The party the tables name: whoever permissions.may_<action> allows (the legal-affairs office, as a rule).
KEEPER = "keeper"
_KEEPER = frozenset({KEEPER})
_ACTORS = {KEEPER: "有权办理的人员"}


class InspectionStatus(StrEnum):
    """The values of constants.InspectionStatus."""

    PLANNED = "planned"
    SELF_CHECK = "self_check"
    ON_SITE = "on_site"
    RECTIFYING = "rectifying"
    CLOSED = "closed"


INSPECTION = Lifecycle(
    noun="专项检查",
    statuses={InspectionStatus.PLANNED: "计划中", InspectionStatus.SELF_CHECK: "自查阶段",
              InspectionStatus.ON_SITE: "实地督查", InspectionStatus.RECTIFYING: "整改中",
              InspectionStatus.CLOSED: "已完成"},
    actor_labels=_ACTORS,
    final=frozenset({InspectionStatus.CLOSED}),
    transitions=(
        Transition("start_self_check", frozenset({InspectionStatus.PLANNED}), InspectionStatus.SELF_CHECK, _KEEPER,
                   "进入自查阶段"),
        Transition("start_on_site", frozenset({InspectionStatus.SELF_CHECK}), InspectionStatus.ON_SITE, _KEEPER,
                   "进入实地督查"),
        Transition("start_rectifying", frozenset({InspectionStatus.ON_SITE}), InspectionStatus.RECTIFYING, _KEEPER,
                   "进入整改阶段"),
        Transition("close", frozenset({InspectionStatus.RECTIFYING}), InspectionStatus.CLOSED, _KEEPER, "完成检查"),
    ),
)


def inspection_action_to(status: str) -> str | None:
    """The action that moves a special inspection to `status` (None: no action leads there)."""
    return next((rule.action for rule in INSPECTION.transitions if rule.target == status), None)

"""The workflow of a permit case (办件), declared with the core Lifecycle type. Pure Python: no Django import.

受理 → 办理中 → 办结（准予 / 不予）, or 撤回 by the applicant before a decision.
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition


class Status(StrEnum):
    ACCEPTED = "accepted"
    PROCESSING = "processing"
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Actor(StrEnum):
    UNIT = "unit"  # staff of the case's unit (or the legal-affairs office for them)


class Result(StrEnum):
    GRANT = "grant"
    REFUSE = "refuse"


STATUS_LABELS = {Status.ACCEPTED: "已受理", Status.PROCESSING: "办理中", Status.GRANTED: "办结（准予）",
                 Status.REFUSED: "办结（不予）", Status.WITHDRAWN: "已撤回"}
OPEN = frozenset({Status.ACCEPTED, Status.PROCESSING})
DECIDED = frozenset({Status.GRANTED, Status.REFUSED})

LIFECYCLE = Lifecycle(
    noun="办件",
    statuses=STATUS_LABELS,
    actor_labels={Actor.UNIT: "承办单位"},
    final=frozenset({Status.GRANTED, Status.REFUSED, Status.WITHDRAWN}),
    transitions=(
        Transition("start", frozenset({Status.ACCEPTED}), Status.PROCESSING, frozenset({Actor.UNIT}), "开始办理"),
        Transition("demand", OPEN, Status.PROCESSING, frozenset({Actor.UNIT}), "记录要求提交的材料"),
        Transition("extend", OPEN, Status.PROCESSING, frozenset({Actor.UNIT}), "延长办理期限"),
        Transition("exclude", OPEN, Status.PROCESSING, frozenset({Actor.UNIT}), "扣除不计入期限的时间"),
        Transition("decide", OPEN, None, frozenset({Actor.UNIT}), "办结",
                   targets=((Result.GRANT, Status.GRANTED), (Result.REFUSE, Status.REFUSED))),
        Transition("withdraw", OPEN, Status.WITHDRAWN, frozenset({Actor.UNIT}), "撤回"),
    ),
)

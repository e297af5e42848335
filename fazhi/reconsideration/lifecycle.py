"""The workflow of a 行政复议 case on the respondent's side, declared with the core Lifecycle type. Pure Python.

收到申请书副本 → 书面答复 (10 working days; 5 in the simple procedure) → the 复议机关's decision, recorded with its
outcome. The decision can come without an answer (行政复议法 第七十条: the act is then taken to have no evidence).
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition


class Status(StrEnum):
    RECEIVED = "received"
    ANSWERED = "answered"
    DECIDED = "decided"


class Actor(StrEnum):
    UNIT = "unit"  # staff of the respondent unit (or the legal-affairs office for them)


STATUS_LABELS = {Status.RECEIVED: "待答复", Status.ANSWERED: "审理中", Status.DECIDED: "已作出复议决定"}

LIFECYCLE = Lifecycle(
    noun="行政复议案件",
    statuses=STATUS_LABELS,
    actor_labels={Actor.UNIT: "被申请人"},
    transitions=(
        Transition("answer", frozenset({Status.RECEIVED}), Status.ANSWERED, frozenset({Actor.UNIT}), "提出书面答复"),
        Transition("extend", frozenset({Status.ANSWERED}), Status.ANSWERED, frozenset({Actor.UNIT}), "登记延期审理"),
        Transition("decide", frozenset({Status.RECEIVED, Status.ANSWERED}), Status.DECIDED, frozenset({Actor.UNIT}),
                   "登记复议决定"),
    ),
)

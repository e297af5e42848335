"""The workflow of an administrative lawsuit, declared with the core Lifecycle type. Pure Python: no Django import.

收到起诉状副本 → 提交答辩状和证据 (15 days, 行政诉讼法 第六十七条) → hearings, each with who appeared for the
defendant (第三条第三款) → 结案 with the outcome.
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition


class Status(StrEnum):
    RECEIVED = "received"
    DEFENDED = "defended"
    CLOSED = "closed"


class Actor(StrEnum):
    UNIT = "unit"  # staff of the defendant unit (or the legal-affairs office for them)


STATUS_LABELS = {Status.RECEIVED: "待答辩", Status.DEFENDED: "审理中", Status.CLOSED: "已结案"}

LIFECYCLE = Lifecycle(
    noun="行政诉讼案件",
    statuses=STATUS_LABELS,
    actor_labels={Actor.UNIT: "被告单位"},
    final=frozenset({Status.CLOSED}),
    transitions=(
        Transition("defend", frozenset({Status.RECEIVED}), Status.DEFENDED, frozenset({Actor.UNIT}),
                   "提交答辩状和证据"),
        Transition("hearing", frozenset({Status.DEFENDED}), Status.DEFENDED, frozenset({Actor.UNIT}), "登记开庭"),
        Transition("close", frozenset({Status.DEFENDED}), Status.CLOSED, frozenset({Actor.UNIT}), "登记结案"),
    ),
)

"""The lifecycle of a normative document (行政规范性文件) as a state machine. Pure Python: no Django.

One table says which action moves a document from which status to which, and who may take it.
The services (fazhi.normative_documents.services) ask `transition()` before every write, so a
document cannot skip the legality review, and an "unlawful" opinion sends it back to drafting
(国办发〔2018〕115号: 未经合法性审核或者经审核不合法的，不得提交集体审议).

Statuses:
  drafting → comment (public comment) → review (legality review by the legal-affairs office)
  → deliberation (collective deliberation) → adopted → in_force (signed, numbered, published)
  → amended | repealed | expired.  Drafting may also end as abandoned.
"""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFTING = "drafting"
    COMMENT = "comment"
    REVIEW = "review"
    DELIBERATION = "deliberation"
    ADOPTED = "adopted"
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPEALED = "repealed"
    EXPIRED = "expired"
    ABANDONED = "abandoned"


class Actor(StrEnum):
    """Who acts, as the lifecycle sees it (the services map users to these)."""

    DRAFTING_UNIT = "drafting_unit"  # staff of the drafting unit (or the legal office for them)
    LEGAL_OFFICE = "legal_office"  # the legal-affairs office (法制机构): reviews, numbers, publishes
    SYSTEM = "system"  # the platform itself (expiry) or a loader


class Opinion(StrEnum):
    """The legality review's conclusion."""

    LAWFUL = "lawful"
    LAWFUL_WITH_CHANGES = "lawful_with_changes"
    UNLAWFUL = "unlawful"


class Outcome(StrEnum):
    """The collective deliberation's outcome."""

    ADOPTED = "adopted"
    REVISE = "revise"
    REJECTED = "rejected"


# Statuses a document never leaves.
FINAL = frozenset({Status.AMENDED, Status.REPEALED, Status.EXPIRED, Status.ABANDONED})
# Statuses in which the draft's text may still be changed by its drafters.
TEXT_EDITABLE = frozenset({Status.DRAFTING, Status.COMMENT})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[Status]
    # The target, or per result (an opinion, an outcome) when the action has several.
    target: Status | None
    targets: tuple[tuple[str, Status], ...] = ()
    actors: frozenset[Actor] = frozenset({Actor.DRAFTING_UNIT, Actor.LEGAL_OFFICE, Actor.SYSTEM})
    label: str = ""

    def target_for(self, result: str | None) -> Status:
        if self.target is not None:
            return self.target
        for key, status in self.targets:
            if key == result:
                return status
        raise TransitionError(f"“{self.label}”的结果“{result}”无效。")


_ALL = frozenset({Actor.DRAFTING_UNIT, Actor.LEGAL_OFFICE, Actor.SYSTEM})
_OFFICE = frozenset({Actor.LEGAL_OFFICE, Actor.SYSTEM})

TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    Transition("open_comment", frozenset({Status.DRAFTING}), Status.COMMENT, actors=_ALL, label="公开征求意见"),
    Transition("submit_review", frozenset({Status.DRAFTING, Status.COMMENT}), Status.REVIEW, actors=_ALL,
               label="报送合法性审核"),
    Transition("review", frozenset({Status.REVIEW}), None, targets=(
        (Opinion.LAWFUL, Status.DELIBERATION),
        (Opinion.LAWFUL_WITH_CHANGES, Status.DELIBERATION),
        (Opinion.UNLAWFUL, Status.DRAFTING),
    ), actors=_OFFICE, label="合法性审核"),
    Transition("deliberate", frozenset({Status.DELIBERATION}), None, targets=(
        (Outcome.ADOPTED, Status.ADOPTED),
        (Outcome.REVISE, Status.DRAFTING),
        (Outcome.REJECTED, Status.ABANDONED),
    ), actors=_ALL, label="集体审议"),
    Transition("publish", frozenset({Status.ADOPTED}), Status.IN_FORCE, actors=_OFFICE, label="签发公布"),
    # Filing and the evaluation before expiry are recorded on a document in force; it stays in force.
    Transition("file", frozenset({Status.IN_FORCE}), Status.IN_FORCE, actors=_ALL, label="报送备案"),
    Transition("evaluate", frozenset({Status.IN_FORCE}), Status.IN_FORCE, actors=_ALL, label="有效期届满前评估"),
    Transition("amend", frozenset({Status.IN_FORCE}), Status.AMENDED, actors=_OFFICE, label="修改（由新文件替代）"),
    Transition("repeal", frozenset({Status.IN_FORCE}), Status.REPEALED, actors=_OFFICE, label="废止"),
    Transition("expire", frozenset({Status.IN_FORCE}), Status.EXPIRED, actors=frozenset({Actor.SYSTEM}),
               label="有效期届满失效"),
    Transition("abandon", frozenset({Status.DRAFTING, Status.COMMENT}), Status.ABANDONED, actors=_ALL,
               label="终止起草"),
)}

STATUS_LABELS = {
    Status.DRAFTING: "起草中", Status.COMMENT: "公开征求意见", Status.REVIEW: "合法性审核中",
    Status.DELIBERATION: "待集体审议", Status.ADOPTED: "审议通过待公布", Status.IN_FORCE: "现行有效",
    Status.AMENDED: "已修改", Status.REPEALED: "已废止", Status.EXPIRED: "已失效", Status.ABANDONED: "已终止起草",
}


class TransitionError(ValueError):
    """A move the lifecycle does not allow; the message says why, in Chinese."""


def transition(current: str, action: str, actor: str, result: str | None = None) -> Status:
    """The status after `action` taken by `actor` on a document in `current`; TransitionError if not allowed."""
    try:
        rule = TRANSITIONS[action]
    except KeyError:
        raise TransitionError(f"没有“{action}”这一办理环节。") from None
    status = Status(current)
    if status not in rule.sources:
        allowed = "、".join(STATUS_LABELS[s] for s in sorted(rule.sources, key=list(Status).index))
        raise TransitionError(
            f"文件目前为“{STATUS_LABELS[status]}”，不能办理“{rule.label}”（须处于：{allowed}）。")
    if Actor(actor) not in rule.actors:
        raise TransitionError(f"“{rule.label}”只能由法制机构办理。")
    return rule.target_for(result)


def actions_from(current: str) -> list[str]:
    """The actions the table allows from a status, in table order."""
    status = Status(current)
    return [name for name, rule in TRANSITIONS.items() if status in rule.sources]

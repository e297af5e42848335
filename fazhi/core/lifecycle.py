"""One type for every workflow: which action moves a record from which status to which, and who takes it.

Pure Python, no Django import. A module declares its workflow once as a `Lifecycle` (in its own
`lifecycle.py`); its services ask `lifecycle.transition()` before every write, its `permissions.py`
asks `lifecycle.allows()` for the actor kinds a user holds, and the pages and API derive their
buttons and action routes from `lifecycle.actions_from()` (docs/decisions/0013).

Actors are kinds of acting party as the workflow sees them ("legal_office", "drafting_unit",
"leader"...), not users: each module's permissions.py maps a user (role, unit, the record) to the
kinds they act as.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# The refusals every lifecycle gives, formatted where they are raised (tests match these templates).
WRONG_STATUS = "{noun}目前为“{current}”，不能办理“{action}”（须处于：{allowed}）。"
WRONG_ACTOR = "“{action}”只能由{who}办理。"
UNKNOWN_ACTION = "没有“{action}”这一办理环节。"
INVALID_RESULT = "“{action}”的结果“{result}”无效。"


class TransitionError(ValueError):
    """A move the lifecycle does not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Transition:
    """One action: from any of `sources` to `target` (or, per result, to one of `targets`), taken by `actors`."""

    action: str
    sources: frozenset[str]
    target: str | None
    actors: frozenset[str]
    label: str
    # When the action has several outcomes (an opinion, a deliberation's outcome): (result, target) pairs.
    targets: tuple[tuple[str, str], ...] = ()

    def target_for(self, result: str | None) -> str:
        if self.target is not None:
            return self.target
        for key, status in self.targets:
            if key == result:
                return status
        raise TransitionError(INVALID_RESULT.format(action=self.label, result=result))

    @property
    def possible_targets(self) -> frozenset[str]:
        return frozenset({self.target}) if self.target is not None else frozenset(s for _, s in self.targets)


@dataclass(frozen=True)
class Lifecycle:
    """A workflow: its statuses (value → label), its transitions and the words its messages use."""

    noun: str  # what moves, in messages: "文件", "案件", "抽查计划"
    statuses: Mapping[str, str]
    transitions: tuple[Transition, ...]
    actor_labels: Mapping[str, str] = field(default_factory=dict)
    final: frozenset[str] = frozenset()

    def __post_init__(self):
        seen = set()
        for rule in self.transitions:
            if rule.action in seen:
                raise ValueError(f"action {rule.action!r} declared twice")
            seen.add(rule.action)
            unknown = (rule.sources | rule.possible_targets) - set(self.statuses)
            if unknown:
                raise ValueError(f"action {rule.action!r} names unknown statuses {sorted(unknown)}")
            if rule.sources & self.final:
                raise ValueError(f"action {rule.action!r} leaves a final status")

    def rule(self, action: str) -> Transition:
        for rule in self.transitions:
            if rule.action == action:
                return rule
        raise TransitionError(UNKNOWN_ACTION.format(action=action))

    def refusal(self, current: str, action: str, actors: Iterable[str]) -> str | None:
        """Why `actors` may not take `action` on a record in `current`, or None when they may."""
        rule = self.rule(action)
        if current not in rule.sources:
            order = list(self.statuses)
            allowed = "、".join(self.statuses[s] for s in sorted(rule.sources, key=order.index))
            return WRONG_STATUS.format(noun=self.noun, current=self.statuses.get(current, current),
                                       action=rule.label, allowed=allowed)
        if not rule.actors & set(actors):
            # An actor labelled "" (the platform itself) is not named to users.
            who = "、".join(label for a in sorted(rule.actors) if (label := self.actor_labels.get(a, a)))
            return WRONG_ACTOR.format(action=rule.label, who=who)
        return None

    def allows(self, current: str, action: str, actors: Iterable[str]) -> bool:
        return self.refusal(current, action, actors) is None

    def transition(self, current: str, action: str, actors: Iterable[str] | str, result: str | None = None) -> str:
        """The status after `action` taken by `actors` on a record in `current`; TransitionError if not allowed."""
        actors = {actors} if isinstance(actors, str) else set(actors)
        reason = self.refusal(current, action, actors)
        if reason is not None:
            raise TransitionError(reason)
        return self.rule(action).target_for(result)

    def actions_from(self, current: str) -> list[str]:
        """The actions allowed from a status, in declaration order."""
        return [rule.action for rule in self.transitions if current in rule.sources]

    def label(self, action: str) -> str:
        return self.rule(action).label

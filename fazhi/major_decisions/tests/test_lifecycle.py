"""The pure lifecycle of a major decision, tested without Django: the whole table, move by move."""

import re

import pytest

from fazhi.core.lifecycle import WRONG_ACTOR, WRONG_STATUS
from fazhi.major_decisions.constants import DecisionStatus, DiscussionOutcome
from fazhi.major_decisions.lifecycle import (
    CATALOGUE_LIFECYCLE,
    LIFECYCLE,
    Actor,
    Outcome,
    Status,
    TransitionError,
    may_take,
    transition,
)

U, L, S = Actor.UNDERTAKING_UNIT, Actor.LEGAL_OFFICE, Actor.SYSTEM
C, P, D, N, E = Status.CATALOGUED, Status.IN_PROCEDURE, Status.DECIDED, Status.NOT_ADOPTED, Status.EVALUATED

# Every move the services made before the table was declared: (from, action, result) → to.
TABLE = {
    (C, "step", None): P, (P, "step", None): P,
    (C, "skip", None): P, (P, "skip", None): P,
    (C, "review", None): P, (P, "review", None): P,
    (C, "discuss", Outcome.ADOPTED): D, (P, "discuss", Outcome.ADOPTED): D,
    (C, "discuss", Outcome.REJECTED): N, (P, "discuss", Outcome.REJECTED): N,
    (C, "discuss", Outcome.REVISE): P, (P, "discuss", Outcome.REVISE): P,
    (C, "discuss", Outcome.DEFERRED): P, (P, "discuss", Outcome.DEFERRED): P,
    (D, "party_report", None): D,
    (D, "publish", None): D, (E, "publish", None): E,
    (D, "evaluate", None): E, (E, "evaluate", None): E,
    (D, "archive_file", None): D, (N, "archive_file", None): N, (E, "archive_file", None): E,
}


def test_the_module_imports_no_django():
    from pathlib import Path

    import fazhi.major_decisions.lifecycle as module

    assert "django" not in Path(module.__file__).read_text(encoding="utf-8")


def test_the_statuses_and_outcomes_are_the_models():
    assert {s.value for s in Status} == set(DecisionStatus.values)
    assert {o.value for o in Outcome} == set(DiscussionOutcome.values)


@pytest.mark.parametrize(("move", "target"), list(TABLE.items()), ids=lambda v: "-".join(map(str, v))
                         if isinstance(v, tuple) else str(v))
def test_each_allowed_move(move, target):
    current, action, result = move
    actor = L if action == "review" else U
    assert transition(current, action, actor, result) == target


def test_nothing_else_is_allowed():
    """Every (status, action) pair outside the table is refused, naming the status."""
    allowed = {(current, action) for current, action, _ in TABLE}
    for current in Status:
        for rule in LIFECYCLE.transitions:
            if (current, rule.action) in allowed:
                assert may_take(current, rule.action)
                continue
            assert not may_take(current, rule.action)
            result = Outcome.ADOPTED if rule.action == "discuss" else None
            sources = "、".join(label for status, label in LIFECYCLE.statuses.items() if status in rule.sources)
            refusal = WRONG_STATUS.format(noun=LIFECYCLE.noun, current=LIFECYCLE.statuses[current], action=rule.label,
                                          allowed=sources)
            with pytest.raises(TransitionError, match=f"^{re.escape(refusal)}$"):
                transition(current, rule.action, {U, L, S}, result)


def test_only_the_legal_office_reviews():
    refusal = WRONG_ACTOR.format(action=LIFECYCLE.label("review"), who=LIFECYCLE.actor_labels[L])
    with pytest.raises(TransitionError, match=f"^{re.escape(refusal)}$"):
        transition(P, "review", U)
    assert transition(P, "review", S) == P


def test_the_catalogue_is_published_once():
    assert CATALOGUE_LIFECYCLE.transition("draft", "publish", L) == "published"
    assert CATALOGUE_LIFECYCLE.actions_from("published") == []

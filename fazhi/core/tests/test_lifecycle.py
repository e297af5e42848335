"""The one lifecycle type every workflow declares (fazhi.core.lifecycle)."""

import re

import pytest

from fazhi.core.lifecycle import (
    INVALID_RESULT,
    UNKNOWN_ACTION,
    WRONG_ACTOR,
    WRONG_STATUS,
    Lifecycle,
    Transition,
    TransitionError,
)

OPEN, CLOSED, GONE = "open", "closed", "gone"


def _lifecycle(*transitions, final=frozenset({GONE})):
    return Lifecycle(noun="案件", statuses={OPEN: "办理中", CLOSED: "已办结", GONE: "已撤销"},
                     transitions=transitions, actor_labels={"office": "法制机构", "system": ""}, final=final)


CLOSE = Transition("close", frozenset({OPEN}), CLOSED, frozenset({"office", "system"}), "办结")
DECIDE = Transition("decide", frozenset({OPEN}), None, frozenset({"office"}), "决定",
                    targets=(("close", CLOSED), ("drop", GONE)))


def test_a_transition_goes_to_its_target_or_to_its_results_target():
    lifecycle = _lifecycle(CLOSE, DECIDE)
    assert lifecycle.transition(OPEN, "close", "office") == CLOSED
    assert lifecycle.transition(OPEN, "decide", {"office", "unit"}, "drop") == GONE
    assert lifecycle.actions_from(OPEN) == ["close", "decide"]
    assert lifecycle.actions_from(CLOSED) == []


def test_refusals_name_the_status_the_action_and_who_may_act():
    lifecycle = _lifecycle(CLOSE, DECIDE)
    wrong_status = WRONG_STATUS.format(noun="案件", current="已办结", action="办结", allowed="办理中")
    with pytest.raises(TransitionError, match=f"^{re.escape(wrong_status)}$"):
        lifecycle.transition(CLOSED, "close", "office")
    # The platform's own actor ("" label) is not named to users.
    assert lifecycle.refusal(OPEN, "close", {"unit"}) == WRONG_ACTOR.format(action="办结", who="法制机构")
    assert not lifecycle.allows(OPEN, "close", {"unit"})
    with pytest.raises(TransitionError, match=f"^{re.escape(INVALID_RESULT.format(action='决定', result='maybe'))}$"):
        lifecycle.transition(OPEN, "decide", "office", "maybe")
    with pytest.raises(TransitionError, match=f"^{re.escape(UNKNOWN_ACTION.format(action='fly'))}$"):
        lifecycle.transition(OPEN, "fly", "office")


@pytest.mark.parametrize(("bad", "why"), [
    ((CLOSE, CLOSE), "declared twice"),
    ((Transition("close", frozenset({"nowhere"}), CLOSED, frozenset({"office"}), "办结"),), "unknown statuses"),
    ((Transition("revive", frozenset({GONE}), OPEN, frozenset({"office"}), "恢复"),), "leaves a final status"),
])
def test_a_table_that_contradicts_itself_is_refused_when_declared(bad, why):
    with pytest.raises(ValueError, match=why):
        _lifecycle(*bad)

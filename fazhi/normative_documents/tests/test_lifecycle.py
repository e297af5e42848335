"""The pure state machine of a normative document, tested without Django."""

import re

import pytest

from fazhi.core.lifecycle import INVALID_RESULT, UNKNOWN_ACTION, WRONG_ACTOR, WRONG_STATUS
from fazhi.normative_documents.lifecycle import (
    FINAL,
    LIFECYCLE,
    STATUS_LABELS,
    TRANSITIONS,
    Actor,
    Opinion,
    Outcome,
    Status,
    TransitionError,
    actions_from,
    transition,
)

U, L, S = Actor.DRAFTING_UNIT, Actor.LEGAL_OFFICE, Actor.SYSTEM


def test_the_module_imports_no_django():
    from pathlib import Path

    import fazhi.normative_documents.lifecycle as module

    assert "django" not in Path(module.__file__).read_text(encoding="utf-8")


def test_the_happy_path():
    status = Status.DRAFTING
    status = transition(status, "open_comment", U)
    assert status == Status.COMMENT
    status = transition(status, "submit_review", U)
    assert status == Status.REVIEW
    status = transition(status, "review", L, Opinion.LAWFUL)
    assert status == Status.DELIBERATION
    status = transition(status, "deliberate", U, Outcome.ADOPTED)
    assert status == Status.ADOPTED
    status = transition(status, "publish", L)
    assert status == Status.IN_FORCE
    assert transition(status, "file", U) == Status.IN_FORCE
    assert transition(status, "repeal", L) == Status.REPEALED


@pytest.mark.parametrize("status", [Status.DRAFTING, Status.COMMENT, Status.REVIEW])
def test_deliberation_needs_a_review_opinion_first(status):
    refusal = WRONG_STATUS.format(noun=LIFECYCLE.noun, current=STATUS_LABELS[status],
                                  action=LIFECYCLE.label("deliberate"), allowed=STATUS_LABELS[Status.DELIBERATION])
    with pytest.raises(TransitionError, match=f"^{re.escape(refusal)}$"):
        transition(status, "deliberate", U, Outcome.ADOPTED)


def test_unlawful_sends_the_draft_back_to_drafting():
    assert transition(Status.REVIEW, "review", L, Opinion.UNLAWFUL) == Status.DRAFTING
    assert transition(Status.REVIEW, "review", L, Opinion.LAWFUL_WITH_CHANGES) == Status.DELIBERATION


def test_only_the_legal_office_reviews_publishes_and_repeals():
    for action, status, result in (("review", Status.REVIEW, Opinion.LAWFUL), ("publish", Status.ADOPTED, None),
                                   ("repeal", Status.IN_FORCE, None)):
        refusal = WRONG_ACTOR.format(action=LIFECYCLE.label(action), who=LIFECYCLE.actor_labels[L])
        with pytest.raises(TransitionError, match=f"^{re.escape(refusal)}$"):
            transition(status, action, U, result)
        transition(status, action, L, result)


def test_only_the_system_expires_a_document():
    refusal = WRONG_ACTOR.format(action=LIFECYCLE.label("expire"), who="")  # the platform is not named to users
    with pytest.raises(TransitionError, match=f"^{re.escape(refusal)}$"):
        transition(Status.IN_FORCE, "expire", L)
    assert transition(Status.IN_FORCE, "expire", S) == Status.EXPIRED


def test_a_bad_result_and_an_unknown_action_are_refused():
    refusal = INVALID_RESULT.format(action=LIFECYCLE.label("review"), result="maybe")
    with pytest.raises(TransitionError, match=f"^{re.escape(refusal)}$"):
        transition(Status.REVIEW, "review", L, "maybe")
    with pytest.raises(TransitionError, match=f"^{re.escape(UNKNOWN_ACTION.format(action='fly'))}$"):
        transition(Status.REVIEW, "fly", L)


@pytest.mark.parametrize("status", sorted(FINAL))
def test_final_statuses_have_no_way_out(status):
    assert actions_from(status) == []


def test_every_status_but_the_final_ones_has_a_way_forward_and_is_reachable():
    reachable = {Status.DRAFTING}
    for rule in TRANSITIONS.values():
        reachable |= {rule.target} if rule.target else {s for _, s in rule.targets}
    assert reachable == set(Status)
    for status in set(Status) - FINAL:
        assert actions_from(status)


def test_the_django_choices_have_the_same_values():
    from fazhi.normative_documents.constants import DeliberationOutcome, DocumentStatus, ReviewOpinion

    assert {s.value for s in Status} == set(DocumentStatus.values)
    assert {o.value for o in Opinion} == set(ReviewOpinion.values)
    assert {o.value for o in Outcome} == set(DeliberationOutcome.values)


# ----- 公平竞争审查条例 第十八条: a document about operators waits for a review that lets it be issued -----

STEPS_TO_ISSUE = [("submit_review", None), ("deliberate", Outcome.ADOPTED), ("publish", None)]


@pytest.mark.parametrize(("action", "result"), STEPS_TO_ISSUE)
def test_a_document_about_operators_takes_no_step_to_issue_without_a_review_allowing_it(action, result):
    from fazhi.normative_documents.lifecycle import FairCompetitionConclusion as C
    from fazhi.normative_documents.lifecycle import fair_competition_blocks

    assert fair_competition_blocks(action, result, affects_market=True, latest=None) == "missing"
    assert fair_competition_blocks(action, result, affects_market=True, latest=C.VIOLATES) == "violates"
    assert fair_competition_blocks(action, result, affects_market=True, latest=C.NO_EFFECT) is None
    assert fair_competition_blocks(action, result, affects_market=True, latest=C.EXCEPTION) is None
    assert fair_competition_blocks(action, result, affects_market=False, latest=None) is None


@pytest.mark.parametrize(("action", "result"), [("deliberate", Outcome.REVISE), ("deliberate", Outcome.REJECTED),
                                                ("open_comment", None), ("review", Opinion.UNLAWFUL),
                                                ("abandon", None), ("repeal", None)])
def test_steps_that_do_not_issue_it_need_no_review(action, result):
    from fazhi.normative_documents.lifecycle import fair_competition_blocks

    assert fair_competition_blocks(action, result, affects_market=True, latest=None) is None


def test_the_django_conclusions_are_the_lifecycles():
    from fazhi.normative_documents.constants import FairCompetitionConclusion
    from fazhi.normative_documents.lifecycle import BEFORE_ADOPTION
    from fazhi.normative_documents.lifecycle import FairCompetitionConclusion as C

    assert {c.value for c in C} == set(FairCompetitionConclusion.values)
    assert {Status.DRAFTING, Status.COMMENT, Status.REVIEW, Status.DELIBERATION} == BEFORE_ADOPTION

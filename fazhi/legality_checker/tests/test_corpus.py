"""The labelled corpus: every development draft exactly, the held-out drafts at precision and recall ≥ 0.9."""

import pytest

from fazhi.legality_checker.engine import RULES
from fazhi.legality_checker.evaluation import load_corpus, parse_labelled, score

DEV = load_corpus("dev")
HELDOUT = load_corpus("heldout")
BLIND = load_corpus("blind")
GOAL = 0.9
# The blind part was written last and never used to change a rule (docs/legality-checker.md); this floor only
# guards against a change that breaks what worked on text no rule was fitted to.
BLIND_FLOOR = 0.85


@pytest.mark.parametrize("draft", DEV, ids=[d.name for d in DEV])
def test_development_draft_findings_are_exactly_its_labels(draft):
    result = score([draft])
    assert result.misses == []


def test_heldout_precision_and_recall_reach_the_goal():
    result = score(HELDOUT)
    assert result.precision() >= GOAL, "\n".join(result.misses)
    assert result.recall() >= GOAL, "\n".join(result.misses)


@pytest.mark.parametrize("rule", list(RULES))
def test_heldout_measures_every_rule(rule):
    labels = [label for draft in HELDOUT for label in draft.labels if label.rule == rule]
    assert len(labels) >= 3, f"held-out corpus has only {len(labels)} labels for {rule}"
    result = score(HELDOUT)
    assert result.recall(rule) >= GOAL
    assert result.precision(rule) >= GOAL


def test_blind_part_stays_above_its_floor():
    result = score(BLIND)
    assert result.precision() >= BLIND_FLOOR, "\n".join(result.misses)
    assert result.recall() >= BLIND_FLOOR, "\n".join(result.misses)


def test_corpus_is_large_enough_to_mean_something():
    clauses = sum(d.text.count("。") for d in DEV + HELDOUT + BLIND)
    labels = sum(len(d.labels) for d in DEV + HELDOUT + BLIND)
    assert len(DEV) >= 10 and len(HELDOUT) >= 40 and len(BLIND) >= 8
    assert clauses >= 700 and labels >= 250
    # Most clauses are lawful: a checker that flags everything must fail the precision goal.
    assert labels / clauses < 0.5


def test_markers_are_stripped_and_located():
    draft = parse_labelled("x", "第一条 未经批准不得经营{{license}}。\n"
                                "第二条 处以罚款{{penalty}}，并处没收{{penalty}}。")
    assert "{{" not in draft.text
    assert [(label.rule, label.article) for label in draft.labels] == [("license", "第一条"), ("penalty", "第二条")]
    assert draft.text[draft.labels[0].at - 2:draft.labels[0].at] == "经营"


def test_unknown_marker_is_an_error():
    with pytest.raises(ValueError, match="unknown rule"):
        parse_labelled("x", "第一条 收费{{charges}}。")


def test_a_finding_in_the_wrong_clause_counts_as_both_errors():
    draft = parse_labelled("x", "第一条 企业应当诚信经营{{penalty}}。\n第二条 处以五千元罚款。\n"
                                "第三条 本办法有效期五年。")
    result = score([draft])
    assert (result.tp["penalty"], result.fp["penalty"], result.fn["penalty"]) == (0, 1, 1)

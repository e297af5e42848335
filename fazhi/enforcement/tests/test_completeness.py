"""The full-process record table (国办发〔2018〕118号 三) and the pure gap finder."""

import pytest

from fazhi.enforcement import completeness
from fazhi.enforcement.completeness import Missing, missing_items, required_steps
from fazhi.enforcement.constants import MatterKind, RecordKind, StepKind


def test_table_uses_the_codes_of_the_models():
    assert set(completeness.REQUIRED) == set(MatterKind.values)
    assert set(completeness.STEP_ORDER) == set(StepKind.values)
    for steps in completeness.REQUIRED.values():
        for step, kinds in steps:
            assert step in StepKind.values
            assert kinds <= set(RecordKind.values)


@pytest.mark.parametrize("kind", MatterKind.values)
def test_every_kind_starts_with_filing_and_ends_with_closure(kind):
    steps = [step for step, _ in required_steps(kind)]
    assert steps[0] == "filing"
    assert steps[-1] == "closure"


def test_penalty_investigation_needs_audio_visual_record():
    present = {"filing": {"written"}, "investigation": {"written"}}
    assert missing_items("penalty", present) == [Missing("investigation", "audio_visual")]


def test_open_case_is_not_asked_for_steps_it_has_not_reached():
    assert missing_items("penalty", {"filing": {"written"}}) == []


def test_closed_case_must_hold_every_step():
    present = {"filing": {"written"}, "closure": {"written"}}
    missing = missing_items("penalty", present, closed=True)
    assert Missing("investigation") in missing
    assert Missing("notice") in missing
    assert Missing("decision") in missing


def test_hearing_and_major_decision_add_their_steps():
    full = {step: set(kinds) for step, kinds in required_steps("penalty")}
    assert missing_items("penalty", full, closed=True) == []
    missing = missing_items("penalty", full, closed=True, had_hearing=True, is_major=True)
    assert missing == [Missing("hearing"), Missing("legal_review")]


def test_compulsory_measure_execution_needs_full_recording():
    steps = dict(required_steps("compulsory_measure"))
    assert steps["execution"] == frozenset({"written", "audio_visual"})

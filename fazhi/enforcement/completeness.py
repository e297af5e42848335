"""What a case's full-process record (执法全过程记录) must hold, per case kind. No Django import.

The codes are the values of MatterKind, StepKind and RecordKind in constants.py (a test checks
they match). The table follows 国办发〔2018〕118号 三、全面推行执法全过程记录制度:
- 文字记录 of every stage (启动、调查取证、审核、决定、送达、执行);
- 音像记录 where the process easily leads to disputes (现场执法、调查取证、举行听证、留置送达和
  公告送达), and 全程音像记录 for on-site acts touching personal liberty, health or major property
  (查封扣押财产、强制拆除) — for us: investigation of penalties and compulsory measures, hearings,
  and the execution of compulsory measures.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

WRITTEN = "written"
AUDIO_VISUAL = "audio_visual"
PHOTO = "photo"

# StepKind values in the order a case goes through them.
STEP_ORDER = ("filing", "investigation", "notice", "hearing", "legal_review", "decision", "service",
              "execution", "closure")

# kind -> ((step, required record kinds), ...), in procedure order.
REQUIRED: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "penalty": (
        ("filing", frozenset({WRITTEN})),
        ("investigation", frozenset({WRITTEN, AUDIO_VISUAL})),
        ("notice", frozenset({WRITTEN})),
        ("decision", frozenset({WRITTEN})),
        ("service", frozenset({WRITTEN})),
        ("closure", frozenset({WRITTEN})),
    ),
    "permit": (
        ("filing", frozenset({WRITTEN})),  # 受理
        ("investigation", frozenset({WRITTEN})),  # 审查
        ("decision", frozenset({WRITTEN})),
        ("service", frozenset({WRITTEN})),
        ("closure", frozenset({WRITTEN})),
    ),
    "compulsory_measure": (
        ("filing", frozenset({WRITTEN})),
        ("investigation", frozenset({WRITTEN, AUDIO_VISUAL})),
        ("decision", frozenset({WRITTEN})),
        ("execution", frozenset({WRITTEN, AUDIO_VISUAL})),  # 查封扣押: 全程音像记录
        ("closure", frozenset({WRITTEN})),
    ),
    "inspection": (
        ("filing", frozenset({WRITTEN})),
        ("investigation", frozenset({WRITTEN, PHOTO})),  # 现场检查笔录 and photos of what was found
        ("closure", frozenset({WRITTEN})),
    ),
    "levy": (
        ("filing", frozenset({WRITTEN})),
        ("decision", frozenset({WRITTEN})),
        ("service", frozenset({WRITTEN})),
        ("execution", frozenset({WRITTEN})),
        ("closure", frozenset({WRITTEN})),
    ),
    "other": (
        ("filing", frozenset({WRITTEN})),
        ("decision", frozenset({WRITTEN})),
        ("closure", frozenset({WRITTEN})),
    ),
}
# Steps required only in some cases: a hearing held (听证笔录 and its recording), and a
# major decision (the 法制审核 opinion, 国办发〔2018〕118号 四).
HEARING_STEP = ("hearing", frozenset({WRITTEN, AUDIO_VISUAL}))
LEGAL_REVIEW_STEP = ("legal_review", frozenset({WRITTEN}))


@dataclass(frozen=True)
class Missing:
    """A required step not recorded (record_kind None), or a step lacking a kind of record."""

    step: str
    record_kind: str | None = None


def required_steps(kind: str, *, had_hearing: bool = False, is_major: bool = False) -> list[tuple[str, frozenset[str]]]:
    """The steps and record kinds a case of `kind` needs, in procedure order."""
    steps = list(REQUIRED.get(kind, REQUIRED["other"]))
    if had_hearing:
        steps.append(HEARING_STEP)
    if is_major:
        steps.append(LEGAL_REVIEW_STEP)
    return sorted(steps, key=lambda item: STEP_ORDER.index(item[0]))


def missing_items(kind: str, present: Mapping[str, Iterable[str]], *, had_hearing: bool = False,
                  is_major: bool = False, closed: bool = False) -> list[Missing]:
    """What is missing from a case's records.

    `present` maps each recorded step to the record kinds attached to it. A closed case must
    hold everything; an open one, everything up to the furthest step it has reached (later
    steps are simply not due yet).
    """
    recorded = {step: set(kinds) for step, kinds in present.items()}
    required = required_steps(kind, had_hearing=had_hearing, is_major=is_major)
    if not closed:
        reached = max((STEP_ORDER.index(step) for step in recorded if step in STEP_ORDER), default=-1)
        required = [item for item in required if STEP_ORDER.index(item[0]) <= reached]
    missing: list[Missing] = []
    for step, kinds in required:
        if step not in recorded:
            missing.append(Missing(step))
            continue
        missing.extend(Missing(step, record_kind) for record_kind in sorted(kinds - recorded[step]))
    return missing

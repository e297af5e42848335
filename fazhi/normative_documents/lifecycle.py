"""The lifecycle of a normative document (行政规范性文件), declared with the core Lifecycle type. No Django.

One table says which action moves a document from which status to which, and who may take it.
The services (fazhi.normative_documents.services) ask `transition()` before every write, so a
document cannot skip the legality review, and an "unlawful" opinion sends it back to drafting
(国办发〔2018〕115号: 未经合法性审核或者经审核不合法的，不得提交集体审议).

Statuses:
  drafting → comment (public comment) → review (legality review by the legal-affairs office)
  → deliberation (collective deliberation) → adopted → in_force (signed, numbered, published)
  → amended | repealed | expired.  Drafting may also end as abandoned.

A document that concerns operators' economic activity (涉及经营者经济活动) also needs a fair competition review
(公平竞争审查) that allows it to be issued before it leaves drafting, is adopted and is published
(`fair_competition_blocks`): 公平竞争审查条例 (国务院令第783号) 第十三条 (起草单位在起草阶段开展公平竞争审查) and
第十八条 (政策措施未经公平竞争审查，或者经公平竞争审查认为违反本条例第八条至第十一条规定且不符合第十二条规定情形
的，不得出台).
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition
from fazhi.core.lifecycle import TransitionError as TransitionError  # the services catch lifecycle.TransitionError


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


class FairCompetitionConclusion(StrEnum):
    """The conclusion of a fair competition review, in the terms of 公平竞争审查条例 第十二条、第十七条、第十八条."""

    NO_EFFECT = "no_effect"  # 不具有排除、限制竞争效果
    EXCEPTION = "exception"  # 具有排除、限制竞争效果，但符合第十二条规定情形 (explained in the conclusion, 第十七条)
    VIOLATES = "violates"  # 违反第八条至第十一条规定且不符合第十二条规定情形: 不得出台 (第十八条)


# 第十八条: only these conclusions let the document be issued.
ISSUE_ALLOWED = frozenset({FairCompetitionConclusion.NO_EFFECT, FairCompetitionConclusion.EXCEPTION})


# Statuses a document never leaves.
FINAL = frozenset({Status.AMENDED, Status.REPEALED, Status.EXPIRED, Status.ABANDONED})
# Statuses in which the draft's text may still be changed by its drafters.
TEXT_EDITABLE = frozenset({Status.DRAFTING, Status.COMMENT})
# Statuses before the deliberation adopts the draft: whether it concerns operators' economic activity may still be
# decided, and its fair competition review recorded.
BEFORE_ADOPTION = frozenset({Status.DRAFTING, Status.COMMENT, Status.REVIEW, Status.DELIBERATION})


_ALL = frozenset({Actor.DRAFTING_UNIT, Actor.LEGAL_OFFICE, Actor.SYSTEM})
_OFFICE = frozenset({Actor.LEGAL_OFFICE, Actor.SYSTEM})

STATUS_LABELS = {
    Status.DRAFTING: "起草中", Status.COMMENT: "公开征求意见", Status.REVIEW: "合法性审核中",
    Status.DELIBERATION: "待集体审议", Status.ADOPTED: "审议通过待公布", Status.IN_FORCE: "现行有效",
    Status.AMENDED: "已修改", Status.REPEALED: "已废止", Status.EXPIRED: "已失效", Status.ABANDONED: "已终止起草",
}

LIFECYCLE = Lifecycle(
    noun="文件",
    statuses=STATUS_LABELS,
    actor_labels={Actor.DRAFTING_UNIT: "起草单位", Actor.LEGAL_OFFICE: "法制机构", Actor.SYSTEM: ""},
    final=FINAL,
    transitions=(
        Transition("open_comment", frozenset({Status.DRAFTING}), Status.COMMENT, _ALL, "公开征求意见"),
        Transition("submit_review", frozenset({Status.DRAFTING, Status.COMMENT}), Status.REVIEW, _ALL,
                   "报送合法性审核"),
        Transition("review", frozenset({Status.REVIEW}), None, _OFFICE, "合法性审核", targets=(
            (Opinion.LAWFUL, Status.DELIBERATION),
            (Opinion.LAWFUL_WITH_CHANGES, Status.DELIBERATION),
            (Opinion.UNLAWFUL, Status.DRAFTING),
        )),
        Transition("deliberate", frozenset({Status.DELIBERATION}), None, _ALL, "集体审议", targets=(
            (Outcome.ADOPTED, Status.ADOPTED),
            (Outcome.REVISE, Status.DRAFTING),
            (Outcome.REJECTED, Status.ABANDONED),
        )),
        Transition("publish", frozenset({Status.ADOPTED}), Status.IN_FORCE, _OFFICE, "签发公布"),
        # Filing and the evaluation before expiry are recorded on a document in force; it stays in force.
        Transition("file", frozenset({Status.IN_FORCE}), Status.IN_FORCE, _ALL, "报送备案"),
        Transition("evaluate", frozenset({Status.IN_FORCE}), Status.IN_FORCE, _ALL, "有效期届满前评估"),
        Transition("amend", frozenset({Status.IN_FORCE}), Status.AMENDED, _OFFICE, "修改（由新文件替代）"),
        Transition("repeal", frozenset({Status.IN_FORCE}), Status.REPEALED, _OFFICE, "废止"),
        Transition("expire", frozenset({Status.IN_FORCE}), Status.EXPIRED, frozenset({Actor.SYSTEM}),
                   "有效期届满失效"),
        Transition("abandon", frozenset({Status.DRAFTING, Status.COMMENT}), Status.ABANDONED, _ALL, "终止起草"),
    ),
)
TRANSITIONS: dict[str, Transition] = {t.action: t for t in LIFECYCLE.transitions}


def transition(current: str, action: str, actor: str, result: str | None = None) -> Status:
    """The status after `action` taken by `actor` on a document in `current`; TransitionError if not allowed."""
    return Status(LIFECYCLE.transition(current, action, actor, result))


def actions_from(current: str) -> list[str]:
    """The actions the table allows from a status, in table order."""
    return LIFECYCLE.actions_from(current)


def fair_competition_blocks(action: str, result: str | None = None, *, affects_market: bool,
                            latest: str | None) -> str | None:
    """Why `action` (with `result`) may not be taken yet under 公平竞争审查条例 第十八条, or None if it may.

    `latest` is the conclusion of the document's latest fair competition review (None: none recorded).
    "missing": no review; "violates": the latest review found it may not be issued. Only the acts that move the
    draft towards issue wait for the review: leaving drafting (第十三条: the review is done while drafting), a
    deliberation that adopts it, its publication. A deliberation that sends it back or rejects it does not.
    """
    if not affects_market or action not in ("submit_review", "deliberate", "publish"):
        return None
    if action == "deliberate" and result != Outcome.ADOPTED:
        return None
    if latest is None:
        return "missing"
    return None if FairCompetitionConclusion(latest) in ISSUE_ALLOWED else "violates"

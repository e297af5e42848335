"""The lifecycle of a major administrative decision, declared with the core Lifecycle type. No Django.

《重大行政决策程序暂行条例》(国务院令第713号): a decision listed in the year's catalogue (第三条第三款) goes
through the statutory steps (公众参与、专家论证、风险评估、合法性审查, 第十四条 to 第二十八条) or records why the
law lets it leave one out; the collective discussion decides (第三十条): adopted → decided, not adopted → not
adopted, revise or defer → back to the steps. A decision made is reported to the party committee before it is
issued (第三十一条), published (第三十二条), evaluated afterwards (第三十六条) and its file archived (第三十三条).

Statuses:
  catalogued → in_procedure (the first step recorded or left out) → decided | not_adopted;
  decided → evaluated (the post-decision evaluation, which may be recorded again).

Some acts leave the status as it is (`STAYS`): the report to the party committee, the publication and the
archiving of the file are recorded on the decision; `transition()` gives back the status the decision is in.
The services (fazhi.major_decisions.services) ask this table before every write.
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition
from fazhi.core.lifecycle import TransitionError as TransitionError  # the services catch lifecycle.TransitionError


class Status(StrEnum):
    CATALOGUED = "catalogued"
    IN_PROCEDURE = "in_procedure"
    DECIDED = "decided"
    NOT_ADOPTED = "not_adopted"
    EVALUATED = "evaluated"


class Actor(StrEnum):
    """Who acts, as the lifecycle sees it (permissions.actors maps users to these)."""

    UNDERTAKING_UNIT = "undertaking_unit"  # 决策承办单位: its staff (or the administrator for them)
    LEGAL_OFFICE = "legal_office"  # 负责合法性审查的部门 (第二十五条): the legal-affairs office's staff
    SYSTEM = "system"  # the platform itself or a loader


class Outcome(StrEnum):
    """The collective discussion's outcome (第三十条)."""

    ADOPTED = "adopted"
    REVISE = "revise"
    REJECTED = "rejected"
    DEFERRED = "deferred"


class CatalogueStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


STATUS_LABELS = {
    Status.CATALOGUED: "列入目录", Status.IN_PROCEDURE: "履行决策程序", Status.DECIDED: "已决定",
    Status.NOT_ADOPTED: "未通过", Status.EVALUATED: "已评估",
}
# Steps are recorded until the decision is made (第三十条).
OPEN = frozenset({Status.CATALOGUED, Status.IN_PROCEDURE})
# A decision made: published, evaluated.
MADE = frozenset({Status.DECIDED, Status.EVALUATED})
# The procedure is over: the file may be archived (第三十三条).
CLOSED = frozenset({Status.DECIDED, Status.NOT_ADOPTED, Status.EVALUATED})
# The acts recorded on a decision that leave its status as it is.
STAYS = frozenset({"party_report", "publish", "archive_file"})

_ALL = frozenset({Actor.UNDERTAKING_UNIT, Actor.LEGAL_OFFICE, Actor.SYSTEM})
_REVIEWERS = frozenset({Actor.LEGAL_OFFICE, Actor.SYSTEM})


def _stays(action: str, sources: frozenset[str], actors: frozenset[str], label: str) -> Transition:
    """An act recorded on a decision in `sources` that leaves it in the status it is in."""
    return Transition(action, sources, None, actors, label, targets=tuple((s, s) for s in sorted(sources)))


LIFECYCLE = Lifecycle(
    noun="决策",
    statuses=STATUS_LABELS,
    actor_labels={Actor.UNDERTAKING_UNIT: "决策承办单位", Actor.LEGAL_OFFICE: "负责合法性审查的部门（法制机构）",
                  Actor.SYSTEM: ""},
    transitions=(
        # 公众参与、专家论证、风险评估 recorded as done (第十四条、第十九条、第二十二条) ...
        Transition("step", OPEN, Status.IN_PROCEDURE, _ALL, "记录决策程序"),
        # ... or left out where the law allows it, with the reason.
        Transition("skip", OPEN, Status.IN_PROCEDURE, _ALL, "依法不履行某项程序"),
        # 第二十五条: 负责合法性审查的部门 reviews every unit's decisions.
        Transition("review", OPEN, Status.IN_PROCEDURE, _REVIEWERS, "合法性审查"),
        # 第三十条 (and 第二十五条: only after a lawful review, which the services check).
        Transition("discuss", OPEN, None, _ALL, "集体讨论决定", targets=(
            (Outcome.ADOPTED, Status.DECIDED),
            (Outcome.REVISE, Status.IN_PROCEDURE),
            (Outcome.REJECTED, Status.NOT_ADOPTED),
            (Outcome.DEFERRED, Status.IN_PROCEDURE),
        )),
        # 第三十一条: 出台前向同级党委请示报告, after the decision.
        _stays("party_report", frozenset({Status.DECIDED}), _ALL, "向同级党委请示报告"),
        _stays("publish", MADE, _ALL, "公布决策"),
        Transition("evaluate", MADE, Status.EVALUATED, _ALL, "决策后评估"),
        _stays("archive_file", CLOSED, _ALL, "决策材料归档"),
    ),
)

CATALOGUE_LIFECYCLE = Lifecycle(
    noun="目录",
    statuses={CatalogueStatus.DRAFT: "编制中", CatalogueStatus.PUBLISHED: "已公布"},
    actor_labels={Actor.LEGAL_OFFICE: "法制机构", Actor.SYSTEM: ""},
    final=frozenset({CatalogueStatus.PUBLISHED}),
    # 第三条第三款: 决策机关确定决策事项目录 … 向社会公布.
    transitions=(Transition("publish", frozenset({CatalogueStatus.DRAFT}), CatalogueStatus.PUBLISHED,
                            _REVIEWERS, "公布目录"),),
)


def may_take(current: str, action: str) -> bool:
    """The table allows `action` on a decision in `current` (whoever takes it)."""
    return action in LIFECYCLE.actions_from(current)


def transition(current: str, action: str, actors, result: str | None = None) -> Status:
    """The status after `action` taken by `actors` on a decision in `current`; TransitionError if not allowed."""
    if action in STAYS:
        result = current
    return Status(LIFECYCLE.transition(current, action, actors, result))

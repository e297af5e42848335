"""Who may do what with a major decision or the year's catalogue: the one home of these rules (docs/decisions/0013).

Each `may_<action>(user, record)` says whether `user` may take the action on the record, whatever its status
(the lifecycle says when: lifecycle.LIFECYCLE). The services call these functions and refuse; the pages show
an action and the API answers it only when the same function says yes. `user` None is the platform itself
(the demo loader): it may act.
"""

from fazhi.core.roles import Role
from fazhi.major_decisions import lifecycle
from fazhi.major_decisions.constants import StepKind
from fazhi.major_decisions.models import MajorDecision

# The legal-affairs office (法制机构) and the administrator keep the catalogue.
OFFICE_ROLES = (Role.LEGAL_OFFICE, Role.ADMIN)


def is_office(user) -> bool:
    """The user acts for the legal-affairs office (or is the platform)."""
    return user is None or getattr(user, "role", None) in OFFICE_ROLES


def may_change(user, decision: MajorDecision) -> bool:
    """The decision is in the user's change scope (the undertaking unit's own staff, or the office for all)."""
    return user is None or MajorDecision.objects.changeable_by(user).filter(pk=decision.pk).exists()


def actors(user, decision: MajorDecision) -> frozenset[str]:
    """The lifecycle actors `user` is for `decision`; empty when they may not act on it at all."""
    if user is None:
        return frozenset({lifecycle.Actor.SYSTEM})
    if not may_change(user, decision):
        return frozenset()
    # 第二十五条: the legality review is the legal-affairs office's staff's; the administrator records the
    # undertaking unit's steps like its staff, not the review.
    if getattr(user, "role", None) == Role.LEGAL_OFFICE:
        return frozenset({lifecycle.Actor.LEGAL_OFFICE})
    return frozenset({lifecycle.Actor.UNDERTAKING_UNIT})


def _takes(action: str, user, decision: MajorDecision) -> bool:
    """The lifecycle's table lets one of the actors `user` is take `action` (in the statuses it allows)."""
    return bool(actors(user, decision) & lifecycle.LIFECYCLE.rule(action).actors)


def may_update(user, decision: MajorDecision) -> bool:
    """Change the decision's title and description (the edit page)."""
    return may_change(user, decision)


def may_step(user, decision: MajorDecision) -> bool:
    """Record 公众参与、专家论证 or 风险评估 as done."""
    return _takes("step", user, decision)


def may_skip(user, decision: MajorDecision) -> bool:
    """Record that the law lets the decision leave a step out, and why."""
    return _takes("skip", user, decision)


def may_review(user, decision: MajorDecision) -> bool:
    """合法性审查: the legal-affairs office's staff only (第二十五条、第二十八条)."""
    return _takes("review", user, decision)


def may_discuss(user, decision: MajorDecision) -> bool:
    """Record the collective discussion and its outcome (第三十条)."""
    return _takes("discuss", user, decision)


def may_report_to_party(user, decision: MajorDecision) -> bool:
    """Record the report to the party committee (第三十一条)."""
    return _takes("party_report", user, decision)


def may_publish(user, decision: MajorDecision) -> bool:
    return _takes("publish", user, decision)


def may_evaluate(user, decision: MajorDecision) -> bool:
    return _takes("evaluate", user, decision)


def may_archive_file(user, decision: MajorDecision) -> bool:
    """Archive the decision's file (第三十三条)."""
    return _takes("archive_file", user, decision)


def step_permission(kind: str):
    """The may_<action> that says who records a step of this kind (and adds to its evidence)."""
    return {StepKind.LEGALITY_REVIEW: may_review, StepKind.COLLECTIVE_DISCUSSION: may_discuss,
            StepKind.PARTY_REPORT: may_report_to_party}.get(kind, may_step)


# ----- the catalogue (第三条第三款): kept by the legal office with the decision organ -----

def may_create_catalogue(user, record=None) -> bool:
    return is_office(user)


def may_publish_catalogue(user, catalogue) -> bool:
    return is_office(user)

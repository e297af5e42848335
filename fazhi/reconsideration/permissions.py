"""Who may do what with 行政复议 cases: the one home of the module's user rules (docs/decisions/0013).

The respondent unit handles its own cases; the legal-affairs office and the administrator all (their zone-wide change
permission, fazhi.core.roles). `user` None is the system.
"""

from fazhi.core.services import may_change
from fazhi.reconsideration.lifecycle import LIFECYCLE, Actor


def actors(user, case) -> set[str]:
    return {Actor.UNIT} if not case.is_archived and may_change(case, user) else set()


def _allows(user, case, action: str) -> bool:
    return LIFECYCLE.allows(case.status, action, actors(user, case))


def may_answer(user, case) -> bool:
    return _allows(user, case, "answer")


def may_extend(user, case) -> bool:
    """Once, and never in the simple procedure (第六十二条)."""
    return not case.simple_procedure and case.extended_to is None and _allows(user, case, "extend")


def may_decide(user, case) -> bool:
    return _allows(user, case, "decide")


def may_receive_opinion(user, case) -> bool:
    """A 行政复议意见书 may come during the case or after the decision."""
    return case.opinion_received_on is None and bool(actors(user, case))


def may_report_opinion(user, case) -> bool:
    return case.opinion_received_on is not None and case.opinion_reported_on is None and bool(actors(user, case))


def may_record_document_review(user, case) -> bool:
    """附带审查 is asked while the case is under review (行政复议中止, 第五十八条)."""
    return case.reviewed_document_id is None and case.decided_on is None and bool(actors(user, case))


def may_answer_document_review(user, case) -> bool:
    return case.reviewed_document_id is not None and case.document_answered_on is None and bool(actors(user, case))

"""Who may do what with tracked items: the one home of the ledger's user rules (docs/decisions/0013).

A unit handles the items it owns; the legal-affairs office and the administrator all (fazhi.core.roles).
"""

from fazhi.core import clock
from fazhi.core.services import may_change


def _open(user, item) -> bool:
    return not item.is_archived and item.answered_on is None and may_change(item, user)


def may_extend(user, item) -> bool:
    return _open(user, item) and item.extended_to is None


def may_answer(user, item) -> bool:
    return _open(user, item)


def may_rate(user, item) -> bool:
    return not item.is_archived and item.answered_on is not None and not item.satisfaction and may_change(item, user)


def may_escalate(user, item) -> bool:
    """督办: the legal-affairs office (zone-wide change), once, on an item past its due date unanswered."""
    return (_open(user, item) and item.escalated_on is None and item.effective_due_on < clock.today()
            and (user is None or user.has_perm("ledger.change_all_trackeditem")))

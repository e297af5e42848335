"""Who may do what with tracked items: the one home of the ledger's user rules (docs/decisions/0013).

A unit handles the items it owns; the legal-affairs office and the administrator all (fazhi.core.roles); the
legal-affairs office alone escalates (督办), reassigns (改派) and strikes audit findings off (对账销号), its zone-wide
change permission.
"""

from fazhi.core import clock
from fazhi.core.services import may_change
from fazhi.ledger.constants import PROPOSAL_KINDS, ItemKind


def _zone_wide(user) -> bool:
    return user is None or user.has_perm("ledger.change_all_trackeditem")


def _open(user, item) -> bool:
    """Unanswered, with its unit (not returned), and the user may change it."""
    return (not item.is_archived and item.answered_on is None and item.returned_on is None
            and may_change(item, user))


def may_extend(user, item) -> bool:
    return _open(user, item) and item.extended_to is None


def may_answer(user, item) -> bool:
    return _open(user, item)


def may_escalate(user, item) -> bool:
    """督办: once, on an item past its due date unanswered."""
    return (_open(user, item) and item.escalated_on is None and item.effective_due_on < clock.today()
            and _zone_wide(user))


def may_return(user, item) -> bool:
    """退回: a proposal the unit finds outside its duties (the period is checked by the service, with its message)."""
    return _open(user, item) and item.kind in PROPOSAL_KINDS


def may_reassign(user, item) -> bool:
    return (not item.is_archived and item.answered_on is None and item.returned_on is not None
            and _zone_wide(user) and may_change(item, user))


def may_rate(user, item) -> bool:
    return not item.is_archived and item.answered_on is not None and not item.satisfaction and may_change(item, user)


def may_answer_again(user, item) -> bool:
    return (not item.is_archived and item.second_due_on is not None and item.second_answered_on is None
            and may_change(item, user))


def may_rate_again(user, item) -> bool:
    return (not item.is_archived and item.second_answered_on is not None and not item.second_satisfaction
            and may_change(item, user))




def may_close(user, item) -> bool:
    """对账销号: the legal-affairs office, on an audit finding whose rectification has been reported."""
    return (not item.is_archived and item.kind == ItemKind.AUDIT and item.answered_on is not None
            and item.closed_on is None and _zone_wide(user) and may_change(item, user))


def may_add_co_handler(user, item) -> bool:
    """会办 is added to an open proposal by its 主办 unit or the legal-affairs office."""
    return _open(user, item) and item.kind in PROPOSAL_KINDS


def may_give_views(user, co_handling) -> bool:
    """The co-handling unit (or the legal-affairs office) sends its views once."""
    return not co_handling.is_archived and co_handling.views_on is None and may_change(co_handling, user)

"""Who may do what with the catalogue and the cases: the one home of the module's user rules (docs/decisions/0013).

Read by the services (which refuse), the pages (`Action(allowed=...)`) and the API (`gate_action`).
A department sees and handles its own unit's cases; the legal-affairs office and the administrator see all
(the permission pairs of fazhi.core.roles); the catalogue is kept zone-wide. `user` None is the system (a loader).
"""

from fazhi.core.models import perm_name
from fazhi.core.services import may_change
from fazhi.permits.lifecycle import LIFECYCLE, Actor
from fazhi.permits.models import CatalogueEntry


def actors(user, case) -> set[str]:
    """The lifecycle's actor kinds `user` acts as on `case`."""
    return {Actor.UNIT} if may_change(case, user) else set()


def _allows(user, case, action: str) -> bool:
    return not case.is_archived and LIFECYCLE.allows(case.status, action, actors(user, case))


def may_start(user, case) -> bool:
    return _allows(user, case, "start")


def may_demand(user, case) -> bool:
    return _allows(user, case, "demand")


def may_extend(user, case) -> bool:
    return _allows(user, case, "extend") and not case.extended_days


def may_exclude(user, case) -> bool:
    return _allows(user, case, "exclude")


def may_decide(user, case) -> bool:
    return _allows(user, case, "decide")


def may_withdraw(user, case) -> bool:
    return _allows(user, case, "withdraw")


def may_keep_catalogue(user, record=None) -> bool:
    """The catalogue (editions, matters, entries) is kept by whoever holds the zone-wide change right on it."""
    return user is None or user.has_perm(perm_name(CatalogueEntry, "change_all"))


# ----- 告知承诺 and the business environment ------------------------------------------------------

def may_record_commitment(user, case) -> bool:
    """The commitment (kind, text) is recorded on a commitment case by its unit, before its checks exist."""
    return not case.is_archived and may_change(case, user) and not case.checks.exists()


def may_draw(user, unit) -> bool:
    """A unit draws the checks of its own commitment cases; the legal-affairs office any unit's."""
    from fazhi.permits.models import CheckDraw

    if user is None:
        return True
    if user.has_perm(perm_name(CheckDraw, "change_all")):
        return True
    return (user.has_perm(perm_name(CheckDraw, "change_own_unit")) and user.has_perm(perm_name(CheckDraw, "add"))
            and unit is not None and user.org_unit_id == unit.pk)


def may_reveal(user, draw) -> bool:
    return not draw.is_archived and not draw.drawn and may_change(draw, user)


def may_record_result(user, check) -> bool:
    return not check.is_archived and not check.result and may_change(check, user)


def may_hand_over(user, check) -> bool:
    """A false or unmet commitment goes to enforcement once (a new enforcement case, or one already open)."""
    from fazhi.permits.constants import BREACHES

    return (not check.is_archived and check.result in BREACHES and check.enforcement_case_id is None
            and may_change(check, user))


def may_repair_credit(user, record) -> bool:
    """The repair the credit authority decided is recorded once, by the case's unit or the legal-affairs office."""
    return not record.is_archived and record.repaired_on is None and may_change(record, user)

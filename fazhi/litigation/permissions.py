"""Who may do what with lawsuits: the one home of the module's user rules (docs/decisions/0013).

The defendant unit handles its own lawsuits; the legal-affairs office and the administrator all (their zone-wide
change permission, fazhi.core.roles). Read by the services, the pages and the API. `user` None is the system.
"""

from fazhi.core.services import may_change
from fazhi.litigation.lifecycle import LIFECYCLE, Actor


def actors(user, litigation) -> set[str]:
    """The lifecycle's actor kinds `user` acts as on `litigation`."""
    return {Actor.UNIT} if not litigation.is_archived and may_change(litigation, user) else set()


def _allows(user, litigation, action: str) -> bool:
    return LIFECYCLE.allows(litigation.status, action, actors(user, litigation))


def may_defend(user, litigation) -> bool:
    return _allows(user, litigation, "defend")


def may_hear(user, litigation) -> bool:
    return _allows(user, litigation, "hearing")


def may_close(user, litigation) -> bool:
    return _allows(user, litigation, "close")

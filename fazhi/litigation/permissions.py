"""Who may do what with lawsuits: the one home of the module's user rules (docs/decisions/0013).

The defendant unit handles its own lawsuits; the legal-affairs office and the administrator all (their zone-wide
change permission, fazhi.core.roles). Read by the services, the pages and the API. `user` None is the system.
"""

from fazhi.core.services import may_change
from fazhi.litigation.lifecycle import LIFECYCLE, Actor


def actors(user, litigation) -> set[str]:
    """The lifecycle's actor kinds `user` acts as on `litigation`."""
    return {Actor.UNIT} if not litigation.is_archived and may_change(litigation, user) else set()


def _may(action: str):
    def may(user, litigation) -> bool:
        return LIFECYCLE.allows(litigation.status, action, actors(user, litigation))

    may.__name__ = f"may_{action}"
    return may


may_defend = _may("defend")
may_hear = _may("hearing")
may_close = _may("close")

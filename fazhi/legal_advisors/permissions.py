"""Who may do what with the legal-advisor register: the one home of its user rules (ADR 0013).

Each `may_<action>(user, record) -> bool` is read by the service (which refuses), by the contract page
(which shows the button: `Action(..., allowed=...)`) and by the API (`gate_action`, 403). `user` None is the
system (the demo loader). Whether the record is archived is not a user rule: the pages and gate_action refuse
archived records first.
"""

from fazhi.core.services import may_change


def may_record_work(user, contract) -> bool:
    """The advisor's work is recorded by those who may change the contract (its unit's staff, the
    legal-affairs office) and add work records."""
    return user is None or (user.has_perm("legal_advisors.add_advisorwork") and may_change(contract, user))


def may_terminate(user, contract) -> bool:
    """A contract is ended early by those who may change it."""
    return may_change(contract, user)


def may_view_coverage(user) -> bool:
    """The zone-wide coverage (全覆盖) through the API: those who see every unit's contracts."""
    return user.has_perm("legal_advisors.view_all_advisorcontract")

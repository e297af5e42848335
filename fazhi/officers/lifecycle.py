"""The status machines of certificates and certificate applications, declared with the core Lifecycle type.
No Django.

Who may take an action is fazhi.officers.permissions' to say (the services ask it first); these tables say
when: from which status an action may be taken and to which it leads. The services ask `transition()` before
every status change and write the status it returns.

- A certificate is suspended (暂扣) and reinstated, or revoked (注销) for good. "expired" is also a
  stored status of certificates loaded from registers; it behaves like "valid" (the expiry itself is
  read from the dates, not moved to).
- A certificate application is approved (the certificate issued) or rejected, once.
"""

from enum import StrEnum

from fazhi.core.lifecycle import Lifecycle, Transition
from fazhi.core.lifecycle import TransitionError as TransitionError  # the services catch lifecycle.TransitionError

# The party the tables name: whoever permissions.may_<action> allows (the legal-affairs office, as a rule).
KEEPER = "keeper"
_KEEPER = frozenset({KEEPER})
_ACTORS = {KEEPER: "有权办理的人员"}


class CertificateStatus(StrEnum):
    """The values of constants.CertificateStatus."""

    VALID = "valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


_IN_FORCE = frozenset({CertificateStatus.VALID, CertificateStatus.EXPIRED})

CERTIFICATE = Lifecycle(
    noun="执法证件",
    statuses={CertificateStatus.VALID: "有效", CertificateStatus.EXPIRED: "已过期",
              CertificateStatus.SUSPENDED: "暂扣", CertificateStatus.REVOKED: "已注销"},
    actor_labels=_ACTORS,
    final=frozenset({CertificateStatus.REVOKED}),
    transitions=(
        Transition("suspend", _IN_FORCE, CertificateStatus.SUSPENDED, _KEEPER, "暂扣"),
        Transition("reinstate", frozenset({CertificateStatus.SUSPENDED}), CertificateStatus.VALID, _KEEPER, "恢复"),
        Transition("revoke", _IN_FORCE | {CertificateStatus.SUSPENDED}, CertificateStatus.REVOKED, _KEEPER, "注销"),
    ),
)


class ApplicationStatus(StrEnum):
    """The values of constants.ApplicationStatus."""

    APPLIED = "applied"
    APPROVED = "approved"
    REJECTED = "rejected"


APPLICATION = Lifecycle(
    noun="执法证件申领",
    statuses={ApplicationStatus.APPLIED: "已申请", ApplicationStatus.APPROVED: "已核发",
              ApplicationStatus.REJECTED: "不予核发"},
    actor_labels=_ACTORS,
    final=frozenset({ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}),
    transitions=(
        Transition("approve", frozenset({ApplicationStatus.APPLIED}), ApplicationStatus.APPROVED, _KEEPER,
                   "核发证件"),
        Transition("reject", frozenset({ApplicationStatus.APPLIED}), ApplicationStatus.REJECTED, _KEEPER,
                   "不予核发"),
    ),
)

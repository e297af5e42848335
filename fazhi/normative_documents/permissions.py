"""Who may do what with a normative document or a cleanup: the one home of these rules (docs/decisions/0013).

Each `may_<action>(user, record)` says whether `user` may take the action on the record, whatever its status
(the lifecycle says when: lifecycle.LIFECYCLE). The services call these functions (or `actor()`, which the
lifecycle's table reads) and refuse; the pages show an action and the API answers it only when the same
function says yes. `user` None is the platform itself (the expiry command, the demo loader): it may act.
"""

from fazhi.core.roles import Role
from fazhi.normative_documents import lifecycle
from fazhi.normative_documents.models import NormativeDocument

# The legal-affairs office (法制机构) and the administrator act for it.
OFFICE_ROLES = (Role.LEGAL_OFFICE, Role.ADMIN)


def is_office(user) -> bool:
    """The user acts for the legal-affairs office (or is the platform)."""
    return user is None or getattr(user, "role", None) in OFFICE_ROLES


def may_change(user, document: NormativeDocument) -> bool:
    """The document is in the user's change scope (the drafting unit's own staff, or the office for every unit)."""
    return user is None or NormativeDocument.objects.changeable_by(user).filter(pk=document.pk).exists()


def actor(user, document: NormativeDocument) -> lifecycle.Actor | None:
    """The lifecycle actor `user` is for `document`, or None when they may not act on it at all."""
    if user is None:
        return lifecycle.Actor.SYSTEM
    if not may_change(user, document):
        return None
    return lifecycle.Actor.LEGAL_OFFICE if is_office(user) else lifecycle.Actor.DRAFTING_UNIT


def _takes(action: str, user, document: NormativeDocument) -> bool:
    """The lifecycle's table lets the actor `user` is take `action` (in the statuses it allows)."""
    kind = actor(user, document)
    return kind is not None and kind in lifecycle.LIFECYCLE.rule(action).actors


# ----- the document's lifecycle -----

def may_update(user, document: NormativeDocument) -> bool:
    """Revise the draft (the edit page; the services say in which statuses)."""
    return actor(user, document) is not None


def may_open_comment(user, document: NormativeDocument) -> bool:
    return _takes("open_comment", user, document)


def may_comment(user, document: NormativeDocument) -> bool:
    """Record an opinion received in the public comment period."""
    return may_change(user, document) and (user is None or user.has_perm("normative_documents.add_publiccomment"))


def may_respond(user, document: NormativeDocument) -> bool:
    """Say whether a public comment was adopted (采纳情况)."""
    return may_change(user, document)


def may_submit_review(user, document: NormativeDocument) -> bool:
    return _takes("submit_review", user, document)


def may_review(user, document: NormativeDocument) -> bool:
    """合法性审核 is the legal-affairs office's staff's (国办发〔2018〕115号), for every unit's drafts."""
    if user is None:
        return True
    return (getattr(user, "role", None) == Role.LEGAL_OFFICE
            and user.has_perm("normative_documents.add_legalityreview") and _takes("review", user, document))


def may_fair_competition_review(user, document: NormativeDocument) -> bool:
    """公平竞争审查 is the drafting unit's (公平竞争审查条例 第十三条), recorded by its staff or the legal office."""
    return may_change(user, document) and (
        user is None or user.has_perm("normative_documents.add_faircompetitionreview"))


def may_mark_market(user, document: NormativeDocument) -> bool:
    """Decide whether the draft concerns operators' economic activity: the legal office only."""
    return is_office(user) and may_change(user, document)


def may_deliberate(user, document: NormativeDocument) -> bool:
    return _takes("deliberate", user, document)


def may_publish(user, document: NormativeDocument) -> bool:
    """签发公布 with the platform's number: the legal office (统一登记、统一编号、统一印发)."""
    return _takes("publish", user, document)


def may_file(user, document: NormativeDocument) -> bool:
    return _takes("file", user, document)


def may_evaluate(user, document: NormativeDocument) -> bool:
    return _takes("evaluate", user, document)


def may_amend(user, document: NormativeDocument) -> bool:
    return _takes("amend", user, document)


def may_repeal(user, document: NormativeDocument) -> bool:
    return _takes("repeal", user, document)


def may_expire(user, document: NormativeDocument) -> bool:
    """Expiry is the platform's alone (documents_expire)."""
    return _takes("expire", user, document)


def may_abandon(user, document: NormativeDocument) -> bool:
    return _takes("abandon", user, document)


# ----- cleanups (清理): organised by the legal office -----

def may_create_cleanup(user, record=None) -> bool:
    return is_office(user)


def may_add_to_cleanup(user, cleanup) -> bool:
    return is_office(user)


def may_decide_cleanup(user, cleanup) -> bool:
    return is_office(user)


def may_publish_cleanup(user, cleanup) -> bool:
    return is_office(user)

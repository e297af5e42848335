"""Who may do what with enforcement records: the one home of every user rule of the module (ADR 0013).

Each `may_<action>(user, record) -> bool` is read by the service (which refuses), by the page (which shows
the button: `Action(..., allowed=permissions.may_<action>)`) and by the API (`gate_action`, 403). `user` None
is the system (a loader, the demo): allowed wherever the services allowed it before. Whether the record is
archived is not a user rule: the pages and gate_action refuse archived records first.
"""

from django.utils.translation import gettext_lazy as _

from fazhi.core.exceptions import cn_date
from fazhi.core.roles import Role
from fazhi.core.services import may_change as _may_change
from fazhi.enforcement.constants import REVIEWER_QUALIFICATION_REQUIRED_FROM, LegalReviewer, MatterKind


def _adds(user, model_name: str) -> bool:
    """Whether `user` (None: the system) holds the permission to add records of `model_name`."""
    return user is None or user.has_perm(f"enforcement.add_{model_name}")


def _changes(user, record) -> bool:
    """Whether `user` may change `record`: the permission pairs (zone-wide, or own unit) and the record's unit."""
    return _may_change(record, user)


# ----- cases -----

def may_assign_officer(user, case) -> bool:
    return _adds(user, "caseofficer") and _changes(user, case)


def may_add_step(user, case) -> bool:
    return _adds(user, "casestep") and _changes(user, case)


def may_upload_record(user, case) -> bool:
    return _adds(user, "processrecord") and _changes(user, case)


def may_decide(user, case) -> bool:
    return _changes(user, case)


def may_close(user, case) -> bool:
    return _changes(user, case)


def may_publish(user, case) -> bool:
    return _adds(user, "decisionpublication") and _changes(user, case)


def may_withdraw(user, case) -> bool:
    """Whoever publishes a decision withdraws its publication."""
    return may_publish(user, case)


def may_record_overturn(user, case) -> bool:
    """After the decision, even on a closed case: 行政复议 and litigation come later."""
    return _adds(user, "decisionoverturn") and _changes(user, case)


# Who judges that a case is an "other" major decision (国办发〔2018〕118号 四(十一)): the staff of the case's
# unit, or the legal-affairs office (zone-wide).
MAJOR_DECLARERS = (Role.UNIT_STAFF, Role.LEGAL_OFFICE, Role.ADMIN)


def may_declare_major(user, case) -> bool:
    return user is None or (getattr(user, "role", None) in MAJOR_DECLARERS and _changes(user, case))


def may_enter_back_files(user, case=None) -> bool:
    """Entering historical paper files (补录) is the legal-affairs office's (or the system's) to do."""
    return user is None or getattr(user, "role", None) == Role.LEGAL_OFFICE


# ----- special inspections, unit inspections, rectifications -----

def may_add_unit(user, inspection) -> bool:
    return _adds(user, "unitinspection") and _changes(user, inspection)


def may_set_status(user, inspection) -> bool:
    return _changes(user, inspection)


def may_self_check(user, unit_inspection) -> bool:
    """The inspected unit records its self-check (and the legal-affairs office for it)."""
    return _changes(user, unit_inspection)


def may_record_on_site(user, unit_inspection) -> bool:
    """The on-site check (实地督查) is the legal-affairs office's: those who may change every unit inspection."""
    return user is None or user.has_perm("enforcement.change_all_unitinspection")


def may_add_rectification(user, unit_inspection) -> bool:
    return _adds(user, "rectification") and _changes(user, unit_inspection)


def may_complete_rectification(user, rectification) -> bool:
    return _changes(user, rectification)


# ----- who reviews a major decision (法制审核) -----

REVIEW_LEGAL_OFFICE_ONLY = _("%(body)s的重大执法决定由司法局（法制机构）审核，审核意见只能由法制机构工作人员录入"
                             "（国办发〔2018〕118号 四(十一)）。")
REVIEW_OWN_UNIT_ONLY = _("%(body)s的重大执法决定由本单位法制审核机构审核，审核意见只能由%(unit)s的工作人员录入"
                         "（国办发〔2018〕118号 四(十一)）。")
REVIEWER_NOT_QUALIFIED = _("%(user)s的用户信息中没有法律职业资格证书编号：初次从事行政处罚决定法制审核的人员应当取得"
                           "法律职业资格（行政处罚法 第五十八条第二款）；2021年7月15日前已从事法制审核的，请系统管理员"
                           "登记其开始从事法制审核的日期。")


def reviewer_qualification(user) -> str:
    """The user's standing as a reviewer of penalty decisions, as the review keeps it ("" if none)."""
    number = (user.legal_qualification_number or "").strip()
    if number:
        return _("法律职业资格证书%(number)s") % {"number": number}
    since = user.legal_review_since
    if since is not None and since < REVIEWER_QUALIFICATION_REQUIRED_FROM:
        return _("%(date)s起从事法制审核（行政处罚法2021年修订施行前）") % {"date": cn_date(since)}
    return ""


def designated_reviewer(user, case) -> bool:
    """Whether `user` belongs to the reviewers `case`'s body designated (EnforcementBody.legal_reviewer)."""
    if user is None or not user.is_authenticated:
        return False
    body = case.body
    if body.legal_reviewer == LegalReviewer.OWN_UNIT:
        return user.role == Role.UNIT_STAFF and user.org_unit_id == body.org_unit_id
    return user.role == Role.LEGAL_OFFICE


def may_review(user, case) -> bool:
    """Recording the legal review of a major decision: the body's designated reviewers (designated_reviewer);
    the service also checks the reviewer's qualification (review_refusal)."""
    return _adds(user, "majordecisionreview") and designated_reviewer(user, case)


def review_refusal(user, case) -> str | None:
    """Why `user` may not record the legal review of `case`'s decision; None when they may.

    The body's designated reviewer (EnforcementBody.legal_reviewer): the legal-affairs office, or the
    staff of the body's own unit; either way a person qualified under 行政处罚法 第五十八条第二款.
    """
    body = case.body
    if not designated_reviewer(user, case):
        if body.legal_reviewer == LegalReviewer.OWN_UNIT:
            return str(REVIEW_OWN_UNIT_ONLY % {"body": body, "unit": body.org_unit})
        return str(REVIEW_LEGAL_OFFICE_ONLY % {"body": body})
    # 第五十八条第二款 is about 行政处罚决定法制审核 only: a permit's or a compulsory measure's reviewer needs none.
    if case.kind == MatterKind.PENALTY and not reviewer_qualification(user):
        return str(REVIEWER_NOT_QUALIFIED % {"user": user.display_name})
    return None

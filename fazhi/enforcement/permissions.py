"""Who may do what with enforcement records, where a rule goes beyond the permission pairs."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.exceptions import cn_date
from fazhi.core.roles import Role
from fazhi.enforcement.constants import REVIEWER_QUALIFICATION_REQUIRED_FROM, LegalReviewer, MatterKind

# Roles that keep the officers' register, and so read their ID numbers and phones in full: the unit's
# own staff and the legal-affairs office (and the system administrator). Colleagues and leaders see
# them masked (个人信息保护法 第二十八条、第五十一条: sensitive data, access limited to those who need it).
OFFICER_DATA_KEEPERS = (Role.UNIT_STAFF, Role.LEGAL_OFFICE, Role.ADMIN)


def may_see_officer_personal_data(user, officer) -> bool:
    """Whether `user`, who may see `officer`, sees the ID number and phone in full: their keepers, and
    the officer themself."""
    return user.role in OFFICER_DATA_KEEPERS or (officer.user_id is not None and officer.user_id == user.pk)


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

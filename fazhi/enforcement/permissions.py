"""Who may do what with enforcement records, where a rule goes beyond the permission pairs."""

from fazhi.core.roles import Role

# Roles that keep the officers' register, and so read their ID numbers and phones in full: the unit's
# own staff and the legal-affairs office (and the system administrator). Colleagues and leaders see
# them masked (个人信息保护法 第二十八条、第五十一条: sensitive data, access limited to those who need it).
OFFICER_DATA_KEEPERS = (Role.UNIT_STAFF, Role.LEGAL_OFFICE, Role.ADMIN)


def may_see_officer_personal_data(user, officer) -> bool:
    """Whether `user`, who may see `officer`, sees the ID number and phone in full: their keepers, and
    the officer themself."""
    return user.role in OFFICER_DATA_KEEPERS or (officer.user_id is not None and officer.user_id == user.pk)

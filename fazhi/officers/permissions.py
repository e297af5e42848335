"""Who may do what with officers, certificates, training and exams: the one home of the module's user rules
(ADR 0013).

Each `may_<action>(user, record) -> bool` is read by the service (which refuses), by the page (which shows
the button: `Action(..., allowed=permissions.may_<action>)`) and by the API (`gate_action`, 403). `user` None
is the system (a loader, the demo): allowed wherever the services allowed it before. Whether the record is
archived is not a user rule: the pages and gate_action refuse archived records first.
"""

from fazhi.core.roles import Role
from fazhi.core.services import may_change as _may_change
from fazhi.core.validators import mask_id_number, mask_phone

# Roles that keep the officers' register, and so read their ID numbers and phones in full: the unit's
# own staff and the legal-affairs office (and the system administrator). Colleagues and leaders see
# them masked (个人信息保护法 第二十八条、第五十一条: sensitive data, access limited to those who need it).
OFFICER_DATA_KEEPERS = (Role.UNIT_STAFF, Role.LEGAL_OFFICE, Role.ADMIN)


def may_see_officer_personal_data(user, officer) -> bool:
    """Whether `user`, who may see `officer`, sees the ID number and phone in full: their keepers, and
    the officer themself."""
    return user.role in OFFICER_DATA_KEEPERS or (officer.user_id is not None and officer.user_id == user.pk)


# How an officer's ID number and phone read where they are not shown in full (lists, and the page, history
# and API of those who may not see them: may_see_officer_personal_data).
OFFICER_MASKS = {"id_number": mask_id_number, "phone": mask_phone}


def _adds(user, model_name: str) -> bool:
    """Whether `user` (None: the system) holds the permission to add records of `model_name`."""
    return user is None or user.has_perm(f"officers.add_{model_name}")


def _changes(user, record) -> bool:
    """Whether `user` may change `record`: the permission pairs (zone-wide, or own unit) and the record's unit."""
    return _may_change(record, user)


# ----- officers, certificates, applications -----

def may_issue_certificate(user, officer=None) -> bool:
    """Certificates are issued by the judicial administration (司法行政部门): those who may add them."""
    return _adds(user, "enforcementcertificate")


def may_suspend_certificate(user, certificate) -> bool:
    """Suspending, reinstating and revoking a certificate: those who keep it (the legal-affairs office)."""
    return _changes(user, certificate)


may_reinstate_certificate = may_suspend_certificate
may_revoke_certificate = may_suspend_certificate


def may_approve_application(user, application) -> bool:
    """Deciding a certificate application (the service also requires an issuer: may_issue_certificate)."""
    return _changes(user, application)


may_reject_application = may_approve_application


# ----- trainings and exams -----

def may_add_attendance(user, training) -> bool:
    """Recording who attended a training: those who may add attendances and change the training."""
    return _adds(user, "trainingattendance") and _changes(user, training)


def may_record_result(user, exam) -> bool:
    """Recording a candidate's score: those who may add results and change the exam."""
    return _adds(user, "examresult") and _changes(user, exam)


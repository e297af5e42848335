"""API of officers, their certificates and certificate applications.

Kept apart from the rest of enforcement so that they can move to an app of their own as a file move.
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router

from fazhi.core import clock
from fazhi.core.api_support import (
    ActionIn,
    Filters,
    InputSchema,
    OrgUnitRef,
    choices_text,
    label,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_routes,
    responses,
    run_service,
)
from fazhi.core.validators import mask_id_number, mask_phone
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.api.common import (
    NumberRef,
    OfficerRef,
    ReasonIn,
    RecordOut,
    filters_by,
    id_field,
    labelled,
    unit_field,
)
from fazhi.enforcement.constants import ApplicationStatus, CertificateStatus, ExamKind
from fazhi.enforcement.models import CertificateApplication, EnforcementCertificate, ExamResult, Officer

# ===== officers =====

officers = Router()


class OfficerOut(RecordOut):
    """An officer: ID number and phone in full for those who keep the register and the officer, masked for
    colleagues and leaders (permissions.may_see_officer_personal_data); the detail's view is logged."""

    id: int
    full_name: str = Field(..., title=label(Officer, "full_name"))
    org_unit: OrgUnitRef = Field(..., title=label(Officer, "org_unit"))
    id_number: str = Field(..., title=label(Officer, "id_number"))
    phone: str = Field(..., title=label(Officer, "phone"))
    position: str = Field(..., title=label(Officer, "position"))
    may_act_today: bool = Field(..., title="今日可否执法", description="今日是否持有有效执法证件")
    certificate_problem: str | None = Field(None, title="不能执法的原因")

    @staticmethod
    def resolve_id_number(obj, context) -> str:
        shown = permissions.may_see_officer_personal_data(context["request"].user, obj)
        return obj.id_number if shown else mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        shown = permissions.may_see_officer_personal_data(context["request"].user, obj)
        return obj.phone if shown else mask_phone(obj.phone)

    @staticmethod
    def resolve_certificate_problem(obj) -> str | None:
        return selectors.officer_certificate_problem(obj, clock.today())

    @staticmethod
    def resolve_may_act_today(obj) -> bool:
        return selectors.officer_valid_certificate(obj, clock.today()) is not None


class OfficerListOut(OfficerOut):
    """An officer in a list: ID number and phone masked."""

    @staticmethod
    def resolve_id_number(obj, context) -> str:
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        return mask_phone(obj.phone)


class OfficerFilters(Filters):
    org_unit: int | None = id_field(label(Officer, "org_unit"), required=False)


class OfficerIn(InputSchema):
    org_unit: int = id_field(label(Officer, "org_unit"))
    full_name: str = Field(..., min_length=1, max_length=50, title=label(Officer, "full_name"))
    id_number: str = Field(..., min_length=1, max_length=18, title=label(Officer, "id_number"),
                           description="18位居民身份证号码（GB 11643-1999），末位为校验码")
    phone: str = Field("", max_length=20, title=label(Officer, "phone"))
    position: str = Field("", max_length=50, title=label(Officer, "position"))


# The PATCH has always documented id_number without the input's format description.
OfficerPatch = patch_schema(
    OfficerIn, replace={"id_number": Field(None, min_length=1, max_length=18, title=label(Officer, "id_number"))},
)


def _officers(user):
    return Officer.objects.visible_to(user).select_related("org_unit")


_filter_officers = filters_by({"org_unit": "org_unit_id"}, "full_name")


def _officer_history_masks(user, officer) -> dict | None:
    """A colleague or a leader reads an officer's history with the ID number and phone masked, as on the page."""
    return None if permissions.may_see_officer_personal_data(user, officer) else permissions.OFFICER_MASKS


record_routes(officers, model=Officer, prefix="enforcement_officers", title="执法人员", out=OfficerOut, rows=_officers,
              list_out=OfficerListOut, filters_schema=OfficerFilters, apply=_filter_officers,
              create=OfficerIn, service=services.officer_create, create_summary="新增执法人员",
              patch=OfficerPatch, archivable=True, history_masks_for=_officer_history_masks,
              # The model upper-cases the number on save; doing it here lets validation (uniqueness too)
              # see it as stored.
              convert={"org_unit": lambda user, pk: unit_field(user, Officer, pk, "org_unit"),
                 "id_number": lambda user, number: number.upper() if number else number})


# ===== certificates =====

certificates = Router()


class CertificateOut(RecordOut):
    id: int
    number: str = Field(..., title=label(EnforcementCertificate, "number"))
    officer: OfficerRef = Field(..., title=label(EnforcementCertificate, "officer"))
    issuer: str = Field(..., title=label(EnforcementCertificate, "issuer"))
    area: str = Field(..., title=label(EnforcementCertificate, "area"))
    field: str = Field(..., title=label(EnforcementCertificate, "field"))
    valid_from: dt.date = Field(..., title=label(EnforcementCertificate, "valid_from"))
    valid_until: dt.date = Field(..., title=label(EnforcementCertificate, "valid_until"))
    status: str = Field(..., title=label(EnforcementCertificate, "status"),
                        description="记录的状态；" + choices_text(CertificateStatus))
    status_label: str
    status_today: str = Field(..., title="今日状态", description="按今日日期判断：" + choices_text(CertificateStatus))
    status_today_label: str
    days_to_expiry: int | None = Field(None, title="距到期天数", description="有效时为剩余天数，否则为空")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return labelled(obj, "status")

    @staticmethod
    def resolve_status_today(obj) -> str:
        return obj.status_on(clock.today())

    @staticmethod
    def resolve_status_today_label(obj) -> str:
        return str(CertificateStatus(obj.status_on(clock.today())).label)

    @staticmethod
    def resolve_days_to_expiry(obj) -> int | None:
        today = clock.today()
        return (obj.valid_until - today).days if obj.status_on(today) == CertificateStatus.VALID else None


class CertificateFilters(Filters):
    officer: int | None = id_field(label(EnforcementCertificate, "officer"), required=False)
    status: CertificateStatus | None = Field(None, title=label(EnforcementCertificate, "status"),
                                             description="记录的状态；" + choices_text(CertificateStatus))


class CertificateIn(InputSchema):
    officer: int = id_field(label(EnforcementCertificate, "officer"))
    number: str = Field(..., min_length=1, max_length=50, title=label(EnforcementCertificate, "number"))
    issuer: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "issuer"))
    area: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "area"))
    field: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "field"))
    valid_from: dt.date = Field(..., title=label(EnforcementCertificate, "valid_from"))
    valid_until: dt.date = Field(..., title=label(EnforcementCertificate, "valid_until"))


def _certificates(user):
    return EnforcementCertificate.objects.visible_to(user).select_related("officer")


_filter_certificates = filters_by({"officer": "officer_id", "status": "status"}, "number", "officer__full_name")


record_routes(certificates, model=EnforcementCertificate, prefix="enforcement_certificates", title="执法证件",
              out=CertificateOut,
              rows=_certificates, filters_schema=CertificateFilters, apply=_filter_certificates,
              create=CertificateIn, service=services.certificate_issue,
              create_summary="核发执法证件（同时设置到期提醒）",
              convert={"officer": lambda user, pk: pick_linked(Officer, user, pk, EnforcementCertificate, "officer")})


def _certificate_action(name: str, service, may, summary: str) -> None:
    @certificates.post(f"/{{id}}/{name}", response=responses(400, 401, 403, 404, 409, 422, s200=CertificateOut),
                       operation_id=f"enforcement_certificates_{name}", summary=summary)
    def act(request: HttpRequest, payload: ReasonIn, id: int = record_id_param()):
        user = request.user
        record = record_for_action(EnforcementCertificate, user, id, may, payload.version)
        run_service(EnforcementCertificate, service, user=user, certificate=record, reason=payload.reason)
        return _certificates(user).get(pk=record.pk)


_certificate_action("suspend", services.certificate_suspend, permissions.may_suspend_certificate, "暂扣执法证件")
_certificate_action("reinstate", services.certificate_reinstate, permissions.may_reinstate_certificate,
                    "恢复被暂扣的执法证件")
_certificate_action("revoke", services.certificate_revoke, permissions.may_revoke_certificate, "注销执法证件")


# ===== certificate applications =====

applications = Router()


class ApplicationOut(RecordOut):
    id: int
    officer: OfficerRef = Field(..., title=label(CertificateApplication, "officer"))
    kind: str = Field(..., title=label(CertificateApplication, "kind"), description=choices_text(ExamKind))
    kind_label: str
    exam_result: int = Field(..., title=label(CertificateApplication, "exam_result"), description="考试成绩的 id")
    applied_on: dt.date = Field(..., title=label(CertificateApplication, "applied_on"))
    status: str = Field(..., title=label(CertificateApplication, "status"), description=choices_text(ApplicationStatus))
    status_label: str
    certificate: NumberRef | None = Field(None, title=label(CertificateApplication, "certificate"))

    @staticmethod
    def resolve_exam_result(obj) -> int:
        return obj.exam_result_id

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return labelled(obj, "kind")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return labelled(obj, "status")


class ApplicationFilters(Filters):
    status: ApplicationStatus | None = Field(None, title=label(CertificateApplication, "status"),
                                             description=choices_text(ApplicationStatus))
    kind: ExamKind | None = Field(None, title=label(CertificateApplication, "kind"), description=choices_text(ExamKind))


class ApplicationIn(InputSchema):
    exam_result: int = id_field(label(CertificateApplication, "exam_result"))
    applied_on: dt.date = Field(..., title=label(CertificateApplication, "applied_on"))


class ApproveIn(ActionIn):
    number: str = Field(..., min_length=1, max_length=50, title=label(EnforcementCertificate, "number"))
    issuer: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "issuer"))
    area: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "area"))
    field: str = Field(..., min_length=1, max_length=100, title=label(EnforcementCertificate, "field"))
    valid_from: dt.date = Field(..., title=label(EnforcementCertificate, "valid_from"))
    valid_until: dt.date = Field(..., title=label(EnforcementCertificate, "valid_until"))


def _applications(user):
    return CertificateApplication.objects.visible_to(user).select_related("officer", "certificate")


_filter_applications = filters_by({"status": "status", "kind": "kind"}, "officer__full_name")


record_routes(applications, model=CertificateApplication, prefix="enforcement_applications", title="执法证件申领",
              out=ApplicationOut,
              rows=_applications, filters_schema=ApplicationFilters, apply=_filter_applications,
              create=ApplicationIn, service=services.certificate_application_submit,
              create_summary="申领执法证件（须考试合格）",
              convert={"exam_result": lambda user, pk: pick_linked(ExamResult, user, pk, CertificateApplication,
              "exam_result")})


@applications.post("/{id}/approve", response=responses(400, 401, 403, 404, 409, 422, s200=ApplicationOut),
                   operation_id="enforcement_applications_approve", summary="核发执法证件")
def applications_approve(request: HttpRequest, payload: ApproveIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(CertificateApplication, user, id, permissions.may_approve_application, payload.version)
    run_service(EnforcementCertificate, services.certificate_application_approve, user=user, application=record,
                **payload.model_dump(exclude={"version"}))
    return _applications(user).get(pk=record.pk)


@applications.post("/{id}/reject", response=responses(400, 401, 403, 404, 409, 422, s200=ApplicationOut),
                   operation_id="enforcement_applications_reject", summary="不予核发")
def applications_reject(request: HttpRequest, payload: ReasonIn, id: int = record_id_param()):
    user = request.user
    record = record_for_action(CertificateApplication, user, id, permissions.may_reject_application, payload.version)
    run_service(CertificateApplication, services.certificate_application_reject, user=user, application=record,
                reason=payload.reason)
    return _applications(user).get(pk=record.pk)



"""API of enforcement cases: the case, its officers, steps and full-process records."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, File, Form, Path, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from fazhi.core.api_support import (
    MAX_ID,
    UNAVAILABLE,
    ActionIn,
    ActionRoute,
    Filters,
    InputSchema,
    RecordOut,
    choices_text,
    converted_values,
    ensure_can_change,
    filters_by,
    get_visible_or_404,
    lifecycle_routes,
    model_schema,
    patch_schema,
    pick_linked,
    record_for_action,
    record_id_param,
    record_invalid,
    record_routes,
    responses,
    run_service,
)
from fazhi.core.validators import mask_id_number
from fazhi.deadlines.constants import PROVISIONAL_DESCRIPTION
from fazhi.enforcement import permissions, selectors, services
from fazhi.enforcement.api.common import EntityRef, Ref
from fazhi.enforcement.constants import MatterKind, RecordKind
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    ProcessRecord,
)
from fazhi.enforcement.redaction import pseudonym
from fazhi.market_entities.models import MarketEntity
from fazhi.officers.api import NumberRef, OfficerRef
from fazhi.officers.models import Officer

# ===== cases =====

cases = Router()


def _publication(case) -> selectors.PublicationStatus:
    """The case's publication status, worked out once per response (several fields read it)."""
    if not hasattr(case, "_publication_status"):
        case._publication_status = selectors.case_publication_status(case)
    return case._publication_status


CaseBaseOut = model_schema(
    "CaseBaseOut", EnforcementCase,
    ("id", "number", "body", "kind", "kind_label", "matter", "party_entity", "party_name", "party_id_number", "summary",
     "opened_on", "had_hearing", "declared_major", "declared_major_reason", "decision_kind", "fine_amount",
     "decided_on", "closed_on", "decision_kind_label", "publication_status", "publication_status_label",
     "publication_due_on", "publication_due_provisional", "major_reasons"), base=RecordOut,
    types={"body": Ref, "matter": Ref, "party_entity": EntityRef},
    optional=("matter", "party_entity", "fine_amount", "decided_on", "closed_on"),
    # Worked out from the case's dates and records (selectors), not fields of the model.
    extra={
        "publication_status": (str, Field(..., title="执法公示状态",
                                          description="not_decided, pending, on_time, late, overdue")),
        "publication_status_label": str,
        "publication_due_on": (dt.date | None, Field(None, title="应公示日期")),
        "publication_due_provisional": (bool, Field(False, title="应公示日期为暂定",
                                                    description=PROVISIONAL_DESCRIPTION)),
        "major_reasons": (list[str], Field(..., title="属于重大执法决定的理由", description="为空则不属于")),
    },
    resolve={
        "publication_status": lambda obj: _publication(obj).status,
        "publication_status_label": lambda obj: _publication(obj).label,
        "publication_due_on": lambda obj: _publication(obj).due_on,
        "publication_due_provisional": lambda obj: _publication(obj).due_provisional,
        "major_reasons": selectors.case_major_reasons,
    },
    doc="What the list and the detail of a case share (no decision text: it may name the party).")
CaseOut = model_schema("CaseOut", EnforcementCase, ("decision_text",), base=CaseBaseOut,
                       doc="A case in full (the detail, whose view is logged: it names the party).")


class CaseListOut(CaseBaseOut):
    """A case in a list: a person's name as surname + 某, the ID number masked, no decision text
    (it names the party in full; read it in the detail, whose view is logged)."""

    @staticmethod
    def resolve_party_name(obj) -> str:
        return pseudonym(obj.party_name) if obj.party_name else ""

    @staticmethod
    def resolve_party_id_number(obj) -> str:
        return mask_id_number(obj.party_id_number)


CaseFilters = model_schema("CaseFilters", EnforcementCase, ("body", "kind", "decision_kind", "decided"), base=Filters,
                           extra={"decided": (bool | None, Field(None, title="已作出决定"))})
CaseIn = model_schema(
    "CaseIn", EnforcementCase,
    ("body", "number", "kind", "matter", "party_entity", "party_name", "party_id_number", "summary", "opened_on"),
    base=InputSchema, types={"kind": MatterKind | None},
    options={"number": {"default": "", "min_length": None, "description": "留空则自动编号"},
             "kind": {"default": None, "description": "不填则取执法事项的类别；" + choices_text(MatterKind)}})
CasePatch = patch_schema(
    CaseIn, fields=("party_entity", "party_name", "party_id_number", "summary"),
    doc="Corrects the party and the summary; body, kind, matter and dates carry the case's rules and steps.",
)


AssignmentOut = model_schema("AssignmentOut", CaseOfficer, ("id", "officer", "certificate", "assigned_on"),
                             types={"officer": OfficerRef, "certificate": NumberRef})
RecordFileOut = model_schema("RecordFileOut", ProcessRecord, ("id", "kind", "original_name", "size", "sha256"))
CaseStepOut = model_schema(
    "CaseStepOut", CaseStep, ("id", "kind", "kind_label", "happened_on", "note", "records"),
    extra={"records": list[RecordFileOut]},
    resolve={"records": lambda obj: [r for r in obj.records.all() if r.archived_on is None]})


# What selectors.case_completeness and case_records_verify work out, not fields of a model: declared by hand.
class GapOut(Schema):
    step: str
    record_kind: str | None
    text: str


class CheckOut(Schema):
    record_id: int
    name: str
    status: str = Field(..., description="ok 一致；tampered 与保存时不一致（可能被篡改）；missing 文件丢失")
    expected_sha256: str
    actual_sha256: str


class VerificationOut(Schema):
    ok: bool
    checks: list[CheckOut]


AssignIn = model_schema("AssignIn", CaseOfficer, ("officer", "on"), base=ActionIn, source={"on": "assigned_on"})
CaseStepIn = model_schema("CaseStepIn", CaseStep, ("kind", "happened_on", "note"), base=ActionIn)


def case_rows(user):
    return EnforcementCase.objects.visible_to(user).select_related("body", "matter", "party_entity")


_filter_cases = filters_by({"body": "body_id", "kind": "kind", "decision_kind": "decision_kind",
                           "decided": lambda value: {"decided_on__isnull": not value}}, "number", "summary")


# For creating and for correcting a case (convert= of _routes, and cases_update).
_CASE_FIELDS = {
    "body": lambda user, pk: pick_linked(EnforcementBody, user, pk, EnforcementCase, "body"),
    "matter": lambda user, pk: pick_linked(EnforcementMatter, user, pk, EnforcementCase, "matter"),
    "party_entity": lambda user, pk: pick_linked(MarketEntity, user, pk, EnforcementCase, "party_entity"),
    "kind": lambda user, kind: kind or "",  # blank: the matter's kind
}
record_routes(cases, model=EnforcementCase, prefix="enforcement_cases", title="执法案件", out=CaseOut, rows=case_rows,
              list_out=CaseListOut, filters_schema=CaseFilters, apply=_filter_cases,
              create=CaseIn, service=services.case_open, create_summary="立案（自动记录立案环节）",
              convert=_CASE_FIELDS)  # its update has its own handler (below)


@cases.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=CaseOut),
             operation_id="enforcement_cases_update",
             summary="更正案件当事人、案由（需提供 version；结案后不能修改，作出决定后不能更改当事人）")
def cases_update(request: HttpRequest, payload: CasePatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(EnforcementCase, user, id)

    ensure_can_change(user, record)
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    changes = converted_values(user, sent, _CASE_FIELDS)
    # Through the service: a closed case is frozen, and the party is locked once decided.
    run_service(EnforcementCase, services.case_update, user=user, case=record, expected_version=payload.version,
                reason=payload.reason, **changes)
    return case_rows(user).get(pk=record.pk)


def case_for_action(request, id: int, may, version: int | None) -> EnforcementCase:
    return record_for_action(EnforcementCase, request.user, id, may, version, queryset=case_rows(request.user))


@cases.get("/{id}/officers", response=responses(401, 404, 422, s200=list[AssignmentOut]),
           operation_id="enforcement_cases_officers", summary="承办人员")
def cases_officers(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(EnforcementCase, request.user, id)
    return (CaseOfficer.objects.visible_to(request.user).active().filter(case=record)
            .select_related("officer", "certificate").order_by("pk"))


@cases.post("/{id}/officers", response=responses(400, 401, 403, 404, 409, 422, s201=AssignmentOut),
            operation_id="enforcement_cases_assign", summary="指派执法人员（须在该日持有有效执法证件）")
def cases_assign(request: HttpRequest, payload: AssignIn, id: int = record_id_param()):
    user = request.user
    record = case_for_action(request, id, permissions.may_assign_officer, payload.version)
    officer = pick_linked(Officer, user, payload.officer, CaseOfficer, "officer")
    return Status(201, run_service(CaseOfficer, services.case_assign_officer, user=user, case=record, officer=officer,
                                   on=payload.on))


@cases.get("/{id}/steps", response=responses(401, 404, 422, s200=list[CaseStepOut]),
           operation_id="enforcement_cases_steps", summary="办案环节及全过程记录（含SHA-256）")
def cases_steps(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(EnforcementCase, request.user, id)
    return (CaseStep.objects.visible_to(request.user).active().filter(case=record)
            .prefetch_related("records").order_by("happened_on", "pk"))


lifecycle_routes(
    cases, None, model=EnforcementCase, rows=case_rows, out=CaseOut, record_param="case",
    operation_prefix="enforcement_cases",
    other_routes={"add_step": ActionRoute("steps", CaseStepIn, services.case_add_step, permissions.may_add_step,
                                          out=CaseStepOut, status=201, result=CaseStep, summary="记录办案环节")},
)


@cases.post("/{id}/steps/{step_id}/records",
            response=responses(400, 401, 403, 404, 409, 422, s201=RecordFileOut),
            operation_id="enforcement_cases_upload", summary="上传全过程记录文件（multipart，保存SHA-256摘要）")
def cases_upload(request: HttpRequest, kind: Form[RecordKind], file: File[UploadedFile],
                 id: int = record_id_param(), step_id: int = Path(..., ge=1, le=MAX_ID, title="办案环节 id"),
                 version: Form[int | None] = None):
    record = case_for_action(request, id, permissions.may_upload_record, version)
    step = record.steps.active().filter(pk=step_id).first()
    if step is None:
        raise record_invalid(ProcessRecord, ValidationError({"step": str(UNAVAILABLE)}))
    return Status(201, run_service(ProcessRecord, services.process_record_attach, user=request.user, step=step,
                                   kind=kind, file=file, original_name=file.name))


@cases.get("/{id}/completeness", response=responses(401, 404, 422, s200=list[GapOut]),
           operation_id="enforcement_cases_completeness", summary="全过程记录完整性：尚缺的记录（为空即完整）")
def cases_completeness(request: HttpRequest, id: int = record_id_param()):
    return selectors.case_completeness(get_visible_or_404(EnforcementCase, request.user, id))


@cases.get("/{id}/verification", response=responses(401, 404, 422, s200=VerificationOut),
           operation_id="enforcement_cases_verification", summary="校验：重新计算全部记录文件的SHA-256")
def cases_verification(request: HttpRequest, id: int = record_id_param()):
    result = selectors.case_records_verify(get_visible_or_404(EnforcementCase, request.user, id))
    return {"ok": result.ok, "checks": result.checks}



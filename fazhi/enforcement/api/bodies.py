"""API of the enforcement catalogues: bodies (执法主体), matters (执法事项) and the major-decision criteria."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router

from fazhi.core.api_support import (
    Filters,
    InputSchema,
    OrgUnitRef,
    choices_text,
    ensure_can_change,
    get_visible_or_404,
    label,
    patch_schema,
    pick_linked,
    record_id_param,
    record_routes,
    responses,
    run_service,
)
from fazhi.core.exceptions import StaleRecordError
from fazhi.enforcement import services
from fazhi.enforcement.api.common import Ref
from fazhi.enforcement.constants import BodyKind, LegalReviewer, MajorCriterionKind, MatterKind
from fazhi.enforcement.models import EnforcementBody, EnforcementMatter, MajorCriterion
from fazhi.officers.api import RecordOut, filters_by, id_field, labelled, unit_field

# ===== bodies =====

bodies = Router()


class BodyOut(RecordOut):
    id: int
    name: str = Field(..., title=label(EnforcementBody, "name"))
    org_unit: OrgUnitRef = Field(..., title=label(EnforcementBody, "org_unit"))
    kind: str = Field(..., title=label(EnforcementBody, "kind"), description=choices_text(BodyKind))
    kind_label: str
    legal_basis: str = Field(..., title=label(EnforcementBody, "legal_basis"))
    fields: str = Field(..., title=label(EnforcementBody, "fields"))
    legal_reviewer: str = Field(..., title=label(EnforcementBody, "legal_reviewer"),
                                description=choices_text(LegalReviewer))

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return labelled(obj, "kind")


class BodyFilters(Filters):
    org_unit: int | None = id_field(label(EnforcementBody, "org_unit"), required=False)
    kind: BodyKind | None = Field(None, title=label(EnforcementBody, "kind"), description=choices_text(BodyKind))


class BodyIn(InputSchema):
    org_unit: int = id_field(label(EnforcementBody, "org_unit"))
    name: str = Field(..., min_length=1, max_length=200, title=label(EnforcementBody, "name"))
    kind: BodyKind = Field(BodyKind.STATUTORY, title=label(EnforcementBody, "kind"), description=choices_text(BodyKind))
    legal_basis: str = Field(..., min_length=1, title=label(EnforcementBody, "legal_basis"))
    fields: str = Field("", max_length=200, title=label(EnforcementBody, "fields"))
    legal_reviewer: LegalReviewer = Field(LegalReviewer.LEGAL_OFFICE, title=label(EnforcementBody, "legal_reviewer"),
                                          description=choices_text(LegalReviewer))


BodyPatch = patch_schema(BodyIn)


def _bodies(user):
    return EnforcementBody.objects.visible_to(user).select_related("org_unit")


_filter_bodies = filters_by({"org_unit": "org_unit_id", "kind": "kind"}, "name", "fields")


record_routes(bodies, model=EnforcementBody, prefix="enforcement_bodies", title="执法主体", out=BodyOut, rows=_bodies,
              filters_schema=BodyFilters, apply=_filter_bodies,
              create=BodyIn, service=services.body_create, create_summary="新增执法主体",
              patch=BodyPatch, archivable=True,
              convert={"org_unit": lambda user, pk: unit_field(user, EnforcementBody, pk, "org_unit")})


# ===== matters =====

matters = Router()


class MatterOut(RecordOut):
    id: int
    code: str = Field(..., title=label(EnforcementMatter, "code"))
    name: str = Field(..., title=label(EnforcementMatter, "name"))
    kind: str = Field(..., title=label(EnforcementMatter, "kind"), description=choices_text(MatterKind))
    kind_label: str
    body: Ref = Field(..., title=label(EnforcementMatter, "body"))
    legal_basis: str = Field(..., title=label(EnforcementMatter, "legal_basis"))

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return labelled(obj, "kind")


class MatterFilters(Filters):
    body: int | None = id_field(label(EnforcementMatter, "body"), required=False)
    kind: MatterKind | None = Field(None, title=label(EnforcementMatter, "kind"), description=choices_text(MatterKind))


class MatterIn(InputSchema):
    body: int = id_field(label(EnforcementMatter, "body"))
    code: str = Field(..., min_length=1, max_length=50, title=label(EnforcementMatter, "code"))
    name: str = Field(..., min_length=1, max_length=200, title=label(EnforcementMatter, "name"))
    kind: MatterKind = Field(..., title=label(EnforcementMatter, "kind"), description=choices_text(MatterKind))
    legal_basis: str = Field(..., min_length=1, title=label(EnforcementMatter, "legal_basis"))


MatterPatch = patch_schema(MatterIn)


def _matters(user):
    return EnforcementMatter.objects.visible_to(user).select_related("body")


_filter_matters = filters_by({"body": "body_id", "kind": "kind"}, "code", "name", "legal_basis")


record_routes(matters, model=EnforcementMatter, prefix="enforcement_matters", title="执法事项", out=MatterOut,
              rows=_matters,
              filters_schema=MatterFilters, apply=_filter_matters,
              create=MatterIn, service=services.matter_create, create_summary="新增执法事项",
              patch=MatterPatch, archivable=True,
              convert={"body": lambda user, pk: pick_linked(EnforcementBody, user, pk, EnforcementMatter, "body")})


# ===== major-decision criteria =====

criteria = Router()


class CriterionOut(RecordOut):
    id: int
    kind: str = Field(..., title=label(MajorCriterion, "kind"), description=choices_text(MajorCriterionKind))
    kind_label: str
    fine_threshold: Decimal | None = Field(None, title=label(MajorCriterion, "fine_threshold"))
    legal_source: str = Field(..., title=label(MajorCriterion, "legal_source"))
    enabled: bool = Field(..., title=label(MajorCriterion, "enabled"))

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return labelled(obj, "kind")


class CriterionFilters(Filters):
    enabled: bool | None = Field(None, title=label(MajorCriterion, "enabled"))


class CriterionIn(InputSchema):
    kind: MajorCriterionKind = Field(..., title=label(MajorCriterion, "kind"),
                                     description=choices_text(MajorCriterionKind))
    fine_threshold: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2,
                                           title=label(MajorCriterion, "fine_threshold"))
    legal_source: str = Field(..., min_length=1, max_length=200, title=label(MajorCriterion, "legal_source"))
    enabled: bool = Field(True, title=label(MajorCriterion, "enabled"))


CriterionPatch = patch_schema(CriterionIn, fields=("fine_threshold", "legal_source", "enabled"))


def _criteria(user):
    return MajorCriterion.objects.visible_to(user)


_filter_criteria = filters_by({"enabled": "enabled"}, "legal_source")


record_routes(criteria, model=MajorCriterion, prefix="enforcement_criteria", title="重大执法决定情形", out=CriterionOut,
              rows=_criteria,
              filters_schema=CriterionFilters, apply=_filter_criteria,
              create=CriterionIn, service=services.major_criterion_set,
              create_summary="设置重大执法决定情形（法制机构）",
              archivable=True)  # its update has its own handler (below)


@criteria.patch("/{id}", response=responses(400, 401, 403, 404, 409, 422, s200=CriterionOut),
                operation_id="enforcement_criteria_update", summary="修改重大执法决定情形（需提供 version）")
def criteria_update(request: HttpRequest, payload: CriterionPatch, id: int = record_id_param()):
    user = request.user
    record = get_visible_or_404(MajorCriterion, user, id)
    ensure_can_change(user, record)
    if record.version != payload.version:
        raise StaleRecordError(record)
    # Through the service, so the catalogue's rules (a threshold for fines only) hold on every change.
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    values = {"legal_source": record.legal_source, "fine_threshold": record.fine_threshold,
              "enabled": record.enabled, **sent}
    run_service(MajorCriterion, services.major_criterion_set, user=user, kind=record.kind, **values)
    return _criteria(user).get(pk=record.pk)



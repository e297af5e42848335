"""API of the enforcement catalogues: bodies (执法主体), matters (执法事项) and the major-decision criteria."""

from django.http import HttpRequest
from ninja import Router

from fazhi.core.api_support import (
    Filters,
    InputSchema,
    RecordOut,
    ensure_can_change,
    filters_by,
    get_visible_or_404,
    model_schema,
    patch_schema,
    pick_linked,
    record_id_param,
    record_routes,
    responses,
    run_service,
    unit_to_write,
)
from fazhi.core.exceptions import StaleRecordError
from fazhi.enforcement import services
from fazhi.enforcement.api.common import Ref
from fazhi.enforcement.models import EnforcementBody, EnforcementMatter, MajorCriterion

# ===== bodies =====

bodies = Router()

BodyOut = model_schema("BodyOut", EnforcementBody,
                       ("id", "name", "org_unit", "kind", "kind_label", "legal_basis", "fields", "legal_reviewer"),
                       base=RecordOut)
BodyFilters = model_schema("BodyFilters", EnforcementBody, ("org_unit", "kind"), base=Filters)
BodyIn = model_schema("BodyIn", EnforcementBody,
                      ("org_unit", "name", "kind", "legal_basis", "fields", "legal_reviewer"), base=InputSchema)
BodyPatch = patch_schema(BodyIn)


def _bodies(user):
    return EnforcementBody.objects.visible_to(user).select_related("org_unit")


_filter_bodies = filters_by({"org_unit": "org_unit_id", "kind": "kind"}, "name", "fields")


record_routes(bodies, model=EnforcementBody, prefix="enforcement_bodies", title="执法主体", out=BodyOut, rows=_bodies,
              filters_schema=BodyFilters, apply=_filter_bodies,
              create=BodyIn, service=services.body_create, create_summary="新增执法主体",
              patch=BodyPatch, archivable=True,
              convert={"org_unit": unit_to_write(EnforcementBody)})


# ===== matters =====

matters = Router()

MatterOut = model_schema("MatterOut", EnforcementMatter,
                         ("id", "code", "name", "kind", "kind_label", "body", "legal_basis"),
                         base=RecordOut, types={"body": Ref})
MatterFilters = model_schema("MatterFilters", EnforcementMatter, ("body", "kind"), base=Filters)
MatterIn = model_schema("MatterIn", EnforcementMatter, ("body", "code", "name", "kind", "legal_basis"),
                        base=InputSchema)
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

CriterionOut = model_schema("CriterionOut", MajorCriterion,
                            ("id", "kind", "kind_label", "fine_threshold", "legal_source", "enabled"),
                            base=RecordOut, optional=("fine_threshold",))
CriterionFilters = model_schema("CriterionFilters", MajorCriterion, ("enabled",), base=Filters)
CriterionIn = model_schema("CriterionIn", MajorCriterion, ("kind", "fine_threshold", "legal_source", "enabled"),
                           base=InputSchema,
                           options={"fine_threshold": {"ge": 0, "max_digits": 14, "decimal_places": 2}})
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



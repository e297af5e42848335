"""Writes of the enforcement catalogues: bodies, matters and the major-decision criteria."""

from decimal import Decimal

from django.db import transaction

from fazhi.core.exceptions import refuse
from fazhi.core.services import record_create, record_update
from fazhi.enforcement.constants import LegalReviewer, MajorCriterionKind
from fazhi.enforcement.models import EnforcementBody, EnforcementMatter, MajorCriterion
from fazhi.enforcement.services.common import to_decimal
from fazhi.enforcement.services.messages import CRITERION_THRESHOLD_NOT_FINE, CRITERION_THRESHOLD_REQUIRED

# --- bodies and matters -------------------------------------------------------------------


@transaction.atomic
def body_create(*, user, org_unit, name: str, legal_basis: str, kind: str = "statutory",
                fields: str = "", legal_reviewer: str = LegalReviewer.LEGAL_OFFICE) -> EnforcementBody:
    """Register an enforcement body (执法主体) of an org unit."""
    return record_create(model=EnforcementBody, user=user, org_unit=org_unit, name=name.strip(),
                         legal_basis=legal_basis, kind=kind, fields=fields, legal_reviewer=legal_reviewer)


@transaction.atomic
def matter_create(*, user, body: EnforcementBody, code: str, name: str, kind: str,
                  legal_basis: str) -> EnforcementMatter:
    """Add a matter to a body's 执法事项清单."""
    return record_create(model=EnforcementMatter, user=user, body=body, code=code.strip(), name=name.strip(),
                         kind=kind, legal_basis=legal_basis)


# --- major decisions catalogue ---------------------------------------------------------------

_FINE_CRITERIA = (MajorCriterionKind.FINE_ENTITY, MajorCriterionKind.FINE_PERSON)


@transaction.atomic
def major_criterion_set(*, user, kind: str, legal_source: str, fine_threshold: Decimal | None = None,
                        enabled: bool = True) -> MajorCriterion:
    """Create or change the zone's rule for one kind of major enforcement decision."""
    threshold = to_decimal(fine_threshold)
    if kind in _FINE_CRITERIA and (threshold is None or threshold <= 0):
        raise refuse(CRITERION_THRESHOLD_REQUIRED, kind=MajorCriterionKind(kind).label)
    if kind not in _FINE_CRITERIA and threshold is not None:
        raise refuse(CRITERION_THRESHOLD_NOT_FINE)
    fields = {"legal_source": legal_source, "fine_threshold": threshold, "enabled": enabled}
    existing = MajorCriterion.objects.filter(kind=kind).first()
    if existing is None:
        return record_create(model=MajorCriterion, user=user, kind=kind, **fields)
    if existing.is_archived:
        fields.update(archived_on=None, archived_by=None, archived_reason="")
    return record_update(record=existing, user=user, expected_version=existing.version, **fields)



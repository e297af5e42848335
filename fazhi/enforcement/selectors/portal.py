"""Reads for the public portal (no login): bodies, officers in force, published decisions."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from fazhi.core import clock
from fazhi.enforcement.models import DecisionPublication, EnforcementBody, EnforcementMatter
from fazhi.officers.models import EnforcementCertificate
from fazhi.officers.selectors import valid_on_q


@dataclass(frozen=True)
class PublicOfficer:
    """What the portal shows of an officer: no ID number, no phone."""

    full_name: str
    org_unit: str
    certificate_number: str
    field: str
    area: str
    valid_until: dt.date


# --- public disclosure (portal, no login) ---------------------------------------------------


def portal_bodies() -> QuerySet[EnforcementBody]:
    """Enforcement bodies with their matters (事前公开: who enforces what, on what basis)."""
    matters = Prefetch("matters", queryset=EnforcementMatter.objects.active().order_by("code"))
    return (EnforcementBody.objects.active().select_related("org_unit").prefetch_related(matters)
            .order_by("org_unit__sort_order", "name"))


def portal_officers(*, on: dt.date | None = None) -> list[PublicOfficer]:
    """Officers with a certificate in force on `on`, as the portal may show them."""
    on = on or clock.today()
    rows = (EnforcementCertificate.objects.filter(valid_on_q(on), officer__archived_on__isnull=True)
            .select_related("officer", "officer__org_unit")
            .order_by("officer__org_unit__sort_order", "officer__full_name", "-valid_until"))
    seen, result = set(), []
    for certificate in rows:
        if certificate.officer_id in seen:
            continue
        seen.add(certificate.officer_id)
        officer = certificate.officer
        result.append(PublicOfficer(officer.full_name, officer.org_unit.name, certificate.number,
                                    certificate.field, certificate.area, certificate.valid_until))
    return result


def portal_publications(*, year: int | None = None) -> QuerySet[DecisionPublication]:
    """Published (redacted) decisions, newest first."""
    rows = DecisionPublication.objects.active().filter(case__archived_on__isnull=True)
    if year is not None:
        rows = rows.filter(published_on__year=year)
    return rows.select_related("case", "case__body").order_by("-published_on", "-pk")

"""The public portal: what the zone discloses to everyone, without a login.

Nothing here may reveal personal data. The pages read only what is public by law:
enforcement bodies and their matters, officers' names with their certificate numbers and
validity (国办发〔2018〕118号 二(四): 执法人员 and 执法证件 are disclosed), the standard
procedures, and decisions as already redacted when they were published
(DecisionPublication.text). Everything comes from the enforcement selectors; officers as
PublicOfficer (names and certificates only, never ID numbers or phones), and the values are
copied into plain public records so a template cannot reach further into a model.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.core import clock
from fazhi.enforcement import selectors
from fazhi.enforcement.constants import PUBLICATION_DAYS_OTHER, PUBLICATION_DAYS_PERMIT_PENALTY
from fazhi.organisation.selectors import ZoneNotConfiguredError, current_zone

PUBLICATIONS_PER_PAGE = 30


@dataclass(frozen=True)
class PublicMatter:
    code: str
    name: str
    kind: str
    legal_basis: str


@dataclass(frozen=True)
class PublicDecision:
    title: str
    body: str
    decided_on: dt.date | None
    published_on: dt.date
    text: str
    # 行政处罚法 第四十八条第二款: a withdrawn decision shows only that it was withdrawn, when, and why.
    withdrawn_on: dt.date | None = None
    withdrawal_reason: str = ""


@dataclass(frozen=True)
class PublicBody:
    name: str
    kind: str
    org_unit: str
    legal_basis: str
    fields: str
    matters: list[PublicMatter]


def _zone_name() -> str:
    try:
        return current_zone().name
    except ZoneNotConfiguredError:
        return ""


def public_bodies() -> list[PublicBody]:
    """Active enforcement bodies with their active matters, as plain public values."""
    return [
        PublicBody(
            name=body.name, kind=body.get_kind_display(), org_unit=body.org_unit.name,
            legal_basis=body.legal_basis, fields=body.fields,
            matters=[PublicMatter(m.code, m.name, m.get_kind_display(), m.legal_basis) for m in body.matters.all()],
        )
        for body in selectors.portal_bodies()
    ]


@require_safe
def home(request):
    return render(request, "portal/home.html", {"zone_name": _zone_name()})


@require_safe
def enforcement(request):
    """执法公示: bodies, matters, officers and certificates, procedures, published decisions."""
    today = clock.today()
    years = [day.year for day in selectors.portal_publications().dates("published_on", "year", order="DESC")]
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = None
    page = Paginator(selectors.portal_publications(year=year), PUBLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/enforcement.html", {
        "zone_name": _zone_name(),
        "today": today,
        "bodies": public_bodies(),
        "officers": selectors.portal_officers(on=today),
        "publications": page,
        "decisions": [
            PublicDecision(p.title, p.case.body.name, p.case.decided_on, p.published_on, p.text) if not p.withdrawn_on
            else PublicDecision("", p.case.body.name, None, p.published_on, "", p.withdrawn_on, p.withdrawal_reason)
            for p in page
        ],
        "year": year,
        "years": years,
        "days_permit_penalty": PUBLICATION_DAYS_PERMIT_PENALTY,
        "days_other": PUBLICATION_DAYS_OTHER,
    })


# ----- normative documents (行政规范性文件): read through fazhi.normative_documents.selectors only -----


@require_safe
def normative_documents(request):
    """Documents published, in force first; repealed, amended and expired ones marked; cleanup results."""
    from fazhi.normative_documents import selectors as documents

    today = clock.today()
    rows = documents.portal_documents(today=today)
    return render(request, "portal/normative_documents.html", {
        "zone_name": _zone_name(), "today": today,
        "in_force": [d for d in rows if d.status == "in_force"],
        "ended": [d for d in rows if d.status != "in_force"],
        "cleanups": documents.portal_cleanups(),
    })


@require_safe
def normative_document(request, pk: int):
    """One published document with its text."""
    from django.http import Http404

    from fazhi.normative_documents import selectors as documents

    found = documents.portal_document(pk)
    if found is None:
        raise Http404
    document, text = found
    return render(request, "portal/normative_document.html", {
        "zone_name": _zone_name(), "document": document, "text": text,
    })

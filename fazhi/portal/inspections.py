"""一公开 on the portal: published plans, their draws (commitment, sources, record) and results.

Public by law: the plans and results (国发〔2019〕5号 二(四); 企业信息公示暂行条例 第六条、第七条) and, for
our verifiable draw, everything needed to re-run it (docs/draw-algorithm.md). Results are shown
as their category only: the inspectors' free-text findings may name people and stay internal.
Also the witnesses' seal tool (computed in the reader's browser by static/fazhi-seal.js: no form, the
secret is never sent) and the hash-chained commitment log (docs/draw-algorithm.md 2 and 11).
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from fazhi.inspections import engine, selectors
from fazhi.inspections.constants import DrawStatus
from fazhi.inspections.engine import commitlog
from fazhi.inspections.models import Draw
from fazhi.inspections.views import draw_file_response
from fazhi.portal.views import _zone_name

RESULTS_PER_PAGE = 30


@dataclass(frozen=True)
class PublicResult:
    uscc: str
    entity: str
    plan_number: str
    plan_title: str
    result: str
    inspected_on: object
    published_on: object


@require_safe
def inspections(request):
    """抽查计划 and 抽查结果, searchable by USCC or name."""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.published_results(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results = [PublicResult(t.entity.uscc, t.entity.name, t.plan.number, t.plan.title, t.get_result_display(),
                            t.inspected_on, t.published_on) for t in page]
    return render(request, "portal/inspections.html", {
        "zone_name": _zone_name(), "plans": selectors.published_plans()[:50], "results": results, "page": page,
        "q": query,
    })


@require_safe
def inspection_plan(request, number: str):
    plan = get_object_or_404(selectors.published_plans(), number=number)
    draws = list(plan.draws.order_by("-committed_on"))
    return render(request, "portal/inspection_plan.html", {
        "zone_name": _zone_name(), "plan": plan, "units": selectors.plan_units(plan),
        "items": list(plan.items.select_related("org_unit")), "draws": draws,
        "live": next((d for d in draws if d.status != DrawStatus.VOIDED), None),
    })


@require_safe
def draw_file(request, pk: int, kind: str):
    """The frozen input (from the commit) and, once drawn, the complete record, of a published plan."""
    draw = get_object_or_404(Draw.objects.filter(plan__in=selectors.published_plans()), pk=pk)
    if kind not in ("input", "record"):
        raise Http404
    return draw_file_response(draw, kind)


@require_safe
def seal_tool(request):
    """见证人封存秘密数: a witness computes the seal of a secret without sending it anywhere."""
    return render(request, "portal/inspection_seal.html",
                  {"zone_name": _zone_name(), "min_digits": engine.SECRET_MIN_DIGITS})


@require_safe
def commitment_log(request):
    """承诺值登记簿: every commit hash in a hash chain; its last entry hash (the head) is what a reader keeps."""
    entries = list(selectors.commitment_log().select_related("draw__plan"))
    return render(request, "portal/inspection_commitments.html", {
        "zone_name": _zone_name(), "entries": entries[::-1], "head": entries[-1] if entries else None,
        "genesis": commitlog.GENESIS,
    })


@require_safe
def commitment_log_file(request):
    """The log as text, one entry a line (docs/draw-algorithm.md 11)."""
    response = HttpResponse(selectors.commitment_log_text(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "commitment-log.txt")
    return response

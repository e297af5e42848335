"""Public pages of 双随机、一公开 kept with the draw they serve, routed by the portal: the witnesses' seal tool
and the commitment log.

The seal is computed in the reader's browser (static/fazhi-seal.js): the page holds no form, and the
secret is never sent to the server (docs/draw-algorithm.md, section 2).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from fazhi.inspections import engine, selectors
from fazhi.inspections.engine import commitlog
from fazhi.portal.views import _zone_name


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

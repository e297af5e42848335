"""Public pages of 双随机、一公开 kept with the draw they serve, routed by the portal: the witnesses' seal tool.

The seal is computed in the reader's browser (static/fazhi-seal.js): the page holds no form, and the
secret is never sent to the server (docs/draw-algorithm.md, section 2).
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.inspections import engine
from fazhi.portal.views import _zone_name


@require_safe
def seal_tool(request):
    """见证人封存秘密数: a witness computes the seal of a secret without sending it anywhere."""
    return render(request, "portal/inspection_seal.html",
                  {"zone_name": _zone_name(), "min_digits": engine.SECRET_MIN_DIGITS})


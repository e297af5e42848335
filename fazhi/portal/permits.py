"""The public page of the 涉企经营许可事项清单 in force (no login, no personal data): read through
fazhi.permits.selectors only."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.core import clock


@require_safe
def permit_catalogue(request):
    """The catalogue in force today: each matter's basis, who approves, its reform mode, measures and oversight."""
    from fazhi.permits import selectors as permits
    from fazhi.permits.constants import ReformMode

    today = clock.today()
    entries = list(permits.catalogue_in_force(today))
    mode = request.GET.get("mode", "")
    counts = {value: sum(1 for e in entries if e.mode == value) for value in ReformMode.values}
    return render(request, "portal/permit_catalogue.html", {
        "today": today, "edition": permits.edition_in_force(today),
        "entries": [e for e in entries if e.mode == mode] if mode in ReformMode.values else entries,
        "modes": [(value, label, counts[value]) for value, label in ReformMode.choices], "mode": mode,
    })

"""What every yearly statistics page shares: which year it opens on."""

from collections.abc import Iterable

# Years a statistics page accepts in ?year= (the platform holds nothing older).
FIRST_YEAR = 1990


def chosen_year(request, years_with_records: Iterable[int], this_year: int) -> int:
    """The ?year= asked for when it is a year the page can show; else the latest year with records (not
    after this year): a page opened in January shows last year's figures, not an empty new year."""
    text = request.GET.get("year", "")
    if text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= this_year + 1:
        return int(text)
    recorded = [year for year in years_with_records if year <= this_year]
    return max(recorded, default=this_year)


def workbook_response(title: str, sheets: list[tuple[str, list[str], list[list]]]):
    """A statistics page's figures as an .xlsx download: one sheet per table, as the page shows them.

    The page's own view builds the sheets from the figures it renders (asked with ?format=xlsx), so
    the file and the page never disagree.
    """
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from fazhi.core import clock
    from fazhi.records.pages import XLSX_CONTENT_TYPE
    from fazhi.registers.tabular import write_workbook

    filename = f"{title}-{clock.today():%Y%m%d}.xlsx"
    return HttpResponse(write_workbook(sheets), content_type=XLSX_CONTENT_TYPE,
                        headers={"Content-Disposition": content_disposition_header(True, filename)})


def wants_workbook(request) -> bool:
    return request.GET.get("format") == "xlsx"


def statistics_unit(user, model, requested: str | int | None):
    """The unit a statistics page or endpoint counts for: a zone-wide reader picks one (or none: the whole zone,
    None); anyone else gets their own unit. Refuses (PermissionDenied) a user who may not read the model at all."""
    from django.core.exceptions import PermissionDenied

    opts = model._meta
    if user.has_perm(f"{opts.app_label}.view_all_{opts.model_name}"):
        text = str(requested or "")
        units = user._meta.get_field("org_unit").related_model.objects  # the org units (no import of their app)
        return units.filter(pk=int(text)).first() if text.isascii() and text.isdigit() else None
    if not user.has_perm(f"{opts.app_label}.view_own_unit_{opts.model_name}") or not user.org_unit_id:
        raise PermissionDenied
    return user.org_unit

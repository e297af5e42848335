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

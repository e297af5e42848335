"""The normative documents' part of the annual report (seed report 三(一)): how many drafts the legal-affairs
office reviewed in the year (审核规范性文件N件) and how many documents were repealed (废止N件).

The figures are the statistics page's (selectors.yearly_statistics); each names its records.
"""

from django.utils.translation import gettext as _

from fazhi.core.modules import CASES, Figure, ReportSection, list_url
from fazhi.normative_documents import selectors
from fazhi.normative_documents.constants import DocumentStatus
from fazhi.normative_documents.models import LegalityReview, NormativeDocument


def _documents(unit):
    documents = NormativeDocument.objects.active()
    return documents if unit is None else documents.filter(drafting_unit=unit)


def reviewed(year: int, unit=None):
    """The documents whose legality was reviewed in the year (审核)."""
    reviews = LegalityReview.objects.active().filter(reviewed_on__year=year)
    return _documents(unit).filter(pk__in=reviews.values("document"))


def repealed(year: int, unit=None):
    """The documents repealed in the year (废止)."""
    return _documents(unit).filter(status=DocumentStatus.REPEALED, ended_on__year=year)


def report_section(year: int, unit=None) -> ReportSection:
    stats = selectors.yearly_statistics(year, org_unit=unit)
    return ReportSection(_("行政规范性文件管理"), (
        Figure(_("审核规范性文件"), stats.reviewed, CASES,
               url=list_url("normative_documents:documents:list", drafting_unit=unit),
               records=lambda: reviewed(year, unit)),
        Figure(_("废止规范性文件"), stats.repealed, CASES,
               url=list_url("normative_documents:documents:list", status=DocumentStatus.REPEALED, drafting_unit=unit),
               records=lambda: repealed(year, unit)),
    ), year=year, unit=unit)
